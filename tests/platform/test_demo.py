"""The IMVO demo: content, the deterministic response generator and `loaddemo`."""

from __future__ import annotations

import io
import os
import stat
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import timedelta
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from meedenken.consultations.models import (
    Choice,
    Consultation,
    Document,
    Phase,
    Question,
    QuestionKind,
    Section,
)
from meedenken.consultations.structure import QuestionSpec
from meedenken.demo.answers import open_keys, required_open_keys
from meedenken.demo.content import DEMO_SLUG, DOCUMENTS_DIR, build_imvo_consultation
from meedenken.demo.generator import DemoResponse, generate_demo_responses
from meedenken.demo.personas import respondent_tags
from meedenken.demo.services import do_load_demo
from meedenken.demo.vocabulary import fragments
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.profile import (
    CompanySize,
    PublicationConsent,
    RespondentKind,
    StakeholderType,
)

SPEC = build_imvo_consultation(timezone.now())
QUESTIONS: dict[str, QuestionSpec] = {q.key: q for q in SPEC.questions()}
PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo() -> list[DemoResponse]:
    return generate_demo_responses()


@pytest.fixture
def demo_dirs(settings, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    # Staff passwords are hashed; the default hasher would dominate the test's runtime.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tmp_path


# --- content ---------------------------------------------------------------------------------


def test_content_has_seven_sections_with_stable_unique_keys() -> None:
    assert len(SPEC.sections) == 7
    keys = [q.key for q in SPEC.questions()]
    assert len(keys) == len(set(keys))
    assert all(key and key == key.lower() for key in keys)


def test_every_question_kind_is_demoed_and_choice_questions_have_choices() -> None:
    assert {q.kind for q in SPEC.questions()} == set(QuestionKind.values)
    for question in SPEC.questions():
        has_choices = question.kind in (
            QuestionKind.SINGLE_CHOICE,
            QuestionKind.MULTIPLE_CHOICE,
            QuestionKind.RANKING,
        )
        assert bool(question.choices) == has_choices, question.key
        if question.kind == QuestionKind.SCALE:
            assert question.scale_low.nl and question.scale_high.en, question.key


def test_sections_one_to_six_ask_what_works_what_not_and_how_better() -> None:
    for section in SPEC.sections[:6]:
        suffixes = {q.key.rsplit("_", 1)[-1] for q in section.questions}
        open_keys = [q.key for q in section.questions if q.kind == QuestionKind.OPEN_TEXT]
        assert {"works", "better"} <= suffixes, section.title.en
        assert any(key.endswith("_not_working") for key in open_keys), section.title.en
    required = [q for q in SPEC.questions() if q.required]
    assert 2 <= len(required) <= len(QUESTIONS) // 3  # a few required, mostly optional


def test_explainer_is_the_seed_text_without_headings_and_duplicate() -> None:
    explainer = SPEC.explainer.nl
    assert "Animatie IMVO" not in explainer
    assert "EXTRA ZIN" not in explainer
    assert explainer.count("We hebben als doel") == 1
    assert "Wat werkt er wel? Wat werkt er niet? Hoe kan het beter?" in explainer
    assert "Wet Zorgplicht Kinderarbeid" in explainer
    nl_paragraphs = explainer.strip().split("\n\n")
    assert len(nl_paragraphs) == len(SPEC.explainer.en.strip().split("\n\n")) >= 15


def test_explainer_keeps_the_wording_of_the_seed() -> None:
    seed = PROJECT_DIR.parent / "shared" / "seed" / "000_ae6c578a4c24098d.txt"
    if not seed.exists():
        pytest.skip("the seed text is not next to this checkout")
    paragraphs = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n\n")]
    kept = [p for p in paragraphs if p and p != "Animatie IMVO" and not p.startswith("EXTRA ZIN")]
    explainer = [p.strip() for p in SPEC.explainer.nl.split("\n\n")]
    assert [" ".join(p.split()) for p in explainer] == [" ".join(p.split()) for p in kept]


def test_demo_consultation_is_open_relative_to_now() -> None:
    now = timezone.now()
    spec = build_imvo_consultation(now)
    assert now - timedelta(weeks=8) < spec.opens_at < now - timedelta(weeks=1)
    assert spec.closes_at > now + timedelta(days=60)


def test_shipped_documents_keep_sources_and_unverified_markers() -> None:
    assert len(SPEC.documents) >= 2
    for document in SPEC.documents:
        text = (DOCUMENTS_DIR / document.filename).read_text(encoding="utf-8")
        assert "https://" in text, document.filename
        assert "unverified" in text, document.filename


# --- generator -------------------------------------------------------------------------------


def test_generator_knows_the_open_and_required_questions_of_the_content() -> None:
    form_keys = [q.key for q in SPEC.questions() if q.kind == QuestionKind.OPEN_TEXT]
    assert list(open_keys()) == form_keys
    assert set(required_open_keys()) == {key for key in form_keys if QUESTIONS[key].required}
    assert set(fragments().open_answers) == set(form_keys)


def test_generator_is_deterministic_for_a_seed() -> None:
    assert generate_demo_responses(seed=7, count=80) == generate_demo_responses(seed=7, count=80)


def test_generator_output_depends_on_the_seed() -> None:
    first = generate_demo_responses(seed=1, count=80)
    second = generate_demo_responses(seed=2, count=80)
    assert [r.answers for r in first] != [r.answers for r in second]
    assert [r.profile for r in first] != [r.profile for r in second]


def generator_digest(hash_seed: str) -> str:
    code = (
        "import hashlib; from meedenken.demo.generator import generate_demo_responses as g; "
        "print(hashlib.sha256(repr(g(seed=3, count=60)).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=PROJECT_DIR, capture_output=True, check=True
    )
    return run.stdout.decode().strip()


def test_generator_does_not_depend_on_the_hash_seed() -> None:
    first = generator_digest("1")
    assert len(first) == 64
    assert first == generator_digest("4242")


def test_generator_makes_at_least_300_responses_with_stable_references(
    demo: list[DemoResponse],
) -> None:
    assert len(demo) >= 300
    references = [r.reference for r in demo]
    assert len(set(references)) == len(references)
    assert references[0] == "IMVO-DEMO-0001"


def test_every_stakeholder_type_size_and_both_languages_occur(demo: list[DemoResponse]) -> None:
    assert {r.profile.stakeholder_type for r in demo} == set(StakeholderType.values)
    assert {r.profile.company_size for r in demo} - {""} == set(CompanySize.values)
    languages = Counter(r.language for r in demo)
    assert set(languages) == {"nl", "en"}
    assert 0.7 <= languages["nl"] / len(demo) <= 0.9


def test_profiles_are_consistent(demo: list[DemoResponse]) -> None:
    for response in demo:
        profile = response.profile
        is_individual = profile.respondent_kind == RespondentKind.INDIVIDUAL
        assert is_individual == (profile.stakeholder_type == StakeholderType.INDIVIDUAL)
        assert bool(profile.organisation_name) != is_individual, response.reference
        assert bool(profile.company_size) == (profile.stakeholder_type == StakeholderType.COMPANY)
        assert bool(profile.contact_email) == profile.contact_consent
        assert profile.publication_consent in PublicationConsent.values
    consents = Counter(r.profile.publication_consent for r in demo)
    assert set(consents) == set(PublicationConsent.values)
    assert 0.1 < sum(r.profile.contact_consent for r in demo) / len(demo) < 0.9


def test_some_respondents_are_abroad(demo: list[DemoResponse]) -> None:
    abroad = [r for r in demo if r.profile.country != "NL"]
    assert len(abroad) >= 15
    assert len({r.profile.country for r in abroad}) >= 8
    assert {r.profile.stakeholder_type for r in abroad} >= {
        StakeholderType.COMPANY,
        StakeholderType.NGO,
    }


def test_every_fragment_audience_is_a_tag_some_respondent_has() -> None:
    reachable = {
        tag
        for kind in StakeholderType.values
        for size in ["", *CompanySize.values]
        for abroad in (False, True)
        for member in (False, True)
        for tag in respondent_tags(
            kind, size if kind == StakeholderType.COMPANY else "", abroad, in_covenant=member
        )
    }
    bank = fragments()
    answers = [f for by_stance in bank.open_answers.values() for g in by_stance.values() for f in g]
    audiences = {f.audience for f in [*answers, *bank.openers, *bank.closers]} - {""}
    assert audiences <= reachable


def test_answers_fit_the_questions(demo: list[DemoResponse]) -> None:
    for response in demo:
        for key, question in QUESTIONS.items():
            if question.required:
                assert key in response.answers, (response.reference, key)
        for key, answer in response.answers.items():
            question = QUESTIONS[key]
            allowed = [choice.value for choice in question.choices]
            if question.kind == QuestionKind.OPEN_TEXT:
                assert answer.text.strip() and len(answer.text) <= question.max_length
                assert "{" not in answer.text, answer.text  # every placeholder filled
            elif question.kind == QuestionKind.SCALE:
                assert answer.scale in range(1, 6)
            elif question.kind == QuestionKind.RANKING:
                assert sorted(answer.values) == sorted(allowed)
            else:
                assert answer.values and set(answer.values) <= set(allowed)
                if question.kind == QuestionKind.SINGLE_CHOICE:
                    assert len(answer.values) == 1


def test_some_optional_answers_are_empty(demo: list[DemoResponse]) -> None:
    optional = [key for key, question in QUESTIONS.items() if not question.required]
    answered = Counter(key for r in demo for key in r.answers)
    for key in optional:
        assert 0 < answered[key] < len(demo), key


def test_open_answers_vary(demo: list[DemoResponse]) -> None:
    own = [r.answers["proposals"].text for r in demo if not r.campaign]
    assert len(set(own)) >= 0.8 * len(own)
    words = {word for text in own for word in text.lower().split()}
    assert len(words) > 300
    themes = ["leefbaar loon", "kinderarbeid", "mkb", "steunpunt", "ncp", "europe", "herstel"]
    all_text = " ".join(a.text.lower() for r in demo for a in r.answers.values())
    assert all(theme in all_text for theme in themes)


def similarity(first: str, second: str) -> float:
    return SequenceMatcher(None, first, second).ratio()


def test_campaigns_give_near_duplicate_texts(demo: list[DemoResponse]) -> None:
    groups: dict[str, list[str]] = defaultdict(list)
    for response in demo:
        if response.campaign and response.language == "nl":
            groups[response.campaign].append(response.answers["proposals"].text)
    assert sorted(len(texts) for texts in groups.values()) >= [8, 25]
    own = [r.answers["proposals"].text for r in demo if not r.campaign and r.language == "nl"]
    for texts in groups.values():
        assert len(set(texts)) > 1  # small variations, not copies
        within = statistics.mean(similarity(texts[0], other) for other in texts[1:])
        between = statistics.mean(similarity(texts[0], other) for other in own[:40])
        assert within > 0.6 > between


def test_opinions_follow_stakeholder_type_loosely(demo: list[DemoResponse]) -> None:
    scores: dict[str, list[int]] = defaultdict(list)
    for response in demo:
        if not response.campaign:
            scale = response.answers["mandatory_needed"].scale
            scores[response.profile.stakeholder_type].append(scale)
    ngo, associations = scores[StakeholderType.NGO], scores[StakeholderType.SECTOR_ASSOCIATION]
    assert statistics.mean(ngo) > statistics.mean(associations) + 1
    companies = scores[StakeholderType.COMPANY]
    assert min(companies) <= 2 and max(companies) >= 4  # not fixed by type


# --- loading ---------------------------------------------------------------------------------


def table_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Consultation, Section, Question, Choice, Document, Response, Answer)
    }


