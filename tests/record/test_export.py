import csv
import json

import pytest
from frictionless import Package, validate

from kuzbas.core.actor import Operator
from kuzbas.core.errors import NotPermitted
from kuzbas.datapackage import export_datapackage
from kuzbas.record.services import cite
from tests.factories import MembershipFactory, PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded_person():
    person = PersonFactory(key="rutgers", name_latin="S.J. Rutgers", email="secret@example.org")
    MembershipFactory(person=person)
    source = SourceFactory(key="rgaspi-626-1-6")
    cite(actor=Operator(), obj=person, source=source, locator="ll. 61-62")
    cite(actor=Operator(), obj=person, source=None, status="illustrative", note="generated")
    return person


def test_the_export_is_a_valid_data_package_with_members_and_their_sources(
    tmp_path, recorded_person
):
    descriptor = export_datapackage(actor=Operator(), directory=tmp_path)

    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(descriptor))
    assert {r.name for r in package.resources} >= {"people", "memberships", "sources", "citations"}
    with (tmp_path / "citations.csv").open(newline="") as handle:
        citations = list(csv.DictReader(handle))
    assert {(c["record_table"], c["record"], c["source"], c["status"]) for c in citations} == {
        ("people", "rutgers", "rgaspi-626-1-6", "documented"),
        ("people", "rutgers", "", "illustrative"),
    }


def test_the_export_never_contains_private_fields(tmp_path, recorded_person):
    export_datapackage(actor=Operator(), directory=tmp_path)

    everything = "".join(p.read_text() for p in tmp_path.iterdir())
    assert "secret@example.org" not in everything
    people_schema = next(
        r
        for r in json.loads((tmp_path / "datapackage.json").read_text())["resources"]
        if r["name"] == "people"
    )["schema"]
    assert "email" not in {f["name"] for f in people_schema["fields"]}


def test_a_colonist_may_not_export(tmp_path, colonist):
    with pytest.raises(NotPermitted):
        export_datapackage(actor=colonist.user, directory=tmp_path)
