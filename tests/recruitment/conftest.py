"""A bureau with an open call, a clerk of the bureau, and the public form's checks relaxed in
time (a test sends the form at once; `guard.check_stamp` is tested on its own)."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.recruitment import guard
from tests.conftest import make_persona
from tests.governance.conftest import cooperative  # noqa: F401 - the statute where a body admits
from tests.recruitment.factories import BureauFactory, CallFactory, RefusalReasonFactory

TODAY = dt.date(1922, 6, 1)


@pytest.fixture(autouse=True)
def _recruitment_settings(settings, tmp_path):
    settings.KUZBAS_TODAY = TODAY
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KUZBAS_APPLY_MIN_SECONDS = 0


@pytest.fixture
def bureau(db):
    return BureauFactory(key="new-york", name="American Organization Committee")


@pytest.fixture
def reason(bureau):
    return RefusalReasonFactory(bureau=bureau, key="no-place")


@pytest.fixture
def call(bureau):
    return CallFactory(
        bureau=bureau,
        key="prospectus-1922",
        questions=[
            {
                "key": "tools",
                "label": "Do you bring your own tools?",
                "kind": "yes_no",
                "required": True,
            },
            {"key": "years", "label": "Years in the trade", "kind": "number"},
        ],
    )


@pytest.fixture
def bureau_clerk(db):
    return make_persona("bureau_clerk")


def form_data(call, **overrides) -> dict:
    """What a person sends from the call's form."""
    data = {
        "name": "John Smith",
        "email": "john.smith@example.org",
        "phone": "+1 212 555 0100",
        "nationality": "American",
        "trade": "miner",
        "skills": "Ten years in the Pennsylvania anthracite.",
        "languages": "English, German",
        "q_tools": "yes",
        "q_years": "10",
        "consent": "yes",
        guard.STAMP: guard.form_stamp(call.key),
        guard.HONEYPOT: "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
