"""Who acts: the signed-in person as the user model (what a ForeignKey to a user takes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def acting_user(actor: AbstractBaseUser | AnonymousUser | None) -> User | None:
    """`actor` when it is a signed-in user, else None (anonymous visitors, the system itself)."""
    if isinstance(actor, get_user_model()) and actor.is_authenticated:
        return actor
    return None
