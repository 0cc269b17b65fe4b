"""The machine's quality where the analyst decides: per-code F1 of the classifier against the
analysts' codes by cross-validation, its history over runs, and Krippendorff's alpha beside
Cohen's kappa for the double coding."""

from __future__ import annotations

import re

import numpy as np
import pytest
from django.test import Client

from meedenken.coding.models import CodeAssignment, CodingPass
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.selectors.agreement import krippendorff_alpha
from meedenken.coding.selectors.quality import alpha_from_agreement, code_f1
from meedenken.coding.services import do_import_codebook, do_set_answer_codes
from meedenken.consultations.models import Consultation
from meedenken.runs.models import AnalysisRun
from meedenken.runs.services import do_execute_run
from meedenken.sensemaking.text.agreement import agreement_by_code
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from tests.platform.coding_helpers import add_answers, open_question, staff

pytestmark = pytest.mark.django_db

CHILD = [
    "Kinderarbeid in de cacaoketen blijft een groot probleem voor boeren.",
    "Op plantages werken nog steeds kinderen, kinderarbeid moet stoppen.",
    "Wij zien kinderarbeid bij toeleveranciers van natuursteen in India.",
    "Kinderen horen op school, niet in de mijnen: pak kinderarbeid aan.",
    "Kinderarbeid komt voor in de katoenpluk, ook bij onze leveranciers.",
    "Het verbod op kinderarbeid moet beter worden gehandhaafd in de keten.",
    "Kinderarbeid in de goudwinning is een risico dat bedrijven negeren.",
    "Er is meer aandacht nodig voor kinderarbeid in de thee-industrie.",
    "Onze audit vond kinderarbeid bij een onderaannemer in de kledingsector.",
    "Kinderarbeid blijft verborgen in de diepere lagen van de keten.",
    "Kinderarbeid bij de oogst van hazelnoten is nog altijd gewoon.",
    "Wij vragen steun om kinderarbeid in de cacao uit te bannen.",
]
SME = [
    "Voor het mkb zijn de lasten van rapportage veel te hoog.",
    "Kleine bedrijven hebben geen tijd en geld voor al die rapportages.",
    "De administratieve last voor het mkb moet omlaag, het kost te veel uren.",
    "Als mkb-ondernemer kan ik die vragenlijsten van klanten niet bijhouden.",
    "Het mkb heeft een loket nodig, de regeldruk is nu te zwaar.",
    "Rapportageverplichtingen zijn voor kleine ondernemers onbetaalbaar.",
    "De kosten van het onderzoek drukken zwaar op het mkb.",
    "Mkb-bedrijven verdrinken in formulieren van grote afnemers.",
    "Maak de regels eenvoudiger voor het mkb, anders haken we af.",
    "De lasten voor kleine bedrijven zijn onevenredig hoog.",
    "Het mkb mist de mensen om de rapportage goed te doen.",
    "Voor het mkb moet een lichtere rapportage komen.",
]


def _run(client: Client, consultation: Consultation) -> AnalysisRun:
    client.post(f"/beheer/consultaties/{consultation.slug}/analyse/starten/")
    run = AnalysisRun.objects.filter(consultation=consultation, kind="answers").latest("pk")
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == "done", run.error
    return run


def _f1_cells(page: str) -> list[str]:
    """The F1 column of the quality table (second cell of each row)."""
    rows = re.findall(r'<tr class="utrecht-table__row">\s*<th[^>]*scope="row">([^<]+)</th>\s*'
                      r'<td[^>]*>([^<]+)</td>', page)  # fmt: skip
    return [f"{label.strip()}={value.strip()}" for label, value in rows]


def test_f1_per_code_and_its_history_on_the_analysis_page(consultation: Consultation) -> None:
    analyst = staff("analist")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), analyst)
    codes = get_codes_by_key(consultation)
    answers = add_answers(consultation, CHILD + SME)
    client = Client()
    client.force_login(analyst)
    url = f"/beheer/consultaties/{consultation.slug}/analyse/"

    # First run with 8 human codes: zero-shot only; the page says so and shows no F1.
    for answer in answers[:4] + answers[12:16]:
        code = codes["child_labour"] if answer in answers[:12] else codes["sme_burden"]
        CodeAssignment.objects.create(answer=answer, code=code, coder=analyst)
    first = _run(client, consultation)
    page = client.get(url).content.decode()
    assert "te weinig menselijke codes (8" in page
    assert "F1 van het model tegen de analisten" not in page

    # The analyst codes on through HTTP; the next run trains, cross-validates and shows F1.
    for answer in answers[4:10] + answers[16:22]:
        code = codes["child_labour"] if answer in answers[:12] else codes["sme_burden"]
        client.post(
            f"/beheer/consultaties/{consultation.slug}/antwoorden/{answer.question_id}/"
            f"{answer.pk}/coderen/",
            {"codes": [code.pk], "version": code.codebook.version, "pass": "first"},
        )
    assert CodeAssignment.objects.filter(coding_pass=CodingPass.FIRST).count() == 20
    second = _run(client, consultation)
    page = client.get(url).content.decode()
    assert "te weinig menselijke codes" not in page
    assert "F1 van het model tegen de analisten" in page
    assert "op de 20 door analisten gecodeerde antwoorden" in page
    cells = dict(cell.split("=") for cell in _f1_cells(page))
    label_child, label_sme = codes["child_labour"].label_nl, codes["sme_burden"].label_nl
    # The two themes share no words: a model trained without the answer still finds it.
    assert float(cells[label_child].replace(",", ".")) >= 0.9
    assert float(cells[label_sme].replace(",", ".")) >= 0.9
    assert "10 / 20" in page  # human examples of each code among the tested answers
    # The history: both runs, the first without a figure, the second with one.
    assert f"#{first.pk}" in page and f"#{second.pk}" in page
    history = page[page.index("Verloop per analyse") :]
    assert re.search(rf"#{first.pk}</th>.*?<td[^>]*>8</td>", history, re.S)
    assert re.search(rf"#{second.pk}</th>.*?<td[^>]*>20</td>", history, re.S)


