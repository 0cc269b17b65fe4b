"""/api/v1/: the API (no language prefix: each call is answered in the language of its
Accept-Language header, Dutch by default), its OpenAPI document, problem+json for the rest."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path
from django.utils import translation

from meedenken.api.main import api, not_found, openapi_json


def in_callers_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(translation.get_language_from_request(request)):
            response = view(request, *args, **kwargs)
        response.setdefault("Content-Language", translation.get_language_from_request(request))
        return response

    return wrapped


def _wrap(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = in_callers_language(pattern.callback)
        else:
            _wrap(pattern.url_patterns)
    return patterns


_patterns, _app, _namespace = api.urls
urlpatterns = [
    path("api/v1/openapi.json", in_callers_language(openapi_json), name="api-openapi"),
    path("api/v1/", include((_wrap(_patterns), _app), namespace=_namespace)),
    path("api/v1/<path:rest>", in_callers_language(not_found)),
]
