"""Import of actors from a CSV or XLSX file shaped like the report's annex actor file.

Columns (French headers, order free): « Type d'acteur », « Organisation - Service »,
« Statut administratif », « Missions », « Portée », « Site », « Noms », « Fonctions », the
annex's « Territoire de portée, ville de localisation » (read by territories.places: the commune
it names, homonyms settled by the département the cell or the file points to, and the level of
the territory it names; an unknown place is a warning naming the row),
optionally « Commune » / « Code INSEE », « Identifiant », « Cycle de vie », « Année de
création », « Année de fin », « Étiquettes », « SIRET » (what the export writes, so an export can be
re-imported). A column absent from the file leaves that field untouched.

The dry run and the real run are the same code inside one transaction; the dry run, or
any error, rolls everything back, so the real run is all-or-nothing and the dry run
reports exactly what the real run would do. Rows are keyed on the identifier (slug),
derived from the name when the column is absent, so re-importing a file changes nothing.
"""

import csv
import dataclasses
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.spreadsheet import cell_text
from maillage.core.text import normalize
from maillage.territories.places import read_place, read_place_department

from . import fields, writing
from .models import YEAR_MAX, YEAR_MIN, Actor, ActorType, ActorTypeCode, Contact, LegalStatus, Lifecycle, Scope, Tag
from .siret import compact_siret, validate_siret

# Columns an import reads, by precedence: a header is the first of these whose keyword it contains
# (« Type d'organisation » is a type, « Nom de l'organisation » a name). Headers and keywords
# come from the one declaration of an actor's fields (fields.py).
HEADER_PRECEDENCE = (
    "slug",
    "siret",
    "insee",
    "place",
    "commune",
    "lifecycle",
    "founded_year",
    "ended_year",
    "tags",
    "primary_type",
    "name",
    "legal_status",
    "missions",
    "scope",
    "website",
    "functions",
    "names",
)
HEADER_RULES = [(fields.column_keyword(name), name) for name in HEADER_PRECEDENCE]
COLUMN_LABELS = {name: fields.column_label(name) for name in HEADER_PRECEDENCE}
REQUIRED = ("primary_type", "name")

TYPE_NUMBERS = {
    "1": ActorTypeCode.LAB,
    "2": ActorTypeCode.PROMOTION,
    "3": ActorTypeCode.INTERMEDIATION,
    "4": ActorTypeCode.TRAINING_RESEARCH,
    "5": ActorTypeCode.CONSULTANCY,
    "6": ActorTypeCode.NETWORK,
}
TYPE_KEYWORDS = [
    ("cellule", ActorTypeCode.LAB),
    ("lab", ActorTypeCode.LAB),
    ("promotion", ActorTypeCode.PROMOTION),
    ("intermediation", ActorTypeCode.INTERMEDIATION),
    ("formation", ActorTypeCode.TRAINING_RESEARCH),
    ("recherche", ActorTypeCode.TRAINING_RESEARCH),
    ("prestataire", ActorTypeCode.CONSULTANCY),
    ("cabinet", ActorTypeCode.CONSULTANCY),
    ("reseau", ActorTypeCode.NETWORK),
    ("communaute", ActorTypeCode.NETWORK),
    ("autre", ActorTypeCode.OTHER),
]
STATUS_KEYWORDS = [
    ("non renseigne", LegalStatus.INCONNU),
    ("collectivite", LegalStatus.COLLECTIVITE),
    ("deconcentre", LegalStatus.ETAT_DECONCENTRE),
    ("administration centrale", LegalStatus.ADMINISTRATION_CENTRALE),
    ("ministere", LegalStatus.ADMINISTRATION_CENTRALE),
    ("etablissement public", LegalStatus.ETABLISSEMENT_PUBLIC),
    ("operateur", LegalStatus.ETABLISSEMENT_PUBLIC),
    ("entreprise publique locale", LegalStatus.EPL),
    ("epl", LegalStatus.EPL),
    ("association", LegalStatus.ASSOCIATION),
    ("cooperative", LegalStatus.COOPERATIVE),
    ("scop", LegalStatus.COOPERATIVE),
    ("scic", LegalStatus.COOPERATIVE),
    ("entreprise", LegalStatus.ENTREPRISE),
    ("universite", LegalStatus.UNIVERSITE),
    ("ecole", LegalStatus.UNIVERSITE),
    ("petr", LegalStatus.SYNDICAT_MIXTE),
    ("petir", LegalStatus.SYNDICAT_MIXTE),
    ("syndicat mixte", LegalStatus.SYNDICAT_MIXTE),
    ("collectif", LegalStatus.COLLECTIF_INFORMEL),
    ("autre", LegalStatus.AUTRE),
]
SCOPE_KEYWORDS = [
    ("international", Scope.INTERNATIONAL),
    ("national", Scope.NATIONAL),
    ("regional", Scope.REGIONAL),
    ("region", Scope.REGIONAL),
    ("ara", Scope.REGIONAL),
    ("departement", Scope.DEPARTMENTAL),
    ("dept", Scope.DEPARTMENTAL),
    ("local", Scope.LOCAL),
]
LIFECYCLE_MARKER = re.compile(r"[\s,]*\(\s*(disparue?|naissante?|en sommeil)\s*\)\s*$", re.IGNORECASE)
LIST_SEPARATORS = re.compile(r"\s*(?:\n|;|\s/\s)\s*")


