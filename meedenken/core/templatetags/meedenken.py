"""Template helpers: translated content fields, sanitised rich text, language-switch URLs."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import SafeString

from meedenken.core.richtext import render_rich_text
from meedenken.core.translation import current_language, language_shown, translated

register = template.Library()


@register.filter(name="t")
def translated_field(obj: Any, field: str) -> str:
    """`{{ consultation|t:"title" }}`: the field in the active language (Dutch fallback)."""
    return translated(obj, field)


@register.filter(name="richtext")
def rich_text(value: str) -> SafeString:
    """Markdown written by staff, rendered and sanitised (no scripts, no inline handlers)."""
    return render_rich_text(value)


@register.simple_tag(takes_context=True)
def url_in_language(context: template.Context, language: str) -> str:
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language)


@register.simple_tag
def answer_for(answers: dict[int, Any], question: Any) -> Any:
    """The stored answer to `question` with readable choice labels, or None."""
    answer = answers.get(question.pk)
    if answer is None:
        return None
    labels = {choice.value: choice.t("label") for choice in question.choices.all()}
    answer.choice_labels = [labels.get(value, value) for value in answer.values]
    return answer


@register.simple_tag
def lang_of(obj: Any, field: str) -> SafeString:
    """` lang="nl"` when `{{ obj|t:field }}` falls back to Dutch on a page in another language,
    else nothing: `<p{% lang_of statement "text" %}>{{ statement|t:"text" }}</p>`."""
    shown = language_shown(obj, field)
    return format_html(' lang="{}"', shown) if shown != current_language() else SafeString("")
