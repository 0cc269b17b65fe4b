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
    published run (`as_stored`, or less: the report as its public page); without it, none."""
    _KINDS[kind] = Kind(kind, runner, on_done, public_result)


def as_stored(run: AnalysisRun) -> dict[str, Any]:
    """For a kind whose stored result is public as it is (the opinion analysis)."""
    return run.result


def has_public_result(kind: str) -> bool:
    """Whether the public API may give a published run of `kind` at all. A kind says so when it
    registers: the stored result of the answers analysis holds every answer's text, whatever
    its consent, and must never be public even when a run of it is marked published."""
    return kind in _KINDS and _KINDS[kind].public_result is not None


def public_result(run: AnalysisRun) -> dict[str, Any]:
    """The published result of `run` as the public may see it (check has_public_result first)."""
    hook = _KINDS[run.kind].public_result
    if hook is None:
        raise LookupError(f"analysis kind {run.kind!r} has no public result")
    return hook(run)


def get_kind(kind: str) -> Kind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise LookupError(f"unknown analysis kind {kind!r}") from None


def registered_kinds() -> list[str]:
    return sorted(_KINDS)
