"""The citations of any citable record over the API: list, cite, withdraw."""

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.record.models import Citation, Source

pytestmark = pytest.mark.django_db

URL = "/api/record/citations"
RUTGERS = {"type": "members.person", "id": "rutgers"}
FILE = "rgaspi-626-1-6"


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_a_clerk_cites_a_source_in_the_record_and_anyone_may_read_it(records, clerk, colonist):
    number = records.motion.number
    created = post(
        clerk.client,
        {
            "object": {"type": "governance.motion", "id": str(number)},
            "source": "rgaspi-626-1-6",
            "locator": "l. 7",
        },
    )
    listed = colonist.client.get(URL, {"type": "governance.motion", "id": number})

    assert created.status_code == 201
    assert created.json()["status"] == "documented"
    assert listed.status_code == 200
    assert listed.json() == [created.json()]
    assert listed.json()[0]["source"] == "rgaspi-626-1-6"
    assert listed.json()[0]["locator"] == "l. 7"


def test_a_new_source_given_by_its_fields_is_added_and_cited(records, clerk):
    response = post(
        clerk.client,
        {
            "object": {"type": "production.unit", "id": "mine-1"},
            "source": {"key": "aik-report-1923", "title": "AIK report", "kind": "report"},
            "locator": "p. 4",
        },
    )

    assert response.status_code == 201
    assert response.json()["source"] == "aik-report-1923"
    assert records.unit.citations.get().source.title == "AIK report"


def test_an_illustrative_mark_is_told_apart_from_a_documented_citation(records, clerk):
    post(
        clerk.client,
        {
            "object": {"type": "meetings.meeting", "id": str(records.meeting.pk)},
            "status": "illustrative",
            "note": "generated for the demo",
        },
    )

    listed = clerk.client.get(URL, {"type": "meetings.meeting", "id": records.meeting.pk})

    assert [(c["status"], c["source"]) for c in listed.json()] == [("illustrative", None)]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"object": {"type": "members.person", "id": "rutgers"}}, 422, "source"),
        (
            {"object": {"type": "members.site", "id": "x"}, "source": "rgaspi-626-1-6"},
            422,
            "object",
        ),
        (
            {"object": {"type": "members.person", "id": "nobody"}, "source": "rgaspi-626-1-6"},
            404,
            None,
        ),
        (
            {"object": {"type": "members.person", "id": "rutgers"}, "source": "no-such"},
            404,
            "source",
        ),
        (
            {"object": {"type": "members.person", "id": "rutgers"}, "source": {"kind": "book"}},
            422,
            "source.title",
        ),
    ],
    ids=["no-source", "not-citable", "no-such-record", "no-such-source", "new-source-untitled"],
)
def test_a_refusal_names_what_is_wrong_and_stores_nothing(records, clerk, body, status, field):
    before = (Citation.objects.count(), Source.objects.count(), AuditEntry.objects.count())

    response = post(clerk.client, body)

    assert response.status_code == status
    answer = response.json()
    fields = [p["field"] for p in answer.get("problems", [])] + [answer.get("field")]
    assert field in fields
    assert (Citation.objects.count(), Source.objects.count(), AuditEntry.objects.count()) == before


def test_a_member_without_the_right_gets_403_and_nothing_is_stored(records, colonist):
    response = post(
        colonist.client,
        {
            "object": {"type": "members.person", "id": "rutgers"},
            "source": {"title": "Forged", "kind": "other"},
        },
    )

    assert response.status_code == 403
    assert response.json()["code"] == "not_permitted"
    assert not Citation.objects.exists()
    assert not Source.objects.filter(title="Forged").exists()


def test_a_clerk_withdraws_a_citation_and_a_member_may_not(records, clerk, colonist):
    created = post(
        clerk.client,
        {"object": {"type": "members.person", "id": "rutgers"}, "source": "rgaspi-626-1-6"},
    ).json()

    refused = colonist.client.delete(f"{URL}/{created['id']}")
    withdrawn = clerk.client.delete(f"{URL}/{created['id']}")
    again = clerk.client.delete(f"{URL}/{created['id']}")

    assert refused.status_code == 403
    assert withdrawn.status_code == 204
    assert again.status_code == 404
    assert not records.person.citations.exists()
    assert AuditEntry.objects.latest("pk").action == "record.citation.withdraw"


def test_a_citation_of_a_record_that_cannot_be_cited_here_cannot_be_withdrawn_here(records, clerk):
    from django.contrib.contenttypes.models import ContentType

    from tests.factories import SiteFactory

    site = SiteFactory(key="kemerovo")
    citation = Citation.objects.create(
        content_type=ContentType.objects.get_for_model(site),
        object_id=site.pk,
        status="illustrative",
    )

    response = clerk.client.delete(f"{URL}/{citation.pk}")

    assert response.status_code == 404
    assert Citation.objects.filter(pk=citation.pk).exists()
