"""The `wheels` step: build every chapter's release wheel once, then prove it ships.

1. `maturin build --release` of every chapter into one shared target directory
   (target/python-release), wheels into target/wheels/dist;
2. every wheel is tagged `cp311-abi3-*`;
3. `abi3audit --strict` finds no violation in any of them, and does find one in
   a copy of Chapter 10 built without the abi3 feature (so the audit can fail);
4. Chapter 10's sdist builds, and a wheel built from it holds the same files,
   byte for byte, as the wheel built from the repository;
5. each wheel is installed into a fresh virtual environment under
   target/wheels-venvs, for CPython 3.11 and the newest other CPython found,
   and its chapter's pytest suite runs against it; a plugin
   (`cookbook.installed_copy`) fails the run if the suite imported any other copy;
6. `python -m mypy.stubtest` passes for every chapter's package and its `_native`.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cookbook.project import Chapter, chapters, executable, run, target_dir, tool_env

# The CPython that is the wheels' floor, and the newer ones worth trying.
FLOOR = "3.11"
NEWER = ("3.14", "3.13", "3.12")
# What the test suites need beside the wheel, pinned to the versions this
# environment has (so uv finds them in its cache).
TEST_TOOLS = ("pytest", "hypothesis", "pytest-asyncio", "mypy")
# The chapter whose sdist is rebuilt, and whose non-abi3 build the audit must refuse.
SHOWCASE = "ch10-abi3-wheels"


@dataclass(frozen=True)
class WheelName:
    """The five parts of a wheel's file name (PEP 427), without a build tag."""

    distribution: str
    version: str
    python: str
    abi: str
    platform: str


def parse_wheel_name(name: str) -> WheelName:
    parts = name.removesuffix(".whl").split("-")
    if not name.endswith(".whl") or len(parts) != 5:
        raise ValueError(f"{name!r} is not a wheel file name (NAME-VERSION-PYTHON-ABI-PLATFORM)")
    return WheelName(*parts)


def tag_problem(name: str, platform: str = sys.platform) -> str | None:
    """Why a chapter's wheel file name is not a stable-ABI wheel for 3.11 and later, or None."""
    wheel = parse_wheel_name(name)
    if (wheel.python, wheel.abi) != ("cp311", "abi3"):
        return (
            f"{name}: tagged {wheel.python}-{wheel.abi}, not cp311-abi3: "
            'is `features = ["pyo3/abi3-py311"]` missing from [tool.maturin]?'
        )
    if platform.startswith("linux") and not wheel.platform.startswith("manylinux"):
        return f"{name}: platform {wheel.platform}, not manylinux_*: PyPI refuses linux_* wheels"
    return None


def choose_pythons(found: dict[str, Path]) -> list[tuple[str, Path]]:
    """3.11 and the newest other version found, or what there is of them."""
    chosen = [(FLOOR, found[FLOOR])] if FLOOR in found else []
    for version in NEWER:
        if version in found:
            chosen.append((version, found[version]))
            break
    return chosen


def find_python(version: str) -> Path | None:
    """A CPython `version` on this machine: uv's view first, then pyenv's versions."""
    uv = executable("uv") or "uv"
    command = [uv, "python", "find", "--no-python-downloads", "--system", version]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode == 0 and result.stdout.strip():
        path = Path(result.stdout.strip())
        if _is_cpython(path, version):
            return path
    pyenv_root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    for folder in sorted(Path(pyenv_root, "versions").glob(f"{version}.*"), reverse=True):
        path = folder / "bin" / "python3"
        if path.is_file() and _is_cpython(path, version):
            return path
    return None


def _is_cpython(path: Path, version: str) -> bool:
    code = "import sys; print(sys.implementation.name, '%d.%d' % sys.version_info[:2])"
    try:
        result = subprocess.run([str(path), "-c", code], capture_output=True, text=True)
    except OSError:
        return False
    # A free-threaded build cannot load abi3 wheels: it is not one of these.
    threaded = "t" in Path(path).name.removeprefix("python").split(".")[-1]
    return result.stdout.split() == ["cpython", version] and not threaded


def installed_copy_problem(module_file: str | None, site_packages: Path) -> str | None:
    """Why a module imported from `module_file` is not the copy installed in `site_packages`."""
    if module_file is None:
        return "the module has no __file__: it is not an installed copy"
    if not Path(module_file).resolve().is_relative_to(site_packages.resolve()):
        return f"imported {module_file}, not the copy installed in {site_packages}"
    return None


