"""The crosswalk picture of two frameworks side by side, drawn as SVG on the server (pure).

One column per framework, a box per competency sized to its wrapped label, and a curve per
crosswalk link. Curves run only in the gutter between the two columns (each is a cubic curve
whose x grows from one column's edge to the other's), so no link passes behind a box. Text
widths are estimated with DejaVu Sans metrics, the widest of the common sans-serif faces, so a
label fits its box in any of them. Two layouts are drawn: a wide one for desktops (full titles)
and a narrow one that stays legible on a phone (short titles).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from app.framework.models import Catalog, Link
from app.messages import Message

# Puts the picture's words in the page's language (app.i18n.messages.translated); English as is.
Say = Callable[[str], str]

# Advance widths of DejaVu Sans in thousandths of an em (measured in Chromium); others are 0.65.
_WIDTH_ROWS = (
    (
        " !\"#$%&'()*+,-./",
        (318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337),
    ),
    ("0123456789:;<=>?@", (636,) * 10 + (337, 337, 838, 838, 838, 531, 1000)),
    ("ABCDEFGHIJKLM", (684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863)),
    ("NOPQRSTUVWXYZ", (748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685)),
    ("abcdefghijklm", (613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974)),
    ("nopqrstuvwxyz", (634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525)),
    ("é’‘“”–—…", (615, 318, 318, 518, 518, 500, 1000, 1000)),
)
_WIDTHS = {
    ch: width for chars, widths in _WIDTH_ROWS for ch, width in zip(chars, widths, strict=True)
}
SAFETY = 1.06  # room for faces a little wider than DejaVu Sans
BOLD = 1.12  # DejaVu Sans Bold is about this much wider


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The estimated width in pixels of ``text`` set at ``size`` pixels."""
    units = sum(_WIDTHS.get(ch, 650) for ch in text)
    return units / 1000 * size * SAFETY * (BOLD if bold else 1.0)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Lines of ``text`` no wider than ``width``, broken at spaces or after hyphens.

    A word longer than a line is split with a hyphen.
    """
    pieces: list[tuple[str, str]] = []  # (piece, what joins it to the piece before)
    for word in text.split():
        for index, part in enumerate(re.split(r"(?<=-)(?=[^-])", word)):
            pieces.append((part, "" if index else " "))
    lines: list[str] = []
    current = ""
    for piece, glue in pieces:
        candidate = f"{current}{glue}{piece}" if current else piece
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(piece, size, bold=bold) > width:
            cut = len(piece)
            while cut > 1 and text_width(piece[:cut] + "-", size, bold=bold) > width:
                cut -= 1
            lines.append(piece[:cut] + "-")
            piece = piece[cut:]
        current = piece
    if current:
        lines.append(current)
    return lines or [""]


@dataclass(frozen=True)
class Geometry:
    """A layout's measurements in pixels."""

    width: int
    box: int  # box width
    font: int
    line: int  # line height
    pad: int  # padding inside a box
    gap: int  # between boxes
    margin: int
    heading: int  # heading font size
    full_titles: bool
    port: int  # least distance between two links meeting a box


WIDE = Geometry(960, 330, 14, 18, 8, 10, 16, 15, True, 7)
NARROW = Geometry(350, 134, 13, 16, 6, 8, 4, 13, False, 6)
COLUMN_TITLES = {
    "core": "Core competencies",
    "pcfm": "Parent, Caregiver, Family Member",
    "crisis": "Crisis Care",
    "unhoused": "Unhoused",
    "justice": "Justice-Involved",
    "exam": "Exam blueprint domains",
}
# Colour, dash pattern and words for each kind of link; told apart by dash as well as colour.
LINK_STYLES = {
    "builds-on": ("#0b5cad", "", "builds on"),
    "same-as": ("#8a4b00", "7 4", "same name as"),
    "related": ("#4a4a4a", "2 3", "related to"),
    "feeds": ("#6a3d9a", "9 3 2 3", "feeds the exam item"),
}


