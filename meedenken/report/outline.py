"""A report version as a list of blocks (headings, paragraphs, tables, quotes) for the office
formats (DOCX, ODT). The same parts, order and finding numbers as the web page and the PDF;
each chart comes as its text alternative and its data table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meedenken.report.presenter import Finding


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "table", "quote"
    text: str = ""
    level: int = 1
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _note(view: dict[str, Any], part: str) -> list[Block]:
    text = view["notes"].get(part, "")
    return [Block("paragraph", text)] if text else []


def n(count: int, finding: Finding) -> str:
    return f"{count} [{finding.id}]"


def _table(caption: str, head: str, rows: list[dict[str, Any]]) -> Block:
    return Block(
        "table",
        caption,
        header=[head, _("Reacties")],
        rows=[[r["label"], n(r["count"], r["finding"])] for r in rows],
    )


def _methodology(view: dict[str, Any]) -> list[Block]:
    m = view["methodology"]
    blocks = [
        Block("heading", _("Werkwijze en kwaliteit van de gegevens"), 1),
        *_note(view, "method"),
        Block(
            "paragraph",
            ngettext(
                "Dit verslag rust op %(n)s ingediende reactie.",
                "Dit verslag rust op %(n)s ingediende reacties.",
                m["submitted_count"],
            )
            % {"n": n(m["submitted_count"], m["submitted"])}
            + " "
            + _(
                "Niet meegeteld: %(withdrawn)s ingetrokken reacties en %(drafts)s niet "
                "ingediende concepten."
            )
            % {"withdrawn": m["withdrawn"], "drafts": m["drafts"]},
        ),
        _table(_("Reacties per soort belanghebbende"), _("Soort belanghebbende"), m["by_type"]),
        _table(_("Reacties per taal"), _("Taal"), m["by_language"]),
        _table(_("Reacties per kanaal"), _("Kanaal"), m["by_channel"]),
        Block("heading", _("Campagnes"), 2),
    ]
    if m["campaigns"]:
        blocks.append(
            Block(
                "table",
                _("Campagnes en hoe ze zijn geteld"),
                header=[_("Campagne"), _("Reacties"), _("Geteld")],
                rows=[
                    [
                        c["key"],
                        n(c["size"], c["finding"]),
                        _("één keer") if c["once"] else _("elke reactie apart"),
                    ]
                    for c in m["campaigns"]
                ],
            )
        )
    else:
        blocks.append(Block("paragraph", _("Er zijn geen campagnes gevonden.")))
    rows = [
        [
            q["question"].t("text"),
            str(q["open"]["answers"]),
            f"{q['open']['coded']} ({q['open']['coverage']})",
            str(q["open"]["kappa"]["items"]),
            q["open"]["kappa_text"],
            q["open"]["machine_text"],
        ]
        for s in view["sections"]
        for q in s["questions"]
        if "open" in q
    ]
    blocks += [
        Block("heading", _("Codering van de open antwoorden"), 2),
        Block(
            "table",
            _("Dekking van de codering en overeenstemming (Cohens kappa)"),
            header=[
                _("Vraag"),
                _("Antwoorden"),
                _("Gecodeerd"),
                _("Dubbel gecodeerd"),
                _("Kappa analist–analist"),
                _("Kappa analist–model"),
            ],
            rows=rows,
        ),
    ]
    return blocks


def _question(q: dict[str, Any]) -> list[Block]:
    blocks = [Block("heading", f"{q['index']}. {q['question'].t('text')}", 2)]
    if "closed" in q:
        c = q["closed"]
        if c["n"]:
            blocks.append(Block("paragraph", f"{c['title']}: {c['summary']}"))
        blocks.append(
            Block(
                "table",
                c["title"],
                header=[_("Antwoord"), _("Aantal"), _("Percentage"), _("95%-interval")],
                rows=[
                    [b["label"], n(b["count"], b["finding"]), b["pct"], b["interval"]]
                    for b in c["rows"]
                ],
            )
        )
        return blocks
    o = q["open"]
    for theme in o["themes"]:
        types = ", ".join(f"{t['label']} {t['count']}" for t in theme["by_type"])
        blocks += [
            Block("heading", theme["label"], 3),
            Block(
                "paragraph",
                f"{_('Genoemd in')} {n(theme['count'], theme['finding'])} {_('antwoorden')}: {types}.",
            ),
        ]
        blocks += [
            Block(
                "quote",
                f"“{quote['text']}” ({_('Reactie')} {quote['ref']} [{quote['finding'].id}])",
            )
            for quote in theme["quotes"]
        ]
    if not o["themes"]:
        blocks.append(
            Block(
                "paragraph", _("Nog geen thema's: de antwoorden op deze vraag zijn niet gecodeerd.")
            )
        )
    return blocks


def _measures(view: dict[str, Any]) -> list[Block]:
    blocks = [Block("heading", _("Maatregelen naar draagvlak"), 1), *_note(view, "measures")]
    ms = view["measures"]
    if not ms:
        text = _("Over de maatregelen is (nog) niet gestemd of de stemmen zijn niet geanalyseerd.")
        return [*blocks, Block("paragraph", text)]
    blocks.append(
        Block(
            "paragraph",
            _("%(n)s deelnemers brachten %(votes)s stemmen uit.")
            % {"n": ms["participants"], "votes": ms["votes"]}
            + " "
            # The web page's sentence (a template string, so its "%" is written "%%").
            + _(
                "Draagvlak is de geschatte instemming van de soort belanghebbenden die het minst "
                "instemt, met een 95%%-interval; bij elk cijfer staat op welke deelnemers het rust."
            )
            % {}
            + " "
            + _("De volgorde rust op: %(who)s.") % {"who": ms["ranking_level"]},
        )
    )
    rows = []
    for r in ms["ranked"]:
        level = r["level"]
        support = (
            f"{level['score']} ({level['low']}–{level['high']}) {level['flag']}" if level else "–"
        )
        sides = "; ".join(
            part
            for part in (
                f"{_('steun:')} {', '.join(r['supporting_labels'])}"
                if r["supporting_labels"]
                else "",
                f"{_('geen steun:')} {', '.join(r['opposing_labels'])}"
                if r["opposing_labels"]
                else "",
            )
            if part
        )
        rated = (
            f"{r['impact']:.1f} / {r['feasibility']:.1f} ({r['ratings']})"
            if r["impact"] is not None
            else "–"
        )
        rows.append(
            [
                str(r["position"]),
                r["text"],
                support.strip(),
                f"{level['level']} ({level['participants']})" if level else "",
                n(r["votes"], r["finding"]),
                rated,
                sides or "–",
            ]
        )
    blocks.append(
        Block(
            "table",
            _("Maatregelen gerangschikt naar breed draagvlak"),
            header=[
                "#",
                _("Maatregel"),
                _("Breed draagvlak (95%-interval)"),
                _("Rust op"),
                _("Stemmen"),
                _("Impact / uitvoerbaarheid (1–5)"),
                _("Steun en geen steun"),
            ],
            rows=rows,
        )
    )
    blocks.append(Block("heading", _("Meningsgroepen en consensus"), 2))
    if ms["placement_note"] and ms["groups"]:
        blocks.append(Block("paragraph", ms["placement_note"]))
    for g in ms["groups"]:
        blocks.append(
            Block(
                "heading",
                _("Groep %(name)s (%(n)s deelnemers)") % {"name": g["name"], "n": g["size"]},
                3,
            )
        )
        for r in g["representative"]:
            side = _("eens met") if r["direction"] == "agree" else _("oneens met")
            blocks.append(Block("paragraph", f"{side}: {r['text']}"))
    if ms["consensus"]:
        blocks.append(
            Block("paragraph", _("Consensus over alle groepen:") + " " + "; ".join(ms["consensus"]))
        )
    return blocks


def _reference(view: dict[str, Any]) -> list[Block]:
    blocks = [Block("heading", _("Internationale vergelijking"), 1), *_note(view, "reference")]
    for fact in view["reference"]:
        title = f"{fact['jurisdiction']}: {fact['name']}" if fact["jurisdiction"] else fact["name"]
        blocks.append(Block("heading", title, 2))
        if fact["summary"]:
            blocks.append(Block("paragraph", fact["summary"]))
        if fact["linked"]:
            blocks.append(Block("paragraph", f"{_('Relevant voor:')} {'; '.join(fact['linked'])}"))
        blocks.append(Block("paragraph", f"{_('Bron:')} {fact['source']}"))
    if not view["reference"]:
        blocks.append(
            Block(
                "paragraph",
                _("Er zijn geen referentiefeiten gekoppeld aan de maatregelen of codes."),
            )
        )
    return blocks


def outline(view: dict[str, Any]) -> list[Block]:
    blocks = _methodology(view)
    for s in view["sections"]:
        title = s["section"].t("title") if s["section"] else _("Vragen")
        blocks.append(Block("heading", title, 1))
        if s["note"]:
            blocks.append(Block("paragraph", s["note"]))
        for q in s["questions"]:
            blocks += _question(q)
    blocks += _measures(view) + _reference(view)
    blocks.append(Block("heading", _("Bijlage: reacties per bevinding"), 1))
    blocks.append(
        Block(
            "table",
            _("Bijlage: reacties per bevinding"),
            header=[_("Bevinding"), _("Reacties"), _("Referentienummers")],
            rows=[
                [f"[{f.id}] {f.label}", str(len(f.refs)), ", ".join(f.refs)]
                for f in view["findings"]
            ],
        )
    )
    return blocks
