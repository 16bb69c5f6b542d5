"""What every reader of a foreign file produces: tool-neutral records the applier writes.

Readers (gogocarto, kumu, maillage_files) only parse; they never touch the database. The
applier (applying) maps categories to types, finds communes and writes through the one write
path. A reader's notes are French sentences for the import report.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class ActorRecord:
    line: int  # the row (spreadsheet) or the element's rank (JSON), for the report
    source_id: str  # the element's id in the source tool; "" when it has none
    name: str
    categories: list = field(default_factory=list)  # category or type names, as the source gives them
    values: dict = field(default_factory=dict)  # actor snapshot values read directly (description, website…)
    tags: list = field(default_factory=list)  # tag names
    locality: str = ""
    postal_code: str = ""
    insee: str = ""
    place: str = ""  # an annex-style "territory, town" cell
    notes: list = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    skip: bool = False  # the source marks it deleted or refused: reported, not imported
    sheet: str = ""  # the workbook sheet of the row, named in the report ("" for one-sheet files and JSON)


@dataclass
class RelationRecord:
    line: int
    source_id: str
    from_ref: str  # an element's id in the file, its label, or a Maillage slug
    to_ref: str
    kind: str = ""  # the relation's type as the source names it
    direction: str = ""  # directed, undirected, mutual ("" = not said)
    values: dict = field(default_factory=dict)  # description, start_year, end_year, motivations
    notes: list = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    sheet: str = ""


@dataclass
class Dataset:
    tool: str  # gogocarto, kumu, maillage
    actors: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # file-level warnings
    errors: list = field(default_factory=list)  # file-level errors: nothing is imported
    ignored_personal: set = field(default_factory=set)  # personal fields seen and left out

    def note_ignored_personal(self):
        if self.ignored_personal:
            self.notes.append(
                _("Champs personnels non importés (aucune base de publication) : %(k)s.")
                % {"k": ", ".join(sorted(self.ignored_personal))}
            )