@pytest.mark.django_db
def test_loaddemo_is_idempotent(demo_dirs: Path) -> None:
    first = do_load_demo()
    counts = table_counts()
    second = do_load_demo()
    assert table_counts() == counts
    assert counts["Consultation"] == 1
    assert counts["Section"] == 7
    assert counts["Question"] == len(QUESTIONS)
    assert counts["Response"] == first.responses_created >= 300
    assert second.responses_created == 0
    assert second.responses_existing == first.responses_created
    assert second.tallies["questions"].created == second.tallies["questions"].updated == 0
    assert [login.password for login in first.staff] == [login.password for login in second.staff]
    assert not any(login.created for login in second.staff)


@pytest.mark.django_db
def test_loaded_consultation_is_open_bilingual_and_flagged(demo_dirs: Path) -> None:
    do_load_demo()
    consultation = Consultation.objects.get(slug=DEMO_SLUG)
    assert consultation.phase == Phase.OPEN
    assert consultation.is_demo
    texts = [consultation.title_nl, consultation.title_en, consultation.summary_en]
    texts += [consultation.explainer_nl, consultation.explainer_en]
    for section in consultation.sections.all():
        texts += [section.title_nl, section.title_en, section.intro_nl, section.intro_en]
    questions = Question.objects.filter(section__consultation=consultation)
    assert set(questions.values_list("kind", flat=True)) == set(QuestionKind.values)
    for question in questions:
        texts += [question.text_nl, question.text_en]
        assert bool(question.help_nl) == bool(question.help_en)
        assert bool(question.scale_low_nl) == bool(question.scale_low_en)
    for choice in Choice.objects.filter(question__section__consultation=consultation):
        texts += [choice.label_nl, choice.label_en]
    documents = list(consultation.documents.all())
    assert len(documents) >= 2
    for document in documents:
        texts += [document.title_nl, document.title_en, document.description_en]
        with document.file.open("rb") as handle:
            assert b"unverified" in handle.read()
    assert all(text.strip() for text in texts)


