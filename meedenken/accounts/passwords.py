"""Password rules beyond Django's (length 12, common-password list, not all digits, not like the
username): a password must not be one character or a short pattern repeated."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIN_DISTINCT_CHARACTERS = 6


def is_repetition(password: str) -> bool:
    """ "abcabcabcabc", "aaaaaaaaaaaa": a block of at most four characters repeated."""
    for size in range(1, 5):
        block = password[:size]
        if len(password) >= 2 * size and (block * (len(password) // size + 1)).startswith(password):
            return True
    return False


class VarietyValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if len(set(password.lower())) < MIN_DISTINCT_CHARACTERS or is_repetition(password.lower()):
            raise ValidationError(
                _(
                    "Dit wachtwoord is te eentonig. Gebruik minstens %(count)d verschillende "
                    "tekens en herhaal geen kort patroon."
                )
                % {"count": MIN_DISTINCT_CHARACTERS},
                code="password_too_monotonous",
            )

    def get_help_text(self) -> str:
        return _("Uw wachtwoord bevat minstens %(count)d verschillende tekens.") % {
            "count": MIN_DISTINCT_CHARACTERS
        }
