"""Everything Maillage holds about one person, as JSON they can download and re-read.

What is "about them": every row of every table that mentions their address in any text
column (`scanning.mentioning`), and, for an account, every row that points to the account
(authored proposals and revisions, ownerships, moderation scopes…). Found by introspection,
so a new app's table is included without editing this module. Secrets are left out: the
password hash and the session keys are credentials, not data about the person.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.core.serializers import serialize
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from maillage.core.personal_data import normalized_address

from .scanning import all_models, mentioning

FORMAT_VERSION = 1
# Columns that are credentials rather than data about the person.
SECRET_COLUMNS = {"auth.user": {"password"}, "sessions.session": {"session_data"}}
SKIPPED_MODELS = {"sessions.session"}


def _user_links(model, user):
    """Rows of `model` that point to `user` by a foreign key (or are the user)."""
    User = get_user_model()
    if model is User:
        return model._base_manager.filter(pk=user.pk)
    query = None
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is User:
            q = model._base_manager.filter(**{field.attname: user.pk})
            query = q if query is None else query | q
    return query


def collect(address="", user=None):
    """{model label: [rows as dicts]} of everything about `address` and/or `user`."""
    address = normalized_address(address or (user.email if user else ""))
    found = {}
    for model in all_models():
        label = model._meta.label_lower
        if label in SKIPPED_MODELS:
            continue
        pks = set()
        if address:
            pks.update(mentioning(model, address).values_list("pk", flat=True))
        if user is not None:
            linked = _user_links(model, user)
            if linked is not None:
                pks.update(linked.values_list("pk", flat=True))
        if not pks:
            continue
        hidden = SECRET_COLUMNS.get(label, set())
        fields = [f.name for f in model._meta.concrete_fields if f.name not in hidden and not f.primary_key]
        rows = model._base_manager.filter(pk__in=pks).order_by("pk")
        found[label] = [
            {"id": item["pk"], **item["fields"]}
            for item in json.loads(serialize("json", rows, fields=fields, cls=DjangoJSONEncoder))
        ]
    return found


def personal_data_document(address="", user=None, site_name="Maillage"):
    """The downloadable document: what it is, when it was made, then the rows by table."""
    tables = collect(address, user)
    return {
        "format": "maillage-personal-data",
        "version": FORMAT_VERSION,
        "site": site_name,
        "generated_at": timezone.now().astimezone(datetime.UTC).isoformat(),
        "address": normalized_address(address or (user.email if user else "")),
        "account": user.get_username() if user is not None else None,
        "tables": tables,
        "row_count": sum(len(rows) for rows in tables.values()),
    }


def personal_data_json(address="", user=None, site_name="Maillage"):
    return json.dumps(
        personal_data_document(address, user, site_name), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
