"""Hostile input gets a word: formulas, control characters, decimal commas, foreign keyboards,
oversized cells, files and archives are each refused or neutralised with a message that names
the field, the line or the limit, never a 500 and never silently."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook, load_workbook

from kuzbas.core.errors import Invalid
from kuzbas.datapackage import export_datapackage
from kuzbas.members import people_import
from kuzbas.members.models import Person
from kuzbas.members.people_import import import_people
from kuzbas.members.services import create_person
from kuzbas.production.imports import reading
from kuzbas.production.imports.importing import import_file, preview_file
from kuzbas.production.models.statistics import OutputRecord, Plan
from kuzbas.record.models import Citation
from tests.factories import PersonFactory, SourceFactory
from tests.meetings.conftest import assembly  # noqa: F401 (a fixture)
from tests.production.conftest import colony  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

HEADER = "unit,product,period_kind,period_start,shift,quantity,unit_of_measure,source,locator,note"
FORMULA = "=cmd|' /C calc'!A0"


def output_file(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode() + b"\n"


def problems_of(call) -> set[tuple[int | None, str | None, str]]:
    with pytest.raises(Invalid) as caught:
        call()
    return {(p.line, p.field, p.message) for p in caught.value.problems}


def preview_problems(kind: str, data: bytes, filename: str) -> set[tuple[int | None, str | None]]:
    return {(p.line, p.field) for p in preview_file(kind, data, filename).problems}


def api_post(persona, url: str, body: dict):
    return persona.client.post(url, body, content_type="application/json")


# Formulas in exports


@pytest.fixture
def a_formula_in_a_note(colony, clerk):  # noqa: F811
    SourceFactory(key="report")
    data = output_file(f'north,coal,month,1923-03-01,,1200,tonne,report,p. 1,"{FORMULA}"')
    import_file(actor=clerk.user, kind="output", data=data, filename="o.csv")


def test_a_formula_in_a_note_is_exported_to_csv_after_an_apostrophe(a_formula_in_a_note, clerk):
    response = clerk.client.get("/production/export/output.csv")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][-1] == "'" + FORMULA


def test_a_formula_in_a_note_is_exported_to_xlsx_as_text_not_a_formula(a_formula_in_a_note, clerk):
    response = clerk.client.get("/production/export/output.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cell = sheet.cell(row=2, column=sheet.max_column)
    assert (cell.value, cell.data_type) == ("'" + FORMULA, "s")


def test_an_exported_file_imports_back_with_the_note_as_it_was(a_formula_in_a_note, clerk):
    exported = b"".join(clerk.client.get("/production/export/output.csv").streaming_content)

    result = import_file(actor=clerk.user, kind="output", data=exported, filename="back.csv")

    assert (result.created, result.changed) == (0, 0)
    assert Citation.objects.get().note == FORMULA


def test_negative_numbers_are_exported_as_numbers_not_as_text(colony):  # noqa: F811
    from kuzbas.core.text import spreadsheet_safe

    assert [spreadsheet_safe(v) for v in ("-5", "+1.5", "-", "@x", "\tx")] == [
        "-5",
        "+1.5",
        "'-",
        "'@x",
        "'\tx",
    ]


def test_the_data_package_writes_a_formula_in_a_name_after_an_apostrophe(operator, tmp_path):
    PersonFactory(key="p1", name_latin="@SUM(1+1)*cmd|' /C calc'!A0")

    export_datapackage(actor=operator, directory=tmp_path)

    text = (tmp_path / "members.person.csv").read_text(encoding="utf-8")
    people = list(csv.DictReader(io.StringIO(text)))
    assert [p["name_latin"] for p in people] == ["'@SUM(1+1)*cmd|' /C calc'!A0"]


@pytest.mark.parametrize("control", ["\x00", "\x01"], ids=["NUL", "SOH"])
def test_a_control_character_stored_before_the_input_refused_it_does_not_stop_the_xlsx_export(
    a_formula_in_a_note, clerk, control
):
    if control == "\x00" and connection.vendor == "postgresql":
        pytest.skip("PostgreSQL cannot store a NUL in text, so only SQLite can hold an old one")
    Citation.objects.update(note=f"a{control}b")

    response = clerk.client.get("/production/export/output.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(row=2, column=sheet.max_column).value == "a\ufffdb"


# Control characters


def test_a_nul_in_an_imported_note_is_refused_with_its_line_and_column(colony, clerk):  # noqa: F811
    data = output_file(
        "north,coal,month,1923-03-01,,1200,tonne,,,", "north,coal,day,1923-03-02,,4,tonne,,,a\x00b"
    )

    assert problems_of(lambda: preview_file("output", data, "o.csv")) == {
        (3, "note", "must not contain the control character U+0000")
    }
    with pytest.raises(Invalid):
        import_file(actor=clerk.user, kind="output", data=data, filename="o.csv")
    assert OutputRecord.objects.count() == 0


def test_an_escape_character_in_a_people_import_is_refused_with_its_line_and_column(operator):
    data = b"key,name_latin\nanna,Anna\nboris,Bo\x1bris\n"

    assert problems_of(lambda: import_people(actor=operator, data=data)) == {
        (3, "name_latin", "must not contain the control character U+001B")
    }
    assert Person.objects.count() == 0


def test_a_service_refuses_a_nul_in_a_field_with_the_fields_name(operator):
    problems = problems_of(lambda: create_person(actor=operator, key="x", name_latin="a\x00b"))

    assert (None, "name_latin", "must not contain the control character U+0000") in problems


def test_the_api_refuses_a_nul_in_a_new_persons_name_naming_the_field(personas):
    response = api_post(personas["clerk"], "/api/members/people", {"name_latin": "a\x00b"})

    assert response.status_code == 422
    assert response.json()["problems"] == [
        {
            "message": "must not contain the control character U+0000",
            "field": "name_latin",
            "line": None,
        }
    ]
    assert not Person.objects.filter(name_latin__contains="a").exclude(key__startswith="persona")


def test_the_api_refuses_a_nul_in_a_list_naming_its_place(personas):
    response = api_post(
        personas["clerk"],
        "/api/members/people",
        {"name_latin": "Anna", "languages": ["ru", "\x00"]},
    )

    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "languages.1"


def test_the_api_refuses_a_nul_in_a_motions_title(personas):
    body = {"title": "Pumps\x00", "text": "Install pumps", "matter": "technical", "body": "x"}

    response = api_post(personas["board_member"], "/api/governance/motions", body)

    assert (response.status_code, response.json()["problems"][0]["field"]) == (422, "title")


def test_a_nul_in_a_persons_key_in_the_path_is_not_found_without_asking_the_database(personas):
    # PostgreSQL refuses a NUL in a query's text with a server error; it is never asked.
    with CaptureQueriesContext(connection) as queries:
        response = personas["clerk"].client.get("/api/members/people/a%00b")

    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert not [q["sql"] for q in queries if '"members_person"."key" =' in q["sql"]]


def test_a_page_form_with_a_nul_is_answered_with_the_fields_name(personas):
    response = personas["clerk"].client.post("/members/new/", {"name_latin": "a\x00b"})

    assert response.status_code == 422
    assert "name_latin: must not contain the control character U+0000" in response.content.decode()


def test_a_search_with_a_nul_is_refused_not_a_server_error(personas):
    response = personas["clerk"].client.get("/api/members/people", {"q": "a\x00"})

    assert (response.status_code, response.json()["problems"][0]["field"]) == (422, "q")


def test_line_breaks_and_tabs_in_a_text_are_still_accepted(personas):
    response = api_post(
        personas["clerk"],
        "/api/members/people",
        {"name_latin": "Anna", "description": "First line\r\n\tsecond line"},
    )

    assert response.status_code == 201, response.content


# Decimal commas


def test_a_decimal_comma_in_english_is_refused_as_ambiguous_naming_row_and_column(colony):  # noqa: F811
    data = output_file(
        'north,coal,day,1923-03-02,,"1,5",tonne,,,', 'north,coal,day,1923-03-03,,"12,34",tonne,,,'
    )

    problems = preview_file("output", data, "o.csv").problems

    assert {(p.line, p.field) for p in problems} == {(2, "quantity"), (3, "quantity")}
    assert all("ambiguous" in p.message for p in problems)


def test_thousands_grouped_by_commas_in_english_still_read_as_thousands(colony, clerk):  # noqa: F811
    data = output_file('north,coal,day,1923-03-02,,"1,234.5",tonne,,,')

    import_file(actor=clerk.user, kind="output", data=data, filename="o.csv")

    assert OutputRecord.objects.get().quantity_entered == Decimal("1234.5")


def test_a_decimal_comma_in_russian_is_the_decimal_separator(colony, clerk):  # noqa: F811
    data = output_file(
        'north,coal,day,1923-03-02,,"1,5",tonne,,,', 'north,coal,day,1923-03-03,,"1 234,5",tonne,,,'
    )

    with translation.override("ru"):
        import_file(actor=clerk.user, kind="output", data=data, filename="o.csv")

    assert sorted(OutputRecord.objects.values_list("quantity_entered", flat=True)) == [
        Decimal("1.5"),
        Decimal("1234.5"),
    ]


def test_a_count_in_superscript_digits_is_refused_not_a_server_error(colony):  # noqa: F811
    data = "unit,on,category,count\nnorth,1923-03-01,all,\u00b2\n".encode()

    assert preview_problems("headcount", data, "h.csv") == {(2, "count")}


# Check-in codes typed in another script


def check_in(assembly, code: str):  # noqa: F811
    client = Client()
    client.force_login(assembly.members["anna"])
    url = f"/api/meetings/{assembly.meeting.pk}/check-in"
    return client.post(url, {"code": code}, content_type="application/json")


def test_a_code_typed_on_a_russian_keyboard_checks_in(assembly):  # noqa: F811
    qwerty = "QWERTYUIOPASDFGHJKLZXCVBNM"
    russian = "ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬ"
    typed = assembly.meeting.checkin_code.translate(str.maketrans(qwerty, russian)).lower()

    assert check_in(assembly, typed).status_code == 201


def test_a_code_copied_with_cyrillic_lookalikes_checks_in(assembly):  # noqa: F811
    assembly.meeting.checkin_code = "CAK7MH"
    assembly.meeting.save(update_fields=["checkin_code"])

    assert check_in(assembly, "САК7МН").status_code == 201


def test_a_code_in_another_script_is_refused_with_a_word_not_a_server_error(assembly):  # noqa: F811
    response = check_in(assembly, "日本語コード")

    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "code"
    assert "Latin letters and digits" in response.json()["problems"][0]["message"]


# Sizes: cells, rows, archives


def test_a_csv_cell_over_128_kb_is_refused_with_its_line(colony):  # noqa: F811
    data = output_file(
        "north,coal,day,1923-03-02,,4,tonne,,,ok",
        f'north,coal,day,1923-03-03,,4,tonne,,,"{"x" * 140_000}"',
    )

    problems = problems_of(lambda: preview_file("output", data, "o.csv"))

    assert problems == {(3, None, "a cell is longer than 10,000 characters")}


def test_a_people_file_with_a_cell_over_128_kb_is_refused_with_its_line(operator):
    data = f'key,name_latin\nanna,Anna\nboris,"{"x" * 140_000}"\n'.encode()

    assert problems_of(lambda: import_people(actor=operator, data=data)) == {
        (3, None, "a cell is longer than 10,000 characters")
    }


def test_the_api_answers_an_oversized_cell_with_422(personas):
    data = f'key,name_latin\nboris,"{"x" * 140_000}"\n'.encode()
    upload = io.BytesIO(data)
    upload.name = "people.csv"

    response = personas["clerk"].client.post("/api/members/people/import", {"file": upload})

    assert response.status_code == 422


def test_a_csv_above_the_row_limit_is_refused_at_once_with_the_limit(colony):  # noqa: F811
    rows = reading.MAX_ROWS["csv"] + 1
    data = (HEADER + "\n" + "north,coal,day,1923-03-02,,4,tonne,,,\n" * rows).encode()
    started = time.perf_counter()

    problems = problems_of(lambda: preview_file("output", data, "o.csv"))

    assert time.perf_counter() - started < 5
    assert problems == {
        (
            None,
            None,
            "the file has more than 200,000 rows; split it into files of at most 200,000 rows",
        )
    }


def test_an_xlsx_above_the_row_limit_is_refused_with_the_limit(colony, monkeypatch):  # noqa: F811
    monkeypatch.setitem(reading.MAX_ROWS, "xlsx", 3)
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for day in range(1, 6):
        sheet.append(["north", "coal", "day", f"1923-03-0{day}", None, 4, "tonne"])
    out = io.BytesIO()
    book.save(out)

    problems = problems_of(lambda: preview_file("output", out.getvalue(), "o.xlsx"))

    assert problems == {
        (None, None, "the file has more than 3 rows; split it into files of at most 3 rows")
    }


def test_a_people_file_above_the_row_limit_is_refused_with_the_limit(operator):
    rows = people_import.MAX_ROWS + 1
    data = ("key,name_latin\n" + "".join(f"p{n},P{n}\n" for n in range(rows))).encode()

    assert problems_of(lambda: import_people(actor=operator, data=data)) == {
        (
            None,
            None,
            "the file has more than 50,000 rows; split it into files of at most 50,000 rows",
        )
    }
    assert Person.objects.count() == 0


def test_a_zip_bomb_posing_as_xlsx_is_refused_before_it_is_unpacked(colony):  # noqa: F811
    out = io.BytesIO()
    archive = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED)
    with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
        for _n in range(110):
            entry.write(b"\0" * (1024 * 1024))
    archive.close()
    started = time.perf_counter()

    problems = problems_of(lambda: preview_file("output", out.getvalue(), "bomb.xlsx"))

    assert time.perf_counter() - started < 1
    assert [m for _l, _f, m in problems] == [
        "the workbook unpacks to 110 MB in 1 parts; at most 100 MB in 1,000 parts are read"
    ]


def test_an_xlsx_of_too_many_parts_is_refused(colony):  # noqa: F811
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(1001):
            archive.writestr(f"part{n}.xml", b"")

    problems = problems_of(lambda: preview_file("output", out.getvalue(), "parts.xlsx"))

    assert [m for _l, _f, m in problems] == [
        "the workbook unpacks to 0 MB in 1,001 parts; at most 100 MB in 1,000 parts are read"
    ]


def test_the_refusal_of_a_control_character_is_said_in_russian_on_a_russian_page(operator):
    with translation.override("ru"):
        problems = problems_of(lambda: create_person(actor=operator, key="x", name_latin="a\x07"))

    assert (None, "name_latin", "не должно содержать управляющий символ U+0007") in problems


def plan_form(target: str) -> dict:
    return {
        "unit": "north",
        "product": "coal",
        "period_kind": "month",
        "period_start": "2025-03-01",
        "target": target,
    }


def test_a_decimal_comma_on_a_russian_plan_page_is_the_decimal_separator(colony, clerk):  # noqa: F811
    clerk.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    clerk.client.post("/production/plans/", plan_form("1,5"))

    assert list(Plan.objects.values_list("target_entered", flat=True)) == [Decimal("1.5")]


def test_a_decimal_comma_on_an_english_plan_page_is_refused_not_misread(colony, clerk):  # noqa: F811
    response = clerk.client.post("/production/plans/", plan_form("1,5"))

    assert response.status_code == 422
    assert "target" in response.context["form"].errors
    assert not Plan.objects.exists()
