"""One display name for an actor, used by every view (directory, map, network, contributions, events).

An actor's *own name* is `Actor.name`, as the actor writes it ("Ainter'lab", "Direction Innovation et
Participation"). Lists sort by it. The display name is the own name, followed by its parent's name in
parentheses when the own name does not stand alone:
- it stands alone when it already carries its parent's name ("CNFPT – Antenne du Puy-de-Dôme",
  "Lab naissant de Clermont Auvergne Métropole"), or when it does not start with a generic
  organisational word ("Ainter'lab", "Erasme", "INET");
- it does not when it starts (after an article) with one of GENERIC_HEADS: "Direction Innovation et
  Participation (Ville de Clermont-Ferrand)", "Le Labo 63 (Direction accompagnement et développement…)".
The display name always begins with the own name, so a list sorted by own name reads in order.
"""

from maillage.core.text import normalize

# Words that name a kind of unit, not a particular one: a name starting with one needs its parent.
GENERIC_HEADS = frozenset(
    {
        "agence",
        "antenne",
        "atelier",
        "bureau",
        "cellule",
        "centre",
        "chaire",
        "delegation",
        "departement",
        "direction",
        "equipe",
        "fabrique",
        "lab",
        "labo",
        "laboratoire",
        "mission",
        "pole",
        "programme",
        "reseau",
        "secretariat",
        "service",
        "unite",
    }
)
ARTICLES = frozenset({"le", "la", "les", "l"})


def name_stands_alone(name, parent_name):
    """Whether `name` identifies the actor without its parent's name (see the module docstring)."""
    if not parent_name:
        return True
    own, parent = normalize(name), normalize(parent_name)
    if parent and f" {parent} " in f" {own} ":
        return True
    words = own.split()
    while words and words[0] in ARTICLES:
        words = words[1:]
    return not words or words[0] not in GENERIC_HEADS


def display_name(name, parent_name=None):
    """The actor's name as every page shows it: own name first, its parent added when the name does not stand alone."""
    if name_stands_alone(name, parent_name):
        return name
    return f"{name} ({parent_name})"
