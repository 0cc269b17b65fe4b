"""`make lint` holds the analysis core to mypy's strict level, with no module exempted."""

from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
STRICT_FLAGS = {
    "disallow_any_generics",
    "disallow_subclassing_any",
    "disallow_untyped_calls",
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "disallow_untyped_decorators",
    "warn_return_any",
    "warn_unused_ignores",
    "no_implicit_reexport",
    "strict_equality",
    "extra_checks",
}


def mypy_overrides() -> list[dict[str, object]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    return list(config["tool"]["mypy"].get("overrides", []))


def covers_core(override: dict[str, object]) -> bool:
    modules = override["module"]
    names = [modules] if isinstance(modules, str) else list(modules)
    return any(name.startswith("meedenken.sensemaking") or name == "meedenken.*" for name in names)


def test_the_core_is_checked_with_every_strict_flag() -> None:
    core = [o for o in mypy_overrides() if covers_core(o)]
    flags = {name for o in core for name, value in o.items() if value is True}
    assert flags >= STRICT_FLAGS


def test_no_part_of_the_core_is_exempt_from_type_checking() -> None:
    for override in mypy_overrides():
        if covers_core(override):
            assert not override.get("ignore_errors"), override["module"]