@dataclass
class Box:
    id: str
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    title: str
    side: str  # left | right
    ports: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class PairLink:
    """A link between the two frameworks shown, oriented left to right."""

    left: str  # competency (or exam domain) box on the left
    right: str
    link: Link
    forward: bool  # True when the link's source is on the left


@dataclass
class Curve:
    pair: PairLink
    start: tuple[float, float]
    end: tuple[float, float]

    def path(self) -> str:
        (x1, y1), (x2, y2) = self.start, self.end
        middle = (x2 - x1) / 2
        return f"M{x1:.1f},{y1:.1f} C{x1 + middle:.1f},{y1:.1f} {x2 - middle:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"

    def point(self, t: float) -> tuple[float, float]:
        """The point at parameter ``t`` (0 to 1) of the cubic curve."""
        (x1, y1), (x2, y2) = self.start, self.end
        middle = (x2 - x1) / 2
        xs = (x1, x1 + middle, x2 - middle, x2)
        ys = (y1, y1, y2, y2)
        u = 1 - t
        weights = (u**3, 3 * u * u * t, 3 * u * t * t, t**3)
        return (
            sum(w * v for w, v in zip(weights, xs, strict=True)),
            sum(w * v for w, v in zip(weights, ys, strict=True)),
        )


@dataclass
class Layout:
    geometry: Geometry
    left: str
    right: str
    boxes: dict[str, Box]
    headings: dict[str, list[str]]
    curves: list[Curve]
    height: float


def owner(catalog: Catalog, identifier: str) -> str:
    """The competency (or exam domain) a link end belongs to: itself, or its statement's parent."""
    if catalog.has(identifier) and "." in identifier:
        identifier = identifier.split(".", 1)[0]  # "exam-1.1" is in exam-1, "core-6.s3" in core-6
    return catalog.competency(identifier).id


def pair_links(catalog: Catalog, left: str, right: str) -> list[PairLink]:
    """Every crosswalk link with one end in ``left`` and the other in ``right``."""
    left_ids = set(catalog.framework(left).competency_ids())
    right_ids = set(catalog.framework(right).competency_ids())
    found = []
    for link in catalog.links:
        source, target = owner(catalog, link.source), owner(catalog, link.target)
        if source in left_ids and target in right_ids:
            found.append(PairLink(source, target, link, True))
        elif source in right_ids and target in left_ids:
            found.append(PairLink(target, source, link, False))
    return found


def _label(competency, geometry: Geometry) -> str:
    name = competency.title if geometry.full_titles else competency.short_name
    return f"{competency.number}. {name}"


