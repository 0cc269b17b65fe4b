"""Private storage for uploaded position papers: outside MEDIA_ROOT, never served by URL; staff
download them through a view that checks permission."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """FileSystemStorage under MEEDENKEN_PRIVATE_ROOT (read at use, so tests can move it)."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.MEEDENKEN_PRIVATE_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> str | None:  # type: ignore[override]
        return None

    def url(self, name: str | None) -> str:
        raise ValueError("position papers have no public URL")


def private_storage() -> PrivateStorage:
    return PrivateStorage()