def wheel_differences(first: Path, second: Path) -> list[str]:
    """Files that are in one wheel and not the other, or differ in content.

    One kind of file legitimately differs between two builds of the same source:
    maturin's software bill of materials (`*.dist-info/sboms/*.json`) records a
    random serial number, the time of the build and the folder it was built in.
    Those are compared by name only, and their lines in RECORD (which lists
    every file's hash) are left out of RECORD's comparison.
    """

    def sbom(name: str) -> bool:
        return ".dist-info/sboms/" in name

    def digests(wheel: Path) -> dict[str, str]:
        found = {}
        with zipfile.ZipFile(wheel) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                data = archive.read(info)
                if sbom(info.filename):
                    data = b""
                elif info.filename.endswith(".dist-info/RECORD"):
                    lines = data.decode().splitlines(keepends=True)
                    data = "".join(line for line in lines if not sbom(line)).encode()
                found[info.filename] = hashlib.sha256(data).hexdigest()
        return found

    a, b = digests(first), digests(second)
    problems = [f"only in {first.name}: {name}" for name in sorted(a.keys() - b.keys())]
    problems += [f"only in {second.name}: {name}" for name in sorted(b.keys() - a.keys())]
    problems += [f"differs: {name}" for name in sorted(a.keys() & b.keys()) if a[name] != b[name]]
    return problems


def _maturin_env(root: Path, purpose: str = "python-release") -> dict[str, str]:
    return tool_env(root, CARGO_TARGET_DIR=str(target_dir(root, purpose)))


def build_wheel(
    root: Path, manifest: Path | None, out: Path, cwd: Path | None = None
) -> Path | None:
    """`maturin build --release` of one crate; the wheel it wrote, or None.

    Without a manifest, maturin reads the pyproject.toml in `cwd`, as pip would.
    """
    maturin = executable("maturin") or "maturin"
    before = set(out.glob("*.whl"))
    command = [maturin, "build", "--release", "--out", str(out)]
    command += ["-m", str(manifest)] if manifest is not None else []
    if run(command, cwd=cwd or root, env=_maturin_env(root)).returncode != 0:
        return None
    written = sorted(set(out.glob("*.whl")) - before)
    if len(written) != 1:
        print(f"expected one new wheel in {out}, found {[w.name for w in written]}")
        return None
    return written[0]


def build_all(root: Path, out: Path) -> dict[Chapter, Path] | None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    built: dict[Chapter, Path] = {}
    for chapter in chapters(root):
        if not chapter.has_python_face:
            continue
        print(f"--- {chapter.slug}: maturin build --release", flush=True)
        wheel = build_wheel(root, chapter.path / "Cargo.toml", out)
        if wheel is None:
            return None
        built[chapter] = wheel
    return built


def check_tags(wheels: dict[Chapter, Path]) -> bool:
    problems = [p for w in wheels.values() if (p := tag_problem(w.name)) is not None]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"every wheel is tagged cp311-abi3: {', '.join(w.name for w in wheels.values())}")
    return not problems


def audit(root: Path, paths: list[Path]) -> subprocess.CompletedProcess[str]:
    abi3audit = executable("abi3audit") or "abi3audit"
    command = [abi3audit, "--strict", "--summary", *map(str, paths)]
    return run(command, cwd=root, env=tool_env(root), capture=True)


def check_audit_catches_a_violation(root: Path) -> bool:
    """Build Chapter 10 without the abi3 feature, name it abi3 anyway: the audit must object."""
    chapter = root / "chapters" / SHOWCASE
    env = _maturin_env(root, "wheels-full-api")
    env["PYO3_BUILD_EXTENSION_MODULE"] = "1"
    command = ["cargo", "build", "--release", "--lib", "-p", SHOWCASE]
    if run(command, cwd=root, env=env).returncode != 0:
        return False
    library = target_dir(root, "wheels-full-api") / "release"
    built = next(
        (p for p in library.glob("*ch10_abi3_wheels.*") if p.suffix in (".so", ".dylib", ".dll")),
        None,
    )
    if built is None:
        print(f"cargo wrote no library into {library}")
        return False
    name = "_native.abi3" + (".pyd" if built.suffix == ".dll" else ".so")
    impostor = target_dir(root, "wheels") / "impostor" / name
    impostor.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, impostor)
    result = audit(root, [impostor])
    caught = result.returncode != 0 and "violation" in result.stdout.lower()
    print(
        f"--- the audit of {chapter.name} built with the full API, named abi3: "
        + ("refused, as it must be" if caught else "NOT refused: the audit proves nothing")
    )
    if not caught:
        print(result.stdout)
    return caught