@dataclass
class RowError:
    column: str
    message: str

    def __str__(self):
        return f"{self.column} : {self.message}"


@dataclass
class RowResult:
    line: int
    name: str = ""
    slug: str = ""
    action: str = ""  # create, update, unchanged, error
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # RowError too: read loosely, imported anyway
    sheet: str = ""  # the workbook sheet the row is on, when a file has several (Kumu's Elements, Connections)

    @property
    def location(self):
        """Where the row is, in French: « ligne 2 », or « feuille Connections, ligne 2 »."""
        if self.sheet:
            return _("feuille %(sheet)s, ligne %(line)d") % {"sheet": self.sheet, "line": self.line}
        return _("ligne %(line)d") % {"line": self.line}

    @property
    def action_label(self):
        return {
            "create": _("à créer"),
            "update": _("à modifier"),
            "unchanged": _("inchangé"),
            "skip": _("ignoré"),
            "error": _("erreur"),
        }.get(self.action, self.action)


@dataclass
class ImportReport:
    filename: str = ""
    dry_run: bool = True
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    applied: bool = False
    file_warnings: list = field(default_factory=list)

    @property
    def has_errors(self):
        return bool(self.file_errors) or any(r.errors for r in self.rows)

    @property
    def warning_count(self):
        return sum(len(r.warnings) for r in self.rows)

    @property
    def error_count(self):
        return len(self.file_errors) + sum(len(r.errors) for r in self.rows)

    @property
    def counts(self):
        counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "errors": 0}
        key = {"create": "created", "update": "updated", "unchanged": "unchanged", "skip": "skipped", "error": "errors"}
        for row in self.rows:
            counts[key[row.action]] += 1
        return counts

    def lines(self):
        """The report as French text lines (command output)."""
        out = [str(e) for e in self.file_errors] + [f"{_('attention')} : {w}" for w in self.file_warnings]
        for row in self.rows:
            detail = "; ".join(str(e) for e in row.errors) if row.errors else ", ".join(row.changes)
            where = row.location
            out.append(f"{where} — {row.name or '?'} — {row.action_label}" + (f" : {detail}" if detail else ""))
            out.extend(f"{where} — {_('attention')} : {warning}" for warning in row.warnings)
        return out


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run or a run with errors."""


# --- Reading files ---------------------------------------------------------------------


def decode(data):
    """UTF-8 with or without BOM; Windows-1252 / Latin-1 tolerated."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


# Bounds: an import is a staff tool for files the size of the report's annex (a few hundred
# rows). Whatever a file declares (an XLSX's sheet dimensions, its zip entries' sizes), reading
# stops at these limits with a French message instead of growing the server's memory or time.
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000  # rows with content, header excluded
MAX_IMPORT_LINES = 20000  # lines read, blank ones included
MAX_IMPORT_COLUMNS = 60
MAX_XLSX_UNPACKED_BYTES = 40 * 1024 * 1024


class ImportTooLarge(ValueError):
    """The file exceeds one of the bounds above; the message is French and says which."""


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = getattr(value, "text", value)  # an XLSX array formula: keep its text
    # A formula read from an XLSX stays text ("=1+1"), never evaluated; the quote an export adds
    # before such text is dropped; NUL bytes, which no database text column accepts, are removed.
    return cell_text(text).replace("\x00", "").strip()


