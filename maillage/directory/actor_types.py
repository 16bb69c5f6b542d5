"""The report's seven actor types with their legend colour and marker shape.

Colours follow the Okabe–Ito palette (readable with colour-blindness); the
shape doubles the colour so that the type never depends on colour alone.
Labels are stored in the database (the seeded rows) and marked here for the translation
catalogue; `ActorType.label`/`plural_label` render them in the active language.
"""

from django.utils.translation import gettext_noop

ACTOR_TYPES = [
    # code, number, label, plural label, colour, shape
    (
        "lab",
        1,
        gettext_noop("Cellule publique d'innovation"),
        gettext_noop("Cellules publiques d'innovation"),
        "#0072B2",
        "circle",
    ),
    (
        "promotion",
        2,
        gettext_noop("Acteur de promotion et d'accompagnement"),
        gettext_noop("Acteurs de promotion et d'accompagnement"),
        "#D55E00",
        "square",
    ),
    (
        "intermediation",
        3,
        gettext_noop("Faiseur d'intermédiation"),
        gettext_noop("Faiseurs d'intermédiation"),
        "#009E73",
        "triangle",
    ),
    (
        "training_research",
        4,
        gettext_noop("Structure de formation-recherche"),
        gettext_noop("Structures de formation-recherche"),
        "#CC79A7",
        "diamond",
    ),
    (
        "consultancy",
        5,
        gettext_noop("Prestataire et cabinet spécialisé"),
        gettext_noop("Prestataires et cabinets spécialisés"),
        "#9A6700",
        "pentagon",
    ),
    (
        "network",
        6,
        gettext_noop("Réseau et communauté d'acteurs"),
        gettext_noop("Réseaux et communautés d'acteurs"),
        "#6A3D9A",
        "hexagon",
    ),
    (
        "other",
        None,
        gettext_noop("Autre acteur de l'écosystème"),
        gettext_noop("Autres acteurs de l'écosystème"),
        "#5F6B73",
        "star",
    ),
]


def ensure_actor_types(actor_type_model):
    """Create or update the seven types (used by the data migration and tests)."""
    for position, (code, number, label, plural, color, shape) in enumerate(ACTOR_TYPES):
        actor_type_model.objects.update_or_create(
            code=code,
            defaults={
                "number": number,
                "label": label,
                "plural_label": plural,
                "color": color,
                "shape": shape,
                "position": position,
            },
        )
