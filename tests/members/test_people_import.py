import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Invalid, NotPermitted
from kuzbas.members.models import Membership, Person
from kuzbas.members.people_import import import_people
from kuzbas.record.models import Citation
from tests.factories import SiteFactory, SourceFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "key,name_latin,name_original,trade,home_site,"
    "membership_status,member_from,member_to,source,source_locator\n"
)


def problems_of(data: str, actor) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(Invalid) as caught:
        import_people(actor=actor, data=data.encode())
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def test_it_imports_people_with_membership_and_source(clerk):
    SiteFactory(key="kemerovo")
    SourceFactory(key="kuzbas-bulletin")
    data = HEADER + (
        "calvert,H.S. Calvert,,IWW worker,kemerovo,member,1922-01,1926-12-31,kuzbas-bulletin,p. 2\n"
        ",Anna Ivanova,Анна Иванова,hewer,,,,,,\n"
    )

    result = import_people(actor=clerk.user, data=data.encode())

    assert (result.created, result.memberships) == (2, 1)
    calvert = Person.objects.get(key="calvert")
    membership = calvert.memberships.get()
    assert (membership.valid_from.isoformat(), membership.from_precision) == ("1922-01-01", "month")
    assert calvert.citations.get().locator == "p. 2"
    assert Person.objects.get(name_latin="Anna Ivanova").key == "anna-ivanova"


def test_it_names_every_bad_row_and_imports_nothing(clerk):
    SiteFactory(key="kemerovo")
    data = HEADER + (
        "good,Good Row,,,kemerovo,,,,,\n"
        "bad-site,Bad Site,,,atlantis,,,,,\n"
        "bad-date,Bad Date,,,,member,1922-13,,,\n"
        "no-name,,,,,,,,,\n"
        "good,Duplicate Key,,,,,,,,\n"
        "bad-status,Bad Status,,,,emperor,1922,,nowhere,\n"
    )

    people_before = Person.objects.count()

    problems = problems_of(data, clerk.user)

    assert (3, "home_site", "no site with key 'atlantis'") in problems
    assert (4, "member_from", "write YYYY, YYYY-MM or YYYY-MM-DD") in problems
    assert (5, "name_latin", "This field cannot be blank.") in problems
    assert (6, "key", "the key is used again (first on line 2)") in problems
    assert any(line == 7 and field == "membership_status" for line, field, _ in problems)
    assert (7, "source", "no source with key 'nowhere'") in problems
    assert Person.objects.count() == people_before
    assert not Membership.objects.filter(person__key="good").exists()
    assert not Citation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_refuses_a_file_that_is_not_utf8(clerk):
    with pytest.raises(Invalid, match="not UTF-8"):
        import_people(actor=clerk.user, data="name_latin\nM\xfcller\n".encode("latin-1"))


def test_it_refuses_unknown_columns_on_the_header_line(clerk):
    problems = problems_of("name_latin,shoe_size\nA,42\n", clerk.user)

    assert problems == [(1, None, "unknown columns: shoe_size")]


def test_it_refuses_a_header_without_rows(clerk):
    assert problems_of("name_latin\n", clerk.user) == [
        (2, None, "the file has a header but no rows")
    ]


def test_a_colonist_may_not_import(colonist):
    with pytest.raises(NotPermitted):
        import_people(actor=colonist.user, data=b"name_latin\nA\n")


def test_the_import_page_lists_problems_with_their_lines(clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("people.csv", b"name_latin,home_site\nA,atlantis\n")
    people_before = Person.objects.count()

    response = clerk.client.post("/members/import/", {"file": upload})

    assert response.status_code == 200
    assert b"nothing was imported" in response.content
    assert b"atlantis" in response.content
    assert Person.objects.count() == people_before
