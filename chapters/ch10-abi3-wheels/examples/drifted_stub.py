"""stubtest catching a stub that no longer says what the compiled module does.

Copies the package (stubs and compiled module) to a temporary folder, gives
`add` a third parameter in the copy's `_native.pyi` only, and runs
`python -m mypy.stubtest` on the copy. It exits as stubtest does: 1, a finding.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import ch10_abi3_wheels

with tempfile.TemporaryDirectory() as folder:
    copy = Path(folder) / "ch10_abi3_wheels"
    source = Path(ch10_abi3_wheels.__file__).parent
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    # ANCHOR: drift
    stub = copy / "_native.pyi"
    stub.write_text(
        stub.read_text().replace("def add(a: int, b: int)", "def add(a: int, b: int, c: int)")
    )
    command = [sys.executable, "-m", "mypy.stubtest", "ch10_abi3_wheels._native"]
    # ANCHOR_END: drift
    result = subprocess.run(
        command, cwd=folder, env={"PYTHONPATH": folder, "PATH": ""}, capture_output=True, text=True
    )
    print("$ python -m mypy.stubtest ch10_abi3_wheels._native")
    print((result.stdout + result.stderr).replace(folder, "<temporary folder>"), end="")
    sys.exit(result.returncode)
