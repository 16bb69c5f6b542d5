"""The report's seven actor types with their legend colour and marker shape.

Colours follow the Okabe–Ito palette (readable with colour-blindness); the
shape doubles the colour so that the type never depends on colour alone.
"""

ACTOR_TYPES = [
    # code, number, label, plural label, colour, shape
    ("lab", 1, "Cellule publique d'innovation", "Cellules publiques d'innovation", "#0072B2", "circle"),
    (
        "promotion",
        2,
        "Acteur de promotion et d'accompagnement",
        "Acteurs de promotion et d'accompagnement",
        "#D55E00",
        "square",
    ),
    ("intermediation", 3, "Faiseur d'intermédiation", "Faiseurs d'intermédiation", "#009E73", "triangle"),
    (
        "training_research",
        4,
        "Structure de formation-recherche",
        "Structures de formation-recherche",
        "#CC79A7",
        "diamond",
    ),
    (
        "consultancy",
        5,
        "Prestataire et cabinet spécialisé",
        "Prestataires et cabinets spécialisés",
        "#9A6700",
        "pentagon",
    ),
    ("network", 6, "Réseau et communauté d'acteurs", "Réseaux et communautés d'acteurs", "#6A3D9A", "hexagon"),
    ("other", None, "Autre acteur de l'écosystème", "Autres acteurs de l'écosystème", "#5F6B73", "star"),
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
