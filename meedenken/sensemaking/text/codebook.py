"""Codebooks: hierarchical themes with labels, descriptions and seed phrases per language.

A codebook is plain data: it loads from a dict (how the platform stores it) or a JSON file, and
the default IMVO codebook ships as `codebooks/imvo.json`. Codes nest with `children`; analysts
code leaves (and parents that have seed phrases of their own), and a parent counts as coded
when any of its children is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BUNDLED_DIR = Path(__file__).resolve().parent / "codebooks"


class CodebookError(ValueError):
    """A codebook that cannot be used as given."""


@dataclass(frozen=True)
class Code:
    """One theme: `labels`, `descriptions` and `seed_phrases` are keyed by ISO 639-1 language."""

    code_id: str
    labels: Mapping[str, str]
    descriptions: Mapping[str, str] = field(default_factory=dict)
    seed_phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    parent_id: str | None = None

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or next(iter(self.labels.values()), self.code_id)

    def texts(self) -> dict[str, list[str]]:
        """Per language: the label, the description and the seed phrases (what zero-shot reads)."""
        languages = set(self.labels) | set(self.descriptions) | set(self.seed_phrases)
        return {
            lang: [
                *([self.labels[lang]] if lang in self.labels else []),
                *([self.descriptions[lang]] if lang in self.descriptions else []),
                *self.seed_phrases.get(lang, ()),
            ]
            for lang in sorted(languages)
        }


@dataclass(frozen=True)
class Codebook:
    name: str
    codes: tuple[Code, ...]
    titles: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = [code.code_id for code in self.codes]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise CodebookError(f"duplicate code ids: {', '.join(duplicates)}")
        missing = sorted(
            {c.parent_id for c in self.codes if c.parent_id and c.parent_id not in ids}
        )
        if missing:
            raise CodebookError(f"unknown parent ids: {', '.join(missing)}")
        if not self.codes:
            raise CodebookError("a codebook needs at least one code")

    def get(self, code_id: str) -> Code:
        for code in self.codes:
            if code.code_id == code_id:
                return code
        raise KeyError(code_id)

    def children(self, code_id: str | None) -> tuple[Code, ...]:
        """The codes directly below `code_id` (top-level codes for None)."""
        return tuple(code for code in self.codes if code.parent_id == code_id)

    def leaves(self) -> tuple[Code, ...]:
        """The codes analysts assign: those without children."""
        parents = {code.parent_id for code in self.codes}
        return tuple(code for code in self.codes if code.code_id not in parents)

    def assignable(self) -> tuple[Code, ...]:
        """The codes an answer can get directly: leaves, and parents with seed phrases of their
        own (an answer on due diligence in general, neither national nor EU)."""
        return tuple(
            code for code in self.codes if code.seed_phrases or not self.children(code.code_id)
        )

    def ancestors(self, code_id: str) -> tuple[str, ...]:
        """Parent, grandparent, ... of `code_id`."""
        chain = []
        parent = self.get(code_id).parent_id
        while parent is not None:
            chain.append(parent)
            parent = self.get(parent).parent_id
        return tuple(chain)

    def with_ancestors(self, code_ids: Sequence[str]) -> list[str]:
        """`code_ids` plus all their ancestors, in codebook order."""
        wanted = set(code_ids)
        for code_id in code_ids:
            wanted.update(self.ancestors(code_id))
        return [code.code_id for code in self.codes if code.code_id in wanted]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Codebook:
        """Build from the JSON shape of `codebooks/imvo.json` (codes nest under `children`)."""
        if not isinstance(data, Mapping) or not isinstance(data.get("codes"), list):
            raise CodebookError("a codebook is a mapping with a list of `codes`")
        codes: list[Code] = []
        for entry, parent in _walk(data["codes"], None):
            codes.append(_code_from_dict(entry, parent))
        return cls(str(data.get("name", "codebook")), tuple(codes), dict(data.get("title", {})))

    def to_dict(self) -> dict[str, Any]:
        """The nested JSON shape that `from_dict` reads."""

        def entry(code: Code) -> dict[str, Any]:
            item: dict[str, Any] = {"id": code.code_id, "label": dict(code.labels)}
            if code.descriptions:
                item["description"] = dict(code.descriptions)
            if code.seed_phrases:
                item["seed_phrases"] = {k: list(v) for k, v in code.seed_phrases.items()}
            children = self.children(code.code_id)
            if children:
                item["children"] = [entry(child) for child in children]
            return item

        return {
            "name": self.name,
            "title": dict(self.titles),
            "codes": [entry(code) for code in self.children(None)],
        }

    @classmethod
    def from_names(
        cls, names: Sequence[str], descriptions: Mapping[str, str] | None = None
    ) -> Codebook:
        """A flat codebook from bare category names (as in a CSV header), language-neutral.

        Names like `level1_cycle_path_quality` become the label "cycle path quality"; the label
        is stored under the key "any" so zero-shot reads it in whatever language it is written.
        """
        descriptions = descriptions or {}
        codes = []
        for name in names:
            label = _readable(name)
            description = {"any": descriptions[name]} if name in descriptions else {}
            codes.append(Code(name, {"any": label}, description))
        return cls("from-names", tuple(codes))


def _readable(name: str) -> str:
    words = name.replace("-", " ").replace("_", " ").split()
    if len(words) > 1 and any(ch.isdigit() for ch in words[0]):
        words = words[1:]  # a prefix such as "level1"
    return " ".join(words)


def _walk(entries: list[Any], parent: str | None) -> Iterator[tuple[Mapping[str, Any], str | None]]:
    for entry in entries:
        if not isinstance(entry, Mapping) or not entry.get("id"):
            raise CodebookError(f"each code needs an `id`: {entry!r:.80}")
        yield entry, parent
        yield from _walk(list(entry.get("children", [])), str(entry["id"]))


def _code_from_dict(entry: Mapping[str, Any], parent: str | None) -> Code:
    labels = entry.get("label") or {}
    if isinstance(labels, str):
        labels = {"any": labels}
    descriptions = entry.get("description") or {}
    if isinstance(descriptions, str):
        descriptions = {"any": descriptions}
    seeds = entry.get("seed_phrases") or {}
    if isinstance(seeds, list):
        seeds = {"any": seeds}
    return Code(
        code_id=str(entry["id"]),
        labels={str(k): str(v) for k, v in labels.items()} or {"any": str(entry["id"])},
        descriptions={str(k): str(v) for k, v in descriptions.items()},
        seed_phrases={str(k): tuple(str(p) for p in v) for k, v in seeds.items()},
        parent_id=parent,
    )


def load_codebook(name_or_path: str) -> Codebook:
    """A bundled codebook by name (`"imvo"`) or a codebook JSON file by path."""
    path = Path(name_or_path)
    if not path.suffix and (BUNDLED_DIR / f"{name_or_path}.json").is_file():
        path = BUNDLED_DIR / f"{name_or_path}.json"
    if not path.is_file():
        bundled = ", ".join(sorted(p.stem for p in BUNDLED_DIR.glob("*.json")))
        raise CodebookError(f"no codebook {name_or_path!r} (bundled: {bundled})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CodebookError(f"{path}: not valid JSON ({error})") from error
    return Codebook.from_dict(data)
