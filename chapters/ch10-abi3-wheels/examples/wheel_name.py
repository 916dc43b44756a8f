"""Build the chapter's release wheel and take its file name apart, piece by piece.

The build shares target/python-release with `make test`'s wheels step, so it
compiles only what changed since.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MEANINGS = [
    ("distribution", "the project's name, with _ for -"),
    ("version", "from pyproject.toml"),
    ("python tag", "cp311: CPython, 3.11 or later"),
    ("ABI tag", "abi3: the stable ABI, so any later CPython loads it too"),
    ("platform tag", "which machines: glibc 2.34 or later, x86-64"),
]

with tempfile.TemporaryDirectory() as out:
    env = dict(os.environ, CARGO_TARGET_DIR=str(ROOT / "target" / "python-release"))
    command = ["maturin", "build", "--release", "--out", out]
    subprocess.run(command, env=env, check=True, capture_output=True)
    (wheel,) = Path(out).glob("*.whl")
    print(f"$ maturin build --release\n{wheel.name}\n")
    # ANCHOR: pieces
    pieces = wheel.name.removesuffix(".whl").split("-")
    for (label, meaning), piece in zip(MEANINGS, pieces, strict=True):
        print(f"{label:<13} {piece:<22} {meaning}")
    # ANCHOR_END: pieces
sys.exit(0)
