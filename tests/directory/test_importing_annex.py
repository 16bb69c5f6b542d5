"""The report's annex actor file, imported as it is: its combined place column gives communes and scopes."""

import pytest

from maillage.demo.evidence import find_reference_dir
from maillage.directory.importing import import_actors
from maillage.directory.models import Actor
from tests.territories.factories import CommuneFactory, DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db

REPORT_FILE = "002_8f0b8aef5ed3f11d.txt"


def annex_file():
    """The annex table of the Clermont-Ferrand actor file, as the report gives it (tab-separated)."""
    folder = find_reference_dir()
    if folder is None:
        pytest.fail("Documents de référence introuvables : définir MAILLAGE_REFERENCE_DIR (dossier shared/reference).")
    lines = (folder / REPORT_FILE).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Type d'acteur\tOrganisation - Service"))
    table = []
    for line in lines[start:]:
        if not line.strip():
            break
        table.append(line)
    return ("\n".join(table) + "\n").encode("utf-8")


@pytest.fixture
def gazetteer():
    aura = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    hdf = RegionFactory(code="32", name="Hauts-de-France")
    puy = DepartmentFactory(code="63", name="Puy-de-Dôme", region=aura)
    return {
        "clermont_ferrand": CommuneFactory(code="63113", name="Clermont-Ferrand", department=puy, population=146351),
        "clermont_oise": CommuneFactory(
            code="60157",
            name="Clermont",
            department=DepartmentFactory(code="60", name="Oise", region=hdf),
            population=10564,
        ),
        "lyon": CommuneFactory(
            code="69123", name="Lyon", department=DepartmentFactory(code="69", name="Rhône", region=aura)
        ),
    }


def test_the_annex_header_is_read_as_a_place_not_a_scope(gazetteer):
    report = import_actors(annex_file(), "annexe.csv", dry_run=False)
    assert not report.has_errors, report.lines()
    located = Actor.objects.filter(commune=gazetteer["clermont_ferrand"]).count()
    assert len(report.rows) == Actor.objects.count() == 17
    # Every row whose place cell names Clermont(-Ferrand) lands there; the others (an intercommunal
    # territory, an académie, the shifted Grand Clermont row, an empty cell) stay without a commune.
    assert located == 13


def test_homonymous_clermont_goes_to_the_files_department_with_a_warning(gazetteer):
    report = import_actors(annex_file(), "annexe.csv", dry_run=False)
    esc = Actor.objects.get(name="ESC Clermont")
    assert esc.commune == gazetteer["clermont_ferrand"]
    row = next(r for r in report.rows if r.name == "ESC Clermont")
    assert any("Clermont-Ferrand" in w.message for w in row.warnings)


def test_the_department_of_scope_becomes_a_departmental_scope(gazetteer):
    import_actors(annex_file(), "annexe.csv", dry_run=False)
    labo = Actor.objects.get(name__startswith="Département du Puy-de-Dôme")
    assert (labo.scope, labo.lifecycle, labo.commune) == ("departmental", "disappeared", gazetteer["clermont_ferrand"])


def test_an_unknown_commune_is_a_warning_naming_the_row_in_the_dry_run(gazetteer):
    header = "Type d'acteur\tOrganisation - Service\tTerritoire de portée, ville de localisation\n"
    data = (header + "1. Cellule d'innovation\tLab de Riom\tRiom\n").encode()
    report = import_actors(data, "annexe.csv", dry_run=True)
    assert not report.has_errors
    (row,) = report.rows
    assert row.line == 2 and "Riom" in row.warnings[0].message
    assert any(line.startswith("ligne 2 —") and "Riom" in line for line in report.lines())


def test_an_explicit_department_settles_homonyms(gazetteer):
    header = "Type d'acteur\tOrganisation - Service\tTerritoire de portée, ville de localisation\n"
    data = (header + "1. Cellule d'innovation\tLab de Clermont\tClermont\n").encode()
    import_actors(data, "annexe.csv", dry_run=False, department="60")
    assert Actor.objects.get(name="Lab de Clermont").commune == gazetteer["clermont_oise"]


def test_a_saint_denis_in_a_puy_de_dome_file_is_a_warning_naming_the_row_and_the_homonyms(gazetteer):
    idf = RegionFactory(code="11", name="Île-de-France")
    CommuneFactory(code="63333", name="Saint-Denis-Combarnazat", department=gazetteer["clermont_ferrand"].department)
    for code, department, population in (("93066", "93", 149077), ("11339", "11", 523)):
        CommuneFactory(
            code=code,
            name="Saint-Denis",
            department=DepartmentFactory(code=department, name=f"Département {department}", region=idf),
            population=population,
        )
    header = "Type d'acteur\tOrganisation - Service\tTerritoire de portée, ville de localisation\n"
    data = (header + "1. Cellule d'innovation\tLab de Saint-Denis\tSaint-Denis\n").encode()
    report = import_actors(data, "annexe.csv", dry_run=False, department="63")
    assert Actor.objects.get(name="Lab de Saint-Denis").commune is None
    assert any(
        line.startswith("ligne 2 —") and "Saint-Denis (93)" in line and "Saint-Denis (11)" in line
        for line in report.lines()
    )
