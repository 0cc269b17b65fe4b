"""Blind second coding: which answers another analyst has already coded blind. One rule, read by
the answer page (it says so and ticks nothing) and by the coding services (they refuse to add to
or overwrite that coding)."""

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


__all__ = ["is_coded_blind_by_another", "second_codes_by_another"]
