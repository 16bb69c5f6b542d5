"""The DCAT catalogue: valid JSON-LD that rdflib reads into the expected DCAT triples."""

import pytest
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

pytestmark = [
    pytest.mark.django_db,
    # rdflib 7.6's JSON-LD parser builds the ConjunctiveGraph it deprecates itself.
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

BASE = "http://testserver/donnees/"
GSP = Namespace("http://www.opengis.net/ont/geosparql#")


@pytest.fixture
def graph(client, published):
    response = client.get("/donnees/catalogue.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    return Graph().parse(data=response.content, format="json-ld")


def test_the_catalogue_lists_the_two_datasets(graph):
    catalogue = URIRef(BASE + "catalogue.jsonld")
    assert (catalogue, RDF.type, DCAT.Catalog) in graph
    datasets = set(graph.objects(catalogue, DCAT.dataset))
    assert datasets == {URIRef(BASE + "#acteurs"), URIRef(BASE + "#relations")}
    assert all((dataset, RDF.type, DCAT.Dataset) in graph for dataset in datasets)


@pytest.mark.parametrize(
    ("dataset", "download", "media_type"),
    [
        ("#acteurs", "acteurs.csv", "text/csv"),
        ("#acteurs", "acteurs.geojson", "application/geo+json"),
        ("#relations", "relations.csv", "text/csv"),
    ],
)
def test_each_distribution_has_its_download_url_media_type_and_licence(graph, dataset, download, media_type):
    distributions = set(graph.objects(URIRef(BASE + dataset), DCAT.distribution))
    [distribution] = [d for d in distributions if (d, DCAT.downloadURL, URIRef(BASE + download)) in graph]
    assert (distribution, RDF.type, DCAT.Distribution) in graph
    assert (distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")) in graph
    assert (distribution, DCTERMS.license, URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")) in graph
    assert graph.value(distribution, DCTERMS.modified).datatype == XSD.dateTime


def test_the_csv_distributions_conform_to_their_schemas(graph):
    for name in ("acteurs", "relations"):
        distribution = URIRef(f"{BASE}{name}.csv")
        assert (distribution, DCTERMS.conformsTo, URIRef(f"{BASE}schemas/{name}.json")) in graph


def test_each_dataset_has_a_publisher_licence_spatial_coverage_and_date(graph, published):
    dataset = URIRef(BASE + "#acteurs")
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert graph.value(publisher, FOAF.name)
    spatial = set(graph.objects(dataset, DCTERMS.spatial))
    assert URIRef("http://publications.europa.eu/resource/authority/country/FRA") in spatial
    [box] = [graph.value(s, DCAT.bbox) for s in spatial if graph.value(s, DCAT.bbox) is not None]
    assert box.datatype == GSP.wktLiteral
    # West: Clermont's commune point (the city's); east and south: Saint-Étienne; north: Riom.
    assert str(box) == "POLYGON((3.0869 45.434,4.39 45.434,4.39 45.894,3.0869 45.894,3.0869 45.434))"
    modified = graph.value(dataset, DCTERMS.modified).toPython()
    assert modified == max(
        a.updated_at for a in [published.city, published.lab, published.cite, published.riom_lab, published.nowhere]
    )


def test_titles_are_french_literals(graph):
    title = graph.value(URIRef(BASE + "#relations"), DCTERMS.title)
    assert isinstance(title, Literal) and title.language == "fr"
