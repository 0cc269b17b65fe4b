"""The public account "what we did with your input" of the IMVO demo in a real browser, reached
from the consultation page's links, in Dutch and English, wide and at 320 CSS px, each page
checked with axe (issue 11)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meedenken.demo.content import DEMO_SLUG
from tests.e2e.conftest import Browsing
from tests.e2e.journeys import assert_reflows

LABELS = {
    "nl": ("", "Wat hebben we met uw inbreng gedaan", "Uitkomsten", "Maatregelen", "Reacties"),
    "en": ("/en", "What we did with your input", "Outcomes", "Measures", "Responses"),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_account_from_the_consultation_page(browsing: Browsing, language: str) -> None:
    prefix, title, outcomes, measures, responses = LABELS[language]
    browsing.server.manage("tests.e2e.accountability_seed")
    for width in (1280, 320):
        page = browsing.new_page(language=language, viewport={"width": width, "height": 800})
        page.goto(f"{prefix}/consultaties/{DEMO_SLUG}/")
        section = page.locator("section", has=page.get_by_role("heading", name=outcomes))
        expect(section).to_be_visible()
        browsing.check(page)
        section.get_by_role("link", name=title).click()
        expect(page).to_have_url(
            f"{browsing.server.url}{prefix}/consultaties/{DEMO_SLUG}/wat-we-deden/"
        )
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_role("heading", level=2, name=measures)).to_be_visible()
        assert page.locator("article").count() >= 4
        expect(page.locator("article").first).to_contain_text(
            "Toelichting 1" if language == "nl" else "Rationale 1"
        )
        if width == 320:
            assert_reflows(page)
        browsing.check(page, f"{language}-account" if width == 1280 else None)
        # its links lead on to the other published pages
        page.get_by_role(
            "link", name="Gepubliceerde reacties" if language == "nl" else "Published responses"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(responses)
        browsing.check(page)
