"""The IMVO demo consultation as plain data: texts, dates, sections, questions and documents."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from meedenken.demo.explainer import EXPLAINER_EN, EXPLAINER_NL
from meedenken.demo.questions import SECTIONS
from meedenken.demo.spec import ConsultationSpec, DocumentSpec, Text

DEMO_SLUG = "imvo-evaluatie"
DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"

# Relative to the moment of loading, so that the demo consultation is always open.
OPENS_BEFORE_NOW = timedelta(weeks=3)
CLOSES_AFTER_NOW = timedelta(days=120)

TITLE = Text(
    "Evaluatie IMVO-beleid: wat werkt, wat werkt niet, hoe kan het beter?",
    "Evaluation of the IRBC policy: what works, what does not, how can it be better?",
)
SUMMARY = Text(
    "Het ministerie van Buitenlandse Zaken evalueert het beleid voor internationaal "
    "maatschappelijk verantwoord ondernemen (IMVO) en bekijkt of aanvullende of dwingende "
    "maatregelen nodig zijn. Wij vragen bedrijven, brancheorganisaties, maatschappelijke "
    "organisaties, vakbonden, convenantpartijen, deskundigen en mensen in het buitenland om "
    "hun kennis en ideeën te delen.",
    "The Ministry of Foreign Affairs is evaluating its policy on international responsible "
    "business conduct (IRBC) and considering whether additional or mandatory measures are "
    "needed. We ask companies, industry associations, civil society organisations, trade "
    "unions, agreement parties, experts and people abroad to share their knowledge and ideas.",
)

DOCUMENTS: tuple[DocumentSpec, ...] = (
    DocumentSpec(
        filename="imvo-achtergrondnotitie.txt",
        title=Text(
            "Achtergrondnotitie: Wet zorgplicht kinderarbeid en IMVO-instrumenten",
            "Background note: Child Labour Due Diligence Act and IRBC instruments",
        ),
        description=Text(
            "Wetsgeschiedenis, beleidsinstrumenten rond 2020 en kanttekeningen, met bronnen "
            "(Engelstalig). Niet-bevestigde gegevens zijn gemarkeerd als 'unverified'.",
            "Legislative history, policy instruments around 2020 and caveats, with sources. "
            "Values that could not be confirmed are marked 'unverified'.",
        ),
        language="en",
    ),
    DocumentSpec(
        filename="imvo-overzicht-convenanten-en-wetgeving.txt",
        title=Text(
            "Overzicht: IMVO-convenanten en wetgeving in andere landen",
            "Overview: IRBC agreements and legislation in other countries",
        ),
        description=Text(
            "De dertien sectorconvenanten (2014-2023) en zestien wetten in andere landen en de "
            "EU, elk met bron (Engelstalig).",
            "The thirteen sector agreements (2014-2023) and sixteen laws in other countries and "
            "the EU, each with its source.",
        ),
        language="en",
    ),
    DocumentSpec(
        filename="imvo-convenanten.csv",
        title=Text("IMVO-convenanten (gegevensbestand)", "IRBC agreements (data file)"),
        description=Text(
            "Partijen, looptijd, secretariaat en bronnen per convenant, als CSV.",
            "Parties, term, secretariat and sources per agreement, as CSV.",
        ),
        language="en",
    ),
    DocumentSpec(
        filename="imvo-wetgeving-andere-landen.csv",
        title=Text(
            "Wetgeving in andere landen (gegevensbestand)",
            "Legislation in other countries (data file)",
        ),
        description=Text(
            "Reikwijdte, onderwerpen, toezicht, sancties en status per wet, als CSV.",
            "Scope, issues, supervision, sanctions and status per law, as CSV.",
        ),
        language="en",
    ),
)


def build_imvo_consultation(now: datetime) -> ConsultationSpec:
    """The IMVO consultation, open from a few weeks before `now` until months after it."""
    return ConsultationSpec(
        slug=DEMO_SLUG,
        title=TITLE,
        summary=SUMMARY,
        explainer=Text(EXPLAINER_NL, EXPLAINER_EN),
        organisation="Ministerie van Buitenlandse Zaken",
        opens_at=now - OPENS_BEFORE_NOW,
        closes_at=now + CLOSES_AFTER_NOW,
        sections=SECTIONS,
        documents=DOCUMENTS,
    )
