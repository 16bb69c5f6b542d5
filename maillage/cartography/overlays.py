"""The map's plug-in point: layers that domains above cartography add to /carte/.

`settings.MAP_OVERLAYS` lists dotted paths of functions `(request) -> dict` (cartography never
imports the apps that provide them). Each returned dict describes one optional layer, switched
on by its query parameter (`<key>=1`, part of the map's shareable query string):

    key        the query parameter, also the layer's id in the page
    label      the label of its check box in the filter form
    help       one sentence: which of the map's filters apply to the layer
    title      the heading of its list (the text alternative of the layer)
    legend     its entry in the map legend
    data_url   GeoJSON of Point features (properties: title, url, territory, approximate);
               the map appends its own query string
    list_url   the same selection as an HTML fragment (the list), same query string
    active     whether the request turns the layer on
    list_html  that fragment, rendered when active (so the list is there without JavaScript)

An entry that does not import or is not callable fails the `cartography.E001` check.
"""

from django.conf import settings
from django.core.checks import register

from maillage.core.plugins import check_callables, load


def map_overlays(request):
    """The overlays' descriptions for this request, in the order of the setting."""
    return [load(dotted)(request) for dotted in settings.MAP_OVERLAYS]


@register()
def check_map_overlays(app_configs, **kwargs):
    return check_callables(
        settings.MAP_OVERLAYS,
        setting="MAP_OVERLAYS",
        check_id="cartography.E001",
        hint="Each entry of MAP_OVERLAYS is the dotted path of a function (request) -> dict (cartography.overlays).",
    )
