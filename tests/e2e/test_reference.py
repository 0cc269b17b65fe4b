"""The international comparison in a real browser: filter, open a fact, compare two side by
side, in Dutch and English, wide and at 320 CSS px, each page checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Browsing
from tests.e2e.journeys import assert_reflows

LABELS = {
    "nl": (
        "",
        "Land of gebied",
        "Filteren",
        "Vergelijk de gekozen feiten",
        "Toezicht en handhaving",
    ),
    "en": (
        "/en",
        "Country or area",
        "Filter",
        "Compare the chosen facts",
        "Supervision and enforcement",
    ),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_browse_filter_and_compare(browsing: Browsing, language: str) -> None:
    prefix, country, submit, compare, enforcement = LABELS[language]
    for width in (1280, 320):
        page = browsing.new_page(language=language, viewport={"width": width, "height": 800})
        shot = (
            (lambda name: f"{language}-reference-{name}") if width == 1280 else (lambda name: None)
        )

        page.goto(f"{prefix}/vergelijking/")
        expect(page.locator('input[name="feit"]')).to_have_count(46)
        browsing.check(page, shot("list"))
        page.get_by_label(country).select_option("Germany")
        page.get_by_role("button", name=submit).click()
        expect(page.locator('input[name="feit"]')).to_have_count(1)
        if width == 320:
            assert_reflows(page)
        browsing.check(page)
        page.goto(f"{prefix}/vergelijking/")
        browsing.check(page)
        page.locator("#cmp-FR-2017-vigilance").check()
        page.locator("#cmp-DE-2021-LkSG").check()
        page.get_by_role("button", name=compare).click()
        table = page.get_by_role("table")
        expect(table.get_by_role("columnheader")).to_have_count(2)
        expect(table.get_by_role("rowheader", name=enforcement)).to_be_visible()
        if width == 320:
            assert_reflows(page)
        browsing.check(page, shot("compare"))
        table.get_by_role("link").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("vigilance")
        if width == 320:
            assert_reflows(page)
        browsing.check(page, shot("detail"))
