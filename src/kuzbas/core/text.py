"""What text from outside may hold, and how text leaves for a spreadsheet.

Pure Python (the statute engine reads it too). Control characters have no place in a name, a
note or a key: a NUL byte breaks PostgreSQL and the XLSX writer, the others hide what a clerk
sees. Bidirectional controls (the right-to-left override) make an id read differently from what
it is. A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (OWASP's
"CSV injection"), so exported text that starts so is written after an apostrophe.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, and the bidirectional embeddings, overrides and isolates.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same less tab, line feed and carriage return, which a multi-line text may hold.
_CONTROL_IN_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def first_control(text: str, *, multiline: bool = False) -> str | None:
    """Return the first control character in a text (tab and line breaks allowed when the text
    may span lines), or None."""
    found = (_CONTROL_IN_LINES if multiline else _CONTROL).search(text)
    return found.group() if found else None


def char_name(char: str) -> str:
    """Return how a character is named in a message: its code point and Unicode name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def spreadsheet_safe(text: str) -> str:
    """Return text a spreadsheet shows as text: a leading apostrophe before a formula's start.

    Numbers (`-5`, `+1.5`) are left as they are: a spreadsheet reads them as numbers, never as
    formulas, and the import reads them back.
    """
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def from_spreadsheet(text: str) -> str:
    """Undo `spreadsheet_safe` on text read back from an export."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
