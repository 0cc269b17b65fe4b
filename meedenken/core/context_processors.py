"""Template context shared by every page: theme, organisation, languages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from meedenken.core.translation import organisation_name


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "theme": settings.MEEDENKEN_THEME,
        "organisation": organisation_name(),
    }
