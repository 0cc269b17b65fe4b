"""The one error type of coding services: a message in the user's language, nothing changed."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class CodingError(ValidationError):
    """Raised by `check_*` and `do_*` before anything is written (each runs in a transaction)."""
