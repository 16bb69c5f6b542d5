"""Reading foreign files safely: size bounds, JSON, every sheet of a workbook, loose cell values.

The bounds are the directory import's (5 MB, 5,000 actors, 20,000 lines, 60 columns, 40 MB
unzipped): a file from another tool is no more trusted than one of ours.
"""

import io
import json
import math
import re
import zipfile

from django.utils.translation import gettext as _

from maillage.core.text import normalize
from maillage.directory.importing import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_COLUMNS,
    MAX_IMPORT_LINES,
    MAX_IMPORT_ROWS,
    MAX_XLSX_UNPACKED_BYTES,
    ImportTooLarge,
    _cell,
    decode,
    read_rows,
)

__all__ = [
    "ImportTooLarge",
    "UnreadableFile",
    "check_size",
    "coordinate",
    "header_index",
    "is_workbook",
    "load_json",
    "sheets",
    "split_values",
    "year",
]


class UnreadableFile(ValueError):
    """The file is not what its format says; the message is French."""


def check_size(data):
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportTooLarge(
            _("Le fichier dépasse %(mb)d Mo : découpez-le en plusieurs fichiers.") % {"mb": MAX_IMPORT_BYTES // 2**20}
        )


def check_count(count):
    if count > MAX_IMPORT_ROWS:
        raise ImportTooLarge(
            _("Le fichier compte plus de %(n)d éléments : découpez-le en plusieurs fichiers.") % {"n": MAX_IMPORT_ROWS}
        )


def load_json(data):
    check_size(data)
    try:
        return json.loads(decode(data))
    except ValueError as error:
        raise UnreadableFile(_("Fichier JSON illisible : %(e)s") % {"e": error}) from error


def is_workbook(data, filename=""):
    return filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK"


def _workbook_sheets(data):
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED_BYTES:
            raise ImportTooLarge(_("Le classeur décompressé est trop volumineux : découpez-le en plusieurs fichiers."))
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        lines = 0
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()
            rows = []
            for number, values in enumerate(sheet.iter_rows(max_col=MAX_IMPORT_COLUMNS, values_only=True), start=1):
                lines += 1
                if lines > MAX_IMPORT_LINES:
                    raise ImportTooLarge(
                        _("Le fichier compte plus de %(n)d lignes : découpez-le en plusieurs fichiers.")
                        % {"n": MAX_IMPORT_LINES}
                    )
                cells = [_cell(v) for v in values]
                if any(cells):
                    rows.append((number, cells))
            yield sheet.title, rows
    finally:
        workbook.close()


def sheets(data, filename=""):
    """[(sheet name, [(line number, cells)])] of a workbook (every sheet) or a CSV file (one sheet)."""
    check_size(data)
    try:
        if is_workbook(data, filename):
            return list(_workbook_sheets(data))
        return [("", [(line, cells) for line, cells in read_rows(data, filename) if any(cells)])]
    except ImportTooLarge:
        raise
    except Exception as error:  # noqa: BLE001 - any unreadable file gets a French message
        raise UnreadableFile(_("Fichier illisible (CSV ou XLSX attendu) : %(e)s") % {"e": error}) from error


def header_index(header, aliases):
    """{field: column index} for the headers matching `aliases` ({field: {normalised header, …}})."""
    found = {}
    for index, title in enumerate(header):
        key = normalize(title)
        for name, names in aliases.items():
            if key in names and name not in found:
                found[name] = index
                break
    return found


_MULTI = re.compile(r"\s*\|\s*")


def split_values(value, separators="|"):
    """A list from a list, or from text separated by the first separator present (Kumu uses |)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    for separator in separators:
        if separator in text:
            return [part.strip() for part in text.split(separator) if part.strip()]
    return [text.strip()] if text.strip() else []


def coordinate(value, low, high):
    """A float within [low, high] from a number or text ("45,77"), else None (0 is GoGoCarto's "unknown")."""
    if value in (None, ""):
        return None
    try:
        number = float(str(value).replace(",", ".").strip())
    except ValueError:
        return None
    if math.isnan(number) or not low <= number <= high or number == 0:
        return None
    return number


def year(value):
    """The year of a date or year value ("2019", "2019-03-01", "01/03/2019"), else None."""
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", str(value or ""))
    return int(match.group(1)) if match else None
