import csv
import json

import pytest
from frictionless import Package, validate

from kuzbas.core.actor import Operator
from kuzbas.core.errors import NotPermitted
from kuzbas.datapackage import export_datapackage
from kuzbas.datapackage.classification import PRIVATE, PUBLIC
from kuzbas.meetings.models import Meeting
from kuzbas.record.services import cite
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _rows(directory, table):
    with (directory / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _schemas(directory):
    descriptor = json.loads((directory / "datapackage.json").read_text())
    return {r["name"]: r["schema"] for r in descriptor["resources"]}


@pytest.fixture
def recorded_person():
    person = PersonFactory(key="rutgers", name_latin="S.J. Rutgers", email="secret@example.org")
    MembershipFactory(person=person)
    source = SourceFactory(key="rgaspi-626-1-6")
    cite(actor=Operator(), obj=person, source=source, locator="ll. 61-62")
    cite(actor=Operator(), obj=person, source=None, status="illustrative", note="generated")
    return person


def test_the_export_is_a_valid_data_package_of_every_public_table(tmp_path, recorded_person):
    descriptor = export_datapackage(actor=Operator(), directory=tmp_path)

    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {r.name for r in Package(str(descriptor)).resources} == PUBLIC


def test_the_schemas_declare_types_keys_and_links(tmp_path, recorded_person):
    export_datapackage(actor=Operator(), directory=tmp_path)

    membership = _schemas(tmp_path)["members.membership"]
    types = {f["name"]: f["type"] for f in membership["fields"]}
    assert types["valid_from"] == "date"
    assert types["id"] == "integer"
    assert membership["primaryKey"] == ["id"]
    assert {
        "fields": ["person"],
        "reference": {"resource": "members.person", "fields": ["id"]},
    } in (membership["foreignKeys"])


def test_every_cited_row_carries_its_evidence_and_its_sources_are_named(tmp_path, recorded_person):
    uncited = PersonFactory(key="uncited")

    export_datapackage(actor=Operator(), directory=tmp_path)

    people = {p["key"]: p for p in _rows(tmp_path, "members.person")}
    assert people["rutgers"]["evidence"] == "documented"
    assert people[uncited.key]["evidence"] == ""
    sources = {s["id"]: s["key"] for s in _rows(tmp_path, "record.source")}
    citations = {
        (c["content_type"], c["object_id"], sources.get(c["source"], ""), c["status"])
        for c in _rows(tmp_path, "record.citation")
    }
    assert citations == {
        ("members.person", str(recorded_person.pk), "rgaspi-626-1-6", "documented"),
        ("members.person", str(recorded_person.pk), "", "illustrative"),
    }


def test_the_export_never_contains_private_tables_or_fields(tmp_path, recorded_person):
    UserFactory(username="loginname", person=recorded_person, email="account@example.org")
    Meeting.objects.create(
        body=_body(), title="General meeting", convened_for="1922-01-01T10:00Z", checkin_code="4711"
    )

    export_datapackage(actor=Operator(), directory=tmp_path)

    everything = "".join(p.read_text() for p in tmp_path.iterdir())
    assert "secret@example.org" not in everything
    assert "account@example.org" not in everything
    assert "loginname" not in everything
    assert "4711" not in everything
    schemas = _schemas(tmp_path)
    assert set(schemas).isdisjoint(PRIVATE)
    assert "email" not in {f["name"] for f in schemas["members.person"]["fields"]}
    assert "chair" not in {f["name"] for f in schemas["meetings.meeting"]["fields"]}


def test_a_cell_that_looks_like_a_formula_is_written_as_text(tmp_path):
    PersonFactory(key="formula", name_latin="=HYPERLINK(1)")

    export_datapackage(actor=Operator(), directory=tmp_path)

    assert _rows(tmp_path, "members.person")[0]["name_latin"] == "'=HYPERLINK(1)"


def test_a_colonist_may_not_export(tmp_path, colonist):
    with pytest.raises(NotPermitted):
        export_datapackage(actor=colonist.user, directory=tmp_path)

    assert not (tmp_path / "datapackage.json").exists()


def _body():
    from kuzbas.governance.models import Body

    return Body.objects.create(
        key="general-meeting", name="General meeting", kind="general_meeting"
    )
