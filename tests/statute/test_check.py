"""`kuzbas statute check FILE`: what it prints and the code it exits with."""

from __future__ import annotations

from kuzbas.statute import check_text, main_check
from tests.statute.examples import BAD, COOP


def test_a_valid_statute_prints_a_short_summary_and_exits_zero(tmp_path):
    path = tmp_path / "coop.toml"
    path.write_text(COOP, encoding="utf-8")
    assert main_check(str(path)) == (
        0,
        f'{path}: OK: "Statute of a small cooperative", version 1, in force from 1930-01-01: '
        "4 bodies, 5 seats, 6 matters, 3 procedures, 3 appeal rules, 2 transfers, "
        "1 entrenched clause",
    )


def test_a_bad_statute_prints_every_problem_and_exits_one():
    path = BAD / "many_problems.toml"
    code, text = main_check(str(path))
    lines = text.splitlines()
    assert code == 1
    assert len(lines) == 6
    assert all(line.startswith(f"{path}:") for line in lines)
    assert lines[-1] == f"{path}: 5 problems; not loaded"


def test_a_missing_file_exits_two(tmp_path):
    missing = tmp_path / "nowhere.toml"
    assert main_check(str(missing)) == (2, f"{missing}: no such file")


def test_a_file_that_is_not_text_exits_two(tmp_path):
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00")
    code, text = main_check(str(path))
    assert code == 2
    assert text.startswith(f"{path}: cannot be read")


def test_text_can_be_checked_under_the_name_a_user_would_recognise():
    report = check_text('[statute]\nid = "x"\n', file="uploaded.toml")
    assert [str(p) for p in report.problems] == [
        'uploaded.toml:1: [statute] needs "effective" (a date like 1922-10-31) [key.missing]'
    ]
