"""How each kind of domain error is answered over HTTP: one table for the pages and the API.

The errors themselves (`kuzbas.core.errors`) know nothing of HTTP. This table lives beside them,
not in `kuzbas.web`, because the apps' own views use it too (a ballot page that shows a refusal
in place answers with the refusal's status) and apps sit below the web package.
"""

from __future__ import annotations

from dataclasses import dataclass

from kuzbas.core.errors import (
    Conflict,
    DomainError,
    Invalid,
    NotFound,
    NotNow,
    NotPermitted,
    RefusedByStatute,
)


@dataclass(frozen=True)
class Answer:
    """What a kind of error becomes: an HTTP status, the page a browser gets, the API's code."""

    status: int
    page: str
    code: str


TABLE: dict[type[DomainError], Answer] = {
    NotPermitted: Answer(403, "403.html", "not_permitted"),
    RefusedByStatute: Answer(409, "errors/refused_by_statute.html", "refused_by_statute"),
    NotNow: Answer(409, "errors/not_now.html", "not_now"),
    NotFound: Answer(404, "404.html", "not_found"),
    Conflict: Answer(409, "errors/conflict.html", "conflict"),
    Invalid: Answer(422, "400.html", "invalid"),
}
# A DomainError raised bare, outside the six kinds, is answered as bad input.
FALLBACK = Answer(400, "400.html", "invalid")


def answer_for(error: DomainError) -> Answer:
    """Return the answer for an error: its kind's row, found through its classes."""
    for kind in type(error).__mro__:
        if kind in TABLE:
            return TABLE[kind]
    return FALLBACK


def api_body(error: DomainError) -> dict[str, object]:
    """Return the JSON body the API sends for an error: its code, message, field, rule, problems."""
    return {"code": answer_for(error).code, **error.details()}
