"""Copies of a withdrawn response's text outside its own rows: stored analysis results (the
text core's quotes, the report's quotes, a proposal's text in an opinion run) and the themes
found among answers. Withdrawal erases the rows; this removes the copies, so nothing of the
text is left in any table (issue 12).

Apps that keep such copies register an eraser in their AppConfig.ready():

    register_copy_eraser("runs", erase_run_copies)

Each eraser gets the response and its `Traces` (read before its rows were deleted) and removes
every quote of those answers and every string holding their text with `scrub`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from meedenken.responses.models import Response

# Shorter texts ("Ja", "Geen idee") are too common to be anyone's: leaving them is no trace.
MIN_TRACE_LENGTH = 12
# Keys by which stored JSON names the answer a quote comes from.
ANSWER_KEYS = ("answer_id", "answer")


@dataclass(frozen=True)
class Traces:
    """What identifies the text of one response in a copy: its answer ids, its reference (a
    quote in the report names it) and the texts themselves (answers, proposals)."""

    reference: str
    answer_ids: frozenset[int]
    texts: tuple[str, ...] = field(default=())

    @property
    def normalised(self) -> tuple[str, ...]:
        return tuple(
            t for t in (_normalise(text) for text in self.texts) if len(t) >= MIN_TRACE_LENGTH
        )


CopyEraser = Callable[[Response, Traces], int]
_ERASERS: dict[str, CopyEraser] = {}
_TEXTS: dict[str, Callable[[Response], list[str]]] = {}


def register_copy_eraser(name: str, erase: CopyEraser) -> None:
    _ERASERS[name] = erase


def register_linked_texts(name: str, texts: Callable[[Response], list[str]]) -> None:
    """Texts of the response held by another app (a voter's proposals), to find their copies."""
    _TEXTS[name] = texts


def collect_traces(response: Response) -> Traces:
    """Read before anything is deleted."""
    answers = list(response.answers.values_list("pk", "text"))
    texts = [text for _pk, text in answers if text]
    for linked in _TEXTS.values():
        texts += linked(response)
    return Traces(response.reference, frozenset(pk for pk, _t in answers), tuple(texts))


def erase_copies(response: Response, traces: Traces) -> dict[str, int]:
    """{eraser: copies changed}."""
    return {name: erase(response, traces) for name, erase in _ERASERS.items()}


def _normalise(text: str) -> str:
    return " ".join(text.split()).rstrip("…").strip().lower()


def _is_quote_of(item: dict[str, Any], traces: Traces) -> bool:
    for key in ANSWER_KEYS:
        value = item.get(key)
        if (
            isinstance(value, int | str)
            and str(value).isdigit()
            and int(value) in traces.answer_ids
        ):
            return True
    return item.get("ref") == traces.reference and "text" in item


def _holds_text(value: str, texts: tuple[str, ...]) -> bool:
    shown = _normalise(value)
    if len(shown) < MIN_TRACE_LENGTH:
        return False
    # The whole text, or a shortened quote of it.
    return any(text in shown or shown in text for text in texts)


def scrub(value: Any, traces: Traces) -> tuple[Any, int]:
    """`value` without the quotes of these answers and with every string holding their text
    blanked; and how many were removed."""
    texts = traces.normalised

    def walk(node: Any) -> tuple[Any, int]:
        if isinstance(node, str):
            return ("", 1) if texts and _holds_text(node, texts) else (node, 0)
        if isinstance(node, list):
            kept, removed = [], 0
            for item in node:
                if isinstance(item, dict) and _is_quote_of(item, traces):
                    removed += 1
                    continue
                item, count = walk(item)
                kept.append(item)
                removed += count
            return kept, removed
        if isinstance(node, dict):
            out, removed = {}, 0
            for key, item in node.items():
                out[key], count = walk(item)
                removed += count
            return out, removed
        return node, 0

    return walk(value)