def _check_size(data):
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportTooLarge(
            _("Le fichier dépasse %(mb)d Mo : découpez-le en plusieurs fichiers.") % {"mb": MAX_IMPORT_BYTES // 2**20}
        )


def _bounded(numbered_rows):
    """Stop with a French message past MAX_IMPORT_ROWS rows with content or MAX_IMPORT_LINES lines."""
    filled = 0
    for number, cells in numbered_rows:
        if number > MAX_IMPORT_LINES:
            raise ImportTooLarge(
                _("Le fichier compte plus de %(n)d lignes : découpez-le en plusieurs fichiers.")
                % {"n": MAX_IMPORT_LINES}
            )
        if any(cells):
            filled += 1
            if filled > MAX_IMPORT_ROWS + 1:
                raise ImportTooLarge(
                    _("Le fichier compte plus de %(n)d acteurs : découpez-le en plusieurs fichiers.")
                    % {"n": MAX_IMPORT_ROWS}
                )
        yield number, cells


def _xlsx_rows(data):
    import zipfile

    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # Reading an entry never goes past its declared size, so the sum bounds what unpacking costs.
        if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED_BYTES:
            raise ImportTooLarge(_("Le classeur décompressé est trop volumineux : découpez-le en plusieurs fichiers."))
    # Read-only mode streams the sheet; data_only=False keeps formulas as their text.
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the declared <dimension> is not trusted: rows are read as they come
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_IMPORT_COLUMNS, values_only=True), start=1):
            yield number, [_cell(v) for v in values]
    finally:
        workbook.close()


def _csv_rows(data):
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    try:
        # A tab never sits inside a header: a tab-separated file (the report's annex, pasted from
        # its PDF) is one even when a header holds a comma ("Territoire de portée, ville de …").
        delimiter = "\t" if "\t" in first_line else csv.Sniffer().sniff(first_line, delimiters=";,").delimiter
    except csv.Error:
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for values in reader:
        yield start, [_cell(v) for v in values[:MAX_IMPORT_COLUMNS]]
        start = reader.line_num + 1


def read_rows(data, filename=""):
    """Yield (line number, list of cells); the first non-empty row is the header.

    Raises ImportTooLarge (French message) past the bounds above.
    """
    _check_size(data)
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        yield from _bounded(_xlsx_rows(data))
    else:
        yield from _bounded(_csv_rows(data))


def map_headers(header):
    """Column index → field name, for the columns we know."""
    mapping = {}
    for index, title in enumerate(header):
        key = normalize(title)
        for keyword, name in HEADER_RULES:
            if keyword in key and name not in mapping.values():
                mapping[index] = name
                break
    return mapping


# --- Parsing values --------------------------------------------------------------------


def _match(text, keywords, choices):
    key = normalize(text)
    for value, label in choices.choices:
        if key in {value, normalize(label)}:
            return value
    padded = f" {key} "
    for keyword, value in keywords:
        if f" {keyword}" in padded:
            return value
    return None


def parse_type(text):
    number = re.match(r"\s*(\d)\b", text)
    if number and number.group(1) in TYPE_NUMBERS:
        return TYPE_NUMBERS[number.group(1)]
    return _match(text, TYPE_KEYWORDS, ActorTypeCode)


def parse_scope(text):
    return _match(text, SCOPE_KEYWORDS, Scope)


def parse_legal_status(text):
    return _match(text, STATUS_KEYWORDS, LegalStatus)


def parse_lifecycle(text):
    key = normalize(text)
    for value, label in Lifecycle.choices:
        if key in {value, normalize(label)} or (key and normalize(label).startswith(key.rstrip("e"))):
            return value
    return None


def split_list(text):
    return [part.strip() for part in LIST_SEPARATORS.split(text or "") if part.strip()]


