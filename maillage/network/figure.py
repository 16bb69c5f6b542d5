"""Static pictures of a network: the report-ready figure (SVG, PNG) and the fiche's ego network.

A picture is first described as a small scene (lines, circles, texts), then drawn
by one of two renderers: SVG text written here, or PNG with Pillow (installed
from wheels alone, no system Cairo). Both show the same thing, so a figure pasted
in a report looks like the one on screen.
"""

import functools
import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from .graph import EXTERNAL_COLOR, compute_layout
from .models import KIND_STYLES, RelationKind

# Fonts with French accents for the PNG renderer, first found wins. Pillow's built-in font
# has no accented glyphs, so it is only the last resort. NETWORK_FIGURE_FONT may name a file.
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation/LiberationSans-Regular.ttf",
    "/Library/Fonts/Arial.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "C:/Windows/Fonts/arial.ttf",
]

INK = "#1B1F23"
MUTED_INK = "#4A5561"


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.0
    dashed: bool = False
    arrow: bool = False
    opacity: float = 1.0


@dataclass
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    stroke: str = "#FFFFFF"
    opacity: float = 1.0


@dataclass
class Text:
    x: float
    y: float
    text: str
    size: float = 13
    color: str = INK
    anchor: str = "start"
    bold: bool = False


@dataclass
class Scene:
    width: int
    height: int
    title: str
    description: str = ""
    lines: list = field(default_factory=list)
    circles: list = field(default_factory=list)
    texts: list = field(default_factory=list)


def _fit(nodes, left, top, right, bottom):
    """Map layout coordinates into a box, keeping the aspect ratio (y grows downwards)."""
    if not nodes:
        return {}
    xs = [n.x for n in nodes]
    ys = [n.y for n in nodes]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = min(right - left, bottom - top) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    mx, my = (left + right) / 2, (top + bottom) / 2
    return {n.id: (mx + (n.x - cx) * scale, my - (n.y - cy) * scale) for n in nodes}