@pytest.mark.django_db
def test_loaded_responses_are_submitted_demo_data_with_consent(demo_dirs: Path) -> None:
    result = do_load_demo()
    responses = Response.objects.filter(consultation=result.consultation)
    assert responses.count() == result.responses_created
    assert not responses.exclude(is_demo=True).exists()
    assert not responses.exclude(status=ResponseStatus.SUBMITTED).exists()
    assert not responses.filter(publication_consent_at__isnull=True).exists()
    assert not responses.filter(consent_version="").exists()
    assert not responses.filter(contact_consent=True, contact_consent_at__isnull=True).exists()
    now = timezone.now()
    for response in responses.only("submitted_at", "created_at", "publication_consent_at"):
        assert result.consultation.opens_at <= response.submitted_at <= now
        assert response.created_at < response.publication_consent_at < response.submitted_at
    languages = set(responses.values_list("language", flat=True))
    assert languages == {"nl", "en"}


@pytest.mark.django_db
def test_reloading_later_keeps_the_demo_open_and_its_responses_inside_it(demo_dirs: Path) -> None:
    first_load = timezone.now() - timedelta(days=200)
    do_load_demo(first_load)
    later = do_load_demo()
    consultation = later.consultation
    assert consultation.phase == Phase.OPEN
    submitted = Response.objects.filter(consultation=consultation).values_list(
        "submitted_at", flat=True
    )
    assert consultation.opens_at <= min(submitted) and max(submitted) <= timezone.now()


