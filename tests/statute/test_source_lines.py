"""The loader finds the line of every table and key, so each problem points at its place."""

from __future__ import annotations

from kuzbas.statute import load_statute_text
from kuzbas.statute.source_lines import scan_lines
from tests.statute.examples import COOP

NESTED = """\
[statute]                      # 1
id = "x"                       # 2
[[body]]                       # 3
id = "a"                       # 4
  [[body.seat]]                # 5
  id = "s1"                    # 6
  [[body.seat]]                # 7
  id = "s2"                    # 8
[[body]]                       # 9
id = "b"                       # 10
description = '''              # 11
[[body]] inside a string
'''
joins = [                      # 14
  "a",
]
  [[body.seat]]                # 17
  office.name = "chief"        # 18
"""


def test_it_finds_tables_in_arrays_and_their_nested_arrays():
    lines = scan_lines(NESTED).lines
    assert lines[("body", 0)] == 3
    assert lines[("body", 0, "seat", 1)] == 7
    assert lines[("body", 0, "seat", 1, "id")] == 8
    assert lines[("body", 1, "id")] == 10


def test_it_skips_what_is_inside_multi_line_strings_and_arrays():
    lines = scan_lines(NESTED).lines
    assert lines[("body", 1, "joins")] == 14
    assert ("body", 2) not in lines
    assert lines[("body", 1, "seat", 0)] == 17


def test_a_dotted_key_is_found_at_its_line():
    assert scan_lines(NESTED).lines[("body", 1, "seat", 0, "office", "name")] == 18


def test_a_path_that_was_not_written_falls_back_to_its_table():
    assert scan_lines(NESTED).line_of(("body", 1, "seat", 0, "count")) == 17


def test_every_clause_of_a_loaded_statute_knows_its_line():
    statute = load_statute_text(COOP, file="coop.toml")
    technical = statute.matter("technical")
    assert technical is not None
    # index() counts from 0 and lines from 1: the header is the line before `id`.
    assert (technical.at.file, technical.at.line, technical.at.of("competent")) == (
        "coop.toml",
        COOP.splitlines().index('id = "technical"'),
        COOP.splitlines().index('id = "technical"') + 3,
    )
