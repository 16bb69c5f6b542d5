"""Spreadsheet cells that stay inert: OWASP's rule against formula (CSV) injection.

A cell whose text begins with ``= + - @``, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets, even in a CSV file. Every export (CSV, XLSX, ODS) passes
its cells through :func:`safe_cell`, which prefixes such text with a single quote, so the cell
is plain text; imports pass what they read through :func:`cell_text`, which drops that quote
again (an exported file re-imports unchanged) and keeps anything else as text.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as an export cell: text that could start a formula gets a leading quote.

    Numbers (int, float) are returned as they are: they cannot carry a formula.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def safe_row(values):
    return [safe_cell(value) for value in values]


def cell_text(value):
    """Text read from an imported cell: the quote :func:`safe_cell` added is removed."""
    if value is None:
        return ""
    text = str(value)
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text
