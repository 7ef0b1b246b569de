"""A readable picture of the frameworks and their crosswalks, drawn as SVG on the server (pure)."""

from __future__ import annotations

from html import escape

from app.framework.models import Catalog

COLUMN_ORDER = ("pcfm", "crisis", "core", "unhoused", "justice")
# Link colours chosen for contrast on white and told apart by dash pattern too (not colour alone).
LINK_STYLE = {
    ("builds-on", "stated"): ("#0b5cad", ""),
    ("same-as", "derived"): ("#8a4b00", "6 4"),
    ("related", "derived"): ("#5a5a5a", "2 3"),
    ("related", "stated"): ("#5a5a5a", ""),
}
BOX_W, BOX_H, GAP_Y, COL_GAP, TOP, LEFT = 230, 34, 8, 60, 70, 20
COLUMN_TITLES = {
    "pcfm": "Parent, Caregiver, Family",
    "crisis": "Crisis Care",
    "core": "Core competencies",
    "unhoused": "Unhoused",
    "justice": "Justice-Involved",
}


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def framework_svg(catalog: Catalog) -> str:
    """An SVG with one column per framework, a box per competency, a line per crosswalk."""
    positions: dict[str, tuple[float, float]] = {}
    parts: list[str] = []
    height = TOP
    for column, framework_id in enumerate(COLUMN_ORDER):
        framework = catalog.framework(framework_id)
        x = LEFT + column * (BOX_W + COL_GAP)
        parts.append(
            f'<text x="{x + BOX_W / 2}" y="40" class="g-head" text-anchor="middle">{escape(COLUMN_TITLES[framework_id])}</text>'
        )
        for row, competency in enumerate(framework.competencies):
            y = TOP + row * (BOX_H + GAP_Y)
            positions[competency.id] = (x, y)
            label = f"{competency.number}. {_short(competency.title)}"
            parts.append(
                f'<a href="/competencies/{competency.id}"><g class="g-node g-{framework_id}">'
                f"<title>{escape(competency.id)}: {escape(competency.title)}</title>"
                f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4"/>'
                f'<text x="{x + 8}" y="{y + 21}">{escape(label)}</text></g></a>'
            )
            height = max(height, y + BOX_H)
    lines = []
    for link in catalog.links:
        if link.source not in positions or link.target not in positions:
            continue  # exam links are listed in the table, not drawn
        colour, dash = LINK_STYLE.get((link.type, link.provenance), ("#5a5a5a", "2 3"))
        (x1, y1), (x2, y2) = positions[link.source], positions[link.target]
        if x1 > x2:
            (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
        start = (x1 + BOX_W, y1 + BOX_H / 2)
        end = (x2, y2 + BOX_H / 2) if x1 != x2 else (x2 + BOX_W, y2 + BOX_H / 2)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        lines.append(
            f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" '
            f'stroke="{colour}" stroke-width="1.6"{dash_attr}>'
            f"<title>{escape(link.source)} {escape(link.type)} {escape(link.target)} ({escape(link.provenance)})</title></line>"
        )
    width = LEFT * 2 + len(COLUMN_ORDER) * BOX_W + (len(COLUMN_ORDER) - 1) * COL_GAP
    legend_y = height + 30
    legend = [
        f'<g class="g-legend" transform="translate({LEFT},{legend_y})">',
        '<line x1="0" y1="0" x2="40" y2="0" stroke="#0b5cad" stroke-width="2"/>',
        '<text x="48" y="5">builds on (stated in a seed)</text>',
        '<line x1="280" y1="0" x2="320" y2="0" stroke="#8a4b00" stroke-width="2" stroke-dasharray="6 4"/>',
        '<text x="328" y="5">same name (derived)</text>',
        "</g>",
    ]
    total_height = legend_y + 20
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total_height}" '
        f'width="{width}" height="{total_height}" role="group" aria-labelledby="graph-title" aria-describedby="graph-desc">'
        '<title id="graph-title">Competency frameworks and their crosswalks</title>'
        '<desc id="graph-desc">Five columns: Parent, Caregiver, Family Member; Crisis Care; the 17 core '
        "competencies; Unhoused; Justice-Involved. Lines join competencies that a seed says build on a core "
        "competency (solid blue) or that repeat a competency's name (dashed brown). The table below lists every "
        "link.</desc>" + "".join(lines) + "".join(parts) + "".join(legend) + "</svg>"
    )
