"""The colony's day for the groups' tests, the bureau's clerk, and a forming fourth group."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import make_persona
from tests.governance.conftest import cooperative  # noqa: F401 - the statute where a body admits
from tests.recruitment.groups.factories import GroupFactory

TODAY = dt.date(1922, 6, 1)


@pytest.fixture(autouse=True)
def _colony_day(settings):
    settings.KUZBAS_TODAY = TODAY


@pytest.fixture
def bureau_clerk(db):
    return make_persona("bureau_clerk")


@pytest.fixture
def group(db):
    return GroupFactory(number=4, name="The fourth group")