def _isotonic(aims: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence closest to ``aims`` in weighted least squares (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [value, weight, count]
    for aim, weight in zip(aims, weights, strict=True):
        blocks.append([aim, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            value, total, count = blocks.pop()
            before = blocks.pop()
            joined = before[1] + total
            blocks.append(
                [(before[0] * before[1] + value * total) / joined, joined, before[2] + count]
            )
    return [value for value, _, count in blocks for _ in range(int(count))]


def _align_shorter_column(
    boxes: dict[str, Box], links: list[PairLink], top: float, bottom: float, gap: float
) -> None:
    """Move the boxes of the shorter column level with the boxes they link to, in order.

    Each linked box aims at the middle of its partners; boxes keep their order, never overlap
    and stay between ``top`` and ``bottom`` (the end of the taller column). The positions are
    the closest to the aims under those constraints; a box without links follows its neighbours.
    """
    sides = {"left": [b for b in boxes.values() if b.side == "left"]}
    sides["right"] = [b for b in boxes.values() if b.side == "right"]
    height = {side: column[-1].y + column[-1].h for side, column in sides.items()}
    side = "left" if height["left"] <= height["right"] else "right"
    column = sides[side]
    partners: dict[str, list[Box]] = {}
    for pair in links:
        mine, theirs = (pair.left, pair.right) if side == "left" else (pair.right, pair.left)
        partners.setdefault(mine, []).append(boxes[theirs])
    # Shift each box by the height of the boxes above it, so "no overlap" becomes "non-decreasing".
    offsets, above = [], 0.0
    for box in column:
        offsets.append(above)
        above += box.h + gap
    aims, weights = [], []
    for box, offset in zip(column, offsets, strict=True):
        linked = partners.get(box.id)
        if linked:
            aims.append(sum(p.y + p.h / 2 for p in linked) / len(linked) - box.h / 2 - offset)
            weights.append(1.0)
        else:
            aims.append(top)
            weights.append(0.01)
    highest = bottom - (above - gap)  # the first box's lowest place that keeps the last one in
    for box, offset, value in zip(column, offsets, _isotonic(aims, weights), strict=True):
        box.y = min(max(value, top), max(highest, top)) + offset


def layout(
    catalog: Catalog, left: str, right: str, geometry: Geometry = WIDE, say: Say = str
) -> Layout:
    """Positions of every box and curve for the pair ``left`` | ``right``; ``say`` gives the
    column headings in the page's language."""
    g = geometry
    text_room = g.box - 2 * g.pad
    columns = {
        "left": (left, g.margin),
        "right": (right, g.width - g.margin - g.box),
    }
    headings = {
        side: wrap(say(COLUMN_TITLES[framework_id]), g.box, g.heading, bold=True)
        for side, (framework_id, _) in columns.items()
    }
    top = g.margin + max(len(lines) for lines in headings.values()) * (g.heading + 4) + 12
    links = pair_links(catalog, left, right)
    attached = Counter(end for pair in links for end in (pair.left, pair.right))
    boxes: dict[str, Box] = {}
    bottom = top
    for side, (framework_id, x) in columns.items():
        y = top
        for competency in catalog.framework(framework_id).competencies:
            lines = wrap(_label(competency, g), text_room, g.font)
            # Tall enough for its label, and for its links to arrive apart.
            h = max(len(lines) * g.line + 2 * g.pad, (attached[competency.id] + 1) * g.port)
            boxes[competency.id] = Box(competency.id, x, y, g.box, h, lines, competency.title, side)
            y += h + g.gap
        bottom = max(bottom, y)
    _align_shorter_column(boxes, links, top, bottom - g.gap, g.gap)
    ends: dict[str, list[tuple[float, int]]] = {}
    for index, pair in enumerate(links):
        left_box, right_box = boxes[pair.left], boxes[pair.right]
        ends.setdefault(pair.left, []).append((right_box.y + right_box.h / 2, index))
        ends.setdefault(pair.right, []).append((left_box.y + left_box.h / 2, index))
    port_of: dict[tuple[str, int], float] = {}
    for box_id, attached in ends.items():
        box = boxes[box_id]
        attached.sort()
        for slot, (_, index) in enumerate(attached, start=1):
            port_of[(box_id, index)] = box.y + box.h * slot / (len(attached) + 1)
    curves = [
        Curve(
            pair,
            (boxes[pair.left].x + g.box, port_of[(pair.left, index)]),
            (boxes[pair.right].x, port_of[(pair.right, index)]),
        )
        for index, pair in enumerate(links)
    ]
    return Layout(g, left, right, boxes, headings, curves, bottom - g.gap + g.margin)


def crosswalk_svg(
    catalog: Catalog, left: str, right: str, geometry: Geometry = WIDE, say: Say = str
) -> str:
    """The picture of ``left`` and ``right`` and the links between them, as an SVG element;
    ``say`` puts its words (headings, titles, each link's words) in the page's language."""
    plan = layout(catalog, left, right, geometry, say)
    g = plan.geometry
    key = "w" if g.full_titles else "n"
    parts: list[str] = []
    for side, lines in plan.headings.items():
        x = g.margin if side == "left" else g.width - g.margin - g.box
        for row, text in enumerate(lines):
            y = g.margin + g.heading + row * (g.heading + 4)
            parts.append(
                f'<text class="g-head" x="{x}" y="{y}" font-size="{g.heading}">{escape(text)}</text>'
            )
    markers = []
    for link_type, (colour, _, _) in LINK_STYLES.items():
        markers.append(
            f'<marker id="arrow-{key}-{link_type}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    curves = []
    for curve in plan.curves:
        link = curve.pair.link
        colour, dash, words = LINK_STYLES.get(link.type, LINK_STYLES["related"])
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        # The arrow points at the link's target: the right end when the source is on the left.
        end = "marker-end" if curve.pair.forward else "marker-start"
        curves.append(
            f'<path class="g-link g-{escape(link.type)} g-{escape(link.provenance)}" d="{curve.path()}" '
            f'fill="none" stroke="{colour}" stroke-width="2"{dash_attr} '
            f'{end}="url(#arrow-{key}-{escape(link.type)})">'
            f"<title>{escape(_link_title(link, words, say))}</title></path>"
        )
    boxes = []
    for box in plan.boxes.values():
        lines = "".join(
            f'<tspan x="{box.x + g.pad:.1f}" y="{box.y + (box.h - len(box.lines) * g.line) / 2 + (row + 1) * g.line - (g.line - g.font) / 2 - 2:.1f}">'
            f"{escape(text)}</tspan>"
            for row, text in enumerate(box.lines)
        )
        boxes.append(
            f'<a href="/competencies/{escape(box.id)}"><g class="g-node g-{box.side}">'
            f"<title>{escape(box.id)}: {escape(box.title)}</title>"
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" rx="4"/>'
            f'<text font-size="{g.font}">{lines}</text></g></a>'
        )
    left_title = Message(COLUMN_TITLES[plan.left])
    right_title = Message(COLUMN_TITLES[plan.right])
    count = len(plan.curves)
    title = say(Message("Crosswalk: %(left)s and %(right)s", left=left_title, right=right_title))
    if count == 1:
        desc = Message(
            "%(left)s on the left, %(right)s on the right; 1 link between them, listed in the "
            "table below the picture.",
            left=left_title,
            right=right_title,
        )
    else:
        desc = Message(
            "%(left)s on the left, %(right)s on the right; %(count)s links between them, listed "
            "in the table below the picture.",
            left=left_title,
            right=right_title,
            count=count,
        )
    title_id, desc_id = f"graph-title-{key}", f"graph-desc-{key}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="crosswalk crosswalk-{key}" '
        f'viewBox="0 0 {g.width} {plan.height:.0f}" width="{g.width}" height="{plan.height:.0f}" '
        f'role="group" aria-labelledby="{title_id}" aria-describedby="{desc_id}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(say(desc))}</desc>'
        f"<defs>{''.join(markers)}</defs>"
        + "".join(curves)
        + "".join(boxes)
        + "".join(parts)
        + "</svg>"
    )


def _link_title(link: Link, words: str, say: Say) -> str:
    """A link's tooltip: its two ends, what joins them and where the link comes from."""
    return say(
        Message(
            "%(source)s %(words)s %(target)s (%(provenance)s)",
            source=link.source,
            words=Message(words),
            target=link.target,
            provenance=Message(link.provenance),
        )
    )


def pair_counts(catalog: Catalog) -> list[tuple[str, str, int]]:
    """Each pair of frameworks joined by at least one link, with how many, most first."""
    ids = list(catalog.frameworks)
    counts = []
    for index, left in enumerate(ids):
        for right in ids[index + 1 :]:
            count = len(pair_links(catalog, left, right))
            if count:
                counts.append((left, right, count))
    return sorted(counts, key=lambda item: (-item[2], ids.index(item[0]), ids.index(item[1])))
