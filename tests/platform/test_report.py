"""The synthesis report (issue 11): its numbers against the database for a small fixed
consultation, quotes only from consenting responses in reviewed, redacted form, traceability
of each figure, versions kept with the runs and codes they used, and the bad-input rules."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import translation

from meedenken.consultations.models import Consultation
from meedenken.report.generation import ReportError
from meedenken.report.presenter import report_view
from meedenken.report.selectors import get_versions, published_report_for
from meedenken.report.services import do_request_report, do_set_report_published
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.runs.models import AnalysisRun, RunStatus
from meedenken.statements.models import Statement
from meedenken.voting.models import Vote
from tests.platform.report_helpers import PHONE_TEXT, SECRET, Fixture, build, generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def fx(consultation: Consultation) -> Fixture:
    return build(consultation)


def test_methodology_counts_match_the_database(fx: Fixture) -> None:
    document = generate(fx).document
    m = document["methodology"]
    submitted = Response.objects.filter(
        consultation=fx.consultation, status=ResponseStatus.SUBMITTED
    )
    assert m["submitted"] == submitted.count() == 5
    assert m["withdrawn"] == 1 and m["drafts"] == 1
    by_type = {row["key"]: row for row in m["by_type"]}
    for kind in ("ngo", "company", "trade_union"):
        refs = sorted(submitted.filter(stakeholder_type=kind).values_list("reference", flat=True))
        assert by_type[kind]["count"] == len(refs)
        assert by_type[kind]["refs"] == refs
    assert {row["key"]: row["count"] for row in m["by_language"]} == {"nl": 4, "en": 1}
    assert "REF-W" not in str(document) and "REF-X" not in str(document)


def test_closed_distributions_and_their_references(fx: Fixture) -> None:
    document = generate(fx).document
    questions = {q["id"]: q for s in document["sections"] for q in s["questions"]}
    member = next(q for q in questions.values() if q.get("refs") and "yes" in q["refs"])
    shares = {s["option"]: s["count"] for s in member["result"]["overall"]["shares"]}
    yes = Answer.objects.filter(question_id=member["id"], values=["yes"])
    assert shares["yes"] == yes.count() == 3
    assert member["refs"]["yes"] == sorted(yes.values_list("response__reference", flat=True))
    assert member["refs"]["no"] == ["REF-C", "REF-D"]


def test_themes_count_codes_per_stakeholder_type(fx: Fixture) -> None:
    document = generate(fx).document
    works = next(
        q
        for s in document["sections"]
        for q in s["questions"]
        if q["id"] == fx.answers["REF-A"].question_id
    )
    themes = {t["code"]: t for t in works["themes"]}
    law = themes[fx.codes["law"].pk]
    assert law["count"] == 4
    assert law["by_type"] == {"company": 1, "ngo": 2, "trade_union": 1}
    assert law["refs"] == ["REF-A", "REF-B", "REF-C", "REF-E"]
    assert works["coded"] == 5 and works["answers"] == 5
    assert themes[fx.codes["cov"].pk]["refs"] == ["REF-D"]


def test_quotes_only_from_consenting_responses_in_redacted_form(fx: Fixture) -> None:
    document = generate(fx).document
    quotes = [
        q
        for s in document["sections"]
        for question in s["questions"]
        for t in question.get("themes", [])
        for q in t["quotes"]
    ]
    refs = {q["ref"] for q in quotes}
    assert "REF-B" not in refs  # consent: do not publish
    assert SECRET not in str(document)
    phone = next(q for q in quotes if q["ref"] == "REF-C")
    assert "06-12345678" not in phone["text"] and "[PHONE]" in phone["text"]
    assert PHONE_TEXT not in str(document)


def test_a_quote_is_marked_with_the_language_of_its_response(fx: Fixture, client: Client) -> None:
    Response.objects.filter(consultation=fx.consultation, reference="REF-D").update(language="en")
    version = generate(fx)
    do_set_report_published(version, fx.owner, True)
    body = client.get(f"/consultaties/{fx.consultation.slug}/verslag/").content.decode()
    assert '<p class="utrecht-paragraph" lang="en">“Convenanten werken goed voor ons.”</p>' in body
    assert '<p class="utrecht-paragraph" lang="nl">“Verplichte gepaste' in body


def test_measures_ranked_by_broad_support_with_interval_and_level(fx: Fixture) -> None:
    document = generate(fx).document
    measures = document["measures"]
    assert measures["run"] == AnalysisRun.objects.get(kind="opinion").pk
    ranked = measures["ranked"]
    assert [r["position"] for r in ranked] == list(range(1, len(ranked) + 1))
    first = ranked[0]
    for row in ranked:
        level = row["support"][0]
        assert level["level"] == "open" and level["low"] <= level["score"] <= level["high"]
    scores = [r["support"][0]["score"] for r in ranked if r["support"]]
    assert scores == sorted(scores, reverse=True)
    duty = next(r for r in ranked if r["statement"] == fx.statements[0].pk)
    agree = Vote.objects.filter(statement=fx.statements[0], value=1)
    assert duty["agree"] == agree.count() == 16
    linked = agree.filter(participant__response__isnull=False)
    assert duty["refs"]["agree"] == sorted(
        linked.values_list("participant__response__reference", flat=True)
    )
    assert duty["refs"]["agree"] == ["REF-A", "REF-B", "REF-C", "REF-E"]
    assert duty["unlinked_votes"] == 12
    divided = next(r for r in ranked if r["statement"] == fx.statements[1].pk)
    assert "company" in divided["supporting"] and "ngo" in divided["opposing"]
    assert duty["impact"] == 4 and duty["feasibility"] == 2
    assert first["text_nl"] in Statement.objects.values_list("text_nl", flat=True)


def test_every_reference_number_belongs_to_a_submitted_response(fx: Fixture) -> None:
    version = generate(fx)
    submitted = set(
        Response.objects.filter(status=ResponseStatus.SUBMITTED).values_list("reference", flat=True)
    )
    view = report_view(fx.consultation, version.document, public=False)
    cited = {ref for finding in view["findings"] for ref in finding.refs}
    assert cited and cited <= submitted
    assert len({f.id for f in view["findings"]}) == len(view["findings"])


def test_no_analysis_gives_a_clear_message_and_no_version(consultation: Consultation) -> None:
    from tests.platform.coding_helpers import staff

    with translation.override("nl"), pytest.raises(ReportError, match="nog geen analyse"):
        do_request_report(consultation, staff("analist"))
    with translation.override("en"), pytest.raises(ReportError, match="No analysis has finished"):
        do_request_report(consultation, staff("analist2"))
    assert not AnalysisRun.objects.filter(kind="report").exists()


@pytest.mark.parametrize("status", [RunStatus.FAILED, RunStatus.RUNNING])
def test_failed_or_running_analysis_keeps_the_previous_version(fx: Fixture, status: str) -> None:
    first = generate(fx)
    AnalysisRun.objects.create(
        consultation=fx.consultation, kind="opinion", status=status, created_at=first.run.created_at
    )
    with translation.override("nl"), pytest.raises(ReportError) as refused:
        do_request_report(fx.consultation, fx.analyst)
    expected = "mislukt" if status == RunStatus.FAILED else "nog bezig"
    assert expected in refused.value.message
    assert [v.run.pk for v in get_versions(fx.consultation)] == [first.run.pk]


def test_analysis_failing_after_the_request_fails_the_run_and_keeps_the_version(
    fx: Fixture,
) -> None:
    from meedenken.runs.services import do_execute_run

    first = generate(fx)
    run = do_request_report(fx.consultation, fx.analyst)
    AnalysisRun.objects.create(
        consultation=fx.consultation,
        kind="opinion",
        status=RunStatus.FAILED,
        created_at=run.created_at,
    )
    with translation.override("nl"), pytest.raises(ReportError):
        do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "mislukt" in run.error
    assert [v.run.pk for v in get_versions(fx.consultation)] == [first.run.pk]


def test_version_keeps_runs_and_code_snapshot(fx: Fixture) -> None:
    version = generate(fx)
    inputs = version.document["inputs"]
    assert inputs["opinion_run"] == AnalysisRun.objects.get(kind="opinion").pk
    assert {c["id"] for c in inputs["codes"]} == {c.pk for c in fx.codes.values()}
    assert inputs["assignments"] == 5
    from meedenken.coding.services import do_set_answer_codes

    do_set_answer_codes(fx.consultation, fx.answers["REF-D"].pk, [fx.codes["law"].pk], fx.analyst)
    second = generate(fx)
    assert second.number == 2 and version.number == 1
    assert second.document["inputs"]["assignments_sha256"] != inputs["assignments_sha256"]


def test_withdrawn_quote_gone_from_public_and_from_next_version(
    fx: Fixture, client: Client
) -> None:
    version = generate(fx)
    do_set_report_published(version, fx.owner, True)
    url = f"/consultaties/{fx.consultation.slug}/verslag/"
    assert "REF-C" in client.get(url).content.decode()
    Response.objects.filter(reference="REF-C").update(status=ResponseStatus.WITHDRAWN)
    page = client.get(url).content.decode()
    assert "[PHONE]" not in page and "toezichthouder" not in page
    assert "[PHONE]" in str(version.document)  # the stored version is as it was
    second = generate(fx)
    assert "REF-C" not in str(second.document)


def test_public_page_only_after_publishing_by_an_owner(fx: Fixture, client: Client) -> None:
    from meedenken.audit.models import AuditEntry

    url = f"/consultaties/{fx.consultation.slug}/verslag/"
    assert client.get(url).status_code == 404
    version = generate(fx)
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        do_set_report_published(version, fx.analyst, True)
    do_set_report_published(version, fx.owner, True)
    assert published_report_for(fx.consultation) == version
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Werkwijze en kwaliteit van de gegevens" in body and SECRET not in body
    english = client.get(f"/en{url}").content.decode()
    assert "Method and data quality" in english
    assert AuditEntry.objects.filter(action="analysisrun.published").exists()
    fx.consultation.refresh_from_db()
    assert fx.consultation.reported_at is not None
    do_set_report_published(version, fx.owner, False)
    assert client.get(url).status_code == 404


def test_consultation_page_links_the_report_once_published(fx: Fixture, client: Client) -> None:
    url = f"/consultaties/{fx.consultation.slug}/"
    report_url = f"{url}verslag/"
    version = generate(fx)
    assert f'href="{report_url}"' not in client.get(url).content.decode()
    do_set_report_published(version, fx.owner, True)
    body = client.get(url).content.decode()
    # Listed under the outcomes, and the "report published" phase badge leads to it.
    assert f'<a class="utrecht-link" href="{report_url}">Syntheseverslag</a>' in body
    assert f'<a class="md-badge utrecht-link" href="{report_url}">' in body
    english = client.get(f"/en{url}").content.decode()
    assert f'href="/en{report_url}">Synthesis report</a>' in english
    do_set_report_published(version, fx.owner, False)
    assert f'href="{report_url}"' not in client.get(url).content.decode()


def test_public_api_gives_the_report_as_its_public_page(fx: Fixture, client: Client) -> None:
    """/api/v1/consultations/<slug>/results/report: not the stored version as it is. Reference
    numbers only of published responses, no quote of a response withdrawn since."""
    from meedenken.publication.services import do_set_responses_published
    from meedenken.responses.services import do_withdraw_response

    version = generate(fx)
    do_set_report_published(version, fx.owner, True)
    url = f"/api/v1/consultations/{fx.consultation.slug}/results/report"
    result = client.get(url).json()["result"]
    themes = [t for s in result["sections"] for q in s["questions"] for t in q.get("themes", [])]
    assert "REF-B" not in str(result) and all(t["refs"] == [] for t in themes)  # none published
    assert {q["ref"] for t in themes for q in t["quotes"]} == {"REF-A", "REF-C", "REF-D"}
    do_set_responses_published(fx.owner, fx.consultation, True)
    do_withdraw_response(fx.answers["REF-A"].response)
    result = client.get(url).json()["result"]
    text = str(result)
    assert "REF-C" in text and "REF-D" in text  # on the public responses page
    assert "REF-B" not in text and SECRET not in text  # consent: do not publish
    assert "REF-A" not in text and "Verplichte gepaste zorgvuldigheid" not in text  # withdrawn
    left = [t for s in result["sections"] for x in s["questions"] for t in x.get("themes", [])]
    assert {q["ref"] for t in left for q in t["quotes"]} == {"REF-C", "REF-D"}
    assert all(set(q) == {"ref", "text", "lang"} for t in left for q in t["quotes"])
    stored = str(version.document)
    assert "REF-B" in stored and "Verplichte gepaste zorgvuldigheid" in stored  # as it was
    page = client.get(f"/consultaties/{fx.consultation.slug}/verslag/").content.decode()
    assert "Verplichte gepaste zorgvuldigheid" not in page


def test_public_finding_links_to_published_responses_only(fx: Fixture, client: Client) -> None:
    from meedenken.publication.services import do_set_responses_published

    version = generate(fx)
    do_set_report_published(version, fx.owner, True)
    do_set_responses_published(fx.owner, fx.consultation, True)
    view = report_view(fx.consultation, version.document, public=True)
    law = next(
        t["finding"]
        for s in view["sections"]
        for q in s["questions"]
        if "open" in q
        for t in q["open"]["themes"]
        if t["code"] == fx.codes["law"].pk
    )
    page = client.get(
        f"/consultaties/{fx.consultation.slug}/verslag/bron/{law.id}/"
    ).content.decode()
    assert "reacties/?pagina=1#REF-A" in page
    assert "#REF-B" not in page  # no consent: not on the public responses page
    assert "1 daarvan is niet gepubliceerd" in page


def staff_client(client: Client, user: object) -> Client:
    from tests.platform.staff import verify_second_factor

    client.force_login(user)  # type: ignore[arg-type]
    verify_second_factor(client, user)
    return client


def test_staff_pages_generate_view_compare_and_trace(fx: Fixture, client: Client) -> None:
    staff_client(client, fx.owner)
    base = f"/beheer/consultaties/{fx.consultation.slug}/verslag/"
    assert "Er is nog geen versie" in client.get(base).content.decode()
    reply = client.post(f"{base}maken/")
    assert reply.status_code == 302
    run = AnalysisRun.objects.get(kind="report")
    assert run.status == RunStatus.QUEUED  # in the worker, never in the request
    from meedenken.runs.services import do_execute_run

    do_execute_run(run.pk)
    page = client.get(base).content.decode()
    assert "Versie 1" in page and f"#{AnalysisRun.objects.get(kind='opinion').pk}" in page
    version = client.get(f"{base}1/").content.decode()
    assert "Werkwijze en kwaliteit van de gegevens" in version and SECRET not in version
    assert f"{base}1/bron/B1/" in version
    view = report_view(fx.consultation, get_versions(fx.consultation)[0].document, public=False)
    law = next(f for f in view["findings"] if f.browser and f.browser[1] == fx.codes["law"].pk)
    sources = client.get(f"{base}1/bron/{law.id}/").content.decode()
    assert all(ref in sources for ref in ("REF-A", "REF-B", "REF-C", "REF-E"))
    assert "REF-D" not in sources
    assert f"?code={fx.codes['law'].pk}" in sources
    assert f"/antwoorden/{fx.answers['REF-A'].question_id}/{fx.answers['REF-A'].pk}/" in sources
    from meedenken.coding.services import do_set_answer_codes

    do_set_answer_codes(fx.consultation, fx.answers["REF-D"].pk, [fx.codes["law"].pk], fx.analyst)
    generate(fx)
    compared = client.get(f"{base}vergelijken/?a=1&b=2").content.decode()
    assert "Wettelijke plicht" in compared and '<td class="utrecht-table__cell">4</td>' in compared
    assert '<td class="utrecht-table__cell">5</td>' in compared


def test_generate_without_analysis_shows_the_message(
    consultation: Consultation, client: Client
) -> None:
    from tests.platform.coding_helpers import staff

    staff_client(
        client,
        staff(
            "eigenaar",
            __import__("meedenken.accounts.roles", fromlist=["StaffRole"]).StaffRole.OWNER,
        ),
    )
    base = f"/beheer/consultaties/{consultation.slug}/verslag/"
    page = client.post(f"{base}maken/", follow=True).content.decode()
    assert "Er is nog geen analyse klaar" in page
    assert not AnalysisRun.objects.filter(kind="report").exists()


def test_analysts_text_per_part_goes_into_the_next_version(fx: Fixture, client: Client) -> None:
    from meedenken.report.notes import do_save_report_notes

    first = generate(fx)
    staff_client(client, fx.analyst)
    url = f"/beheer/consultaties/{fx.consultation.slug}/verslag/teksten/"
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "method": "Wij lazen alles twee keer.",
            "method-nl": "Wij lazen alles twee keer.",
            "method-en": "We read everything twice.",
        },
    )
    second = generate(fx)
    assert second.document["notes"]["method"] == {
        "nl": "Wij lazen alles twee keer.",
        "en": "We read everything twice.",
    }
    assert "notes" not in first.document or "method" not in first.document["notes"]
    with translation.override("en"):
        view = report_view(fx.consultation, second.document, public=True)
    assert view["notes"]["method"] == "We read everything twice."
    with pytest.raises(ReportError):
        do_save_report_notes(fx.consultation, fx.analyst, {"nope": {"nl": "x"}})
    with pytest.raises(PermissionDenied):
        from meedenken.accounts.roles import StaffRole
        from tests.platform.coding_helpers import staff

        do_save_report_notes(
            fx.consultation, staff("mod", StaffRole.MODERATOR), {"method": {"nl": "x"}}
        )