@pytest.mark.django_db
def test_loaddemo_restores_edited_texts_without_duplicates(demo_dirs: Path) -> None:
    do_load_demo()
    question = Question.objects.get(key="proposals")
    question.text_nl = "Gewijzigd"
    question.save()
    Choice.objects.filter(question__key="covenant_experience", value="unknown").delete()
    counts = table_counts()
    do_load_demo()
    assert Question.objects.get(key="proposals").text_nl == QUESTIONS["proposals"].text.nl
    assert Choice.objects.filter(question__key="covenant_experience").count() == 4
    assert table_counts()["Question"] == counts["Question"]


@pytest.mark.django_db
def test_loaddemo_command_prints_staff_login_and_keeps_it_secret_on_disk(
    demo_dirs: Path,
) -> None:
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    output = out.getvalue()
    assert "/beheer/" in output
    credentials = demo_dirs / "demo-credentials.txt"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    passwords = dict(
        line.split("\t")
        for line in credentials.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
    assert set(passwords) == {"beheerder", "analist", "moderator"}
    assert f"beheerder (owner, created): password {passwords['beheerder']}" in output
    owner = get_user_model().objects.get(username="beheerder")
    assert owner.is_staff and not owner.is_superuser
    assert owner.check_password(passwords["beheerder"])
    call_command("loaddemo", stdout=io.StringIO())
    assert f"beheerder\t{passwords['beheerder']}" in credentials.read_text(encoding="utf-8")
    assert get_user_model().objects.get(username="beheerder").check_password(passwords["beheerder"])
