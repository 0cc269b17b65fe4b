"""Read the demo's data files (meedenken/demo/data/) and check them against their shape.

A file's shape is a frozen dataclass: its fields and type hints are the schema, checked by
pydantic in strict mode (no "9" for 9, no 1 for true) with unknown keys refused. `load` names
the file and the path inside it, so an edit to the prose cannot half-load the demo.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ConfigDict, TypeAdapter, ValidationError

DATA_DIR = Path(__file__).resolve().parent / "data"
STRICT = ConfigDict(strict=True, extra="forbid")
T = TypeVar("T")


class DemoDataError(ValueError):
    """A data file that does not fit its shape (a bug in the demo content, not user input)."""


def load(filename: str, shape: type[T]) -> T:
    return parse(read_text(filename), shape, filename)


def read_text(filename: str) -> str:
    try:
        return (DATA_DIR / filename).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DemoDataError(f"{filename}: {error}") from error


def parse(text: str, shape: Any, where: str) -> Any:
    """The JSON `text` as `shape`. JSON mode: a list is a tuple and a whole number a float."""
    try:
        json.loads(text)  # its message gives line and column of a syntax error
        # Wrapped in a one-item list: pydantic takes no config for a dataclass itself, and
        # the dataclasses inside inherit the config of what holds them.
        return _adapter(shape).validate_json(f"[{text}]")[0]
    except json.JSONDecodeError as error:
        raise DemoDataError(f"{where}: {error}") from error
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        place = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"][1:])
        raise DemoDataError(f"{where}{place}: {first['msg']}"[:300]) from error


@cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    return TypeAdapter(list[shape], config=STRICT)  # type: ignore[valid-type]