def test_f1_from_the_stored_counts_is_exact() -> None:
    """Check against a confusion table counted by hand, for every code of random codings."""
    rng = np.random.default_rng(3)
    human = rng.integers(0, 2, size=(57, 6))
    machine = np.where(rng.random((57, 6)) < 0.7, human, 1 - human)
    machine[:, 5] = 0  # the model never gives the last code
    for j, stored in enumerate(agreement_by_code(human, machine, [str(j) for j in range(6)])):
        quality = code_f1(stored.__dict__)
        tp = int(((human[:, j] == 1) & (machine[:, j] == 1)).sum())
        fp = int(((human[:, j] == 0) & (machine[:, j] == 1)).sum())
        fn = int(((human[:, j] == 1) & (machine[:, j] == 0)).sum())
        assert quality.both == tp
        assert quality.f1 == pytest.approx(2 * tp / (2 * tp + fp + fn))
        if tp + fp:
            assert quality.precision == pytest.approx(tp / (tp + fp))
        else:
            assert quality.precision is None
        assert quality.recall == pytest.approx(tp / (tp + fn))


def test_krippendorff_alpha_matches_published_examples() -> None:
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example A: two
    # observers, binary data, ten units: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(a, b) == pytest.approx(0.095, abs=5e-4)
    # Same coding: 1; one value throughout: not defined.
    assert krippendorff_alpha(a, a) == pytest.approx(1.0)
    assert krippendorff_alpha([0, 0, 0], [0, 0, 0]) is None
    # Rebuilt from a stored agreement's counts it gives the same figure.
    [stored] = agreement_by_code(np.array([a]).T, np.array([b]).T, ["x"])
    assert alpha_from_agreement(stored.__dict__) == pytest.approx(0.095, abs=5e-4)


def test_double_coding_page_shows_alpha_beside_kappa(consultation: Consultation) -> None:
    first, second = staff("analist"), staff("tweede")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), first)
    codes = get_codes_by_key(consultation)
    answers = add_answers(consultation, CHILD[:10])
    # Example A of Krippendorff (2011) as the codes of one code over ten answers.
    for answer, x, y in zip(
        answers, [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0], strict=True
    ):
        # every answer gets a second code from both, so each answer is double coded
        for coder, coding_pass, given in ((first, "first", x), (second, "second", y)):
            CodeAssignment.objects.create(
                answer=answer, code=codes["forced_labour"], coder=coder, coding_pass=coding_pass
            )
            if given:
                CodeAssignment.objects.create(
                    answer=answer, code=codes["child_labour"], coder=coder, coding_pass=coding_pass
                )
    client = Client()
    client.force_login(first)
    page = client.get(
        f"/beheer/consultaties/{consultation.slug}/antwoorden/{open_question(consultation).pk}/dubbel/"
    ).content.decode()
    assert "Krippendorffs alfa over alle codes samen" in page
    row = page[page.index(codes["child_labour"].label_nl) :]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)[:2]
    assert cells[1].strip() in ("0,10", "0.10")  # alpha 0.095, beside kappa
    row = page[page.index(codes["forced_labour"].label_nl) :]
    assert "niet gedefinieerd" in row[: row.index("</tr>")]  # both always gave it


