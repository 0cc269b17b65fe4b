"""The published responses of the IMVO demo in a real browser: search and filter by stakeholder
type, in Dutch and English, wide and at 320 CSS px, each page checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from meedenken.demo.content import DEMO_SLUG
from tests.e2e.conftest import Browsing
from tests.e2e.journeys import assert_reflows


def total(page: Page) -> int:
    """The number of responses found, from the count heading above the list."""
    return int(page.get_by_role("heading", level=2).first.inner_text().split()[0])


LABELS = {
    "nl": ("", "Soort belanghebbende", "Filteren", "Reacties"),
    "en": ("/en", "Kind of stakeholder", "Filter", "Responses"),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_published_responses(browsing: Browsing, language: str) -> None:
    prefix, _kind, submit, heading = LABELS[language]
    browsing.server.manage("tests.e2e.publication_seed")
    for width in (1280, 320):
        page = browsing.new_page(language=language, viewport={"width": width, "height": 800})
        page.goto(f"{prefix}/consultaties/{DEMO_SLUG}/reacties/")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert page.locator("article").count() > 0
        everyone = total(page)
        if width == 320:
            assert_reflows(page)
        browsing.check(page, f"{language}-responses" if width == 1280 else None)
        options = page.locator("#id_soort").locator("option").all_inner_texts()
        page.locator("#id_soort").select_option(label=options[1])
        page.get_by_role("button", name=submit).click()
        assert 0 < total(page) < everyone
        browsing.check(page)
