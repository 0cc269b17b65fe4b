"""Measures on the IMVO demo consultation: vote and rate with JavaScript and without it, with the
keyboard only; propose a measure and moderate it as staff; the results page after the
background worker analysed the votes, then published."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import TIMEOUT_MS, Browsing, focused, press_until
from tests.e2e.journeys import DEMO_SLUG, assert_focus_visible, assert_reflows
from tests.e2e.seed import MODERATOR_PASSWORD, MODERATOR_USERNAME, STAFF_PASSWORD, STAFF_USERNAME
from tests.e2e.staff import staff_log_in

VOTE = {
    "nl": {
        "prefix": "",
        "heading": "Stem over maatregelen",
        "agree": "Eens",
        "disagree": "Oneens",
        "pass": "Overslaan / weet ik niet",
        "rate": "Ook beoordelen",
        "impact": "Impact",
        "feasibility": "Uitvoerbaarheid",
        "statement": "Stelling {n} van {total}",
        "saved": "Uw stem is opgeslagen: {vote}.",
        "changed": "Uw stem is gewijzigd in: {vote}.",
        "you_voted": "U stemde: {vote}.",
        "agree_word": "eens",
        "disagree_word": "oneens",
    },
    "en": {
        "prefix": "/en",
        "heading": "Vote on measures",
        "agree": "Agree",
        "disagree": "Disagree",
        "pass": "Skip / not sure",
        "rate": "Also rate",
        "impact": "Impact",
        "feasibility": "Feasibility",
        "statement": "Statement {n} of {total}",
        "saved": "Your vote has been saved: {vote}.",
        "changed": "Your vote has been changed to: {vote}.",
        "you_voted": "You voted: {vote}.",
        "agree_word": "agree",
        "disagree_word": "disagree",
    },
}
HEADING = re.compile(r"(\d+)\D+(\d+)")  # "Stelling 3 van 25"


def position(page: Page) -> tuple[int, int]:
    """(number, total) from the heading of the statement shown."""
    match = HEADING.search(page.locator("#vote-heading").inner_text())
    assert match, page.locator("#vote-heading").inner_text()
    return int(match.group(1)), int(match.group(2))


def statement_id(page: Page) -> str:
    action = page.locator("form[data-vote-form]").get_attribute("action") or ""
    match = re.search(r"/stellingen/(\d+)/stem/$", action)
    assert match, action
    return match.group(1)


def rate(page: Page, words: dict[str, str], impact: str, feasibility: str) -> None:
    details = page.locator("details.md-delib-ratings")
    if details.get_attribute("open") is None:
        page.locator("details.md-delib-ratings > summary").click()
    for group, value in ((words["impact"], impact), (words["feasibility"], feasibility)):
        page.get_by_role("group", name=re.compile(f"^{group}")).get_by_role(
            "radio", name=value, exact=True
        ).check()


def open_votes(page: Page, browsing: Browsing, language: str) -> None:
    """From the consultation page to the voting page."""
    page.goto(f"{VOTE[language]['prefix']}/consultaties/{DEMO_SLUG}/")
    browsing.check(page)
    page.get_by_role("link", name=VOTE[language]["heading"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(VOTE[language]["heading"])


def revisit(page: Page, language: str, statement_pk: str, text: str, impact: str) -> None:
    """Open a statement voted on earlier: it shows the vote (agree) and the impact rating."""
    words = VOTE[language]
    page.goto(f"{words['prefix']}/consultaties/{DEMO_SLUG}/stellingen/?stelling={statement_pk}")
    expect(page.locator(".md-delib-statement")).to_have_text(text)
    expect(page.locator("main")).to_contain_text(
        words["you_voted"].format(vote=words["agree_word"])
    )
    impact_group = page.get_by_role("group", name=re.compile("^Impact"))
    expect(impact_group.get_by_role("radio", name=impact, exact=True)).to_be_checked()


def test_vote_and_rate_with_javascript(browsing: Browsing) -> None:
    words = VOTE["nl"]
    page = browsing.new_page()
    open_votes(page, browsing, "nl")
    number, total = position(page)
    assert number == 1 and total > 3, (number, total)
    first = statement_id(page)
    statement = page.locator(".md-delib-statement").inner_text()
    rate(page, words, impact="4", feasibility="2")
    browsing.check(page, "nl-vote")

    # With JavaScript the vote is sent in the background: no new page, the next statement appears
    # and takes the focus, and a live region says what happened.
    page.evaluate("() => { window.sameDocument = true; }")
    page.get_by_role("button", name=words["agree"], exact=True).click()
    expect(page.locator("#vote-heading")).to_have_text(words["statement"].format(n=2, total=total))
    expect(page.locator("#vote-status")).to_have_text(
        words["saved"].format(vote=words["agree_word"])
    )
    assert page.evaluate("() => window.sameDocument === true"), "the page was reloaded"
    assert focused(page)["id"] == "vote-heading", focused(page)
    assert page.locator(".md-delib-statement").inner_text() != statement
    browsing.check(page)
    page.get_by_role("button", name=words["disagree"], exact=True).click()
    expect(page.locator("#vote-heading")).to_have_text(words["statement"].format(n=3, total=total))
    page.get_by_role("button", name=words["pass"], exact=True).click()
    expect(page.locator("#vote-heading")).to_have_text(words["statement"].format(n=4, total=total))
    expect(page.locator("progress").first).to_have_attribute("value", "3")
    browsing.check(page)

    # Back to the first statement: the vote and the ratings were stored; change the vote.
    revisit(page, "nl", first, statement, impact="4")
    browsing.check(page)
    page.get_by_role("button", name=words["disagree"], exact=True).click()
    expect(page.locator("#vote-status")).to_have_text(
        words["changed"].format(vote=words["disagree_word"])
    )
    browsing.check(page)


def test_vote_and_rate_without_javascript(browsing: Browsing) -> None:
    words = VOTE["en"]
    page = browsing.new_page(language="en", java_script_enabled=False)
    open_votes(page, browsing, "en")
    number, total = position(page)
    assert number == 1
    first = statement_id(page)
    statement = page.locator(".md-delib-statement").inner_text()
    rate(page, words, impact="5", feasibility="3")  # <details> opens without JavaScript too
    browsing.check(page, "en-vote-no-js")

    # Without JavaScript the form posts and the server answers with the next statement.
    with page.expect_navigation():
        page.get_by_role("button", name=words["agree"], exact=True).click()
    expect(page.get_by_role("status").first).to_have_text(
        words["saved"].format(vote=words["agree_word"])
    )
    expect(page.locator("#vote-heading")).to_have_text(words["statement"].format(n=2, total=total))
    with page.expect_navigation():
        page.get_by_role("button", name=words["pass"], exact=True).click()
    expect(page.locator("#vote-heading")).to_have_text(words["statement"].format(n=3, total=total))

    revisit(page, "en", first, statement, impact="5")
    with page.expect_navigation():
        page.get_by_role("button", name=words["disagree"], exact=True).click()
    expect(page.get_by_role("status").first).to_have_text(
        words["changed"].format(vote=words["disagree_word"])
    )
    browsing.check(page, "en-vote-changed-no-js")


def test_vote_with_the_keyboard_only(browsing: Browsing) -> None:
    words = VOTE["nl"]
    page = browsing.new_page()
    page.goto(f"/consultaties/{DEMO_SLUG}/stellingen/")
    browsing.check(page)
    _number, total = position(page)

    # Open the ratings with Enter on the summary, rate with Space and arrows, vote with Enter.
    press_until(page, "Tab", lambda f: f["tag"] == "summary")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("details.md-delib-ratings")).to_have_attribute("open", "")
    press_until(page, "Tab", lambda f: f["name"] == "impact")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    press_until(page, "Tab", lambda f: f["name"] == "feasibility")
    page.keyboard.press("Space")
    press_until(page, "Tab", lambda f: f["tag"] == "button" and f["text"] == words["agree"])
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#vote-heading")).to_have_text(words["statement"].format(n=2, total=total))
    assert focused(page)["id"] == "vote-heading", focused(page)
    # From the new heading, the next Tab stops are this statement's controls.
    press_until(page, "Tab", lambda f: f["tag"] == "button" and f["text"] == words["disagree"])
    page.keyboard.press("Enter")
    expect(page.locator("#vote-heading")).to_have_text(words["statement"].format(n=3, total=total))
    expect(page.locator("#vote-status")).to_have_text(
        words["saved"].format(vote=words["disagree_word"])
    )
    browsing.check(page)


def log_in(page: Page, browsing: Browsing, username: str, password: str, next_path: str) -> None:
    staff_log_in(page, browsing, username, password, next_path)


def moderated_id(item: Locator) -> str:
    action = item.locator("form").get_attribute("action") or ""
    match = re.search(r"/moderatie/(\d+)/$", action)
    assert match, action
    return match.group(1)


def test_propose_a_measure_and_moderate_it(browsing: Browsing) -> None:
    approved = "Laat banken jaarlijks melden welke risico's zij in hun ketens aanpakken."
    rejected = "Bel mij op 06-12345678 over dit voorstel."
    person = browsing.new_page()
    open_votes(person, browsing, "nl")
    browsing.check(person)
    person.get_by_role("link", name="Zelf een maatregel voorstellen").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Maatregel voorstellen")
    browsing.check(person)
    with person.expect_navigation():
        person.get_by_role("button", name="Voorstel insturen").click()
    expect(person.locator("#error-summary")).to_contain_text("Schrijf uw voorstel in het tekstvak.")
    browsing.check(person)
    person.locator("#error-summary a").click()
    expect(person.get_by_role("textbox", name="Uw voorstel voor een maatregel")).to_be_focused()
    for text in (approved, rejected):
        person.get_by_role("textbox", name="Uw voorstel voor een maatregel").fill(text)
        with person.expect_navigation():
            person.get_by_role("button", name="Voorstel insturen").click()
        expect(person.get_by_role("status").first).to_contain_text("moderator")
        browsing.check(person)
    own = person.locator(".md-delib-own")
    expect(own.locator("li").filter(has_text=approved)).to_contain_text("wacht op moderatie")
    browsing.check(person, "nl-propose")

    # A moderator approves one and rejects the other, with a reason that the author will read.
    moderation = f"/consultaties/{DEMO_SLUG}/stellingen/moderatie/"
    staff = browsing.new_page()
    # from the staff home, which links the moderator's own task and nothing the role cannot use
    log_in(staff, browsing, MODERATOR_USERNAME, MODERATOR_PASSWORD, "/beheer/")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Consultaties beheren")
    expect(staff.get_by_role("link", name="Uitnodigingen")).to_have_count(0)
    expect(staff.get_by_role("link", name="Resultaten en analyse")).to_have_count(0)
    browsing.check(staff)
    with staff.expect_navigation():
        staff.locator(f'a[href="{moderation}"]').click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Voorstellen modereren")
    browsing.check(staff, "nl-moderation")
    item = staff.locator(".md-delib-moderation > li").filter(has_text=approved)
    approved_pk = moderated_id(item)
    with staff.expect_navigation():
        item.get_by_role("button", name="Goedkeuren").click()
    expect(staff.get_by_role("status").first).to_contain_text("Goedgekeurd")
    browsing.check(staff)
    item = staff.locator(".md-delib-moderation > li").filter(has_text=rejected)
    rejected_pk = moderated_id(item)
    with staff.expect_navigation():
        item.get_by_role("button", name="Afwijzen").click()  # no reason given
    expect(staff.get_by_role("alert").first).to_be_visible()
    browsing.check(staff)
    item = staff.locator(".md-delib-moderation > li").filter(has_text=rejected)
    item.get_by_label(re.compile("Reden van afwijzing")).fill(
        "Bevat een telefoonnummer; stuur het voorstel opnieuw zonder persoonsgegevens."
    )
    with staff.expect_navigation():
        item.get_by_role("button", name="Afwijzen").click()
    expect(staff.get_by_role("status").first).to_contain_text("Afgewezen")
    expect(staff.locator(".md-delib-moderation")).not_to_contain_text(approved)
    browsing.check(staff)
    # The moderator translates the approved proposal, so English pages show it in English.
    translated = "Have banks report each year which risks they address in their chains."
    item = staff.locator(".md-delib-translations > li").filter(has_text=approved)
    expect(item).to_contain_text("nog niet vertaald")
    item.get_by_label("Engelse vertaling").fill(translated)
    expect(item.locator(".md-counter")).to_have_text(f"Nog {280 - len(translated)} tekens over.")
    with staff.expect_navigation():
        item.get_by_role("button", name="Vertaling opslaan").click()
    expect(staff.get_by_role("status").first).to_contain_text("Vertaling opgeslagen")
    browsing.check(staff)

    person.reload()
    expect(own.locator("li").filter(has_text=approved)).to_contain_text("goedgekeurd")
    expect(own.locator("li").filter(has_text=rejected)).to_contain_text("Bevat een telefoonnummer")
    browsing.check(person)

    # Someone else can now vote on the approved measure, and never sees the rejected one.
    other = browsing.new_page()
    other.goto(f"/consultaties/{DEMO_SLUG}/stellingen/?stelling={approved_pk}")
    expect(other.locator(".md-delib-statement")).to_have_text(approved)
    browsing.check(other)
    other.goto(f"/en/consultaties/{DEMO_SLUG}/stellingen/?stelling={approved_pk}")
    expect(other.locator("[data-statement-text]")).to_have_text(translated)
    expect(other.locator("[data-statement-text]")).not_to_have_attribute("lang", "nl")
    browsing.check(other)
    other.goto(f"/consultaties/{DEMO_SLUG}/stellingen/?stelling={approved_pk}")
    browsing.check(other)
    other.get_by_role("button", name="Eens", exact=True).click()
    expect(other.locator("#vote-status")).to_have_text("Uw stem is opgeslagen: eens.")
    other.goto(f"/consultaties/{DEMO_SLUG}/stellingen/?stelling={rejected_pk}")
    expect(other.locator(".md-delib-statement")).not_to_have_text(rejected)
    browsing.check(other)


PARTICIPANTS = re.compile(r"(\d+) (?:deelnemers|participants)")


def participants(page: Page) -> int:
    match = PARTICIPANTS.search(page.locator("main .md-lead").inner_text())
    assert match, page.locator("main .md-lead").inner_text()
    return int(match.group(1))


def test_results_after_the_worker_ran(browsing: Browsing) -> None:
    results = f"/consultaties/{DEMO_SLUG}/resultaten/"
    public = browsing.new_page()
    public.goto(results)
    expect(public.get_by_role("heading", level=1)).to_have_text(
        "Welke maatregelen hebben breed draagvlak?"
    )
    before = participants(public)
    browsing.check(public)
    # One more person votes, so that a new analysis has something new to count.
    public.goto(f"/consultaties/{DEMO_SLUG}/stellingen/")
    browsing.check(public)
    public.get_by_role("button", name="Eens", exact=True).click()
    expect(public.locator("#vote-status")).to_contain_text("Uw stem is opgeslagen")

    staff = browsing.new_page()
    log_in(staff, browsing, STAFF_USERNAME, STAFF_PASSWORD, results)
    browsing.check(staff)
    # Hold the page's progress polling until axe-core has checked the page, then let it reload
    # the page when the worker is done.
    staff.route("**/resultaten/status/", lambda route: route.abort())
    with staff.expect_navigation():
        staff.get_by_role("button", name="Nieuwe analyse starten").click()
    expect(staff.get_by_role("status").first).to_contain_text("De analyse is gestart")
    browsing.check(staff)
    staff.unroute("**/resultaten/status/")
    expect(staff.locator("#run-status strong")).to_have_text("klaar", timeout=4 * TIMEOUT_MS)
    browsing.check(staff)
    after = participants(staff)
    assert after > before, (before, after)
    expect(staff.locator("main")).to_contain_text("nog niet openbaar")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Deze resultaten openbaar maken").click()
    expect(staff.get_by_role("status").first).to_contain_text("De resultaten zijn openbaar.")
    browsing.check(staff, "nl-results-staff")

    public.goto(results)
    assert participants(public) == after
    expect(public.get_by_role("table").first).to_be_visible()
    assert_chart_readable(public)
    expect(public.get_by_role("button", name="Nieuwe analyse starten")).to_have_count(0)
    browsing.check(public, "nl-results")
    public.goto(f"/en{results}")
    expect(public.get_by_role("heading", level=1)).to_have_text(
        "Which measures have broad support?"
    )
    assert participants(public) == after
    browsing.check(public, "en-results")


OVERLAPPING_LABELS = """() => {
  const boxes = [...document.querySelectorAll(".md-delib-tag circle")].map(
    (c) => c.getBoundingClientRect());
  const hits = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    const dx = (a.x + a.width / 2) - (b.x + b.width / 2), dy = (a.y + a.height / 2) - (b.y + b.height / 2);
    if (Math.hypot(dx, dy) < a.width - 0.5) { hits.push([i, dx, dy]); }
  }));
  return {count: boxes.length, hits};
}"""


def assert_chart_readable(page: Page) -> None:
    labels = page.evaluate(OVERLAPPING_LABELS)
    assert labels["count"] >= 3, labels  # the demo's rated measures are drawn
    assert not labels["hits"], f"overlapping chart labels: {labels}"


def test_vote_and_results_pages_reflow_at_320_css_pixels(browsing: Browsing) -> None:
    page = browsing.new_page(viewport={"width": 320, "height": 640})
    for path in ("stellingen/", "stellingen/voorstellen/", "resultaten/"):
        page.goto(f"/consultaties/{DEMO_SLUG}/{path}")
        assert_reflows(page)
        browsing.check(page, "reflow-vote" if path == "stellingen/" else None)
    # the results tables are stacked, not scrolled: nothing hides beside the screen
    wraps = page.locator(".md-delib-table-wrap")
    assert wraps.count() >= 2
    for wrap in wraps.all():
        width = wrap.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
        name = wrap.get_attribute("aria-label")
        assert width[0] <= width[1], f"{name} scrolls sideways at 320 px: {width}"
    first = page.locator("#ranked-heading ~ .md-delib-table-wrap tbody tr").first
    support = first.locator("td").nth(1)
    expect(support).to_have_attribute("data-label", "Breed draagvlak")
    shown = support.evaluate(
        "(el) => [getComputedStyle(el).display, getComputedStyle(el, '::before').content]"
    )
    assert shown == ["block", '"Breed draagvlak: "'], shown  # each figure names its column
    expect(page.locator("[data-scroll-hint]")).to_be_hidden()
    assert_chart_readable(page)
    browsing.check(page, "reflow-results")
