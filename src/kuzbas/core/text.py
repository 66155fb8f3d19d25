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

# Tab, line feed and carriage return are the only controls a multi-line text may hold.
_LINE_CONTROLS = frozenset("\t\n\r")
# Embeddings, overrides and isolates, and the marks that reorder text around them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def first_control(text: str, *, multiline: bool = False) -> str | None:
    """Return the first control character in a text (tab and line breaks allowed when the text
    may span lines), or None."""
    for match in _CONTROL.finditer(text):
        char = match.group()
        if not (multiline and char in _LINE_CONTROLS):
            return char
    return None


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