class _Row:
    """One parsed row: the field values it sets, and its errors."""

    def __init__(self, cells, mapping, communes, department_hint=None):
        self.raw = {}
        self.values = {}
        self.errors = []
        self.warnings = []
        self.department_hint = department_hint
        self.names = []
        self.functions = []
        self.tags = None
        cell = {}
        for index, name in mapping.items():
            cell[name] = cells[index] if index < len(cells) else ""
        self.cell = cell
        self._parse(cell, communes)

    def error(self, name, message):
        self.errors.append(RowError(COLUMN_LABELS[name], message))

    def warn(self, name, message):
        self.warnings.append(RowError(COLUMN_LABELS[name], message))

    def _parse_place(self, text):
        """The annex's combined cell: the commune it names and the level of the territory it names."""
        reading = read_place(text, self.department_hint)
        self.values["commune_id"] = reading.commune.pk if reading.commune is not None else None
        if reading.level:
            self.values["scope"] = reading.level
        for note in reading.notes:
            self.warn("place", note)
        for part in reading.unknown:
            self.warn(
                "place", _("lieu inconnu du référentiel : « %(v)s », l'acteur est importé sans commune.") % {"v": part}
            )

    def _parse(self, cell, communes):
        name = cell.get("name", "")
        marker = LIFECYCLE_MARKER.search(name)
        if marker:
            name = name[: marker.start()].strip(" ,")
            self.values["lifecycle"] = parse_lifecycle(marker.group(1))
        if not name:
            self.error("name", _("le nom de l'organisation est obligatoire."))
        elif len(name) > 255:
            self.error("name", _("le nom dépasse 255 caractères."))
        self.values["name"] = name

        type_text = cell.get("primary_type", "")
        actor_type = parse_type(type_text) if type_text else None
        if not type_text:
            self.error("primary_type", _("le type d'acteur est obligatoire."))
        elif actor_type is None:
            self.error("primary_type", _("type d'acteur inconnu : « %(v)s ».") % {"v": type_text})
        self.values["primary_type_id"] = actor_type

        slug = cell.get("slug") or slugify(name)[:255].strip("-")
        if "slug" in cell and cell["slug"] and slugify(cell["slug"]) != cell["slug"]:
            self.error("slug", _("identifiant invalide : lettres minuscules, chiffres et tirets seulement."))
        elif name and not slug:
            self.error("name", _("impossible de tirer un identifiant de ce nom."))
        self.slug = slug

        if "legal_status" in cell:
            text = cell["legal_status"]
            status = parse_legal_status(text) if text else LegalStatus.INCONNU
            if status is None:
                self.error("legal_status", _("statut administratif inconnu : « %(v)s ».") % {"v": text})
            self.values["legal_status"] = status
        if "siret" in cell:
            number = compact_siret(cell["siret"])
            if number:
                try:
                    validate_siret(number)
                except ValidationError as error:
                    self.error("siret", error.messages[0])
            self.values["siret"] = number
        if "missions" in cell:
            self.values["missions"] = cell["missions"]
        if "scope" in cell:
            self.values["scope"] = parse_scope(cell["scope"]) or Scope.LOCAL
        if "website" in cell:
            url = cell["website"]
            if url:
                try:
                    url = fields.website_url(url)
                except ValidationError:
                    self.error("website", _("adresse de site invalide : « %(v)s ».") % {"v": cell["website"]})
            self.values["website"] = url
        if "lifecycle" in cell and cell["lifecycle"]:
            value = parse_lifecycle(cell["lifecycle"])
            if value is None:
                self.error("lifecycle", _("cycle de vie inconnu : « %(v)s ».") % {"v": cell["lifecycle"]})
            self.values["lifecycle"] = value
        for year_field in ("founded_year", "ended_year"):
            if year_field in cell:
                text = cell[year_field]
                if not text:
                    self.values[year_field] = None
                elif text.isdigit() and YEAR_MIN <= int(text) <= YEAR_MAX:
                    self.values[year_field] = int(text)
                else:
                    self.error(year_field, _("année invalide : « %(v)s ».") % {"v": text})
        founded, ended = self.values.get("founded_year"), self.values.get("ended_year")
        if founded and ended and ended < founded:
            self.error("ended_year", _("l'année de fin précède l'année de création."))

        code = cell.get("insee", "")
        if code:
            code = code.zfill(5) if code.isdigit() else code.upper()
            commune = communes.by_code(code)
            if commune is None:
                self.error("insee", _("code INSEE inconnu : « %(v)s ».") % {"v": cell["insee"]})
            self.values["commune_id"] = commune.pk if commune else None
        elif cell.get("commune"):
            found = communes.by_name(cell["commune"])
            if not found:
                self.error("commune", _("commune introuvable : « %(v)s ».") % {"v": cell["commune"]})
            elif len(found) > 1:
                self.error(
                    "commune",
                    _("plusieurs communes s'appellent « %(v)s » : indiquez le code INSEE.") % {"v": cell["commune"]},
                )
            else:
                self.values["commune_id"] = found[0].pk
        elif cell.get("place"):
            self._parse_place(cell["place"])
        elif "insee" in cell or "commune" in cell or "place" in cell:
            self.values["commune_id"] = None

        self.names = split_list(cell.get("names", ""))
        self.functions = split_list(cell.get("functions", ""))
        if len(self.functions) > len(self.names) and self.names:
            self.functions = self.functions[: len(self.names) - 1] + [" ; ".join(self.functions[len(self.names) - 1 :])]
        for contact_name in self.names:
            if len(contact_name) > 150:
                self.error("names", _("nom de contact trop long (150 caractères au plus)."))
        if "tags" in cell:
            self.tags = split_list(cell["tags"].replace(",", ";"))


