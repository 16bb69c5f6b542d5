"""Charts of the diagnostic cards as SVG written on the server (no JavaScript, no external library).

Every chart has a title (its accessible name) and the page shows the same figures as a table.
Text is escaped; colours meet WCAG contrast on white.
"""

from xml.sax.saxutils import escape

from .formatting import number

BAR_COLOR = "#1F5F8B"
TEXT_COLOR = "#1D2327"
GRID_COLOR = "#D0D5DA"


def _attr(value):
    return escape(str(value), {'"': "&quot;"})


def bar_chart(items, *, title, element_id, decimals=0, width=640):
    """Horizontal bars: `items` is a list of (label, value); negative values extend left of zero."""
    items = [(str(label), float(value or 0)) for label, value in items]
    label_width = 260
    row = 26
    height = 16 + row * max(len(items), 1)
    lowest = min([0.0] + [v for _l, v in items])
    highest = max([0.0] + [v for _l, v in items])
    span = (highest - lowest) or 1.0
    plot_left, plot_width = label_width + 8, width - label_width - 70
    zero_x = plot_left + (0 - lowest) / span * plot_width
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{_attr(element_id)}-title" id="{_attr(element_id)}">',
        f'<title id="{_attr(element_id)}-title">{escape(title)}</title>',
        f'<line x1="{zero_x:.1f}" y1="4" x2="{zero_x:.1f}" y2="{height - 4}" stroke="{GRID_COLOR}"/>',
    ]
    for i, (label, value) in enumerate(items):
        y = 8 + i * row
        start = zero_x if value >= 0 else zero_x - abs(value) / span * plot_width
        bar = abs(value) / span * plot_width
        shown = label if len(label) <= 40 else label[:39] + "…"
        out.append(
            f'<text x="{label_width}" y="{y + 14}" text-anchor="end" font-size="12" fill="{TEXT_COLOR}">'
            f"{escape(shown)}</text>"
        )
        out.append(f'<rect x="{start:.1f}" y="{y + 3}" width="{max(bar, 0.5):.1f}" height="16" fill="{BAR_COLOR}"/>')
        text_x = (start + bar + 4) if value >= 0 else (zero_x + 4)
        shown_value = escape(number(value, decimals))
        out.append(f'<text x="{text_x:.1f}" y="{y + 15}" font-size="12" fill="{TEXT_COLOR}">{shown_value}</text>')
    out.append("</svg>")
    return "".join(out)


def matrix_chart(labels, values, *, title, element_id, cell=44):
    """A square matrix of counts (rows × columns share `labels`), darker for larger counts."""
    n = len(labels)
    label_width = 260
    width = label_width + cell * max(n, 1) + 10
    height = 24 + cell * max(n, 1) + 10
    highest = max([1] + [v for row in values for v in row])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{_attr(element_id)}-title" id="{_attr(element_id)}">',
        f'<title id="{_attr(element_id)}-title">{escape(title)}</title>',
    ]
    for j in range(n):
        x = label_width + j * cell + cell / 2
        out.append(f'<text x="{x:.1f}" y="16" text-anchor="middle" font-size="12" fill="{TEXT_COLOR}">{j + 1}</text>')
    for i, label in enumerate(labels):
        y = 24 + i * cell
        shown = f"{i + 1}. {label}"
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        out.append(
            f'<text x="{label_width - 6}" y="{y + cell / 2 + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{TEXT_COLOR}">{escape(shown)}</text>'
        )
        for j in range(n):
            value = values[i][j]
            share = value / highest
            # From white to the bar colour; the count is written in a colour readable on it.
            red = round(255 - share * (255 - 0x1F))
            green = round(255 - share * (255 - 0x5F))
            blue = round(255 - share * (255 - 0x8B))
            text = "#FFFFFF" if share > 0.45 else TEXT_COLOR
            x = label_width + j * cell
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="#{red:02X}{green:02X}{blue:02X}" stroke="{GRID_COLOR}"/>'
            )
            out.append(
                f'<text x="{x + cell / 2 - 1:.1f}" y="{y + cell / 2 + 4:.1f}" text-anchor="middle" font-size="12" '
                f'fill="{text}">{value}</text>'
            )
    out.append("</svg>")
    return "".join(out)
