"""Read the demo's data files (meedenken/demo/data/) and check them against their shape.

A file's shape is a frozen dataclass: its fields and type hints are the schema. `load` refuses a
file with a missing or unknown key or a value of the wrong type, naming the file and the path
inside it, so an edit to the prose cannot half-load the demo.
"""

from __future__ import annotations

import dataclasses
import json
import types
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

DATA_DIR = Path(__file__).resolve().parent / "data"
T = TypeVar("T")


class DemoDataError(ValueError):
    """A data file that does not fit its shape (a bug in the demo content, not user input)."""


def load(filename: str, shape: type[T]) -> T:
    try:
        raw = json.loads((DATA_DIR / filename).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DemoDataError(f"{filename}: {error}") from error
    return convert(raw, shape, filename)


def read_text(filename: str) -> str:
    try:
        return (DATA_DIR / filename).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DemoDataError(f"{filename}: {error}") from error


def convert(value: Any, shape: Any, where: str) -> Any:
    """`value` (parsed JSON) as `shape`: a dataclass, tuple, dict, union or plain type."""
    origin, args = get_origin(shape), get_args(shape)
    if dataclasses.is_dataclass(shape) and isinstance(shape, type):
        return convert_dataclass(value, shape, where)
    if origin is tuple:
        items = expect(value, list, where)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(convert(item, args[0], f"{where}[{i}]") for i, item in enumerate(items))
        if len(items) != len(args):
            raise DemoDataError(f"{where}: expected {len(args)} items, found {len(items)}")
        return tuple(
            convert(item, arg, f"{where}[{i}]")
            for i, (item, arg) in enumerate(zip(items, args, strict=True))
        )
    if origin is dict:
        mapping = expect(value, dict, where)
        return {key: convert(item, args[1], f"{where}.{key}") for key, item in mapping.items()}
    if origin in (Union, types.UnionType):
        for arg in args:
            try:
                return convert(value, arg, where)
            except DemoDataError:
                continue
        raise DemoDataError(f"{where}: {value!r} fits none of {shape}")
    if shape is type(None):
        if value is not None:
            raise DemoDataError(f"{where}: expected null, found {value!r}")
        return None
    if shape is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return expect(value, shape, where)


def convert_dataclass(value: Any, shape: Any, where: str) -> Any:
    mapping = expect(value, dict, where)
    fields = {f.name: f for f in dataclasses.fields(shape)}
    unknown = sorted(set(mapping) - set(fields))
    if unknown:
        raise DemoDataError(f"{where}: unknown key(s) {', '.join(unknown)}")
    hints = type_hints(shape)
    values = {}
    for name, field in fields.items():
        if name in mapping:
            values[name] = convert(mapping[name], hints[name], f"{where}.{name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise DemoDataError(f"{where}: missing key {name}")
    return shape(**values)


@cache
def type_hints(shape: Any) -> dict[str, Any]:
    return get_type_hints(shape)


def expect(value: Any, kind: type[T], where: str) -> T:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise DemoDataError(f"{where}: expected {kind.__name__}, found {value!r}"[:300])
    return value
