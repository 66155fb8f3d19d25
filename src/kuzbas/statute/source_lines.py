"""Find the line of every table and key in a TOML text, since tomllib forgets where things were.

A path is the way to a value in the parsed document: `("body", 2, "seat", 0, "matter")` is the
`matter` key of the first `[[body.seat]]` of the third `[[body]]`. The scanner follows TOML's
tables, arrays of tables and dotted keys; values that span lines (arrays, multi-line strings)
are skipped over, and everything inside a value is reported at the line of its key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Path = tuple[str | int, ...]


@dataclass
class LineMap:
    """The line where each path of a TOML document was written."""

    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """Return the line of a path, or of the nearest enclosing table that was written."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


def _split_key(text: str) -> list[str]:
    """Split a dotted key such as `a."b.c".d` into its parts."""
    parts: list[str] = []
    current = ""
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
            else:
                current += char
        elif char in "\"'":
            quote = char
        elif char == ".":
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts


@dataclass
class _State:
    depth: int = 0  # open brackets and braces of a value
    deepest: int = 0  # the most brackets and braces open at once so far
    multiline: str = ""  # the delimiter of an open multi-line string


def _skip_value(text: str, state: _State) -> None:
    """Advance the state over the rest of a line that belongs to a value."""
    i = 0
    while i < len(text):
        if state.multiline:
            end = text.find(state.multiline, i)
            if end < 0:
                return
            i = end + 3
            state.multiline = ""
            continue
        char = text[i]
        if char == "#":
            return
        if text.startswith('"""', i) or text.startswith("'''", i):
            state.multiline = text[i : i + 3]
            i += 3
        elif char in "\"'":
            i = _end_of_string(text, i)
        elif char in "[{":
            state.depth += 1
            state.deepest = max(state.deepest, state.depth)
            i += 1
        elif char in "]}":
            state.depth -= 1
            i += 1
        else:
            i += 1


def _end_of_string(text: str, start: int) -> int:
    """Return the index just after a one-line string that opens at `start`."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return i


def _key_end(text: str) -> int:
    """Return the index of the `=` that ends the key at the start of a line, or -1."""
    quote = ""
    for i, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "=":
            return i
    return -1


def scan_lines(text: str) -> LineMap:
    """Return the line of every table header and key in a TOML text."""
    found = LineMap()
    open_arrays: dict[Path, int] = {}  # array-of-tables path -> index of its last table
    table: Path = ()
    state = _State()
    for number, raw in enumerate(text.splitlines(), start=1):
        if state.multiline or state.depth > 0:
            _skip_value(raw, state)
            continue
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            is_array = line.startswith("[[")
            close = line.find("]]" if is_array else "]")
            name = line[2 if is_array else 1 : close]
            table = _resolve(_split_key(name), open_arrays, new_array_item=is_array)
            found.lines.setdefault(table, number)
            continue
        equals = _key_end(line)
        if equals < 0:
            continue
        key_path = table + tuple(_split_key(line[:equals]))
        for end in range(len(table) + 1, len(key_path) + 1):
            found.lines.setdefault(key_path[:end], number)
        _skip_value(line[equals + 1 :], state)
    return found


def _resolve(parts: list[str], open_arrays: dict[Path, int], *, new_array_item: bool) -> Path:
    """Turn a header's dotted name into a path, with the index of each open array of tables."""
    path: Path = ()
    for position, part in enumerate(parts):
        path += (part,)
        last = position == len(parts) - 1
        if last and new_array_item:
            index = open_arrays.get(path, -1) + 1
            # A new item closes the arrays nested in the previous one.
            for nested in [p for p in open_arrays if p[: len(path)] == path and p != path]:
                del open_arrays[nested]
            open_arrays[path] = index
            path += (index,)
        elif path in open_arrays:
            path += (open_arrays[path],)
    return path


def too_deep(text: str, limit: int) -> int | None:
    """Return the line where a value's arrays and inline tables first nest deeper than `limit`.

    The TOML reader recurses once per level, so a file nested hundreds deep would exhaust the
    stack before it could be told what is wrong; this scan runs first and counts without
    recursing.
    """
    state = _State()
    for number, raw in enumerate(text.splitlines(), start=1):
        if state.multiline or state.depth > 0:
            _skip_value(raw, state)
        else:
            line = raw.strip()
            equals = -1 if line.startswith(("[", "#")) else _key_end(line)
            if equals >= 0:
                _skip_value(line[equals + 1 :], state)
        if state.deepest > limit:
            return number
    return None
