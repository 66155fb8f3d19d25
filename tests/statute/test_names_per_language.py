"""A statute file names a body or a matter in each language its readers use."""

from __future__ import annotations

from kuzbas.statute.check import check_text
from kuzbas.statute.phrases import translate
from tests.statute.examples import COOP, colony_history, load_statute_text

BOARD = 'id = "board"\nname = "Board"'


def with_board_named(name: str) -> str:
    assert BOARD in COOP
    return COOP.replace(BOARD, f'id = "board"\nname = {name}')


def test_a_name_per_language_is_read_with_english_the_statutes_own():
    statute = load_statute_text(with_board_named('{ en = "Board", ru = "Правление" }'))
    board = statute.body("board")
    assert board.name == "Board"
    assert board.name_in("ru") == "Правление"
    assert board.name_in("ru-ru") == "Правление"
    assert board.name_in("de") == "Board"  # no German name: the English one


def test_a_name_without_english_is_refused_at_its_line():
    text = with_board_named('{ ru = "Правление" }')
    problems = check_text(text).problems
    assert any(p.rule == "key.missing" and "in English" in p.message for p in problems)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if 'ru = "Правление"' in t)
    assert any(p.line == line for p in problems)


def test_a_name_under_a_code_that_is_not_a_language_is_refused():
    problems = check_text(with_board_named('{ en = "Board", russian = "Правление" }')).problems
    assert [p.rule for p in problems] == ["value.language"]


def test_the_demo_statutes_name_every_body_and_matter_in_russian():
    for statute in colony_history().versions:
        for clause in (*statute.bodies, *statute.matters):
            assert clause.name_in("ru") != clause.name, clause.id


def test_an_engine_sentence_holding_a_name_is_written_with_the_readers_name():
    names = {"technical matter": "технический вопрос", "Managing Board": "Правление"}
    said = translate("a technical matter is decided by the Managing Board", str, names)
    assert said == "a технический вопрос is decided by the Правление"  # gettext left as is
