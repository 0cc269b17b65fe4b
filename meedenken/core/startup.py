"""Start-up checks of the web process: fail at once with a clear message instead of answering
every page with a 500 (issue 12: production without `collectstatic`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import empty

# Every page's layout links this file; without it in the manifest no page renders.
LAYOUT_STYLESHEET = "meedenken/site.css"


def static_files_problem() -> str | None:
    """Why pages would fail for want of collected static files, or None when they are there.
    Only a manifest storage (production) needs `collectstatic`; the others serve the sources."""
    if staticfiles_storage._wrapped is empty:  # type: ignore[attr-defined]
        staticfiles_storage._setup()  # type: ignore[attr-defined]
    storage = staticfiles_storage._wrapped  # type: ignore[attr-defined]
    if not isinstance(storage, ManifestStaticFilesStorage):
        return None
    manifest = storage.path(storage.manifest_name)
    hint = (
        f"Run `meedenken collectstatic --noinput` (STATIC_ROOT={settings.STATIC_ROOT}) "
        "before starting the web server."
    )
    try:
        loaded = storage.load_manifest()  # ({}, "") when there is no manifest
    except ValueError as error:
        return f"The static files manifest {manifest} cannot be read ({error}). {hint}"
    paths: dict[str, str] = loaded[0] if isinstance(loaded, tuple) else loaded
    if not paths:
        return f"Static files are missing: no manifest at {manifest}. {hint}"
    if LAYOUT_STYLESHEET not in paths or not storage.exists(paths[LAYOUT_STYLESHEET]):
        return f"Static files are incomplete: {LAYOUT_STYLESHEET} is not collected. {hint}"
    return None


def check_start_up() -> None:
    """Called by the WSGI entry point: raise with the reason when the site cannot serve pages."""
    problem = static_files_problem()
    if problem:
        raise ImproperlyConfigured(problem)
