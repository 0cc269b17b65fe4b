"""The sentence encoder (the real bundled model, on a handful of texts) and its cache."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from meedenken.sensemaking.text.codebook import Code, Codebook
from meedenken.sensemaking.text.embeddings import (
    FileEmbeddingCache,
    MemoryEmbeddingCache,
    SentenceEncoder,
    UniversalSentenceEncoder,
    default_encoder,
    embed,
)
from meedenken.sensemaking.text.features import TextFeatures
from meedenken.sensemaking.text.prepare import content_terms
from meedenken.sensemaking.text.zeroshot import ZeroShotCoder


@pytest.fixture(scope="module")
def encoder() -> UniversalSentenceEncoder:
    return UniversalSentenceEncoder()


class Counting:
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self, inner: SentenceEncoder) -> None:
        self.inner = inner
        self.encoded: list[str] = []

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimensions(self) -> int:
        return self.inner.dimensions

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded.extend(texts)
        return self.inner.encode(texts)


def test_default_encoder_is_multilingual_and_offline(encoder: UniversalSentenceEncoder) -> None:
    assert isinstance(default_encoder(), SentenceEncoder)
    vectors = encoder.encode(
        [
            "De fietsenstalling bij het station is altijd vol.",
            "The bicycle parking at the station is always full.",
            "Kinderarbeid in de cacaoketen moet stoppen.",
        ]
    )
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    same_topic, other_topic = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    # a translation is far closer than another topic in the same language
    assert same_topic > 0.6 and same_topic > other_topic + 0.3, (same_topic, other_topic)


def test_cache_embeds_each_text_once(encoder: UniversalSentenceEncoder, tmp_path: Path) -> None:
    counting = Counting(encoder)
    cache = FileEmbeddingCache(tmp_path / "vectors.db")
    first = embed(["Ampel zu kurz", "Radweg kaputt", "Ampel zu kurz"], counting, cache)
    assert counting.encoded == ["Ampel zu kurz", "Radweg kaputt"]  # duplicates once
    # a new run (new cache object on the same file) embeds only the new answer
    again = embed(["Radweg kaputt", "Licht fehlt"], counting, FileEmbeddingCache(cache.path))
    assert counting.encoded[2:] == ["Licht fehlt"]
    assert np.allclose(again[0], first[1])
    memory = MemoryEmbeddingCache()
    embed(["Licht fehlt"], counting, memory)
    assert memory.get_many(encoder.name, []) == {}
    assert len(memory.store) == 1


def test_zero_shot_crosses_languages_with_the_encoder(encoder: UniversalSentenceEncoder) -> None:
    """English code names on German answers: lexically nothing matches, the encoder does."""
    book = Codebook(
        "bike",
        (
            Code("lights", {"en": "traffic lights and waiting times at crossings"}),
            Code("parking", {"en": "bicycle parking and bike racks"}),
            Code("lighting", {"en": "street lighting, dark cycle paths at night"}),
        ),
    )
    answers = [
        "An der Ampel wartet man als Radfahrer viel zu lange auf Grün.",
        "Am Bahnhof fehlen Fahrradständer, alles ist zugeparkt.",
        "Nachts ist der Radweg völlig dunkel, es gibt keine Laternen.",
    ]
    terms = [content_terms(a, "de") for a in answers]
    features = TextFeatures(min_df=1).fit(terms)
    X = features.transform(terms)
    lexical = ZeroShotCoder(book).fit(features)
    assert lexical.predict(X).sum() == 0  # no shared words
    semantic = ZeroShotCoder(book).fit(features, encoder)
    similarity = semantic.similarity(X, embed(answers, encoder))
    assert list(similarity.argmax(axis=1)) == [0, 1, 2]
    codes = semantic.codes_from_similarity(similarity)
    assert codes.sum() >= 3 and all(codes[i, i] for i in range(3))
