"""Sentence fragments the demo-response generator composes answers from."""

from __future__ import annotations

from meedenken.demo.fragments.base import Bank, Fragment
from meedenken.demo.fragments.covenants_support import COVENANT_FRAGMENTS, SUPPORT_FRAGMENTS
from meedenken.demo.fragments.field_countries import COUNTRIES_FRAGMENTS, PLAYING_FIELD_FRAGMENTS
from meedenken.demo.fragments.obstacles_child_labour import (
    CHILD_LABOUR_FRAGMENTS,
    OBSTACLE_FRAGMENTS,
)
from meedenken.demo.fragments.proposals import PROPOSAL_FRAGMENTS

# Every open question's fragments, by question key.
FRAGMENTS: Bank = {
    **COVENANT_FRAGMENTS,
    **SUPPORT_FRAGMENTS,
    **PLAYING_FIELD_FRAGMENTS,
    **COUNTRIES_FRAGMENTS,
    **OBSTACLE_FRAGMENTS,
    **CHILD_LABOUR_FRAGMENTS,
    **PROPOSAL_FRAGMENTS,
}
# Open questions whose stance follows the view of the covenants instead of the view on
# mandatory measures.
COVENANT_VIEW_KEYS: tuple[str, ...] = tuple(COVENANT_FRAGMENTS)

__all__ = ["COVENANT_VIEW_KEYS", "FRAGMENTS", "Bank", "Fragment"]
