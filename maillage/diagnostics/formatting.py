"""French number formatting for the generated sentences: comma decimals, true minus sign."""

MINUS = "\u2212"
NARROW_NBSP = "\u202f"


def number(value, decimals=2, signed=False):
    if value is None:
        return "–"
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0
    text = f"{abs(rounded):,.{decimals}f}".replace(",", NARROW_NBSP).replace(".", ",")
    if rounded < 0:
        return MINUS + text
    return ("+" + text) if signed and rounded > 0 else text


def percent(share, decimals=0):
    if share is None:
        return "–"
    return f"{number(share * 100, decimals)}{NARROW_NBSP}%"


def p_value(p):
    """ "p < 0,01", "p = 0,03" or "p = 0,40" as the report's register writes it."""
    if p is None:
        return ""
    if p < 0.01:
        return "p < 0,01"
    return f"p = {number(p, 2)}"


def lower_first(text):
    """ "Cellules d'innovation de l'État" → "cellules d'innovation de l'État" (proper nouns kept)."""
    text = str(text)
    return text[:1].lower() + text[1:]
