"""The statutes a new enterprise can be founded on (`kuzbas init --template NAME`).

Each template is a statute file the engine accepts as it stands. `cooperative` is a present-day
worker cooperative; its date in force is a placeholder, and the founding puts the founding day
there. `colony-1921` is the colony's arrangement of 1921, the same file as the demo's
`aick-1921.toml` (a test keeps the two the same), founded on its own historical date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class Template:
    """A statute template: its name, its file, and whether the file's date in force stands."""

    name: str
    file: str
    description: str
    dated: bool  # False: the founding day replaces the file's `effective`

    @property
    def path(self) -> Path:
        return FOLDER / self.file

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template(
            "cooperative",
            "cooperative.toml",
            "a worker cooperative: general meeting, elected board and audit committee",
            dated=False,
        ),
        Template(
            "colony-1921",
            "colony-1921.toml",
            "the colony Kuzbas's arrangement of 1921, in force from 21 October 1921",
            dated=True,
        ),
    )
}

_EFFECTIVE = re.compile(r"^(\s*effective\s*=\s*)\S+", re.MULTILINE)


def with_effective(text: str, effective: dt.date) -> str:
    """Return statute text with its date in force set to `effective`, every line where it was.

    Only the [statute] table has an `effective` key; the first one is replaced. Text without
    one is returned as it is, for the check to name the missing key.
    """
    return _EFFECTIVE.sub(rf"\g<1>{effective.isoformat()}", text, count=1)
