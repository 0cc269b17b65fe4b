"""The pages around the journeys: the footer's privacy and accessibility statements and the page
for an address that does not exist, in Dutch and English, wide and at 320 CSS px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Browsing
from tests.e2e.journeys import assert_reflows

FOOTER = {
    "nl": ("", "Privacyverklaring", "Toegankelijkheid", "Toegankelijkheidsverklaring"),
    "en": ("/en", "Privacy notice", "Accessibility", None),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_footer_pages_and_not_found(browsing: Browsing, language: str) -> None:
    prefix, privacy, accessibility, accessibility_heading = FOOTER[language]
    for width in (1280, 320):
        page = browsing.new_page(language=language, viewport={"width": width, "height": 800})

        def check(name: str | None, page: Page = page, width: int = width) -> None:
            if width == 320:
                assert_reflows(page)
            browsing.check(page, f"{language}-{name}" if name and width == 1280 else None)

        page.goto(f"{prefix}/")
        check(None)  # the home page has its screenshot in the respond journey
        footer = page.locator("footer")
        footer.get_by_role("link", name=privacy).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(privacy.split()[0])
        check("privacy")
        footer.get_by_role("link", name=accessibility).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            accessibility_heading or accessibility
        )
        check("accessibility")
        reply = page.goto(f"{prefix}/consultaties/bestaat-niet/")
        assert reply is not None and reply.status == 404
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check("not-found")
