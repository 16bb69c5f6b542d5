"""Contract tests: schemathesis drives the API in-process (WSGI) from its own OpenAPI schema.

Stateless — every operation, anonymous and with a partner token — and stateful, following the
OpenAPI links from each create to the read of what it created. Every default check is on; the
committed `schemathesis.toml` bounds the run and says why each tuning exists.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from maillage.initiatives.writing import create_initiative
from maillage.network.writing import Change, create_relation
from tests.contributions.factories import OwnershipFactory
from tests.events.factories import make_event

SCHEMA_URL = "/api/v1/schema/?format=json"


@pytest.fixture
def contract_world(settings, lab63, lab33, contacts, issued, partner):
    """Data for the operations to find (actors, relation, event, initiative, owned fiche); no throttling."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "partner": "100000/min"},
    }
    create_relation(lab63, lab33, "collaboration", change=Change())
    make_event(themes=2)
    create_initiative(
        {"title": "Convention citoyenne", "actors": [{"actor": lab63.slug, "role": "porteur"}]},
        change=Change(),
    )
    OwnershipFactory(user=partner, actor=lab63)
    # Schemathesis calls the WSGI application directly: like Django's test client, keep the
    # request signals from closing the test's database connection (it holds the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield issued[1]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded once at collection (generating the schema reads no database row): one schema for
# anonymous clients, one whose requests carry the current test's partner token.
schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application())
partner_schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application())
CURRENT = {}


@partner_schema.auth(refresh_interval=None)
class PartnerToken:
    """The partner token of the running test, known to schemathesis as the request's credentials."""

    def get(self, case, context):
        return CURRENT.get("secret")

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def partner_secret(contract_world):
    CURRENT["secret"] = contract_world
    yield contract_world
    CURRENT.clear()


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_every_operation_keeps_its_contract_anonymously(case, contract_world):
    case.call_and_validate()


@partner_schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_every_operation_keeps_its_contract_with_a_partner_token(case, partner_secret):
    case.call_and_validate()


def test_the_links_between_operations_keep_their_contract(partner_secret):
    partner_schema.as_state_machine().run(
        settings=settings(
            max_examples=10,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
    )