class _Communes:
    """Commune look-ups cached for the duration of one import."""

    def __init__(self):
        from maillage.territories.models import Commune

        self.model = Commune
        self._codes = {}
        self._names = {}

    def by_code(self, code):
        if code not in self._codes:
            self._codes[code] = self.model.objects.filter(code=code).first()
        return self._codes[code]

    def by_name(self, text):
        match = re.match(r"^(.*?)\s*\((\w{2,3})\)\s*$", text)
        name, dept = (match.group(1), match.group(2)) if match else (text, None)
        key = (normalize(name), dept)
        if key not in self._names:
            qs = self.model.objects.filter(search_name=key[0])
            if dept:
                qs = qs.filter(department__code=dept)
            self._names[key] = list(qs[:5])
        return self._names[key]


# --- Applying --------------------------------------------------------------------------

FIELD_LABELS = {
    "name": gettext_lazy("nom"),
    "primary_type_id": gettext_lazy("type"),
    "legal_status": gettext_lazy("statut"),
    "siret": gettext_lazy("SIRET"),
    "missions": gettext_lazy("missions"),
    "scope": gettext_lazy("portée"),
    "website": gettext_lazy("site"),
    "lifecycle": gettext_lazy("cycle de vie"),
    "founded_year": gettext_lazy("année de création"),
    "ended_year": gettext_lazy("année de fin"),
    "commune_id": gettext_lazy("commune"),
}


def _wanted_tags(names):
    wanted = []
    for tag_name in names:
        slug = slugify(tag_name)[:100]
        if not slug:
            continue
        tag = Tag.objects.filter(slug=slug).first() or Tag.objects.create(name=tag_name[:100], slug=slug)
        wanted.append(tag)
    return wanted


def _apply(row, result, source, user=None):
    """Write one row through the directory's write path (versioned, in the history), then its contacts."""
    values = {k: v for k, v in row.values.items() if v is not None or k in {"founded_year", "ended_year", "commune_id"}}
    actor = Actor.objects.filter(slug=row.slug).first()
    if actor is None:
        actor = Actor(slug=row.slug, raw_record=row.raw, **values)
        changed = list(values)
        result.action = "create"
        result.changes.append(_("nouvel acteur"))
    else:
        changed = [k for k, v in values.items() if getattr(actor, k) != v]
        for key in changed:
            setattr(actor, key, values[key])
        if changed:
            actor.raw_record = row.raw
            result.changes.extend(str(FIELD_LABELS.get(k, k)) for k in changed)
    wanted = _wanted_tags(row.tags) if row.tags is not None else None
    tags_changed = wanted is not None and (
        actor.pk is None or set(actor.tags.values_list("pk", flat=True)) != {t.pk for t in wanted}
    )
    if changed or tags_changed:
        writing.save_actor(
            actor,
            change=writing.Change(user=user, comment=source),
            save_m2m=(lambda: actor.tags.set(wanted)) if tags_changed else None,
        )
    for index, contact_name in enumerate(row.names):
        function = row.functions[index] if index < len(row.functions) else ""
        contact = Contact.objects.filter(actor=actor, name=contact_name).first()
        if contact is None:
            Contact.objects.create(actor=actor, name=contact_name, function=function[:255], source=source[:255])
            result.changes.append(_("contact ajouté : %(n)s") % {"n": contact_name})
        elif function and contact.function != function[:255]:
            contact.function = function[:255]
            contact.save(update_fields=["function"])
            result.changes.append(_("fonction de %(n)s") % {"n": contact_name})
    if tags_changed and (wanted or result.action != "create"):
        result.changes.append(_("étiquettes"))
    if result.action != "create":
        result.action = "update" if result.changes else "unchanged"


