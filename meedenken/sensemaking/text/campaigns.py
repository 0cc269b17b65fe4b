"""Campaigns and duplicates: groups of identical or near-identical answers.

Identical answers (after normalising case, punctuation and spaces) are grouped by hash; the
distinct texts then get MinHash signatures of their word shingles, and locality-sensitive hashing
(bands of the signature) finds candidate pairs, which are kept when their estimated Jaccard
similarity reaches the threshold. The signatures are computed for all answers at once with
numpy (multiply-shift hashing), which keeps 100k answers to seconds.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Campaign:
    """A group of answers that say the same thing in (nearly) the same words."""

    campaign_id: str
    size: int
    member_indices: tuple[int, ...]
    canonical_index: int
    canonical_text: str
    identical_count: int  # members identical to the canonical text after normalising


def normalise(text: str) -> str:
    """Lower case, punctuation and runs of spaces folded into single spaces."""
    return _NON_WORD.sub(" ", text.lower()).strip()


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = np.arange(size)

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return int(root)

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


class CampaignDetector:
    """Find campaigns with MinHash/LSH over word shingles.

    `threshold` is the estimated Jaccard similarity of shingle sets above which two answers are
    near-duplicates; `min_words` keeps very short answers ("Yes", "Agreed") out of campaigns.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.7,
        num_perm: int = 64,
        shingle_size: int = 3,
        min_size: int = 2,
        min_words: int = 5,
        seed: int = 0,
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.min_size = min_size
        self.min_words = min_words
        self.seed = seed

    def _bands(self) -> tuple[int, int]:
        """(bands, rows) with bands*rows <= num_perm whose S-curve midpoint is nearest threshold,
        rounded down so that pairs at the threshold are still likely candidates."""
        options = [
            (b, self.num_perm // b) for b in range(1, self.num_perm + 1) if self.num_perm % b == 0
        ]
        below = [(b, r) for b, r in options if (1 / b) ** (1 / r) <= self.threshold - 0.1]
        pool = below or options
        return max(pool, key=lambda br: (1 / br[0]) ** (1 / br[1]))

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """MinHash signatures (len(texts) x num_perm, uint32) of normalised texts' word shingles."""
        k = self.shingle_size
        # One flat word list: each text padded to k words with "" (id 0), then k-1 separators
        # (id -1) so that no shingle spans two texts.
        flat: list[str] = []
        starts: list[int] = []
        separator = [None] * (k - 1)
        for text in texts:
            words = text.split()
            starts.append(len(flat))
            flat.extend(words)
            if len(words) < k:
                flat.extend([""] * (k - len(words)))
            flat.extend(separator)  # type: ignore[arg-type]
        vocabulary = {word: i for i, word in enumerate(dict.fromkeys(flat), start=1)}
        vocabulary[""], vocabulary[None] = 0, -1  # type: ignore[index]
        token = np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))
        shingle = np.zeros(len(token) - k + 1, dtype=np.uint64)
        valid = np.ones(len(shingle), dtype=bool)
        for offset in range(k):
            part = token[offset : offset + len(shingle)]
            valid &= part >= 0
            shingle = shingle * np.uint64(1_000_003) + part.astype(np.uint64)
        positions = np.flatnonzero(valid)
        shingle = shingle[positions]
        # reduceat needs the index of each text's first shingle among the valid ones
        first = np.searchsorted(positions, np.asarray(starts))
        rng = np.random.default_rng(self.seed)
        multipliers = rng.integers(1, 2**63, self.num_perm, dtype=np.uint64) | np.uint64(1)
        offsets = rng.integers(0, 2**63, self.num_perm, dtype=np.uint64)
        signature = np.empty((len(texts), self.num_perm), dtype=np.uint32)
        with np.errstate(over="ignore"):
            mixed = shingle * np.uint64(0x9E3779B97F4A7C15)
            for p in range(self.num_perm):
                hashed = ((mixed * multipliers[p] + offsets[p]) >> np.uint64(32)).astype(np.uint32)
                signature[:, p] = np.minimum.reduceat(hashed, first)
        return signature

    def detect(self, texts: Sequence[str]) -> tuple[Campaign, ...]:
        """Campaigns of at least `min_size` answers, largest first; indices refer to `texts`."""
        normalised = [normalise(text) for text in texts]
        by_text: dict[str, list[int]] = defaultdict(list)
        for index, norm in enumerate(normalised):
            if len(norm.split()) >= self.min_words:
                by_text[norm].append(index)
        distinct = list(by_text)
        groups = _UnionFind(len(distinct))
        if len(distinct) > 1:
            self._link_near_duplicates(distinct, groups)
        members: dict[int, list[int]] = defaultdict(list)
        for position in range(len(distinct)):
            members[groups.find(position)].append(position)
        campaigns = []
        for positions in members.values():
            indices = sorted(i for p in positions for i in by_text[distinct[p]])
            if len(indices) < self.min_size:
                continue
            counts = Counter({p: len(by_text[distinct[p]]) for p in positions})
            top = max(positions, key=lambda p: (counts[p], -by_text[distinct[p]][0]))
            canonical = by_text[distinct[top]][0]
            campaigns.append((indices, canonical, counts[top]))
        campaigns.sort(key=lambda c: (-len(c[0]), c[0][0]))
        return tuple(
            Campaign(f"campaign-{n}", len(idx), tuple(idx), canonical, texts[canonical], same)
            for n, (idx, canonical, same) in enumerate(campaigns, start=1)
        )

    def _link_near_duplicates(self, distinct: list[str], groups: _UnionFind) -> None:
        signature = self.signatures(distinct)
        bands, rows = self._bands()
        for band in range(bands):
            block = np.ascontiguousarray(signature[:, band * rows : (band + 1) * rows])
            keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
            order = np.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
            sizes = np.diff(np.r_[starts, len(order)])
            for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
                self._link_bucket(order[start : start + size], signature, groups)

    def _link_bucket(self, bucket: np.ndarray, signature: np.ndarray, groups: _UnionFind) -> None:
        # Compare against one anchor at a time: linear in the bucket size, and the members not
        # similar to the anchor get their own anchor in the next round.
        remaining = bucket
        while len(remaining) > 1:
            anchor = remaining[0]
            similarity = (signature[remaining[1:]] == signature[anchor]).mean(axis=1)
            close = similarity >= self.threshold
            for other in remaining[1:][close]:
                groups.union(int(anchor), int(other))
            remaining = remaining[1:][~close]


def campaign_of(campaigns: Sequence[Campaign], count: int) -> list[str | None]:
    """For each of `count` answers, the id of its campaign or None."""
    result: list[str | None] = [None] * count
    for campaign in campaigns:
        for index in campaign.member_indices:
            result[index] = campaign.campaign_id
    return result
