"""Number formatting for the generated sentences: the page language's decimal comma or point, a true minus sign."""

from django.utils.translation import get_language

MINUS = "\u2212"
NARROW_NBSP = "\u202f"


def _separators():
    """(decimal, thousands) separators of the page language: French by default, English under /en/."""
    language = get_language() or "fr"
    return (".", ",") if language.startswith("en") else (",", NARROW_NBSP)


def number(value, decimals=2, signed=False):
    if value is None:
        return "–"
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0
    decimal, thousands = _separators()
    text = f"{abs(rounded):,.{decimals}f}".replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)
    if rounded < 0:
        return MINUS + text
    return ("+" + text) if signed and rounded > 0 else text


def percent(share, decimals=0):
    if share is None:
        return "–"
    space = "" if (get_language() or "fr").startswith("en") else NARROW_NBSP
    return f"{number(share * 100, decimals)}{space}%"


def p_value(p):
    """ "p < 0,01", "p = 0,03" or "p = 0,40" as the report's register writes it."""
    if p is None:
        return ""
    if p < 0.01:
        return f"p < {number(0.01, 2)}"
    return f"p = {number(p, 2)}"


def lower_first(text):
    """ "Cellules d'innovation de l'État" → "cellules d'innovation de l'État" (proper nouns kept)."""
    text = str(text)
    return text[:1].lower() + text[1:]
