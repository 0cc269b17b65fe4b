"""Small builders for platform tests: a consultation with one question of every kind."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from meedenken.consultations.models import Choice, Consultation, Question, QuestionKind, Section


def make_consultation(slug: str = "test-consultatie", *, open_now: bool = True) -> Consultation:
    now = timezone.now()
    opens = now - timedelta(days=7) if open_now else now + timedelta(days=7)
    consultation = Consultation.objects.create(
        slug=slug,
        title_nl="Testconsultatie over IMVO",
        title_en="Test consultation on RBC",
        summary_nl="Korte samenvatting.",
        summary_en="Short summary.",
        explainer_nl="Wij **vragen** uw mening.",
        explainer_en="We **ask** for your views.",
        organisation="Ministerie van Buitenlandse Zaken",
        published_at=now - timedelta(days=8),
        opens_at=opens,
        closes_at=opens + timedelta(days=30),
    )
    first = Section.objects.create(
        consultation=consultation, order=1, title_nl="Convenanten", title_en="Covenants"
    )
    second = Section.objects.create(
        consultation=consultation, order=2, title_nl="Voorstellen", title_en="Proposals"
    )

    def question(
        section: Section, order: int, key: str, kind: str, nl: str, en: str, **extra: object
    ) -> Question:
        return Question.objects.create(
            section=section, order=order, key=key, kind=kind, text_nl=nl, text_en=en, **extra
        )

    question(
        first,
        1,
        "works",
        QuestionKind.OPEN_TEXT,
        "Wat werkt goed?",
        "What works well?",
        required=True,
        max_length=200,
    )
    single = question(
        first,
        2,
        "member",
        QuestionKind.SINGLE_CHOICE,
        "Was u lid van een convenant?",
        "Were you party to a covenant?",
    )
    multiple = question(
        first,
        3,
        "countries",
        QuestionKind.MULTIPLE_CHOICE,
        "Welke landen kent u?",
        "Which countries do you know?",
    )
    question(
        second,
        1,
        "mandatory",
        QuestionKind.SCALE,
        "Is een verplichting nodig?",
        "Is an obligation needed?",
        scale_low_nl="Helemaal oneens",
        scale_low_en="Strongly disagree",
        scale_high_nl="Helemaal eens",
        scale_high_en="Strongly agree",
    )
    ranking = question(
        second,
        2,
        "instruments",
        QuestionKind.RANKING,
        "Rangschik de instrumenten",
        "Rank the instruments",
    )
    question(second, 3, "proposal", QuestionKind.OPEN_TEXT, "Uw voorstel", "Your proposal")
    for order, (value, nl, en) in enumerate([("yes", "Ja", "Yes"), ("no", "Nee", "No")]):
        Choice.objects.create(question=single, order=order, value=value, label_nl=nl, label_en=en)
    for order, (value, nl, en) in enumerate(
        [("de", "Duitsland", "Germany"), ("fr", "Frankrijk", "France")]
    ):
        Choice.objects.create(question=multiple, order=order, value=value, label_nl=nl, label_en=en)
    for order, (value, nl, en) in enumerate(
        [("law", "Wet", "Law"), ("covenant", "Convenant", "Covenant"), ("desk", "Loket", "Desk")]
    ):
        Choice.objects.create(question=ranking, order=order, value=value, label_nl=nl, label_en=en)
    return consultation
