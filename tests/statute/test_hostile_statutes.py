"""Statute files made to break the checker: each is refused with its line, never a crash."""

from __future__ import annotations

from kuzbas.statute.check import check_text, main_check
from tests.statute.examples import COOP


def lines_of(text: str) -> list[str]:
    return [f"{p.line}: {p.message} [{p.rule}]" for p in check_text(text).problems]


def line_where(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_the_cooperative_is_sound_to_begin_with():
    assert lines_of(COOP) == []


def test_a_list_nested_500_deep_is_refused_at_its_line_not_with_a_recursion_error(tmp_path):
    text = COOP + "\n[[matter]]\nid = 'x'\nnote = " + "[" * 500 + "]" * 500 + "\n"
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")

    code, printed = main_check(str(path))

    assert code != 0
    assert f"{path}:{line_where(text, 'note = ')}: values are nested more than 20 deep" in printed


def test_an_inline_table_nested_500_deep_is_refused_at_its_line():
    text = COOP + "\nextra = " + "{a = " * 500 + "1" + "}" * 500 + "\n"

    assert lines_of(text) == [
        f"{line_where(text, 'extra = ')}: values are nested more than 20 deep "
        "(lists and tables in lists) [toml.depth]"
    ]


def test_a_seat_count_of_1e23_is_refused_at_its_line():
    text = COOP.replace("count = 1\n", "count = 100000000000000000000000\n", 1)

    assert (
        f'{line_where(text, "count = 1000")}: "count" must be a whole number of at most '
        "1,000,000, not 100,000,000,000,000,000,000,000 [value.range]"
    ) in lines_of(text)


def test_an_id_with_a_right_to_left_override_is_refused_at_its_line():
    text = COOP.replace('id = "board"', 'id = "bo\u202eard"')
    line = line_where(text, "\u202e")

    assert (
        f'{line}: "id" must not contain U+202E RIGHT-TO-LEFT OVERRIDE [value.control]'
    ) in lines_of(text)


def test_a_nul_in_a_name_is_refused_at_its_line():
    text = COOP.replace('name = "Board"', 'name = "Bo\\u0000ard"')

    assert f'{line_where(text, "Bo")}: "name" must not contain U+0000 [value.control]' in (
        lines_of(text)
    )


def test_a_matter_listed_with_a_bidi_isolate_is_refused():
    text = COOP.replace('matter = "board_election"', 'matter = "board\u2066_election"', 1)

    assert any("U+2066" in line and "[value.control]" in line for line in lines_of(text))
