"""Kinds of analysis and their runners. A capability registers its kind in its
`AppConfig.ready()`: `register_kind("answers", runner)`, where `runner(ctx) -> dict` returns the
result to store (the core's versioned JSON) and reports progress through `ctx`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from meedenken.runs.models import AnalysisRun


@dataclass
class RunContext:
    """What a runner gets: the run, a way to report progress (which is also a sign of life),
    and the result of the last finished run of the same kind and consultation (or None)."""

    run: AnalysisRun
    previous_result: dict[str, Any] | None
    report: Callable[[int, str], None]
    summary: dict[str, Any] = field(default_factory=dict)  # stored beside the result

    def progress(self, pct: int, label: str) -> None:
        self.report(pct, label)


Runner = Callable[[RunContext], dict[str, Any]]
DoneHook = Callable[["AnalysisRun"], None]
PublicResult = Callable[["AnalysisRun"], dict[str, Any]]


@dataclass(frozen=True)
class Kind:
    name: str
    runner: Runner
    on_done: DoneHook | None = None
    public_result: PublicResult | None = None


_KINDS: dict[str, Kind] = {}


def register_kind(
    kind: str,
    runner: Runner,
    *,
    on_done: DoneHook | None = None,
    public_result: PublicResult | None = None,
) -> None:
    """Register (or replace) the runner of `kind`; `on_done(run)` is called after a run of it
    finished and its result is stored. `public_result(run)`: what the public API gives of a
    published run, when that is less than the stored result (the report: as its public page)."""
    _KINDS[kind] = Kind(kind, runner, on_done, public_result)


def public_result(run: AnalysisRun) -> dict[str, Any]:
    """The published result of `run` as the public may see it."""
    hook = _KINDS[run.kind].public_result if run.kind in _KINDS else None
    return hook(run) if hook is not None else run.result


def get_kind(kind: str) -> Kind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise LookupError(f"unknown analysis kind {kind!r}") from None


def registered_kinds() -> list[str]:
    return sorted(_KINDS)
