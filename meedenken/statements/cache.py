"""A small per-process cache for the vote path, and the keys of what it holds."""

from __future__ import annotations

import threading
import time
from typing import Any

VOTING_SET_SECONDS = 5  # how stale the list of statements to vote on may be in one process


class LocalCache:
    """A small per-process cache with expiry, without pickling (Django's local-memory cache
    pickles every value, which costs more than the query it saves on the vote path)."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        item = self._items.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def set(self, key: str, value: Any, seconds: float) -> None:
        with self._lock:
            if len(self._items) > 1000:
                self._items.clear()
            self._items[key] = (time.monotonic() + seconds, value)

    def delete(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


local_cache = LocalCache()


def deliberation_key(slug: str) -> str:
    return f"deliberation:by-slug:{slug}"


def voting_set_key(consultation_id: int) -> str:
    return f"deliberation:voting-set:{consultation_id}"
