"""Initiatives as a contributions subject: proposed, moderated, versioned and reverted like actors.

Registered in `InitiativesConfig.ready()`; contributions never imports this app.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.contributions.subjects import Subject, register_subject
from maillage.directory.models import Actor, Tag
from maillage.directory.writing import normalized
from maillage.territories.models import Commune, Department, Region

from . import fields, writing
from .models import Initiative, InnovationType, LinkKind, OpsiFacet, Phase, Role, TargetPublic

KEY = "initiative"


def territory(initiative, payload):
    """(department_id, region_id) of an initiative for scoped moderation: its first commune,
    département or région (the object's when it exists, else the proposed values)."""
    if initiative is not None:
        communes = [c.code for c in initiative.communes.all()]
        departments = [d.code for d in initiative.departments.all()]
        regions = [r.code for r in initiative.regions.all()]
    else:
        communes, departments, regions = (list(payload.get(k) or []) for k in ("communes", "departments", "regions"))
    commune = Commune.objects.select_related("department").filter(code__in=communes).order_by("code").first()
    if commune:
        return commune.department_id, commune.department.region_id
    department = Department.objects.filter(code__in=departments).order_by("code").first()
    if department:
        return department.pk, department.region_id
    region = Region.objects.filter(code__in=regions).order_by("code").first()
    return (None, region.pk) if region else (None, None)


CHOICES = {"opsi_facet": OpsiFacet, "stage": Phase}
CODE_LISTS = {"types": InnovationType, "publics": TargetPublic}


def display(name, value):
    """Plain text for one snapshot value (labels instead of codes)."""
    if normalized(value) is None:
        return gettext("(vide)")
    if name in CHOICES:
        return str(dict(CHOICES[name].choices).get(value, value))
    if name in CODE_LISTS:
        labels = dict(CODE_LISTS[name].choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if name in fields.TERRITORY_LISTS:
        model = fields.TERRITORY_LISTS[name]
        names = dict(model.objects.filter(code__in=value).values_list("code", "name"))
        return ", ".join(f"{names.get(code, code)} ({code})" for code in value)
    if name == "tags":
        names = dict(Tag.objects.filter(slug__in=value).values_list("slug", "name"))
        return ", ".join(names.get(v, v) for v in value)
    if name == "actors":
        names = {a.slug: a.display_name for a in Actor.objects.filter(slug__in=[r["actor"] for r in value])}
        roles = dict(Role.choices)
        return " ; ".join(f"{names.get(r['actor'], r['actor'])} ({roles.get(r['role'], r['role'])})" for r in value)
    if name == "phases":
        phases = dict(Phase.choices)
        return " ; ".join(f"{r['year']} : {phases.get(r['phase'], r['phase'])}" for r in value)
    if name == "links":
        titles = dict(Initiative.objects.filter(slug__in=[r["target"] for r in value]).values_list("slug", "title"))
        kinds = dict(LinkKind.choices)
        return " ; ".join(f"{kinds.get(r['kind'], r['kind'])} {titles.get(r['target'], r['target'])}" for r in value)
    if name == "indicators":
        return " ; ".join(" ".join(str(r.get(k) or "") for k in ("name", "value", "unit")).strip() for r in value)
    if name == "sources":
        # untranslated: French quotation marks around the report's own words
        return " ; ".join(f"{r.get('reference', '')} {r.get('section', '')} « {r.get('quote', '')} »" for r in value)
    return str(value)


def register():
    from .forms import InitiativeForm

    register_subject(
        Subject(
            key=KEY,
            model=Initiative,
            label=_("initiative"),
            new_label=_("Nouvelle initiative"),
            change_label=_("Modification d'une initiative"),
            snapshot=lambda initiative: fields.snapshot(
                fields.prefetch(Initiative.objects.filter(pk=initiative.pk)).get()
            ),
            fields=fields.FIELDS,
            create=lambda values, change: writing.create_initiative(values, change=change),
            update=lambda initiative, values, change: writing.update_initiative(initiative, values, change=change),
            delete=lambda initiative, change: writing.delete_initiative(initiative, change=change),
            signal=writing.initiative_written,
            territory=territory,
            field_label=fields.label,
            display=display,
            form_class=InitiativeForm,
        )
    )
