"""The applications list, its API and the landing page cost a fixed number of queries, however
many applications there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.recruitment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        reverse("recruitment:applications"),
        "/api/recruitment/applications",
        reverse("recruitment:home"),
    ],
)
def test_a_list_costs_the_same_for_two_applications_or_twelve(call, bureau_clerk, url):
    for _n in range(2):
        ApplicationFactory(call=call)
    few = queries(bureau_clerk.client, url)
    for _n in range(10):
        ApplicationFactory(call=call)

    assert queries(bureau_clerk.client, url) == few