def _shorten(x1, y1, x2, y2, by):
    """End a line `by` pixels before its target (so an arrow head touches the node's edge)."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length <= by or length == 0:
        return x2, y2
    ratio = (length - by) / length
    return x1 + (x2 - x1) * ratio, y1 + (y2 - y1) * ratio


def _edges_and_nodes(scene, network, positions, radius, faded=frozenset(), labels=frozenset(), label_size=12):
    for edge in network.edges:
        if edge.source not in positions or edge.target not in positions:
            continue
        x1, y1 = positions[edge.source]
        x2, y2 = positions[edge.target]
        if edge.directed:
            x2, y2 = _shorten(x1, y1, x2, y2, radius[edge.target] + 1)
        muted = edge.source in faded or edge.target in faded
        scene.lines.append(
            Line(x1, y1, x2, y2, edge.color, edge.width, edge.dashed, edge.directed, 0.15 if muted else 0.85)
        )
    for node in network.nodes:
        x, y = positions[node.id]
        scene.circles.append(Circle(x, y, radius[node.id], node.color, "#FFFFFF", 0.25 if node.id in faded else 1.0))
    for node in network.nodes:
        if node.id in labels:
            x, y = positions[node.id]
            color = MUTED_INK if node.external else INK
            scene.texts.append(Text(x + radius[node.id] + 3, y + 4, _ellipsis(node.label, 34), label_size, color))


def _ellipsis(text, limit):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def network_scene(network, focus_id=None, width=1200, height=860, max_labels=30):
    """The report-ready figure: graph on the left, legend on the right, caption at the bottom."""
    if network.nodes and all(n.x == 0 and n.y == 0 for n in network.nodes):
        compute_layout(network)
    scene = Scene(width, height, title=network.caption)
    legend_left = width - 310
    # Labels run to the right of their node: keep room before the legend.
    positions = _fit(network.nodes, 40, 40, legend_left - 230, height - 80)
    max_size = max((n.size for n in network.nodes), default=1)
    radius = {n.id: 3 + 11 * n.size / max_size for n in network.nodes}
    faded = frozenset()
    if focus_id is not None:
        keep = {focus_id}
        for e in network.edges:
            if focus_id in (e.source, e.target):
                keep |= {e.source, e.target}
        faded = frozenset(n.id for n in network.nodes if n.id not in keep)
    ranked = sorted(network.nodes, key=lambda n: (-n.degree, n.label))
    labels = {n.id for n in ranked[:max_labels]}
    if focus_id is not None:
        labels = {n.id for n in network.nodes if n.id not in faded}
    _edges_and_nodes(scene, network, positions, radius, faded, labels)

    y = 48
    scene.texts.append(Text(legend_left, y, _("Type d'acteur"), 15, INK, bold=True))
    for actor_type in network.types_present():
        y += 24
        scene.circles.append(Circle(legend_left + 8, y - 5, 7, actor_type.color, INK))
        scene.texts.append(Text(legend_left + 22, y, _ellipsis(actor_type.label, 36), 12))
    if network.has_external:
        y += 24
        scene.circles.append(Circle(legend_left + 8, y - 5, 7, EXTERNAL_COLOR, INK))
        scene.texts.append(Text(legend_left + 22, y, _("Acteur extérieur au territoire"), 12))
    y += 40
    scene.texts.append(Text(legend_left, y, _("Type de relation"), 15, INK, bold=True))
    for kind in network.kinds_present() or list(RelationKind):
        style = KIND_STYLES[kind]
        y += 24
        directed = kind in {RelationKind.SERVICE, RelationKind.MEMBERSHIP, RelationKind.FUNDING}
        scene.lines.append(
            Line(legend_left, y - 5, legend_left + 34, y - 5, style["color"], style["width"], style["dashed"], directed)
        )
        scene.texts.append(Text(legend_left + 44, y, _ellipsis(str(RelationKind(kind).label), 40), 12))
    y += 34
    scene.texts.append(Text(legend_left, y, _("Taille : nombre de relations"), 12, MUTED_INK))
    scene.texts.append(Text(40, height - 28, network.caption, 14, INK))
    scene.description = _("%(nodes)s acteurs, %(edges)s relations.") % {
        "nodes": len(network.nodes),
        "edges": len(network.edges),
    }
    return scene


def ego_scene(network, center_id, rings, width=360, height=300):
    """The fiche's small picture: the actor in the middle, partners on one or two rings."""
    scene = Scene(width, height, title="")
    cx, cy = width / 2, height / 2
    outer = min(width, height) / 2 - 24
    radii = {0: 0, 1: outer if max(rings.values(), default=1) == 1 else outer * 0.5, 2: outer}
    positions = {center_id: (cx, cy)}
    for depth in (1, 2):
        ring = sorted((n for n in network.nodes if rings.get(n.id) == depth), key=lambda n: (n.type_code, n.label))
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / max(len(ring), 1) - math.pi / 2 + (0.3 if depth == 2 else 0)
            positions[node.id] = (cx + radii[depth] * math.cos(angle), cy + radii[depth] * math.sin(angle))
    radius = {n.id: 12 if n.id == center_id else (7 if rings.get(n.id) == 1 else 5) for n in network.nodes}
    _edges_and_nodes(scene, network, positions, radius)
    return scene


def _dash_attr(line):
    return ' stroke-dasharray="6 4"' if line.dashed else ""


