"""Every API operation, fed schemathesis' generated input as a colonist and as a clerk, answers
without a server error and with a body its published schema describes.

Bounded and deterministic, so that `make test` runs it every time: a few examples an operation,
derandomized, no example database; the requests go to the Django application in-process (WSGI).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from kuzbas.members.services import issue_api_token
from kuzbas.web.api import api
from kuzbas.web.wsgi import application
from tests.conftest import make_persona
from tests.web.test_permission_matrix import world  # noqa: F401 (a fixture: bodies, a motion)

EXAMPLES_PER_OPERATION = 6

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def bearers(world):  # noqa: F811
    """A colonist's and a clerk's bearer headers, and the WSGI app sharing the test's transaction.

    Django's test client keeps the connection open across requests in the same way: a real
    request's start and end would close it, and with it the test's transaction.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    headers = {}
    for name in ("colonist", "clerk"):
        persona = make_persona(name)
        _token, raw = issue_api_token(actor=persona.user, name="schemathesis")
        headers[name] = {"Authorization": f"Bearer {raw}"}
    yield headers
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_fails_or_breaks_its_schema_for_either_persona(case, bearers):
    for headers in bearers.values():
        case.call_and_validate(
            app=application,
            headers=headers,
            checks=[not_a_server_error, response_schema_conformance],
        )
