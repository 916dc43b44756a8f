"""The capstone's tests (a package, so that mypy tells its conftest from the tools')."""
