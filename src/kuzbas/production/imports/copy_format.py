"""PostgreSQL COPY's text format: a row as one tab-separated line, text escaped."""

from __future__ import annotations

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(text: str) -> str:
    return text.translate(_ESCAPES)


def copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return copy_text(value)
    return str(value)


def copy_row(row: tuple) -> str:
    """Return a row's line; an output row the fast check made carries it already."""
    line = getattr(row, "copy_line", None)
    if line:
        return line
    values = row if line is None else row[:-1]  # an output row's `copy_line` is not a column
    return "\t".join(map(copy_value, values)) + "\n"
