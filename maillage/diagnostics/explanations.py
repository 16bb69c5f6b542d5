"""Plain-French explanations of each measure, for the pages linked from every card."""

from django.utils.translation import gettext_lazy as _

MEASURES = {
    "types-de-relations": {
        "title": _("Les types de relations"),
        "paragraphs": [
            _(
                "Le rapport TIPs distingue le partage d'informations et d'inspiration, la prestation de service et "
                "la collaboration ; Maillage y ajoute l'appartenance à un réseau et le financement, que le rapport "
                "cite dans son texte."
            ),
            _(
                "La carte compte les relations enregistrées de chaque type. Elle place à côté le constat des "
                "chercheurs (section 3.1.1) : les échanges d'informations dominent, les collaborations sont rares."
            ),
        ],
        "read": _(
            "Si les collaborations sont nombreuses, le territoire a dépassé le stade de l'échange d'informations ; "
            "si tout passe par des prestations, la relation reste marchande."
        ),
    },
    "types-d-acteurs": {
        "title": _("Les types d'acteurs présents et absents"),
        "paragraphs": [
            _(
                "Le rapport classe les acteurs organisés en six types (section 2.2.1) : cellules publiques "
                "d'innovation, acteurs de promotion et d'accompagnement, faiseurs d'intermédiation, structures de "
                "formation-recherche, prestataires et cabinets spécialisés, réseaux et communautés d'acteurs."
            ),
            _(
                "Un type absent d'un territoire est une fonction que personne n'y assure localement, par exemple "
                "l'intermédiation ou la formation."
            ),
        ],
        "read": _(
            "Un écosystème « naissant » n'a souvent que des cellules et des prestataires ; un écosystème plus mûr a "
            "aussi des faiseurs d'intermédiation et des réseaux."
        ),
    },
    "pivots-et-roles": {
        "title": _("Les pivots et leurs rôles d'intermédiaires"),
        "paragraphs": [
            _(
                "L'intermédiarité d'un acteur compte combien de fois il se trouve sur le plus court chemin entre "
                "deux autres acteurs. Un acteur très intermédiaire fait circuler l'information : le rapport cite "
                "Archipel comme acteur pivot des coopérations."
            ),
            _(
                "Les rôles de Gould et Fernandez précisent entre qui il fait le lien, selon le groupe des acteurs : "
                "coordinateur (les trois du même groupe), consultant itinérant (il relie deux acteurs d'un autre "
                "groupe que le sien), représentant (il porte vers un autre groupe les relations de son groupe), "
                "gardien (il fait entrer dans son groupe ce qui vient d'un autre), passeur ou liaison (trois groupes "
                "différents)."
            ),
            _(
                "Seules comptent les paires d'acteurs qui ne sont pas déjà reliées directement : l'intermédiaire est "
                "celui sans qui elles ne se parleraient pas."
            ),
        ],
        "read": _(
            "« Passeur entre cellules de l'État et collectivités » : l'acteur relie des cellules de l'État à des "
            "cellules de collectivités qui ne se parlent pas directement."
        ),
    },
    "entre-soi": {
        "title": _("L'entre-soi (indice E-I)"),
        "paragraphs": [
            _(
                "L'indice E-I de Krackhardt compare les relations d'un groupe vers les autres groupes (E, externes) "
                "et en son sein (I, internes) : (E − I) / (E + I)."
            ),
            _(
                "Il vaut −1 quand toutes les relations restent dans le groupe, +1 quand elles vont toutes vers "
                "d'autres groupes."
            ),
            _(
                "Comme un petit groupe a forcément plus de partenaires à l'extérieur, on compare la valeur observée "
                "à celle qu'on obtiendrait en redistribuant les groupes au hasard entre les acteurs, des centaines "
                "de fois : p est la part de ces tirages au moins aussi éloignés de l'attendu. p < 0,05 signifie que "
                "l'écart est peu probable par hasard."
            ),
        ],
        "read": _(
            "« Les cellules d'innovation des collectivités échangent surtout entre elles : E-I = −0,42, p < 0,01 » : "
            "c'est l'entre-soi que le rapport discute à propos des relations entre Labs territoriaux et Labs d'État "
            "(section 5.4.1)."
        ),
    },
    "communautes": {
        "title": _("Les communautés"),
        "paragraphs": [
            _(
                "Une communauté est un ensemble d'acteurs plus reliés entre eux qu'avec le reste du réseau. Maillage "
                "la trouve avec l'algorithme de Leiden, qui maximise la modularité."
            ),
            _(
                "La modularité (de 0 à 1) dit combien le découpage est net ; la stabilité dit si on retrouve les "
                "mêmes communautés en relançant le calcul."
            ),
            _("Vous pouvez donner un nom à une communauté ; le nom reste attaché à son acteur central."),
        ],
        "read": _(
            "Une modularité au-dessus de 0,3 indique des groupes bien séparés, qui gagneraient peut-être à être reliés."
        ),
    },
    "acteurs-isoles": {
        "title": _("Les acteurs isolés"),
        "paragraphs": [
            _("Un acteur isolé n'a aucune relation enregistrée avec un autre acteur du territoire."),
            _(
                "Le rapport relève des acteurs publics « isolés », sans « vision partagée du territoire » (section "
                "3.2.1) ; mais un isolement peut aussi venir d'une fiche incomplète."
            ),
        ],
        "read": _("Une liste d'acteurs à inviter, ou de fiches à compléter."),
    },
    "dependances": {
        "title": _("Les dépendances à un seul acteur"),
        "paragraphs": [
            _(
                "Un point de passage obligé (point d'articulation) est un acteur dont le départ couperait le réseau "
                "en morceaux."
            ),
            _(
                "La part perdue est la part des acteurs reliés qui ne seraient plus connectés au reste de "
                "l'écosystème sans lui."
            ),
            _(
                "Le rapport raconte la disparition du Labo 63 et de l'Ideas Lab (section 2.3.2) : ce que l'on perd "
                "quand une cellule disparaît, ce sont aussi ses liens."
            ),
        ],
        "read": _(
            "Plus la part perdue est grande, plus l'écosystème est fragile : il dépend d'une seule structure, "
            "souvent d'une seule personne."
        ),
    },
    "cycle-de-vie": {
        "title": _("Le cycle de vie des acteurs"),
        "paragraphs": [
            _("Les Labs naissent, se développent, se mettent en sommeil et disparaissent (rapport, section 2.3.2)."),
            _(
                "La carte liste les acteurs disparus du périmètre et les relations enregistrées avec eux, qui ont "
                "disparu avec eux."
            ),
        ],
        "read": _("Des relations perdues avec un acteur disparu sont des liens à recréer."),
    },
}
