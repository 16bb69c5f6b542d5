"""Allocate workshop seats from CSV files, with no database (the organiser page shares the solver)."""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from maillage.core.spreadsheet import safe_row
from maillage.events.allocation import AllocationError, Attendee, Workshop, allocate


def _rows(path, expected):
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CommandError(_("Impossible de lire %(path)s : %(err)s") % {"path": path, "err": exc.strerror}) from exc
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in expected if c not in header]
        if missing:
            raise CommandError(
                _("%(path)s, ligne 1 : colonnes attendues %(expected)s, colonnes manquantes %(missing)s.")
                % {"path": path, "expected": ",".join(expected), "missing": ",".join(missing)}
            )
        reader.fieldnames = header
        try:
            for row in reader:
                if None in row or any(row.get(c) is None for c in expected):
                    raise CommandError(
                        _("%(path)s, ligne %(line)d : nombre de colonnes incorrect.")
                        % {"path": path, "line": reader.line_num}
                    )
                if not any((v or "").strip() for v in row.values()):
                    continue
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}
        except csv.Error as exc:
            raise CommandError(
                _("%(path)s, ligne %(line)d : CSV illisible (%(err)s).")
                % {"path": path, "line": reader.line_num, "err": exc}
            ) from exc


def read_workshops(path):
    workshops, seen = [], set()
    for line, row in _rows(path, ["theme", "session", "capacity"]):
        where = {"path": path, "line": line}
        if not row["theme"] or not row["session"]:
            raise CommandError(_("%(path)s, ligne %(line)d : thème ou session vide.") % where)
        try:
            capacity = int(row["capacity"])
        except ValueError as exc:
            raise CommandError(
                _("%(path)s, ligne %(line)d : capacité « %(value)s » n'est pas un nombre entier.")
                % {**where, "value": row["capacity"]}
            ) from exc
        if capacity < 0:
            raise CommandError(_("%(path)s, ligne %(line)d : capacité négative.") % where)
        key = (row["theme"], row["session"])
        if key in seen:
            raise CommandError(
                _("%(path)s, ligne %(line)d : le thème %(theme)s est déjà proposé en session %(session)s.")
                % {**where, "theme": key[0], "session": key[1]}
            )
        seen.add(key)
        workshops.append(Workshop(row["theme"], row["session"], capacity))
    if not workshops:
        raise CommandError(_("%(path)s : aucun atelier.") % {"path": path})
    return workshops


def read_registrations(path, workshops):
    sessions = {w.session for w in workshops}
    themes = {w.theme for w in workshops}
    attendees, seen = [], set()
    for line, row in _rows(path, ["attendee", "sessions", "choices"]):
        where = {"path": path, "line": line}
        ident = row["attendee"]
        if not ident:
            raise CommandError(_("%(path)s, ligne %(line)d : identifiant de participant vide.") % where)
        if ident in seen:
            raise CommandError(_("%(path)s, ligne %(line)d : participant %(id)s en double.") % {**where, "id": ident})
        seen.add(ident)
        own_sessions = tuple(row["sessions"].split())
        choices = tuple(row["choices"].split())
        for s in own_sessions:
            if s not in sessions:
                raise CommandError(
                    _("%(path)s, ligne %(line)d : session inconnue « %(value)s ».") % {**where, "value": s}
                )
        for t in choices:
            if t not in themes:
                raise CommandError(_("%(path)s, ligne %(line)d : thème inconnu « %(value)s ».") % {**where, "value": t})
        if len(set(own_sessions)) != len(own_sessions):
            raise CommandError(_("%(path)s, ligne %(line)d : session répétée.") % where)
        if len(set(choices)) != len(choices):
            raise CommandError(_("%(path)s, ligne %(line)d : thème classé deux fois.") % where)
        attendees.append(Attendee(ident, own_sessions, choices))
    return attendees


class Command(BaseCommand):
    help = "Répartit les participants dans les ateliers (optimum exact) à partir de fichiers CSV."

    def add_arguments(self, parser):
        parser.add_argument("--workshops", required=True, help="CSV theme,session,capacity")
        parser.add_argument("--registrations", required=True, help="CSV attendee,sessions,choices")
        parser.add_argument("--output", required=True, help="CSV attendee,session,theme")
        parser.add_argument("--minimax", action="store_true", help="minimiser d'abord le pire rang")
        parser.add_argument("--time-limit", type=float, default=None)

    def handle(self, *args, **options):
        workshops = read_workshops(options["workshops"])
        attendees = read_registrations(options["registrations"], workshops)
        try:
            result = allocate(
                workshops, attendees, minimise_worst_rank=options["minimax"], time_limit=options["time_limit"]
            )
        except AllocationError as exc:
            raise CommandError(str(exc)) from exc
        order = {w.session: i for i, w in reversed(list(enumerate(workshops)))}
        try:
            with open(options["output"], "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["attendee", "session", "theme"])
                for a in attendees:
                    for s, t in sorted(result.assignment[a.id].items(), key=lambda item: order[item[0]]):
                        writer.writerow(safe_row([a.id, s, t]))
        except OSError as exc:
            raise CommandError(
                _("Impossible d'écrire %(path)s : %(err)s") % {"path": options["output"], "err": exc.strerror}
            ) from exc
        state = _("optimum prouvé") if result.optimal else _("solution non prouvée optimale")
        self.stdout.write(
            _("%(n)d participants répartis, pire rang %(worst)d, %(state)s.")
            % {"n": len(attendees), "worst": result.worst_rank, "state": state}
        )
        self.stdout.write(f"objective={result.objective}")
