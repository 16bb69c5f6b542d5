"""Write a Dataset read from another tool, through the one write path, keyed on (source, source id).

Everything runs in one transaction: the dry run, or any row in error, rolls it all back, so a
real run is all-or-nothing and the dry run reports exactly what the real run would do (the
directory import's rule). Each actor or relation written is versioned and in the history,
credited to the person importing, with the import as the change's comment.

Matching, in order: the (source, source id) link of an earlier import of the same source; an
actor of the directory with the same name (its name key), linked from then on and said in the
report; else a new fiche. A fiche stands for one element of a source: an actor another element
of the same run already took, or one linked to another id of the same source, is never matched
by name (two GoGoCarto elements named "Fablab", one in Riom and one in Lyon, are two fiches, and
importing them again changes nothing). Categories become types, tags or nothing through the
correspondences (mapping); places become communes offline (territories.places), an unknown one
is a warning.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.text import normalize
from maillage.directory import fields as actor_fields
from maillage.directory import writing as actor_writing
from maillage.directory.importing import ImportReport, RowError, RowResult, parse_type
from maillage.directory.models import Actor, Tag
from maillage.directory.search import name_key, rebuild_search_text
from maillage.directory.siret import compact_siret, validate_siret
from maillage.network import writing as relation_writing
from maillage.network.models import Motivation, Relation, is_directed
from maillage.territories.models import Commune
from maillage.territories.places import read_locality, read_place

from .mapping import IGNORE, KIND, TAG, TYPE, Target, auto_kind
from .models import ImportedActor, ImportedRelation

# Snapshot fields a foreign record may set (the one declaration of an actor's shape decides
# which exist: a field added there, such as a SIRET, is taken when a record carries it).
RECORD_FIELDS = ("description", "website", "address", "latitude", "longitude", "missions", "siret")
LOCATION_LABEL = gettext_lazy("lieu")
TYPE_LABEL = gettext_lazy("catégories")
RELATION_LABEL = gettext_lazy("relation")


@dataclass
class Options:
    source: str  # the origin's name, given by the person importing ("Carte GoGoCarto TIPs")
    mapping: dict = field(default_factory=dict)  # normalised name -> mapping.Target
    default_type: str = ""  # actor type code for elements no category maps to ("" = an error)
    department: str = ""  # INSEE code settling homonymous communes
    dry_run: bool = True
    user: object = None


class _Rollback(Exception):
    """Undo a dry run or a run with errors."""


def _error(result, column, message):
    result.errors.append(RowError(str(column), message))
    result.action = "error"


def _warn(result, column, message):
    result.warnings.append(RowError(str(column), message))


def _validation_messages(error):
    if hasattr(error, "message_dict"):
        return [f"{name} : {' '.join(messages)}" for name, messages in error.message_dict.items()]
    return list(error.messages)


class _Applier:
    def __init__(self, dataset, options, report):
        self.dataset = dataset
        self.options = options
        self.report = report
        self.source = f"{dataset.tool}:{options.source}"[:200]
        self.change = actor_writing.Change(
            user=options.user,
            comment=_("Import %(tool)s « %(source)s »") % {"tool": dataset.tool, "source": options.source},
        )
        self.by_reference = {}  # file id or label (normalised) -> Actor, for the relations
        self.unmapped = Counter()
        self.automatic = {}
        self.written = []
        self.skipped = set()  # normalised references of elements left out, for their connections
        self.taken = {}  # actor pk -> where the element that took it in this run is (« ligne 2 »)
        self.homonyms = {}  # normalised name shared by elements of different fiches -> where they are

    # --- categories ------------------------------------------------------------------------

    def _target(self, category):
        key = normalize(category)
        if key in self.options.mapping:
            return self.options.mapping[key]
        actor_type = parse_type(category)
        if actor_type:
            target = Target(TYPE, str(actor_type))
            self.automatic[category] = target
            return target
        self.unmapped[category] += 1
        return None

    def _all_ignored(self, record):
        """Every category of the element is mapped to "ignorer" (people in a Kumu map, say)."""
        targets = [self.options.mapping.get(normalize(c)) for c in record.categories]
        return bool(targets) and all(t is not None and t.action == IGNORE for t in targets)

    def _types_and_tags(self, record):
        types, tags = [], list(record.tags)
        for category in record.categories:
            target = self._target(category)
            if target is None or target.action == IGNORE:
                continue
            if target.action == TYPE and target.value not in types:
                types.append(target.value)
            elif target.action == TAG:
                tags.append(target.value)
        return types, tags

    # --- places ----------------------------------------------------------------------------

    def _commune(self, record, result):
        if record.insee:
            commune = Commune.objects.filter(code=record.insee.strip().upper().zfill(5)).first()
            if commune is None:
                _warn(result, LOCATION_LABEL, _("code INSEE inconnu : « %(v)s ».") % {"v": record.insee})
            return commune
        if record.place:
            reading = read_place(record.place, self.options.department or None)
            for note in reading.notes:
                _warn(result, LOCATION_LABEL, note)
            for part in reading.unknown:
                _warn(result, LOCATION_LABEL, _("lieu inconnu du référentiel : « %(v)s ».") % {"v": part})
            return reading.commune
        if record.locality or record.postal_code:
            commune, notes = read_locality(record.locality, record.postal_code, self.options.department or None)
            for note in notes:
                _warn(result, LOCATION_LABEL, note)
            if commune is None and not notes:
                place = " ".join(p for p in (record.postal_code, record.locality) if p)
                _warn(
                    result,
                    LOCATION_LABEL,
                    _("commune inconnue : « %(v)s », l'acteur est importé sans commune.") % {"v": place},
                )
            return commune
        return None

    # --- actors ----------------------------------------------------------------------------

    def _values(self, record, result):
        values = {"name": record.name}
        for name in RECORD_FIELDS:
            if name in record.values and name in actor_fields.BY_NAME:
                values[name] = record.values[name]
        if values.get("website"):
            typed = values.pop("website")
            try:
                values["website"] = actor_fields.website_url(typed)
            except ValidationError:
                _warn(result, _("site"), _("adresse de site invalide, non importée : « %(v)s ».") % {"v": typed})
        if values.get("siret"):
            # As the website: a wrong SIRET in another tool's file is dropped with a warning, not a refused row.
            typed = values.pop("siret")
            try:
                validate_siret(typed)
                values["siret"] = compact_siret(typed)
            except ValidationError as error:
                _warn(result, _("SIRET"), _("SIRET non importé : %(reason)s") % {"reason": error.messages[0]})
        types, tags = self._types_and_tags(record)
        if types:
            values["primary_type"] = types[0]
            values["secondary_types"] = types[1:]
        commune = self._commune(record, result)
        if commune is not None:
            values["commune"] = commune.code
        if tags:
            values["tags"] = self._tag_slugs(tags)
        return values

    def _tag_slugs(self, names):
        slugs = []
        for tag_name in names:
            slug = slugify(tag_name)[:100]
            if not slug:
                continue
            Tag.objects.get_or_create(slug=slug, defaults={"name": tag_name[:100]})
            if slug not in slugs:
                slugs.append(slug)
        return slugs

    def _existing(self, key, record, result):
        link = ImportedActor.objects.select_related("actor").filter(source=self.source, source_id=key).first()
        if link is not None:
            if link.actor_id not in self.taken:
                return link.actor
            # Two ids linked to one fiche (an import made before homonyms were told apart): the
            # element read first keeps it, this one gets its own.
            _warn(
                result,
                _("nom"),
                _("la fiche « %(n)s » est déjà celle de l'élément en %(w)s : cet élément devient une fiche distincte.")
                % {"n": link.actor.name, "w": self.taken[link.actor_id]},
            )
            return None
        same_name = list(Actor.objects.filter(name_key=name_key(record.name)[:255]))
        if not same_name:
            return None
        linked_elsewhere = dict(
            ImportedActor.objects.filter(source=self.source, actor__in=same_name)
            .exclude(source_id=key)
            .values_list("actor_id", "source_id")
        )
        free = [a for a in same_name if a.pk not in self.taken and a.pk not in linked_elsewhere]
        if len(free) == 1:
            _warn(
                result,
                _("nom"),
                _("rapproché de la fiche existante « %(n)s » (même nom).") % {"n": free[0].name},
            )
            return free[0]
        if free:
            return None
        taken_here = next((a for a in same_name if a.pk in self.taken), None)
        if taken_here is not None:
            message = _(
                "un autre élément du fichier porte le même nom (%(w)s) : cet élément devient une fiche distincte."
            ) % {"w": self.taken[taken_here.pk]}
        else:
            other = same_name[0]
            message = _(
                "la fiche « %(n)s » du même nom est déjà celle d'un autre élément de cette source "
                "(identifiant « %(k)s ») : cet élément devient une fiche distincte."
            ) % {"n": other.name, "k": linked_elsewhere[other.pk]}
        _warn(result, _("nom"), message)
        return None

    def apply_actor(self, record, seen):
        result = RowResult(line=record.line, name=record.name, sheet=record.sheet)
        self.report.rows.append(result)
        for note in record.notes:
            _warn(result, _("source"), note)
        if record.skip or self._all_ignored(record):
            result.action = "skip"
            if not record.skip:
                result.changes.append(_("ignoré par les correspondances"))
            self.skipped.update(normalize(r) for r in (record.source_id, record.name) if r)
            return
        key = (record.source_id or slugify(record.name))[:255]
        if not record.name.strip():
            _error(result, _("nom"), _("l'élément n'a pas de nom."))
            return
        if key in seen:
            _error(result, _("identifiant"), _("même élément qu'en %(w)s (« %(k)s »).") % {"w": seen[key], "k": key})
            return
        seen[key] = result.location
        actor = self._existing(key, record, result)
        values = self._values(record, result)
        if actor is None and "primary_type" not in values:
            if self.options.default_type:
                values["primary_type"] = self.options.default_type
                _warn(result, TYPE_LABEL, _("aucune catégorie ne correspond à un type : type par défaut."))
            else:
                listed = ", ".join(_("« %(c)s »") % {"c": c} for c in record.categories) or _("aucune")
                _error(
                    result,
                    TYPE_LABEL,
                    _(
                        "aucune catégorie ne correspond à un type d'acteur (catégories : %(c)s) ; "
                        "ajoutez une correspondance ou un type par défaut."
                    )
                    % {"c": listed},
                )
                return
        try:
            with transaction.atomic():
                if actor is None:
                    write = actor_writing.create_actor(values, change=self.change, raw_record=record.raw)
                    actor = write.instance
                    result.action = "create"
                    result.changes.append(_("nouvel acteur"))
                else:
                    values = self._only_changes(actor, values)
                    write = actor_writing.update_actor(actor, values, change=self.change) if values else None
                    result.action = "update" if write else "unchanged"
                    if write:
                        result.changes.extend(str(actor_fields.label(name)) for name in write.changed)
                ImportedActor.objects.update_or_create(source=self.source, source_id=key, defaults={"actor": actor})
        except ValidationError as error:
            for message in _validation_messages(error):
                _error(result, _("acteur"), message)
            return
        result.slug = actor.slug
        self.written.append(actor.pk)
        self.taken[actor.pk] = result.location
        if record.source_id:
            self.by_reference.setdefault(normalize(record.source_id), actor)
        if record.name:
            reference = normalize(record.name)
            first = self.by_reference.setdefault(reference, actor)
            if first != actor:  # connections naming this label reach the first element only
                self.homonyms.setdefault(reference, [self.taken[first.pk]]).append(result.location)

    def _only_changes(self, actor, values):
        current = actor_fields.snapshot(actor)
        return {
            k: v for k, v in values.items() if actor_writing.normalized(current.get(k)) != actor_writing.normalized(v)
        }

    # --- relations -------------------------------------------------------------------------

    def _actor_for(self, reference):
        key = normalize(reference)
        if key in self.by_reference:
            return self.by_reference[key]
        link = ImportedActor.objects.select_related("actor").filter(source=self.source, source_id=reference).first()
        if link is not None:
            return link.actor
        actor = Actor.objects.filter(slug=reference).first()
        if actor is None:
            same_name = list(Actor.objects.filter(name_key=name_key(reference)[:255])[:2])
            actor = same_name[0] if len(same_name) == 1 else None
        return actor

    def _kind(self, record):
        target = self.options.mapping.get(normalize(record.kind))
        if target is not None:
            return target.value if target.action == KIND else (IGNORE if target.action == IGNORE else None)
        kind = auto_kind(record.kind) if record.kind else None
        if kind and normalize(record.kind) != kind:
            self.automatic[record.kind] = Target(KIND, kind)
        return kind

    def apply_relation(self, record, seen):
        result = RowResult(line=record.line, name=f"{record.from_ref} → {record.to_ref}", sheet=record.sheet)
        self.report.rows.append(result)
        for note in record.notes:
            _warn(result, _("source"), note)
        if {normalize(record.from_ref), normalize(record.to_ref)} & self.skipped:
            result.action = "skip"
            result.changes.append(_("une extrémité a été ignorée"))
            return
        source, target = self._actor_for(record.from_ref), self._actor_for(record.to_ref)
        for reference in (record.from_ref, record.to_ref):
            places = self.homonyms.get(normalize(reference))
            if places:
                _warn(
                    result,
                    RELATION_LABEL,
                    _(
                        "« %(r)s » nomme plusieurs éléments du fichier (%(p)s) : la relation part de ou va vers "
                        "le premier ; donnez un ID aux éléments pour choisir."
                    )
                    % {"r": reference, "p": " ; ".join(places)},
                )
        for reference, actor in ((record.from_ref, source), (record.to_ref, target)):
            if actor is None:
                _error(
                    result,
                    RELATION_LABEL,
                    _("acteur introuvable dans le fichier ni l'annuaire : « %(r)s ».") % {"r": reference},
                )
        kind = self._kind(record)
        if kind == IGNORE:
            result.action = "skip"
            return
        if kind is None:
            _error(
                result,
                RELATION_LABEL,
                _("type de relation inconnu : « %(k)s » ; ajoutez une correspondance (collaboration, financement…).")
                % {"k": record.kind or _("vide")},
            )
        if result.errors:
            return
        if is_directed(kind) and record.direction in {"undirected", "mutual"}:
            _warn(
                result,
                RELATION_LABEL,
                _("relation orientée dans Maillage, de « %(a)s » vers « %(b)s ».") % {"a": source, "b": target},
            )
        key = (record.source_id or f"{source.slug}|{target.slug}|{kind}")[:255]
        if key in seen:
            result.action = "unchanged"
            result.changes.append(_("déjà lue en %(w)s") % {"w": seen[key]})
            return
        seen[key] = result.location
        result.name = f"{source.name} → {target.name}"
        try:
            with transaction.atomic():
                relation = self._existing_relation(key, source, target, kind)
                values = {
                    k: record.values[k]
                    for k in ("description", "start_year", "end_year", "source_reference", "source_note")
                    if k in record.values
                }
                if relation is None:
                    write = relation_writing.create_relation(
                        source,
                        target,
                        kind,
                        motivations=[
                            m
                            for m in record.values.get("motivations", [])
                            if Motivation.objects.filter(code=m).exists()
                        ],
                        change=self.change,
                        **values,
                    )
                    relation = write.instance
                    result.action = "create"
                    result.changes.append(_("nouvelle relation"))
                else:
                    write = relation_writing.update_relation(relation, values, change=self.change) if values else None
                    result.action = "update" if write else "unchanged"
                    if write:
                        result.changes.extend(write.changed)
                ImportedRelation.objects.update_or_create(
                    source=self.source, source_id=key, defaults={"relation": relation}
                )
        except ValidationError as error:
            for message in _validation_messages(error):
                _error(result, RELATION_LABEL, message)

    def _existing_relation(self, key, source, target, kind):
        link = ImportedRelation.objects.select_related("relation").filter(source=self.source, source_id=key).first()
        if link is not None:
            return link.relation
        probe = Relation(source=source, target=target, kind=kind)
        probe.canonicalize()
        return Relation.objects.filter(source_id=probe.source_id, target_id=probe.target_id, kind=kind).first()

    # --- the whole file ----------------------------------------------------------------------

    def run(self):
        seen_actors, seen_relations = {}, {}
        for record in self.dataset.actors:
            self.apply_actor(record, seen_actors)
        for record in self.dataset.relations:
            self.apply_relation(record, seen_relations)
        for category, count in sorted(self.unmapped.items(), key=lambda item: (-item[1], item[0])):
            self.report.file_warnings.append(
                _("Catégorie sans correspondance : « %(c)s » (%(n)d élément(s)).") % {"c": category, "n": count}
            )
        for name, target in sorted(self.automatic.items()):
            self.report.file_warnings.append(
                _("Correspondance automatique : « %(c)s » → %(t)s.") % {"c": name, "t": target.describe()}
            )


def apply_dataset(dataset, options, filename=""):
    """Import a Dataset; returns the directory's ImportReport (rows for actors, then relations)."""
    report = ImportReport(filename=filename, dry_run=options.dry_run)
    report.file_errors.extend(dataset.errors)
    report.file_warnings.extend(dataset.notes)
    if dataset.errors:
        return report
    if not options.source.strip():
        report.file_errors.append(
            _("Nommez la source (la carte ou le projet d'origine) : elle rend l'import rejouable.")
        )
        return report
    applier = _Applier(dataset, options, report)
    try:
        with transaction.atomic():
            applier.run()
            if options.dry_run or report.has_errors:
                raise _Rollback
            rebuild_search_text(Actor.objects.filter(pk__in=applier.written))
            report.applied = True
    except _Rollback:
        pass
    return report
