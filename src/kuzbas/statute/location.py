"""Where a clause was written, so that a problem found later can point to the file and line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where something was written: a file, a line, and the lines of its keys."""

    file: str = "<statute>"
    line: int = 1
    keys: tuple[tuple[str, int], ...] = ()

    def of(self, key: str) -> int:
        """Return the line of one key, or of the table when the key was not written."""
        return dict(self.keys).get(key, self.line)


NOWHERE = Location()
