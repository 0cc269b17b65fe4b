"""Accountability (issue 11): staff record per measure and per theme what the ministry does with
it (versioned, audited); the public page /consultaties/<slug>/wat-we-deden/ is a 404 until
staff publish it, then shows each decision with its support figures, rationale and link; the
consultation page links to it; bad input gets one clear error and saves nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from meedenken.accountability.models import AccountPublication, Decision, DecisionRevision
from meedenken.accountability.services import (
    AccountabilityError,
    DecisionInput,
    do_record_decision,
    do_set_account_published,
)
from meedenken.accounts.roles import StaffRole
from meedenken.audit.models import AuditEntry
from meedenken.coding.models import CodeAssignment
from meedenken.coding.services import do_add_code, do_set_answer_codes
from meedenken.consultations.models import Consultation
from meedenken.responses.models import ResponseStatus
from meedenken.runs.services import do_execute_run, do_publish_run, do_request_run
from meedenken.statements.models import Statement
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
from meedenken.voting.opinion_json import read_opinion
from tests.platform.coding_helpers import add_answers, staff
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)
from tests.platform.staff import verify_second_factor
from tests.platform.test_results_support import populate

pytestmark = pytest.mark.django_db

POLICY = "https://www.rijksoverheid.nl/documenten/kamerstukken/2026/imvo-beleid"
ADOPT = DecisionInput(
    "adopted",
    "Het kabinet neemt de zorgplicht op in het wetsvoorstel.",
    "The cabinet includes the duty of care in the bill.",
    POLICY,
    "Kamerbrief IMVO-beleid",
    "Letter to Parliament on RBC policy",
)


def url(consultation: Consultation, prefix: str = "") -> str:
    return f"{prefix}/consultaties/{consultation.slug}/wat-we-deden/"


@pytest.fixture
def owner() -> Any:
    return staff("eigenaar", StaffRole.OWNER)


@pytest.fixture
def measure(consultation: Consultation) -> Statement:
    do_enable_deliberation(consultation)
    return do_seed_statement(
        consultation, "Een wettelijke zorgplicht voor alle bedrijven.", text_en="A legal duty."
    )


def test_the_page_is_a_404_until_staff_publish_it(
    client: Client, consultation: Consultation, owner: Any, measure: Statement
) -> None:
    do_record_decision(owner, measure, ADOPT)
    assert client.get(url(consultation)).status_code == 404
    with pytest.raises(PermissionDenied):
        do_set_account_published(staff("analist"), consultation, True)
    assert client.get(url(consultation)).status_code == 404
    do_set_account_published(owner, consultation, True)
    page = client.get(url(consultation)).content.decode()
    assert "Wat hebben we met uw inbreng gedaan" in page
    assert "Een wettelijke zorgplicht voor alle bedrijven." in page
    assert "Overgenomen" in page and "Het kabinet neemt de zorgplicht op" in page
    assert f'href="{POLICY}"' in page and "Kamerbrief IMVO-beleid" in page
    english = client.get(url(consultation, "/en")).content.decode()
    assert "What we did with your input" in english and "A legal duty." in english
    assert "The cabinet includes the duty of care" in english and "Adopted" in english
    assert "Letter to Parliament on RBC policy" in english
    do_set_account_published(owner, consultation, False)
    assert client.get(url(consultation)).status_code == 404
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "accountability.published" in actions and "accountability.unpublished" in actions
    assert "permission.denied" in actions


def test_publishing_without_any_decision_is_refused(consultation: Consultation, owner: Any) -> None:
    with pytest.raises(AccountabilityError, match="ten minste één besluit"):
        do_set_account_published(owner, consultation, True)
    assert not AccountPublication.objects.filter(published=True).exists()


def test_each_change_is_a_version_with_history_and_an_audit_entry(
    consultation: Consultation, owner: Any, measure: Statement
) -> None:
    first = do_record_decision(owner, measure, DecisionInput("studying", "We onderzoeken dit."))
    again = do_record_decision(owner, measure, DecisionInput("studying", " We onderzoeken dit. "))
    assert again.version == 1  # the same content adds no version
    second = do_record_decision(owner, measure, ADOPT)
    assert first.pk == second.pk and second.version == 2
    history = list(DecisionRevision.objects.filter(decision=second).order_by("version"))
    assert [(r.version, r.outcome) for r in history] == [(1, "studying"), (2, "adopted")]
    assert history[0].rationale_nl == "We onderzoeken dit." and history[0].changed_by == owner
    entries = AuditEntry.objects.filter(action="accountability.decision_recorded")
    assert [e.details["version"] for e in entries.order_by("id")] == [1, 2]
    with pytest.raises(PermissionDenied):
        do_record_decision(staff("analist"), measure, ADOPT)
    assert Decision.objects.get().version == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (DecisionInput("adopted", "   "), "Schrijf een toelichting"),
        (DecisionInput("maybe", "Reden."), "Kies wat het ministerie met dit punt doet."),
        (DecisionInput("adopted", "Reden.", policy_url="javascript:alert(1)"), "webadres"),
        (DecisionInput("adopted", "Reden.", policy_title_nl="Nota"), "vul ook het webadres in"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    owner: Any, measure: Statement, data: DecisionInput, message: str
) -> None:
    with pytest.raises(AccountabilityError, match=message):
        do_record_decision(owner, measure, data)
    assert Decision.objects.count() == 0


def staff_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def test_staff_pages_record_a_decision_and_show_errors_in_both_places(
    consultation: Consultation, owner: Any, measure: Statement
) -> None:
    client = staff_client(owner)
    manage = f"/beheer/consultaties/{consultation.slug}/verantwoording/"
    overview = client.get(manage).content.decode()
    edit = f"{manage}maatregel/{measure.pk}/"
    assert f'href="{edit}"' in overview and "nog niet vastgelegd" in overview
    bad = client.post(edit, {"outcome": "adopted", "rationale_nl": "", "policy_url": "geen url"})
    assert bad.status_code == 422
    html = bad.content.decode()
    assert html.count("Schrijf een toelichting") == 2  # summary and field
    assert Decision.objects.count() == 0
    done = client.post(edit, {"outcome": "partly", "rationale_nl": "Deels, via het steunpunt."})
    assert done.status_code == 302 and done["Location"] == manage
    decision = Decision.objects.get()
    assert (decision.outcome, decision.statement_id) == ("partly", measure.pk)
    assert "Deels overgenomen" in client.get(manage).content.decode()
    history = client.get(edit).content.decode()
    assert "Deels, via het steunpunt." in history and "eigenaar" in history
    # someone without the role: no page, nothing recorded
    viewer = staff_client(staff("meelezer", StaffRole.VIEWER))
    assert viewer.post(edit, {"outcome": "adopted", "rationale_nl": "x"}).status_code == 403
    assert Decision.objects.get().outcome == "partly"
    # publishing through the page
    published = client.post(manage, {"action": "publish"}, follow=True)
    assert "De verantwoording is gepubliceerd." in published.content.decode()
    assert Client().get(url(consultation)).status_code == 200


def test_a_rejected_or_withdrawn_measure_is_never_shown(
    consultation: Consultation, owner: Any, measure: Statement
) -> None:
    do_record_decision(owner, measure, ADOPT)
    hidden = do_seed_statement(consultation, "Deze stelling is afgewezen.")
    do_record_decision(owner, hidden, DecisionInput("not_adopted", "Besluit over afgewezen."))
    Statement.objects.filter(pk=hidden.pk).update(status="rejected", rejection_reason="dubbel")
    do_set_account_published(owner, consultation, True)
    page = Client().get(url(consultation)).content.decode()
    assert "Besluit over afgewezen." not in page and "Deze stelling is afgewezen." not in page
    measure.delete()  # a participant's proposal is deleted when its author withdraws
    page = Client().get(url(consultation)).content.decode()
    assert "Het kabinet neemt de zorgplicht op" not in page


def test_measures_show_their_published_support_figures(
    consultation: Consultation, owner: Any
) -> None:
    shared, split = populate(consultation)
    do_record_decision(owner, shared, ADOPT)
    do_record_decision(owner, split, DecisionInput("studying", "Verdeeld; we onderzoeken het."))
    do_set_account_published(owner, consultation, True)
    run = do_request_run(consultation, "opinion", owner)
    do_execute_run(run.pk)
    run.refresh_from_db()
    page = Client().get(url(consultation)).content.decode()
    assert "Geen gepubliceerde stemcijfers." in page  # the run is not published yet
    do_publish_run(run, owner)
    page = Client().get(url(consultation)).content.decode()
    row = read_opinion(run.result, run.summary)["statements"][str(shared.pk)]
    agree = f"{round(row['agree_share'] * 100)}% eens, uit {row['n']} stemmen"
    graded = row["support"][0]
    interval = f"{round(graded['low'] * 100)}%–{round(graded['high'] * 100)}%"
    assert agree in page and interval in page and "Breed gedragen." in page
    assert page.count("Breed gedragen.") == 1  # the split measure is not


def test_themes_show_how_many_submitted_responses_raised_them(
    consultation: Consultation, owner: Any
) -> None:
    analyst = staff("analist")
    parent = do_add_code(consultation, analyst, label_nl="Handhaving", label_en="Enforcement")
    child = do_add_code(consultation, analyst, label_nl="Toezichthouder", parent=parent)
    answers = add_answers(consultation, ["Meer toezicht.", "Een toezichthouder.", "Boetes."])
    answers += add_answers(consultation, ["Ook toezicht."], stakeholder_type="company")
    gone = add_answers(consultation, ["Ingetrokken."], status=ResponseStatus.WITHDRAWN)
    for answer in [*answers[:2], answers[3]]:
        do_set_answer_codes(consultation, answer.pk, [child.pk], analyst)
    do_set_answer_codes(consultation, answers[2].pk, [parent.pk], analyst)
    # the parent counts its children's responses, each response once
    do_set_answer_codes(consultation, answers[0].pk, [child.pk, parent.pk], analyst)
    CodeAssignment.objects.create(answer=gone[0], code=parent)  # a withdrawn response
    do_record_decision(owner, parent, DecisionInput("adopted", "Er komt een toezichthouder."))
    do_set_account_published(owner, consultation, True)
    page = Client().get(url(consultation)).content.decode()
    assert "Handhaving" in page and "Er komt een toezichthouder." in page
    assert "Genoemd in 4 reacties" in page
    assert "(maatschappelijke organisatie (ngo): 3, bedrijf: 1)" in page
    english = Client().get(url(consultation, "/en")).content.decode()
    assert "Enforcement" in english and "Mentioned in 4 responses" in english


def test_the_consultation_page_links_to_the_published_account(
    client: Client, consultation: Consultation, owner: Any, measure: Statement
) -> None:
    detail = f"/consultaties/{consultation.slug}/"
    assert "wat-we-deden" not in client.get(detail).content.decode()
    do_record_decision(owner, measure, ADOPT)
    do_set_account_published(owner, consultation, True)
    page = client.get(detail).content.decode()
    assert f'href="{url(consultation)}"' in page and "Uitkomsten" in page
    english = client.get(f"/en{detail}").content.decode()
    assert f'href="{url(consultation, "/en")}"' in english
    # the "report published" badge leads somewhere real, on the page and in the list
    Consultation.objects.filter(pk=consultation.pk).update(
        reported_at=timezone.now() - timedelta(minutes=1)
    )
    page = client.get(detail).content.decode()
    badge = f'<a class="md-badge utrecht-link" href="{url(consultation)}">Verslag gepubliceerd'
    assert badge in page
    assert badge in client.get("/").content.decode()
    do_set_account_published(owner, consultation, False)
    assert 'class="md-badge utrecht-link"' not in client.get(detail).content.decode()


def test_support_figures_rest_on_the_consultations_ranking_level(
    consultation: Consultation, owner: Any
) -> None:
    """40 verified participants, then 40 open fakes against the top measure: the public account
    shows the figure of the level the consultation chose, and says which one, in NL and EN."""
    from meedenken.voting.models import ParticipationLevel, ParticipationPolicy
    from tests.platform.test_trust_levels import fake_declarations, publish_analysis
    from tests.platform.test_trust_levels import populate as populate_verified

    top = populate_verified(consultation)[0]
    fake_declarations(consultation, top)
    do_record_decision(owner, top, ADOPT)
    do_set_account_published(owner, consultation, True)
    ParticipationPolicy.objects.create(
        consultation=consultation, results_level=ParticipationLevel.VERIFIED
    )
    run = publish_analysis(consultation, owner)
    entries = read_opinion(run.result, run.summary)["statements"][str(top.pk)]["support"]
    everyone, verified = (next(e for e in entries if e["level"] == x) for x in ("open", "verified"))
    assert verified["score"] > everyone["score"] + 0.1  # the fakes pull the open figure down

    def shown(entry: dict[str, Any]) -> str:
        return f"{round(entry['score'] * 100)}%, onzekerheid {round(entry['low'] * 100)}%"

    page = Client().get(url(consultation)).content.decode()
    assert shown(verified) in page and shown(everyone) not in page
    assert "dit cijfer rust op: geverifieerde deelnemers." in page
    assert verified["flag"] == "broad" and "Breed gedragen." in page
    english = Client().get(url(consultation, "/en")).content.decode()
    assert "this figure rests on: verified participants." in english
