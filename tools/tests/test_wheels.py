"""The `wheels` step's decisions: tags, Pythons, installed copies, wheel comparison."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from cookbook import cli, wheels

# --- tags ---------------------------------------------------------------------------------

ABI3 = "ch10_abi3_wheels-0.1.0-cp311-abi3-manylinux_2_34_x86_64.whl"


def test_a_wheel_name_has_five_parts() -> None:
    assert wheels.parse_wheel_name(ABI3) == wheels.WheelName(
        "ch10_abi3_wheels", "0.1.0", "cp311", "abi3", "manylinux_2_34_x86_64"
    )


@pytest.mark.parametrize("name", ["ch10.tar.gz", "a-b-c.whl", "a-1-cp311-abi3-x-y.whl"])
def test_a_name_that_is_not_a_wheel_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not a wheel file name"):
        wheels.parse_wheel_name(name)


def test_an_abi3_manylinux_wheel_has_no_tag_problem() -> None:
    assert wheels.tag_problem(ABI3, platform="linux") is None


def test_a_wheel_built_without_the_abi3_feature_is_named_for_one_python() -> None:
    name = "ch10_abi3_wheels-0.1.0-cp311-cp311-manylinux_2_34_x86_64.whl"
    problem = wheels.tag_problem(name, platform="linux")
    assert problem is not None
    assert "cp311-cp311, not cp311-abi3" in problem
    assert "abi3-py311" in problem


def test_a_linux_wheel_must_be_manylinux() -> None:
    name = "ch10_abi3_wheels-0.1.0-cp311-abi3-linux_x86_64.whl"
    problem = wheels.tag_problem(name, platform="linux")
    assert problem is not None
    assert "not manylinux_*" in problem
    # Elsewhere the platform tag is whatever that platform's is.
    assert wheels.tag_problem(name.replace("linux", "macosx_11_0"), platform="darwin") is None


# --- which Pythons ------------------------------------------------------------------------


def test_the_floor_and_the_newest_other_python_are_chosen() -> None:
    found = {v: Path(f"/py/{v}") for v in ("3.11", "3.12", "3.13")}
    assert wheels.choose_pythons(found) == [("3.11", Path("/py/3.11")), ("3.13", Path("/py/3.13"))]


def test_without_the_floor_only_the_newer_python_is_chosen() -> None:
    # The step then fails, saying it needs both.
    assert wheels.choose_pythons({"3.14": Path("/py")}) == [("3.14", Path("/py"))]
    assert wheels.choose_pythons({}) == []


# --- the installed copy -------------------------------------------------------------------


def test_a_module_inside_site_packages_is_the_installed_copy(tmp_path: Path) -> None:
    site = tmp_path / "venv" / "lib" / "site-packages"
    module = site / "ch10_abi3_wheels" / "__init__.py"
    assert wheels.installed_copy_problem(str(module), site) is None


def test_a_module_from_the_source_tree_is_not_the_installed_copy(tmp_path: Path) -> None:
    site = tmp_path / "venv" / "lib" / "site-packages"
    source = tmp_path / "chapters" / "ch10-abi3-wheels" / "python" / "ch10_abi3_wheels"
    problem = wheels.installed_copy_problem(str(source / "__init__.py"), site)
    assert problem is not None
    assert problem.startswith("imported ")
    assert wheels.installed_copy_problem(None, site) is not None


# --- comparing wheels ---------------------------------------------------------------------


def make_wheel(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def test_wheels_with_the_same_files_have_no_differences(tmp_path: Path) -> None:
    files = {"pkg/__init__.py": b"x = 1\n", "pkg/_native.abi3.so": b"\x7fELF"}
    first = make_wheel(tmp_path / "a.whl", files)
    second = make_wheel(tmp_path / "b.whl", dict(reversed(files.items())))
    assert wheels.wheel_differences(first, second) == []


def test_a_changed_missing_or_extra_file_is_named(tmp_path: Path) -> None:
    first = make_wheel(tmp_path / "a.whl", {"pkg/a.py": b"1", "pkg/b.py": b"2"})
    second = make_wheel(tmp_path / "b.whl", {"pkg/a.py": b"one", "pkg/c.py": b"3"})
    assert wheels.wheel_differences(first, second) == [
        "only in a.whl: pkg/b.py",
        "only in b.whl: pkg/c.py",
        "differs: pkg/a.py",
    ]


# --- the steps ----------------------------------------------------------------------------


def test_make_test_has_a_wheels_step_and_a_zizmor_step() -> None:
    assert cli.STEPS["wheels"][1] is cli.step_wheels
    assert cli.STEPS["zizmor"][1] is cli.step_zizmor


def test_the_zizmor_step_fails_on_an_unpinned_action(tmp_path: Path) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "on: push\n"
        "permissions: {}\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    permissions:\n"
        "      contents: read\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          persist-credentials: false\n"
    )
    assert cli.step_zizmor(tmp_path) is False
    (workflows / "bad.yml").write_text(
        (workflows / "bad.yml")
        .read_text()
        .replace("actions/checkout@v4", "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1")
    )
    assert cli.step_zizmor(tmp_path) is True


def test_the_sbom_and_its_record_line_may_differ_and_nothing_else(tmp_path: Path) -> None:
    sbom = "pkg-0.1.dist-info/sboms/pkg.cyclonedx.json"

    def files(serial: str, code: bytes) -> dict[str, bytes]:
        record = f"pkg/a.py,sha256=x,1\n{sbom},sha256={serial},9\n"
        return {
            "pkg/a.py": code,
            sbom: serial.encode(),
            "pkg-0.1.dist-info/RECORD": record.encode(),
        }

    first = make_wheel(tmp_path / "a.whl", files("one", b"1"))
    assert wheels.wheel_differences(first, make_wheel(tmp_path / "b.whl", files("two", b"1"))) == []
    changed = make_wheel(tmp_path / "c.whl", files("two", b"2"))
    assert wheels.wheel_differences(first, changed) == ["differs: pkg/a.py"]
