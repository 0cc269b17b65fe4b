"""Translatable content fields: one column per language (`title_nl`, `title_en`).

Kept explicit instead of a translation library so that migrations, admin forms and exports show
exactly what is stored. Dutch is the source language; English falls back to Dutch when empty.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language

CONTENT_LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
SOURCE_LANGUAGE = "nl"


def current_language() -> str:
    language = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    return language if language in CONTENT_LANGUAGES else SOURCE_LANGUAGE


def translated(obj: Any, field: str, language: str | None = None) -> str:
    """The value of `field` in the requested (default: active) language, else in Dutch."""
    language = language or current_language()
    value = getattr(obj, f"{field}_{language}", "") or ""
    if not value and language != SOURCE_LANGUAGE:
        value = getattr(obj, f"{field}_{SOURCE_LANGUAGE}", "") or ""
    return value


class TranslatedMixin:
    """Gives models `obj.t("title")`, used by the `t` template filter."""

    def t(self, field: str) -> str:
        return translated(self, field)


def language_shown(obj: Any, field: str, language: str | None = None) -> str:
    """The language `translated(obj, field)` actually shows: the source language when the
    requested one is empty (then the page must say so with `lang`, WCAG 3.1.2)."""
    language = language or current_language()
    if language != SOURCE_LANGUAGE and not (getattr(obj, f"{field}_{language}", "") or ""):
        return SOURCE_LANGUAGE
    return language


def organisation_name(language: str | None = None) -> str:
    """The organisation's name in `language` (default: the active one)."""
    if (language or current_language()) == "en":
        return str(settings.MEEDENKEN_ORGANISATION_EN)
    return str(settings.MEEDENKEN_ORGANISATION)
