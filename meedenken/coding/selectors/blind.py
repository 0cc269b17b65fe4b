"""Blind second coding: which answers another analyst has already coded blind, and which the
analyst coded in the first pass (a second coding of one's own is not blind). One rule each, read
by the blind queue (it hands out neither), the answer page (it says so) and the coding services
(they refuse)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from meedenken.coding.models import CodeAssignment, CodingPass
from meedenken.core.actors import acting_user


def second_codes_by_another(
    user: AbstractBaseUser | AnonymousUser | None,
) -> QuerySet[CodeAssignment]:
    """Second-pass codes set by an analyst other than `user` (every analyst, when `user` is not
    a signed-in one). A code whose coder was deleted is nobody's: it blocks no one."""
    codes = CodeAssignment.objects.filter(coding_pass=CodingPass.SECOND, coder__isnull=False)
    coder = acting_user(user)
    return codes if coder is None else codes.exclude(coder=coder)


def is_coded_blind_by_another(
    answer_ids: Iterable[int], user: AbstractBaseUser | AnonymousUser | None
) -> bool:
    """Whether another analyst than `user` has coded any of the answers blind (one query)."""
    return second_codes_by_another(user).filter(answer_id__in=list(answer_ids)).exists()


def first_codes_by(user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[CodeAssignment]:
    """First-pass codes `user` set (none when `user` is not a signed-in analyst)."""
    coder = acting_user(user)
    codes = CodeAssignment.objects.filter(coding_pass=CodingPass.FIRST)
    return codes.none() if coder is None else codes.filter(coder=coder)


def is_coded_first_by(
    answer_ids: Iterable[int], user: AbstractBaseUser | AnonymousUser | None
) -> bool:
    """Whether `user` gave any of the answers a code in the first pass (one query)."""
    return first_codes_by(user).filter(answer_id__in=list(answer_ids)).exists()


__all__ = [
    "first_codes_by",
    "is_coded_blind_by_another",
    "is_coded_first_by",
    "second_codes_by_another",
]
