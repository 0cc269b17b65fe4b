"""A stored report version as what the web page and the documents show, in the active
language. Every number and quote gets a finding: the responses behind it, listed in the annex
of the documents and linked from the web page. Reference numbers and quotes are checked
against the database at every showing: a response withdrawn since the version was generated
is left out, so the public version never shows its text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation, Question, QuestionKind, Section
from meedenken.report.charts import question_chart, svg
from meedenken.responses.models import Channel, Response, ResponseStatus
from meedenken.responses.profile import PublicationConsent, StakeholderType
from meedenken.statements.selectors import public_statements
from meedenken.statistics.charts import group_label
from meedenken.voting.presenters import FLAGS, GROUP_LETTERS, level_label, placement_note

PUBLISHABLE = (PublicationConsent.WITH_NAME, PublicationConsent.ANONYMOUS)
LANGUAGES = {"nl": "Nederlands", "en": "English", "de": "Deutsch", "fr": "Français"}


@dataclass
class Finding:
    id: str
    label: str
    refs: list[str] = field(default_factory=list)
    withdrawn: int = 0  # responses behind it withdrawn since the version was generated
    browser: tuple[int, int] | None = None  # (question id, code id): the workspace filter


def pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def kappa(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", "," if _lang() == "nl" else ".")


def _lang() -> str:
    return (get_language() or "nl")[:2]


class Presenter:
    def __init__(self, consultation: Consultation, document: dict[str, Any]) -> None:
        self.consultation = consultation
        self.document = document
        self.findings: dict[str, Finding] = {}
        current = Response.objects.filter(consultation=consultation).values_list(
            "reference", "status", "publication_consent"
        )
        self.submitted = {ref for ref, status, _c in current if status == ResponseStatus.SUBMITTED}
        self.publishable = {
            ref
            for ref, status, consent in current
            if status == ResponseStatus.SUBMITTED and consent in PUBLISHABLE
        }
        codes = document.get("inputs", {}).get("codes", [])
        key = "label_en" if _lang() == "en" else "label_nl"
        self.code_labels = {c["id"]: c[key] or c["label_nl"] for c in codes}

    def finding(
        self, label: str, refs: list[str], browser: tuple[int, int] | None = None
    ) -> Finding:
        kept = [r for r in refs if r in self.submitted]
        found = Finding(f"B{len(self.findings) + 1}", label, kept, len(refs) - len(kept), browser)
        self.findings[found.id] = found
        return found

    def _rows(self, rows: list[dict[str, Any]], label_of: Any, what: str) -> list[dict[str, Any]]:
        return [
            {
                "label": label_of(row["key"]),
                "count": row["count"],
                "finding": self.finding(f"{what}: {label_of(row['key'])}", row["refs"]),
            }
            for row in rows
        ]

    def methodology(self) -> dict[str, Any]:
        m = self.document["methodology"]
        channels = dict(Channel.choices)
        campaigns = [
            {
                "key": c["key"],
                "size": c["size"],
                "once": c["counting"] == "once",
                "finding": self.finding(_("Campagne %(key)s") % {"key": c["key"]}, c["refs"]),
            }
            for c in m["campaigns"]
        ]
        return {
            "submitted": self.finding(
                _("Ingediende reacties"), sorted(r for row in m["by_type"] for r in row["refs"])
            ),
            "submitted_count": m["submitted"],
            "withdrawn": m["withdrawn"],
            "drafts": m["drafts"],
            "by_type": self._rows(m["by_type"], group_label, _("Soort belanghebbende")),
            "by_language": self._rows(
                m["by_language"], lambda k: LANGUAGES.get(k, k or _("onbekend")), _("Taal")
            ),
            "by_channel": self._rows(
                m["by_channel"], lambda k: str(channels.get(k, k)), _("Kanaal")
            ),
            "campaigns": campaigns,
            "left_out": self.finding(
                _("Niet apart geteld (campagne telt één keer)"), m["campaign_left_out"]
            ),
            "left_out_count": len(m["campaign_left_out"]),
        }

    def _closed(self, question: Question, stored: dict[str, Any], index: int) -> dict[str, Any]:
        view = question_chart(question, stored, index)
        options = list(stored["result"]["options"])
        rows = []
        for option, bar in zip(options, view["bars"], strict=False):
            rows.append(
                {
                    **bar,
                    "finding": self.finding(
                        f"{question.t('text')}: {bar['label']}", stored["refs"].get(option, [])
                    ),
                }
            )
        title = _("Verdeling van de antwoorden: %(question)s") % {"question": question.t("text")}
        return {**view, "rows": rows, "svg": svg(view, title), "title": title}

    def _open(self, question: Question, stored: dict[str, Any], public: bool) -> dict[str, Any]:
        themes = []
        for theme in stored["themes"]:
            label = self.code_labels.get(theme["code"], f"#{theme['code']}")
            quotes = [
                dict(q)
                for q in theme["quotes"]
                if q["ref"] in (self.publishable if public else self.submitted)
            ]
            for quote in quotes:
                quote["finding"] = self.finding(
                    _("Citaat %(ref)s") % {"ref": quote["ref"]}, [quote["ref"]]
                )
            themes.append(
                {
                    "code": theme["code"],
                    "label": label,
                    "count": theme["count"],
                    "finding": self.finding(
                        f"{question.t('text')}: {label}",
                        theme["refs"],
                        (question.pk, theme["code"]),
                    ),
                    "by_type": [
                        {"label": group_label(t), "count": n} for t, n in theme["by_type"].items()
                    ],
                    "quotes": quotes,
                }
            )
        coded = stored["coded"]
        return {
            "themes": themes,
            "answers": stored["answers"],
            "coded": coded,
            "coverage": pct(coded / stored["answers"]) if stored["answers"] else "–",
            "second_coded": stored["second_coded"],
            "kappa": stored["kappa"],
            "kappa_text": kappa(stored["kappa"]["kappa"]),
            "machine": stored["machine"],
            "machine_text": kappa((stored["machine"] or {}).get("kappa")),
        }

    def sections(self, public: bool) -> list[dict[str, Any]]:
        ids = [q["id"] for s in self.document["sections"] for q in s["questions"]]
        questions = Question.objects.prefetch_related("choices").in_bulk(ids)
        sections = Section.objects.in_bulk([s["id"] for s in self.document["sections"]])
        shown, index = [], 0
        for stored_section in self.document["sections"]:
            section = sections.get(stored_section["id"])
            items = []
            for stored in stored_section["questions"]:
                question = questions.get(stored["id"])
                if question is None:  # removed since: the version still lists it by number
                    continue
                index += 1
                item: dict[str, Any] = {"question": question, "index": index, "id": f"v{index}"}
                if stored["kind"] == QuestionKind.OPEN_TEXT:
                    item["open"] = self._open(question, stored, public)
                else:
                    item["closed"] = self._closed(question, stored, index)
                items.append(item)
            shown.append({"section": section, "questions": items})
        return shown

    def measures(self, public: bool = False) -> dict[str, Any] | None:
        """`public`: measures rejected since the report was made, or proposed by a respondent
        who asked not to be published, are left out at once (the stored version keeps them)."""
        stored = self.document.get("measures")
        if not stored:
            return None
        types = dict(StakeholderType.choices)
        rows = stored["ranked"]
        if public:
            allowed = set(public_statements(self.consultation.pk).values_list("id", flat=True))
            rows = [
                r for r in rows if isinstance(r["statement"], int) and r["statement"] in allowed
            ]
        ranked = []
        for position, row in enumerate(rows, start=1):
            if public:
                row = {**row, "position": position}
            text = row["text_en"] if _lang() == "en" else row["text_nl"]
            levels = [
                {
                    "level": level_label(s["level"]),
                    "participants": s["participants"],
                    "score": pct(s["score"]),
                    "low": pct(s["low"]),
                    "high": pct(s["high"]),
                    "flag": str(FLAGS.get(s["flag"], "")) if s.get("flag") else "",
                }
                for s in row["support"]
            ]
            refs = sorted({r for name in ("agree", "disagree", "pass") for r in row["refs"][name]})
            ranked.append(
                {
                    **row,
                    "text": text,
                    "level": levels[0] if levels else None,
                    "more_levels": levels[1:],
                    "supporting_labels": [str(types.get(t, t)) for t in row["supporting"]],
                    "opposing_labels": [str(types.get(t, t)) for t in row["opposing"]],
                    "finding": self.finding(_("Maatregel: %(text)s") % {"text": text}, refs),
                }
            )
        texts = {str(r["statement"]): r["text"] for r in ranked}
        groups = [
            {
                "name": GROUP_LETTERS[g["id"] % len(GROUP_LETTERS)],
                "size": g["size"],
                "types": [
                    {"label": group_label(t), "count": n} for t, n in g.get("types", {}).items()
                ],
                "representative": [
                    {"text": texts.get(r["statement"], r["statement"]), "direction": r["direction"]}
                    for r in g["representative"]
                    if not public or r["statement"] in texts
                ],
            }
            for g in stored["groups"]
        ]
        return {
            "participants": stored["participants"],
            "votes": stored["votes"],
            "levels": [
                {"level": level_label(level), "participants": n} for level, n in stored["levels"]
            ],
            # Versions made before the ranking followed the consultation's level: everyone.
            "ranking_level": level_label(stored.get("ranking_level", "open")),
            "ranked": ranked,
            "groups": groups,
            # Versions made before the report said so: no note.
            "placement_note": placement_note(stored.get("grouped", 0), stored.get("placed")),
            "consensus": [
                texts.get(key, key) for key in stored["consensus"] if not public or key in texts
            ],
        }

    def reference(self, measures: dict[str, Any] | None) -> list[dict[str, Any]]:
        texts = {r["statement"]: r["text"] for r in (measures or {}).get("ranked", [])}
        return [
            {
                **fact,
                "linked": [texts[s] for s in fact["statements"] if s in texts]
                + [self.code_labels[c] for c in fact["codes"] if c in self.code_labels],
            }
            for fact in self.document.get("reference", [])
        ]


def report_view(
    consultation: Consultation, document: dict[str, Any], *, public: bool
) -> dict[str, Any]:
    presenter = Presenter(consultation, document)
    lang = _lang()
    notes = {
        part: (texts.get(lang) or texts.get("nl") or "")
        for part, texts in document.get("notes", {}).items()
    }
    methodology = presenter.methodology()
    sections = presenter.sections(public)
    for section in sections:
        section["note"] = (
            notes.get(f"section-{section['section'].pk}", "") if section["section"] else ""
        )
    measures = presenter.measures(public)
    return {
        "document": document,
        "methodology": methodology,
        "sections": sections,
        "measures": measures,
        "reference": presenter.reference(measures),
        "findings": list(presenter.findings.values()),
        "notes": notes,
        "public": public,
    }


def find(consultation: Consultation, document: dict[str, Any], finding_id: str) -> Finding | None:
    view = report_view(consultation, document, public=False)
    return next((f for f in view["findings"] if f.id == finding_id), None)