def to_svg(scene, *, element_id="figure", standalone=True):
    """SVG text of a scene; `standalone` adds the XML prolog and a white background."""
    colors = sorted({line.color for line in scene.lines if line.arrow})
    out = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    title_id = f"{element_id}-title"
    labelled = f' aria-labelledby="{title_id}"' if scene.title else ""
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{scene.width}" height="{scene.height}" '
        f'viewBox="0 0 {scene.width} {scene.height}" role="img"{labelled} '
        f'font-family="DejaVu Sans, Arial, sans-serif">'
    )
    if scene.title:
        out.append(f'<title id="{title_id}">{escape(scene.title)}</title>')
    if scene.description:
        out.append(f"<desc>{escape(scene.description)}</desc>")
    out.append("<defs>")
    for i, color in enumerate(colors):
        out.append(
            f'<marker id="{element_id}-arrow-{i}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>'
        )
    out.append("</defs>")
    if standalone:
        out.append(f'<rect width="{scene.width}" height="{scene.height}" fill="#FFFFFF"/>')
    markers = {color: f"{element_id}-arrow-{i}" for i, color in enumerate(colors)}
    for line in scene.lines:
        marker = f' marker-end="url(#{markers[line.color]})"' if line.arrow else ""
        out.append(
            f'<line x1="{line.x1:.1f}" y1="{line.y1:.1f}" x2="{line.x2:.1f}" y2="{line.y2:.1f}" '
            f'stroke="{line.color}" stroke-width="{line.width:.1f}" stroke-opacity="{line.opacity:.2f}"'
            f"{_dash_attr(line)}{marker}/>"
        )
    for c in scene.circles:
        out.append(
            f'<circle cx="{c.cx:.1f}" cy="{c.cy:.1f}" r="{c.r:.1f}" fill="{c.fill}" stroke="{c.stroke}" '
            f'stroke-width="1" opacity="{c.opacity:.2f}"/>'
        )
    for t in scene.texts:
        weight = ' font-weight="bold"' if t.bold else ""
        out.append(
            f'<text x="{t.x:.1f}" y="{t.y:.1f}" font-size="{t.size}" fill="{t.color}" '
            f"text-anchor={quoteattr(t.anchor)}{weight}>{escape(t.text)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _hex_rgba(color, opacity=1.0):
    color = color.lstrip("#")
    return (int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16), round(255 * opacity))


def to_png(scene, supersample=2):
    """PNG bytes of a scene, drawn with Pillow at twice the size then reduced (smooth edges)."""
    k = supersample
    image = Image.new("RGBA", (scene.width * k, scene.height * k), (255, 255, 255, 255))
    layer = Image.new("RGBA", image.size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(layer)
    for line in scene.lines:
        fill = _hex_rgba(line.color, line.opacity)
        width = max(1, round(line.width * k))
        x1, y1, x2, y2 = line.x1 * k, line.y1 * k, line.x2 * k, line.y2 * k
        if line.dashed:
            _dashed(draw, x1, y1, x2, y2, fill, width, 6 * k, 4 * k)
        else:
            draw.line([(x1, y1), (x2, y2)], fill=fill, width=width)
        if line.arrow:
            _arrow_head(draw, x1, y1, x2, y2, fill, 7 * k)
    image = Image.alpha_composite(image, layer)
    draw = ImageDraw.Draw(image)
    for c in scene.circles:
        box = [(c.cx - c.r) * k, (c.cy - c.r) * k, (c.cx + c.r) * k, (c.cy + c.r) * k]
        fill = _hex_rgba(c.fill)
        if c.opacity < 1:
            fill = tuple(round(255 - (255 - v) * c.opacity) for v in fill[:3]) + (255,)
        draw.ellipse(box, fill=fill, outline=_hex_rgba(c.stroke), width=k)
    fonts = {}
    font_path = figure_font_path()
    for t in scene.texts:
        size = round(t.size * k)
        if size not in fonts:
            fonts[size] = ImageFont.truetype(font_path, size) if font_path else ImageFont.load_default(size=size)
        font = fonts[size]
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[t.anchor]
        draw.text((t.x * k, t.y * k), t.text, fill=_hex_rgba(t.color), font=font, anchor=anchor)
        if t.bold:
            draw.text((t.x * k + 1, t.y * k), t.text, fill=_hex_rgba(t.color), font=font, anchor=anchor)
    image = image.convert("RGB").resize((scene.width, scene.height), Image.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@functools.cache
def figure_font_path():
    """A TrueType font with accents, or None (Pillow's default font)."""
    configured = getattr(settings, "NETWORK_FIGURE_FONT", "") or os.environ.get("NETWORK_FIGURE_FONT", "")
    for candidate in [configured, *FONT_CANDIDATES]:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _dashed(draw, x1, y1, x2, y2, fill, width, dash, gap):
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    position = 0.0
    while position < length:
        end = min(position + dash, length)
        draw.line([(x1 + ux * position, y1 + uy * position), (x1 + ux * end, y1 + uy * end)], fill=fill, width=width)
        position = end + gap


def _arrow_head(draw, x1, y1, x2, y2, fill, size):
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by = x2 - ux * size, y2 - uy * size
    px, py = -uy * size * 0.5, ux * size * 0.5
    draw.polygon([(x2, y2), (bx + px, by + py), (bx - px, by - py)], fill=fill)