PROGRESS_EVERY = 100  # rows between two calls of the progress callback


def _dominant_department(rows, mapping):
    """The département most place cells point to: it settles homonyms in the others ("Clermont")."""
    column = next((index for index, name in mapping.items() if name == "place"), None)
    if column is None:
        return None
    counts = {}
    for _line, cells in rows:
        code = read_place_department(cells[column]) if column < len(cells) else None
        if code:
            counts[code] = counts.get(code, 0) + 1
    return max(sorted(counts), key=counts.get) if counts else None


def import_actors(data, filename="", *, dry_run=True, source="", user=None, progress=None, department=None):
    """Import a file's bytes; returns an ImportReport. Writes only when not dry_run and no error.

    `department` (INSEE code) settles homonymous communes; without it, the département most of
    the file's places point to does.

    Every actor written is versioned and in the history, credited to `user` (the staff member).
    `progress(done, total)`, when given, is called every PROGRESS_EVERY rows and at the end.
    """
    report = ImportReport(filename=filename, dry_run=dry_run)
    source = _("Import du fichier « %(f)s »") % {"f": source or filename}
    try:
        rows = list(read_rows(data, filename))
    except ImportTooLarge as error:
        report.file_errors.append(str(error))
        return report
    except Exception as error:  # noqa: BLE001 - any unreadable file gets a French message
        report.file_errors.append(_("Fichier illisible (CSV ou XLSX attendu) : %(e)s") % {"e": error})
        return report
    rows = [(line, cells) for line, cells in rows if any(cells)]
    if not rows:
        report.file_errors.append(_("Le fichier est vide."))
        return report
    header_line, header = rows[0]
    mapping = map_headers(header)
    missing = [COLUMN_LABELS[name] for name in REQUIRED if name not in mapping.values()]
    if missing:
        report.file_errors.append(
            _("Colonne(s) obligatoire(s) absente(s) en ligne %(l)d : %(c)s.")
            % {"l": header_line, "c": ", ".join(_("« %(column)s »") % {"column": m} for m in missing)}
        )
        return report
    known_types = set(ActorType.objects.values_list("code", flat=True))
    communes = _Communes()
    department = department or _dominant_department(rows[1:], mapping)
    seen = {}
    try:
        with transaction.atomic():
            total = len(rows) - 1
            for done, (line, cells) in enumerate(rows[1:]):
                if progress and done % PROGRESS_EVERY == 0:
                    progress(done, total)
                row = _Row(cells, mapping, communes, department)
                row.raw = {header[i]: cells[i] for i in range(min(len(header), len(cells))) if header[i]}
                result = RowResult(line=line, name=row.values.get("name", ""), slug=row.slug)
                report.rows.append(result)
                if row.values.get("primary_type_id") and row.values["primary_type_id"] not in known_types:
                    row.error("primary_type", _("type d'acteur absent de la base."))
                if row.slug in seen and row.slug:
                    row.error(
                        "slug",
                        _("même acteur que la ligne %(l)d (identifiant « %(s)s »).")
                        % {"l": seen[row.slug], "s": row.slug},
                    )
                seen.setdefault(row.slug, line)
                result.warnings = row.warnings
                if row.errors:
                    result.errors = row.errors
                    result.action = "error"
                    continue
                with transaction.atomic():
                    _apply(row, result, source, user)
            if progress:
                progress(total, total)
            if dry_run or report.has_errors:
                raise _Rollback
            from .search import rebuild_search_text

            rebuild_search_text(Actor.objects.filter(slug__in=[r.slug for r in report.rows]))
            report.applied = True
    except _Rollback:
        pass
    return report


# --- Reports kept as JSON (background imports) -------------------------------------------


def report_to_dict(report):
    return dataclasses.asdict(report)


def report_from_dict(data):
    rows = [
        RowResult(
            **{
                **row,
                "errors": [RowError(**error) for error in row["errors"]],
                "warnings": [RowError(**warning) for warning in row.get("warnings", [])],
            }
        )
        for row in data.get("rows", [])
    ]
    return ImportReport(**{**data, "rows": rows})
