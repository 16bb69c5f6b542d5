"""The formats an import reads, and the one entry point that reads any of them into a Dataset."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import gogocarto, kumu, maillage_files
from .reading import ImportTooLarge, UnreadableFile, is_workbook
from .records import Dataset

FORMATS = {
    "gogocarto": gettext_lazy("GoGoCarto — elements.json (gogofull ou gogocompact) ou export CSV"),
    "kumu": gettext_lazy("Kumu — classeur XLSX, feuille CSV ou blueprint JSON"),
    "maillage-reseau": gettext_lazy("Maillage — export CSV de la page Réseau (zip des nœuds et des liens)"),
}


def _looks_like_json(data):
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def read_file(fmt, data, filename="", taxonomy=None):
    """A Dataset from a file's bytes; unreadable or oversized files give a Dataset holding the French error."""
    try:
        if fmt == "gogocarto":
            names = gogocarto.taxonomy_names(taxonomy) if taxonomy else {}
            if _looks_like_json(data):
                return gogocarto.read_json(data, names)
            return gogocarto.read_csv(data, filename, names)
        if fmt == "kumu":
            if _looks_like_json(data) and not is_workbook(data, filename):
                return kumu.read_blueprint(data)
            return kumu.read_spreadsheet(data, filename)
        if fmt == "maillage-reseau":
            return maillage_files.read_network_zip(data, filename)
        return Dataset(tool=fmt, errors=[_("Format inconnu : « %(f)s ».") % {"f": fmt}])
    except (UnreadableFile, ImportTooLarge) as error:
        return Dataset(tool=fmt, errors=[str(error)])
