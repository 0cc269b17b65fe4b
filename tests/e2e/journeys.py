"""Steps of the public journeys, as a person takes them, in Dutch and English.

Every helper that lands on a new page runs the accessibility gate (`browsing.check`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Browsing, focused

DEMO_SLUG = "imvo-evaluatie"
REFERENCE = re.compile(r"\b[A-Z0-9]{1,6}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")

# What a person reads and clicks, per language (the English comes from meedenken/locale/en).
TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "prefix": "",
        "start": "Start met reageren",
        "next": "Opslaan en verder",
        "save": "Tussentijds opslaan",
        "send": "Reactie versturen",
        "about_you": "Over u",
        "organisation": "namens een organisatie",
        "organisation_name": "Naam van de organisatie",
        "ngo": "maatschappelijke organisatie (ngo)",
        "anonymous": "Publiceer mijn reactie anoniem",
        "required": "Dit veld is verplicht.",
        "problems": "Er zijn 3 problemen",
        "one_problem": "Er is 1 probleem",
        "saved": "Uw antwoorden zijn opgeslagen.",
        "thanks": "Bedankt voor uw reactie",
        "your_reference": "Uw referentienummer",
        "change": "Reactie wijzigen",
        "withdraw": "Reactie intrekken",
        "withdraw_yes": "Ja, trek mijn reactie in",
        "withdrawn": "Reactie ingetrokken",
        "closed": "De consultatie is gesloten.",
        "review": "Controleren en versturen",
        "error_title": "Fout:",
    },
    "en": {
        "prefix": "/en",
        "start": "Start your response",
        "next": "Save and continue",
        "save": "Save draft",
        "send": "Send response",
        "about_you": "About you",
        "organisation": "on behalf of an organisation",
        "organisation_name": "Name of the organisation",
        "ngo": "civil society organisation (NGO)",
        "anonymous": "Publish my response anonymously",
        "required": "This field is required.",
        "problems": "There are 3 problems",
        "one_problem": "There is 1 problem",
        "saved": "Your answers have been saved.",
        "thanks": "Thank you for your response",
        "your_reference": "Your reference number",
        "change": "Change response",
        "withdraw": "Withdraw response",
        "withdraw_yes": "Yes, withdraw my response",
        "withdrawn": "Response withdrawn",
        "closed": "The consultation has closed.",
        "review": "Check and send",
        "error_title": "Error:",
    },
}


ANSWER = {
    "nl": "{tag}, vraag {number}: maak ketens transparant en meld misstanden bij een steunpunt.",
    "en": "{tag}, question {number}: make supply chains transparent and report abuses to a help desk.",
}


@dataclass
class Respondent:
    """One person responding in one browser page."""

    page: Page
    browsing: Browsing
    language: str = "nl"

    @property
    def t(self) -> dict[str, str]:
        return TEXT[self.language]

    def check(self, screenshot: str | None = None) -> None:
        self.browsing.check(self.page, screenshot)

    def open_consultation(self, slug: str, screenshot: str | None = None) -> None:
        self.page.goto(f"{self.t['prefix']}/consultaties/{slug}/")
        expect(self.page.get_by_role("heading", level=1)).to_be_visible()
        self.check(screenshot)

    def start(self, slug: str, screenshot: str | None = None) -> None:
        self.open_consultation(slug, screenshot)
        self.page.get_by_role("button", name=self.t["start"]).click()
        self.page.wait_for_url(re.compile(r"/reactie/[^/]+/over-u/$"))
        expect(self.page.get_by_role("heading", level=1)).to_have_text(self.t["about_you"])

    def secret_link(self) -> str:
        link = self.page.locator(".md-secret-link__url code").inner_text().strip()
        assert re.search(r"/reactie/[A-Za-z0-9_-]{40,}/$", link), link
        return link

    def fill_profile(self, organisation: str) -> None:
        page = self.page
        page.get_by_role("radio", name=self.t["organisation"]).check()
        page.get_by_label(self.t["organisation_name"]).fill(organisation)
        page.get_by_role("radio", name=self.t["ngo"]).check()
        page.get_by_role("radio", name=self.t["anonymous"]).check()

    def submit(self, button: str = "next") -> None:
        """Press a form button and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=self.t[button], exact=True).click()

    def answer_section(self, tag: str) -> list[str]:
        """Answer every question on a section page; returns the texts typed into open questions."""
        typed = []
        blocks = self.page.locator(".md-question")
        for index in range(blocks.count()):
            block = blocks.nth(index)
            if block.locator("textarea").count():
                text = ANSWER[self.language].format(tag=tag, number=index + 1)
                block.locator("textarea").fill(text)
                typed.append(text)
            elif block.locator("select").count():
                selects = block.locator("select")
                for rank in range(selects.count()):
                    selects.nth(rank).select_option(str(rank + 1))
            elif block.locator("input[type=radio]").count():
                block.locator("input[type=radio]").last.check()
            elif block.locator("input[type=checkbox]").count():
                block.locator("input[type=checkbox]").first.check()
        return typed

    def assert_chosen_radios_look_chosen(self) -> None:
        """A chosen radio button must look different from one that is not (the theme draws them)."""
        looks = self.page.evaluate(
            """() => {
              document.activeElement.blur();
              const look = el => { const c = getComputedStyle(el);
                return [c.backgroundColor, c.backgroundImage, c.borderColor].join(' | '); };
              const radios = [...document.querySelectorAll('main input[type=radio]')];
              const on = radios.find(r => r.checked), off = radios.find(r => !r.checked);
              return on && off ? [look(on), look(off)] : null;
            }"""
        )
        assert looks is not None, "expected a chosen and an unchosen radio button on this page"
        assert looks[0] != looks[1], f"a chosen radio button looks like an unchosen one: {looks[0]}"

    def error_summary(self) -> Locator:
        """The error summary: announced (role=alert) and above the form."""
        summary = self.page.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_have_attribute("role", "alert")
        form_top = self.page.locator("main form:not(.md-email-link)").bounding_box()
        summary_box = summary.bounding_box()
        assert form_top and summary_box and summary_box["y"] < form_top["y"], "summary not on top"
        expect(self.page).to_have_title(re.compile(f"^{self.t['error_title']}"))
        return summary

    def reference(self) -> str:
        text = self.page.locator(".md-reference").inner_text().strip()
        assert REFERENCE.fullmatch(text), f"no reference number on the receipt: {text!r}"
        return text


def assert_focus_visible(page: Page) -> None:
    """The focused element has a visible focus indicator (WCAG 2.4.7)."""
    style = page.evaluate(
        """() => { const c = getComputedStyle(document.activeElement);
        return {outline: c.outlineStyle, width: c.outlineWidth, shadow: c.boxShadow}; }"""
    )
    has_outline = style["outline"] != "none" and style["width"] not in ("0px", "")
    assert has_outline or style["shadow"] != "none", f"no visible focus on {focused(page)}"


def assert_reflows(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"horizontal scrolling at 320 px on {page.url}: {width} px wide"
