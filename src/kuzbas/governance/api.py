"""Governance endpoints (bodies for now; the statute issue adds the rest)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from kuzbas.governance.selectors import bodies
from kuzbas.members.permissions import Right, require
from kuzbas.record.api import CitationOut, citations_out

router = Router(tags=["governance"])


class BodyOut(Schema):
    key: str
    name: str
    name_original: str
    kind: str
    seats: int | None
    site: str | None
    established: dt.date | None
    dissolved: dt.date | None
    description: str
    citations: list[CitationOut]


@router.get("/bodies", response=list[BodyOut], summary="Bodies of the colony and around it")
def list_bodies(request: HttpRequest):
    require(request.user, Right.RECORD_VIEW)
    return [
        {
            **{
                f: getattr(b, f)
                for f in (
                    "key",
                    "name",
                    "name_original",
                    "kind",
                    "seats",
                    "established",
                    "dissolved",
                    "description",
                )
            },
            "site": b.site.key if b.site_id else None,
            "citations": citations_out(b),
        }
        for b in bodies()
    ]
