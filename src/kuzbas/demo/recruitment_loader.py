"""Load the colony's recruiting: the New York committee, its members and the 1922 prospectus
as a call, through the recruitment services (`recruitment.toml`).

Called by `load_demo` after the sources are loaded; recruit2's part (dispatch groups,
contributions, the illustrative applications' history) extends it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kuzbas.demo.citing import citations_from
from kuzbas.record.models import Source
from kuzbas.record.services import attach_citations
from kuzbas.recruitment.models import Bureau
from kuzbas.recruitment.models.applications import ApplicationSource
from kuzbas.recruitment.services import applying, calls
from kuzbas.recruitment.services.bureaus import add_bureau_member, create_bureau

DATA = Path(__file__).parent / "recruitment.toml"

Progress = Callable[[str, int, int], None]


def read_recruitment() -> dict[str, Any]:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_recruitment(*, actor, progress: Progress | None = None) -> None:
    progress = progress or (lambda *_: None)
    data = read_recruitment()
    sources = {s.key: s for s in Source.objects.all()}

    def cite(obj, row: dict, where: str) -> None:
        specs = citations_from(row.get("sources", []), sources, where)
        attach_citations(actor=actor, obj=obj, citations=specs)

    bureaus: dict[str, Bureau] = {}
    for row in data.get("bureau", []):
        bureau = create_bureau(
            actor=actor,
            key=row["key"],
            name=row["name"],
            name_ru=row.get("name_ru", ""),
            city=row.get("city", ""),
            country=row.get("country", ""),
            description=row.get("description", ""),
            founded=_day(row.get("founded")),
        )
        cite(bureau, row, f"bureau {row['key']}")
        for member in row.get("member", []):
            seat = add_bureau_member(
                actor=actor, bureau=bureau, name=member["name"], role=member.get("role", "")
            )
            cite(seat, member, f"bureau member {member['name']}")
        bureaus[bureau.key] = bureau
    progress("bureaus", len(bureaus), len(bureaus))
    for n, row in enumerate(data.get("call", []), 1):
        call = calls.save_call(
            actor=actor,
            bureau=bureaus[row["bureau"]],
            key=row["key"],
            opens=_day(row["opens"]),
            closes=_day(row.get("closes")),
            asks_affiliation=row.get("asks_affiliation", False),
            affiliation_choices=row.get("affiliation_choices", []),
            trades=row.get("trades", []),
            **{k: row.get(k, "") for k in calls.TEXTS},
        )
        calls.open_call(actor=actor, call=call)
        cite(call, row, f"call {row['key']}")
        progress("calls", n, len(data["call"]))
    for row in data.get("application", []):
        fields = {k: v for k, v in row.items() if k not in {"call", "sources", "languages"}}
        fields["languages"] = ", ".join(row.get("languages", []))
        application = applying.enter_application(
            actor=actor,
            call=calls.Call.objects.get(key=row["call"]),
            data=fields,
            consent=True,
            source=ApplicationSource.ARCHIVE,
        )
        cite(application, row, f"application {row['name']}")
    # The groups, the illustrative applicants' history and the checklist (recruit2's part).
    from kuzbas.demo.recruitment_history_loader import load_recruitment_history

    load_recruitment_history(actor=actor, progress=progress)