def test_double_coding_page_shows_the_models_f1_beside_the_analysts_agreement(
    consultation: Consultation,
) -> None:
    """Where the analysts compare their coding, the machine's cross-validated F1 per code stands
    beside their kappa and alpha, and the page says plainly when there are too few human codes
    to trust the proposals, or no analysis yet."""
    first, second = staff("analist"), staff("tweede")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), first)
    codes = get_codes_by_key(consultation)
    answers = add_answers(consultation, CHILD + SME)
    client = Client()
    client.force_login(first)
    url = (
        f"/beheer/consultaties/{consultation.slug}/antwoorden/{open_question(consultation).pk}"
        "/dubbel/"
    )

    def code(batch: list, coder: object, coding_pass: str = CodingPass.FIRST) -> None:
        for answer in batch:
            key = "child_labour" if answer in answers[:12] else "sme_burden"
            do_set_answer_codes(
                consultation, answer.pk, [codes[key].pk], coder, coding_pass=coding_pass
            )

    def f1_cell(page: str, key: str) -> str:
        """The cell of the code's row under the F1 column header."""
        table = page[page.index("<table") : page.index("</table>")]
        headers = re.findall(r"<th[^>]*scope=\"col\">(.*?)</th>", table)
        column = headers.index("F1 model tegen analist (kruisvalidatie)")
        row = table[table.index(codes[key].label_nl) :]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row[: row.index("</tr>")], re.S)
        assert len(cells) == len(headers) - 1  # the code itself is the row's header
        return cells[column - 1]

    code(answers[:4] + answers[12:16], first)
    code([answers[0]], second, CodingPass.SECOND)
    # the second analyst disagrees on the other answer: the analysts' kappa is low, unlike F1
    do_set_answer_codes(
        consultation,
        answers[12].pk,
        [codes["child_labour"].pk],
        second,
        coding_pass=CodingPass.SECOND,
    )
    page = client.get(url).content.decode()
    assert "Nog geen analyse van deze vraag" in page
    assert "—" in f1_cell(page, "child_labour")

    _run(client, consultation)  # 8 human codes: zero-shot, not to be trusted
    page = client.get(url).content.decode()
    assert "Er zijn te weinig menselijke codes (8; het model leert pas vanaf 20)" in page
    assert "—" in f1_cell(page, "child_labour")  # not tested: the model did not train
    # where the analyst takes a proposal over, the page says the same
    uncoded = url.replace("dubbel/", f"{answers[10].pk}/")
    page = client.get(uncoded).content.decode()
    assert "data-proposed=" in page  # the codebook's seed phrases propose child labour
    assert "Er zijn te weinig menselijke codes (8; het model leert pas vanaf 20)" in page
    assert "F1 van het model voor deze code" not in page

    code(answers[4:10] + answers[16:22], first)
    run = _run(client, consultation)
    page = client.get(url).content.decode()
    assert "te weinig menselijke codes" not in page
    assert f"getoetst in analyse #{run.pk} op 20 door analisten gecodeerde antwoorden" in page
    for key in ("child_labour", "sme_burden"):
        assert float(f1_cell(page, key).strip().replace(",", ".")) >= 0.9, key
    # beside the proposal on an uncoded answer: the model's F1 for that code
    page = client.get(uncoded).content.decode()
    assert "te weinig menselijke codes" not in page
    beside = re.search(r'data-proposed="(\d+)">[^<]*F1 van het model voor deze code ([\d,]+)', page)
    assert beside, page[page.find("md-code-choices") :][:3000]
    assert int(beside.group(1)) == codes["child_labour"].pk
    assert float(beside.group(2).replace(",", ".")) >= 0.9
    # The analysis page's analyst-against-analyst column: no kappa of 1 for a code that
    # neither analyst gave (forced labour, here), as on the double-coding page.
    analysis = client.get(f"/beheer/consultaties/{consultation.slug}/analyse/").content.decode()
    row = analysis[analysis.index(f">{codes['forced_labour'].label_nl}<") :]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row[: row.index("</tr>")], re.S)
    assert cells[-1].startswith("—; —; 2"), cells  # kappa, alpha, double-coded answers
    client.force_login(second)
    english = client.get(f"/en{url}").content.decode()
    assert f"tested by cross-validation in analysis #{run.pk} on 20 answers coded" in english
    assert "and the model&#x27;s F1" in english or "and the model's F1" in english


def test_double_coding_page_shows_no_kappa_for_a_code_neither_analyst_gave(
    consultation: Consultation,
) -> None:
    """A code given only outside the double-coded answers has no agreement to measure there:
    "—" (not defined), not the 1.00 of perfect chance agreement, and it stays out of the mean."""
    first, second = staff("analist"), staff("tweede")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), first)
    codes = get_codes_by_key(consultation)
    both_child, split, first_only = add_answers(consultation, CHILD[:2] + SME[:1])
    for answer, first_key, second_key in (
        (both_child, "child_labour", "child_labour"),
        (split, "child_labour", "forced_labour"),
        (first_only, "sme_burden", None),  # not double coded
    ):
        do_set_answer_codes(consultation, answer.pk, [codes[first_key].pk], first)
        if second_key:
            do_set_answer_codes(
                consultation,
                answer.pk,
                [codes[second_key].pk],
                second,
                coding_pass=CodingPass.SECOND,
            )
    client = Client()
    client.force_login(first)
    page = client.get(
        f"/beheer/consultaties/{consultation.slug}/antwoorden/{open_question(consultation).pk}/dubbel/"
    ).content.decode()

    def kappa(key: str) -> str:
        row = page[page.index(f">{codes[key].label_nl}<") :]
        return re.findall(r"<td[^>]*>(.*?)</td>", row[: row.index("</tr>")], re.S)[0]

    assert "geen van beide analisten gaf deze code" in kappa("sme_burden")
    assert "1,00" not in kappa("sme_burden")
    assert kappa("child_labour").strip() == "0,00"  # both gave it once, one of them twice
    assert "Gemiddelde kappa over de gebruikte codes: 0,00" in page
