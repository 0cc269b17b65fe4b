"""The size limits of issue 9, checked on every run: no module of meedenken/ over 400 lines
(migrations aside: Django writes them), and the demo package under 1,500 lines of Python in all,
management commands included (the demo is data plus calls to the apps' services)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "meedenken"
MODULE_LIMIT = 400
DEMO_LIMIT = 1500


def python_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*.py") if "migrations" not in path.parts]


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_400_lines() -> None:
    too_long = {
        str(path.relative_to(PACKAGE)): lines(path)
        for path in python_files(PACKAGE)
        if lines(path) > MODULE_LIMIT
    }
    assert too_long == {}, "split these by responsibility"


def test_the_demo_package_is_under_1500_lines_of_python() -> None:
    files = python_files(PACKAGE / "demo")
    assert any(path.parent.name == "commands" for path in files)  # commands are counted too
    assert sum(lines(path) for path in files) < DEMO_LIMIT
