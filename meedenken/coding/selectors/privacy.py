"""The public text of an answer: reviewed for personal data, with confirmed and added spans
replaced by a placeholder. Exports `--public`, the public responses page and the report quote
answers only through `get_public_texts` / `get_public_text`."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from meedenken.coding.models import PersonalDataSpan, PrivacyReview, SpanStatus
from meedenken.responses.models import Answer

REDACTING = (SpanStatus.CONFIRMED, SpanStatus.ADDED, SpanStatus.DETECTED)


def placeholder(kind: str) -> str:
    """What replaces personal data in public text, the same as the text core's ("[EMAIL]")."""
    return f"[{kind.upper()}]"


def redact_spans(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, kind) span replaced; overlapping spans are joined."""
    parts: list[str] = []
    position = 0
    for start, end, kind in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if end <= start:
            continue
        parts += [text[position:start], placeholder(kind)]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def get_public_texts(answers: Iterable[Answer]) -> dict[int, str | None]:
    """Answer id -> its reviewed, redacted text, or None when not reviewed (or edited since).

    Two queries whatever the number of answers. Spans not rejected are redacted.
    """
    answers = list(answers)
    ids = [a.pk for a in answers]
    reviewed = dict(
        PrivacyReview.objects.filter(answer_id__in=ids).values_list("answer_id", "text_sha256")
    )
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for answer_id, start, end, kind in PersonalDataSpan.objects.filter(
        answer_id__in=list(reviewed), status__in=REDACTING
    ).values_list("answer_id", "start", "end", "kind"):
        spans[answer_id].append((start, end, kind))
    result: dict[int, str | None] = {}
    for answer in answers:
        digest = hashlib.sha256(answer.text.encode("utf-8")).hexdigest()
        if reviewed.get(answer.pk) != digest:
            result[answer.pk] = None
        else:
            result[answer.pk] = redact_spans(answer.text, spans.get(answer.pk, []))
    return result


def get_public_text(answer: Answer) -> str | None:
    """The reviewed, redacted text of one answer, or None when it has not been reviewed."""
    return get_public_texts([answer])[answer.pk]
