"""Raw answers for researchers: one row per answer, CSV or XLSX, optionally pseudonymised.

Pseudonymised files replace every actor (respondent and partner) by a code stable within the
campaign (an HMAC of the actor's id keyed by the site's secret and the campaign), keep the
type and département (the analysis needs them) and drop free-text comments, which can name
people.
"""

import csv
import hashlib
import hmac
import io

from django.conf import settings
from openpyxl import Workbook

from maillage.core.spreadsheet import safe_row

from .models import Answer

# untranslated: column headers of a research data file, stable across languages
COLUMNS = [
    "wave",
    "respondent",
    "respondent_type",
    "respondent_department",
    "partner",
    "partner_type",
    "partner_department",
    "kind",
    "direction",
    "verdict",
    "motivations",
    "frequency",
    "since_year",
    "comment",
    "response_status",
    "updated_at",
]


def pseudonym(campaign, actor_id):
    key = f"{settings.SECRET_KEY}:surveys:{campaign.pk}".encode()
    return "A-" + hmac.new(key, str(actor_id).encode(), hashlib.sha256).hexdigest()[:10]


def answer_rows(campaign, *, pseudonymise=False):
    answers = (
        Answer.objects.filter(response__invitation__wave__campaign=campaign)
        .select_related(
            "response__invitation__wave",
            "response__invitation__actor__department",
            "partner__department",
            "response__invitation__actor__parent",
            "partner__parent",
            "proposed_actor",
        )
        .order_by("response__invitation__wave__number", "response__invitation__actor__name", "pk")
    )
    for answer in answers.iterator(chunk_size=1000):
        respondent = answer.response.invitation.actor
        partner = answer.partner

        def name(actor):
            return pseudonym(campaign, actor.pk) if pseudonymise else actor.display_name

        if partner is None:  # an organisation proposed as a new actor, not accepted (yet)
            proposed = answer.proposed_actor
            partner_columns = [
                pseudonym(campaign, f"proposal-{proposed.pk}") if pseudonymise else proposed.payload.get("name", ""),
                "",
                "",
            ]
        else:
            partner_columns = [
                name(partner),
                partner.primary_type_id,
                partner.department.code if partner.department_id else "",
            ]

        yield [
            answer.response.invitation.wave.number,
            name(respondent),
            respondent.primary_type_id,
            respondent.department.code if respondent.department_id else "",
            *partner_columns,
            answer.kind,
            answer.direction,
            answer.verdict,
            ";".join(answer.motivations),
            answer.frequency,
            answer.since_year or "",
            "" if pseudonymise else answer.comment,
            answer.response.status,
            answer.updated_at.isoformat(timespec="seconds"),
        ]


def to_csv(campaign, *, pseudonymise=False):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in answer_rows(campaign, pseudonymise=pseudonymise):
        writer.writerow(safe_row(row))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(campaign, *, pseudonymise=False):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("answers")
    sheet.append(COLUMNS)
    for row in answer_rows(campaign, pseudonymise=pseudonymise):
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
