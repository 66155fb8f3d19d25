"""`kuzbas export` and `kuzbas import-package` as an operator runs them."""

import datetime as dt

import pytest
from typer.testing import CliRunner

from kuzbas.cli import app
from kuzbas.members.models import Person
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def exported(tmp_path, empty_database):
    MembershipFactory(person=PersonFactory(key="rutgers"), valid_from=dt.date(1922, 1, 1))
    result = runner.invoke(app, ["export", str(tmp_path)])
    assert result.exit_code == 0, result.output
    empty_database()
    return tmp_path


def test_import_package_loads_an_export_into_a_new_database(exported):
    result = runner.invoke(app, ["import-package", str(exported)])

    assert result.exit_code == 0, result.output
    assert "rows in" in result.output.splitlines()[-1]
    assert list(Person.objects.values_list("key", flat=True)) == ["rutgers"]


def test_import_package_refuses_a_database_in_use(exported):
    PersonFactory(key="already-here")

    result = runner.invoke(app, ["import-package", str(exported)])

    assert result.exit_code == 1
    assert "not empty" in result.output
    assert list(Person.objects.values_list("key", flat=True)) == ["already-here"]


def test_import_package_names_the_table_column_and_row_of_a_bad_cell(exported):
    memberships = exported / "members.membership.csv"
    memberships.write_text(memberships.read_text().replace("1922-01-01", "someday"))

    result = runner.invoke(app, ["import-package", str(exported)])

    assert result.exit_code == 1
    assert "members.membership.valid_from:2: " in result.output
    assert "Nothing was imported." in result.output
    assert not Person.objects.exists()
