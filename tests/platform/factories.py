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
    Question.objects.create(
        section=first,
        order=1,
        key="works",
        kind=QuestionKind.OPEN_TEXT,
        text_nl="Wat werkt goed?",
        text_en="What works well?",
        required=True,
        max_length=200,
    )
    single = Question.objects.create(
        section=first,
        order=2,
        key="member",
        kind=QuestionKind.SINGLE_CHOICE,
        text_nl="Was u lid van een convenant?",
        text_en="Were you party to a covenant?",
    )
    multiple = Question.objects.create(
        section=first,
        order=3,
        key="countries",
        kind=QuestionKind.MULTIPLE_CHOICE,
        text_nl="Welke landen kent u?",
        text_en="Which countries do you know?",
    )
    Question.objects.create(
        section=second,
        order=1,
        key="mandatory",
        kind=QuestionKind.SCALE,
        text_nl="Is een verplichting nodig?",
        text_en="Is an obligation needed?",
        scale_low_nl="Helemaal oneens",
        scale_low_en="Strongly disagree",
        scale_high_nl="Helemaal eens",
        scale_high_en="Strongly agree",
    )
    ranking = Question.objects.create(
        section=second,
        order=2,
        key="instruments",
        kind=QuestionKind.RANKING,
        text_nl="Rangschik de instrumenten",
        text_en="Rank the instruments",
    )
    Question.objects.create(
        section=second,
        order=3,
        key="proposal",
        kind=QuestionKind.OPEN_TEXT,
        text_nl="Uw voorstel",
        text_en="Your proposal",
    )
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
