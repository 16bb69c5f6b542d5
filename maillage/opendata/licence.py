"""The licence of the published data, and the basis for choosing it.

The TIPs report, where the demo data come from, states no licence; the data Maillage publishes
are facts about public organisations (names, types, places, relations) gathered and moderated
by the instance's operator. They are published under the Licence Ouverte / Open Licence 2.0 of
Etalab, the reference licence of French public open data (décret n° 2017-638, listed on
data.gouv.fr), compatible with CC BY 4.0 and ODC-BY: reuse is free, with attribution. The code
of Maillage itself is under the AGPL-3.0-or-later (pyproject.toml); that is the software's
licence, not the data's.
"""

# untranslated: the official title and identifier of a licence
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
# The licence as a URI for DCAT (data.gouv.fr's licence identifier page).
LICENCE_URI = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
CODE_LICENCE = "AGPL-3.0-or-later"
