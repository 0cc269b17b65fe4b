"""Output of an `OpinionResult`: the JSON contract (docs/opinion-output.md), text, HTML + SVG."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import numpy as np

from meedenken.sensemaking.opinion.result import OpinionResult, StatementResult

GROUP_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e")
MAP_POINTS = 5000  # participants drawn on the SVG map at most (a seeded sample beyond that)


def to_json_dict(
    result: OpinionResult, statement_text: Mapping[Any, str] | None = None
) -> dict[str, Any]:
    """The versioned JSON contract (`OpinionResult.to_json`), with statement texts."""
    return result.to_json(statement_text)


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(s: StatementResult, text: Mapping[Any, str]) -> str:
    return f"#{s.id} {_short(text.get(s.id, ''))}".rstrip()


def to_text(result: OpinionResult, statement_text: Mapping[Any, str] | None = None) -> str:
    """A readable summary: groups, their representative statements, consensus, broad support."""
    text = statement_text or {}
    placed = ""
    if result.n_placed:  # say that group sizes count voters placed by the nearest center
        own = result.n_clustered - result.n_placed
        placed = f": {own} on their own votes, {result.n_placed} placed by the nearest group center"
    lines = [
        f"{len(result.participant_ids)} participants ({result.n_clustered} clustered{placed}), "
        f"{len(result.statements)} statements, {result.n_votes} votes; "
        f"analysis took {result.timings.get('total', 0.0):.3f} s",
        "",
    ]
    if not result.groups:
        lines.append("No opinion groups: too few participants or votes.")
    for group in result.groups:
        lines.append(f"Group {group.id}: {group.size} participants")
        for r in group.representative:
            share = r.n_success / r.n_trials if r.n_trials else 0.0
            lines.append(
                f"  {r.repful_for:8s} {share:4.0%} of {r.n_trials:>4d}  "
                f"{_label(result.statement(r.statement_id), text)}"
            )
    for side, chosen in (
        ("agree", result.consensus_agree),
        ("disagree", result.consensus_disagree),
    ):
        if chosen:
            lines += ["", f"Consensus ({side}):"]
            lines += [
                f"  {c.n_success / max(c.n_trials, 1):4.0%} of {c.n_trials:>4d}  "
                f"{_label(result.statement(c.statement_id), text)}"
                for c in chosen
            ]
    supported = sorted(
        (s for s in result.statements if s.broadly_supported),
        key=lambda s: -(s.min_support_lower or 0.0),
    )
    across = "declared groups" if result.support_groups_declared else "opinion groups"
    lines += ["", f"Broadly supported across {across}: {len(supported)}"]
    lines += [f"  min {s.min_support:4.0%}  {_label(s, text)}" for s in supported[:10]]
    bridging = sorted(
        (s for s in result.statements if s.bridging is not None and not s.moderated_out),
        key=lambda s: -(s.bridging or 0.0),
    )
    if bridging:
        lines += ["", "Highest bridging scores:"]
        lines += [f"  {s.bridging:+.3f}  {_label(s, text)}" for s in bridging[:5]]
    return "\n".join(lines) + "\n"


def opinion_map_svg(result: OpinionResult, size: int = 560, seed: int = 0) -> str:
    """Participants as dots coloured by group, group centers labelled (unclustered in grey)."""
    points = result.participant_projection
    labels = result.participant_group
    pad = 24
    if len(points) == 0:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}"></svg>'
    shown = np.arange(len(points))
    if len(points) > MAP_POINTS:
        shown = np.sort(np.random.default_rng(seed).choice(len(points), MAP_POINTS, replace=False))
    lo = points.min(axis=0)
    span = np.maximum(points.max(axis=0) - lo, 1e-9)
    scale = (size - 2 * pad) / float(span.max())

    def place(p: np.ndarray) -> tuple[float, float]:
        return pad + (p[0] - lo[0]) * scale, size - pad - (p[1] - lo[1]) * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="Opinion map">',
        f'<rect width="{size}" height="{size}" fill="#fafafa" stroke="#ccc"/>',
    ]
    for i in shown:
        x, y = place(points[i])
        g = int(labels[i])
        colour = GROUP_COLOURS[g % len(GROUP_COLOURS)] if g >= 0 else "#bbbbbb"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}" opacity="0.7"/>')
    for group in result.groups:
        x, y = place(np.array(group.center))
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="16" font-weight="bold" '
            f'text-anchor="middle" fill="#222">{group.id}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def to_html(
    result: OpinionResult,
    statement_text: Mapping[Any, str] | None = None,
    title: str = "",
    source: str = "",
) -> str:
    """A self-contained page; `source` is a credit line for the data (shown at the bottom)."""
    text = statement_text or {}
    esc = html.escape
    title = title or "Opinion groups"
    rows = []
    for s in sorted(result.statements, key=lambda s: -(s.min_support_lower or -1.0)):
        if s.moderated_out:
            continue
        rows.append(
            "<tr>"
            f"<td>{esc(str(s.id))}</td><td>{esc(text.get(s.id, ''))}</td>"
            f"<td>{s.agree}</td><td>{s.disagree}</td><td>{s.passes}</td>"
            f"<td>{'' if s.consensus is None else f'{s.consensus:.3f}'}</td>"
            f"<td>{'' if s.bridging is None else f'{s.bridging:+.3f}'}</td>"
            f"<td>{'yes' if s.broadly_supported else ''}</td>"
            "</tr>"
        )
    group_sections = []
    for group in result.groups:
        colour = GROUP_COLOURS[group.id % len(GROUP_COLOURS)]
        items = "".join(
            f"<li>{esc(r.repful_for)} ({r.n_success}/{r.n_trials}): "
            f"#{esc(str(r.statement_id))} {esc(text.get(r.statement_id, ''))}</li>"
            for r in group.representative
        )
        group_sections.append(
            f'<h3 style="color:{colour}">Group {group.id} ({group.size} participants)</h3>'
            f"<ul>{items}</ul>"
        )
    summary = esc(to_text(result, statement_text))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;"
        "vertical-align:top}pre{white-space:pre-wrap}</style></head><body>"
        f"<h1>{esc(title)}</h1><h2>Opinion map</h2>{opinion_map_svg(result)}"
        f"<h2>Groups</h2>{''.join(group_sections) or '<p>No opinion groups.</p>'}"
        "<h2>Statements</h2><table><thead><tr><th>id</th><th>statement</th><th>agree</th>"
        "<th>disagree</th><th>pass</th><th>group-aware consensus</th><th>bridging</th>"
        f"<th>broadly supported</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<h2>Summary</h2><pre>{summary}</pre>"
        f"{f'<p><small>{esc(source)}</small></p>' if source else ''}</body></html>\n"
    )
