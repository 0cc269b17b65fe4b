"""The check of a staff upload (consultation documents): size, and content that matches the
name, sniffed from the bytes (`core.filetypes`), with a clear message in the user's language."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from meedenken.core.filetypes import content_matches


@deconstructible
class DocumentContentValidator:
    """For a FileField: refuses a new file over MEEDENKEN_MAX_DOCUMENT_BYTES, or whose bytes are
    not the kind its extension names. A file already stored is not read again."""

    def __call__(self, value: Any) -> None:
        if getattr(value, "_committed", True):
            return
        limit = settings.MEEDENKEN_MAX_DOCUMENT_BYTES
        if value.size is not None and value.size > limit:
            raise ValidationError(
                _("Het bestand is te groot: ten hoogste %(mb)d MB."),
                code="too_large",
                params={"mb": limit // 1_000_000},
            )
        value.seek(0)
        data = value.read(limit + 1)
        value.seek(0)
        extension = PurePath(value.name or "").suffix.lstrip(".")
        if not content_matches(extension, data):
            raise ValidationError(
                _(
                    "De inhoud van het bestand is geen %(ext)s-bestand. Upload een echt PDF-, "
                    "ODT-, DOCX-, ODS-, XLSX-, CSV- of TXT-bestand."
                ),
                code="content_mismatch",
                params={"ext": extension.upper() or "?"},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentContentValidator)

    def __hash__(self) -> int:
        return hash(type(self))
