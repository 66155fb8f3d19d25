"""`import_datapackage`: a package into an empty database, all of it or nothing."""

import datetime as dt

import pytest

from kuzbas.core.actor import Operator
from kuzbas.core.errors import Conflict, Invalid, NotPermitted
from kuzbas.datapackage import export_datapackage, import_datapackage
from kuzbas.demo.loader import load_demo
from kuzbas.members.models import Membership, Person
from tests.datapackage.conftest import package_files
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_package(tmp_path, empty_database):
    """A package of two people and a membership, and the database emptied after its export."""
    person = PersonFactory(key="rutgers", languages=["nl", "en"])
    MembershipFactory(person=person, valid_from=dt.date(1922, 1, 1))
    PersonFactory(key="haywood", name_latin="=cmd|' /C calc'!A0")
    export_datapackage(actor=Operator(), directory=tmp_path)
    empty_database()
    return tmp_path


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_demo_exported_imported_and_exported_again_is_the_same_byte_for_byte(
    tmp_path, empty_database
):
    load_demo(actor=Operator())
    first = tmp_path / "first"
    export_datapackage(actor=Operator(), directory=first)
    empty_database()

    counts = import_datapackage(actor=Operator(), directory=first)
    second = tmp_path / "second"
    export_datapackage(actor=Operator(), directory=second)

    assert counts["members.person"] == Person.objects.count() > 0
    assert package_files(second) == package_files(first)


def test_an_imported_person_keeps_her_languages_and_a_formula_like_name(small_package):
    import_datapackage(actor=Operator(), directory=small_package)

    assert Person.objects.get(key="rutgers").languages == ["nl", "en"]
    assert Person.objects.get(key="haywood").name_latin == "=cmd|' /C calc'!A0"
    assert Membership.objects.get().valid_from == dt.date(1922, 1, 1)


def test_it_refuses_a_database_that_is_not_empty_and_changes_nothing(small_package):
    PersonFactory(key="already-here")

    with pytest.raises(Conflict, match="not empty"):
        import_datapackage(actor=Operator(), directory=small_package)

    assert list(Person.objects.values_list("key", flat=True)) == ["already-here"]


def test_a_cell_of_the_wrong_type_is_named_by_table_row_and_column_and_nothing_is_stored(
    small_package,
):
    _replace(small_package / "members.membership.csv", "1922-01-01", "1922-13-01")

    with pytest.raises(Invalid) as refused:
        import_datapackage(actor=Operator(), directory=small_package)

    assert [(p.field, p.line) for p in refused.value.problems] == [
        ("members.membership.valid_from", 2)
    ]
    assert not Person.objects.exists()


def test_a_cell_that_is_not_json_is_named_and_nothing_is_stored(small_package):
    _replace(small_package / "members.person.csv", '"[""nl"",""en""]"', "[nl")

    with pytest.raises(Invalid) as refused:
        import_datapackage(actor=Operator(), directory=small_package)

    assert [p.field for p in refused.value.problems] == ["members.person.languages"]
    assert not Person.objects.exists()


def test_a_link_to_a_row_that_is_not_in_the_package_is_refused(small_package):
    person = small_package / "members.person.csv"
    lines = person.read_text(encoding="utf-8").splitlines(keepends=True)
    person.write_text(lines[0] + "".join(line for line in lines[1:] if "rutgers" not in line))

    with pytest.raises(Invalid) as refused:
        import_datapackage(actor=Operator(), directory=small_package)

    assert [p.field for p in refused.value.problems] == ["members.membership.person"]
    assert not Person.objects.exists()


def test_a_package_without_one_of_this_versions_columns_is_refused_naming_it(small_package):
    _replace(small_package / "datapackage.json", '"name": "trade"', '"name": "craft"')

    with pytest.raises(Invalid) as refused:
        import_datapackage(actor=Operator(), directory=small_package)

    problem = refused.value.problems[0]
    assert problem.field == "members.person"
    assert "trade" in problem.message and "craft" in problem.message


def test_a_colonist_may_not_import(small_package, colonist):
    with pytest.raises(NotPermitted):
        import_datapackage(actor=colonist.user, directory=small_package)


def test_a_row_added_after_an_import_is_numbered_after_the_imported_ones(small_package):
    import_datapackage(actor=Operator(), directory=small_package)
    highest = max(Person.objects.values_list("pk", flat=True))

    added = PersonFactory(key="after-the-import")

    assert added.pk > highest