def check_sdist(root: Path, direct: Path) -> bool:
    """The sdist builds, and a wheel built from it is the same as the direct wheel."""
    maturin = executable("maturin") or "maturin"
    base = target_dir(root, "wheels") / "sdist"
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    manifest = root / "chapters" / SHOWCASE / "Cargo.toml"
    command = [maturin, "sdist", "-m", str(manifest), "--out", str(base)]
    if run(command, cwd=root, env=_maturin_env(root)).returncode != 0:
        return False
    (sdist,) = base.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(base / "unpacked", filter="data")
    (unpacked,) = (base / "unpacked").iterdir()
    # The sdist keeps the workspace's layout; its pyproject.toml says where the crate is.
    (base / "wheel").mkdir()
    from_sdist = build_wheel(root, None, base / "wheel", cwd=unpacked)
    if from_sdist is None:
        return False
    problems = wheel_differences(direct, from_sdist)
    for problem in problems:
        print(problem)
    if not problems:
        print(
            f"{sdist.name} builds {from_sdist.name}, file for file the same as the direct "
            "one (the SBOM's serial number, time and build folder aside)"
        )
    return not problems


def make_venv(
    root: Path, python: Path, folder: Path, wheels: list[Path], tools: tuple[str, ...] = TEST_TOOLS
) -> Path | None:
    """A fresh virtual environment with the wheels and `tools`, at the versions of
    the development environment; its python."""
    uv = executable("uv") or "uv"
    if run([uv, "venv", "--clear", "--python", str(python), str(folder)], cwd=root).returncode:
        return None
    venv_python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pins = [f"{name}=={importlib.metadata.version(name)}" for name in tools]
    command = [uv, "pip", "install", "--python", str(venv_python), *map(str, wheels), *pins]
    if run(command, cwd=root).returncode:
        return None
    return venv_python


def site_packages(venv_python: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    result = subprocess.run([str(venv_python), "-c", code], capture_output=True, text=True)
    return Path(result.stdout.strip())


def test_installed(root: Path, venv_python: Path, wheels: dict[Chapter, Path]) -> bool:
    ok = True
    purelib = site_packages(venv_python)
    for chapter in wheels:
        print(f"--- {chapter.slug}: its tests against the installed wheel", flush=True)
        env = tool_env(
            root,
            PYTHONPATH=str(root / "tools"),
            COOKBOOK_INSTALLED_PACKAGE=chapter.python_package,
            COOKBOOK_SITE_PACKAGES=str(purelib),
        )
        command = [str(venv_python), "-m", "pytest", "-q", "-p", "cookbook.installed_copy"]
        command.append(str(chapter.path / "tests"))
        ok &= run(command, cwd=root, env=env).returncode == 0
    return ok


def stubtest(root: Path, venv_python: Path, wheels: dict[Chapter, Path]) -> bool:
    # A package's submodules, `_native` among them, are checked with it.
    modules = [chapter.python_package for chapter in wheels]
    allowlist = Path(__file__).with_name("stubtest-allowlist.txt")
    print(f"--- python -m mypy.stubtest {' '.join(modules)}", flush=True)
    # Run in an empty folder outside the source tree, so mypy reads the installed stubs.
    folder = venv_python.parent.parent / "stubtest"
    folder.mkdir(exist_ok=True)
    command = [str(venv_python), "-m", "mypy.stubtest", "--allowlist", str(allowlist), *modules]
    return run(command, cwd=folder).returncode == 0


def step(root: Path) -> bool:
    wheels = build_all(root, target_dir(root, "wheels") / "dist")
    if wheels is None:
        return False
    ok = check_tags(wheels)
    print("--- abi3audit --strict of every wheel", flush=True)
    result = audit(root, list(wheels.values()))
    print(result.stdout, end="")
    ok &= result.returncode == 0
    ok &= check_audit_catches_a_violation(root)
    showcase = next((w for c, w in wheels.items() if c.slug == SHOWCASE), None)
    if showcase is not None:
        ok &= check_sdist(root, showcase)
    found = {v: p for v in (FLOOR, *NEWER) if (p := find_python(v)) is not None}
    pythons = choose_pythons(found)
    versions = sorted(found, key=lambda v: tuple(map(int, v.split("."))))
    print(f"--- CPython versions found: {', '.join(versions) or 'none'}", flush=True)
    print(f"--- the wheels are tested on: {', '.join(v for v, _ in pythons) or 'none'}")
    if [v for v, _ in pythons][:1] != [FLOOR] or len(pythons) < 2:
        print(f"FAIL: the wheels must be tested on CPython {FLOOR} and a newer one; install them")
        return False
    for version, python in pythons:
        folder = target_dir(root, "wheels-venvs") / f"py{version}"
        venv_python = make_venv(root, python, folder, list(wheels.values()))
        if venv_python is None:
            ok = False
            continue
        ok &= test_installed(root, venv_python, wheels)
        ok &= stubtest(root, venv_python, wheels)
    return ok
