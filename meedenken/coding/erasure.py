"""A withdrawn response's answers leave the quotes of the themes found among answers
(registered with `responses.copies` in CodingConfig.ready())."""

from __future__ import annotations

from meedenken.coding.models import Theme
from meedenken.responses.copies import Traces, scrub
from meedenken.responses.models import Response


def erase_theme_quotes(response: Response, traces: Traces) -> int:
    changed = 0
    themes = Theme.objects.select_for_update().filter(consultation_id=response.consultation_id)
    for theme in themes.only("pk", "quotes", "key_phrases"):
        quotes, removed = scrub(theme.quotes, traces)
        if removed:
            theme.quotes = quotes
            theme.save(update_fields=["quotes"])
            changed += 1
    return changed
