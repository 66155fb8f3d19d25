"""Read each [[body]] of a statute file and the [[body.seat]] tables nested in it."""

from __future__ import annotations

from typing import Any

from kuzbas.statute.bodies import Body, BodyKind, FilledBy, MemberCategory, Seat
from kuzbas.statute.reading import Reader, did_you_mean
from kuzbas.statute.source_lines import Path


def read_body(reader: Reader, path: Path, table: dict[str, Any]) -> Body:
    """Return a [[body]] table as a body, noting every problem in the reader."""
    header = "[[body]]"
    reader.keys(
        table,
        path,
        header=header,
        allowed={"id", "name", "kind", "seat", "joins", "procedure", "description", "electorate"},
    )
    body_id = reader.text(table, path, "id", header=header, required=True)
    kind = reader.choice(table, path, "kind", BodyKind, None, header=header)
    if kind is None:
        # Guess from the seats, so that an unreadable kind is reported once, not again as
        # "a board without seats" or "a meeting with seats".
        kind = BodyKind.BOARD if table.get("seat") else BodyKind.GENERAL_MEETING
    name, names = reader.named(table, path, header=header)
    return Body(
        id=body_id,
        name=name,
        names=names,
        kind=kind,
        seats=tuple(
            read_seat(reader, body_id, p, t) for p, t in reader.nested(table, path, "seat")
        ),
        joins=reader.names(table, path, "joins"),
        procedure=reader.text(table, path, "procedure", header=header),
        description=reader.text(table, path, "description", header=header),
        electorate=read_electorate(reader, path, table),
        **reader.provenance(table, path, header=header),
    )


def read_electorate(
    reader: Reader, path: Path, table: dict[str, Any]
) -> tuple[MemberCategory, ...]:
    """Return the categories of membership that vote in a general meeting; () when left out."""
    if "electorate" not in table:
        return ()
    names = reader.names(table, path, "electorate")
    allowed = [c.value for c in MemberCategory]
    if isinstance(table["electorate"], list) and not names:
        reader.report(
            (*path, "electorate"),
            "body.electorate",
            "electorate = [] leaves nobody a vote; name the categories of membership that vote, "
            "or leave the key out for every member in good standing",
        )
    known = []
    for name in names:
        if name in allowed:
            known.append(MemberCategory(name))
            continue
        hint = did_you_mean(name, allowed)
        reader.report(
            (*path, "electorate"),
            "value.choice",
            f'electorate cannot name "{name}"{hint}: the categories of membership are '
            f"{', '.join(allowed)}",
        )
    return tuple(dict.fromkeys(known))


def read_seat(reader: Reader, body_id: str, path: Path, table: dict[str, Any]) -> Seat:
    """Return a [[body.seat]] table as a seat of the body it is nested in."""
    header = f"a [[body.seat]] of {body_id}"
    reader.keys(
        table,
        path,
        header=header,
        allowed={
            "id",
            "name",
            "count",
            "votes",
            "filled_by",
            "matter",
            "appointed_by",
            "office",
            "term_months",
        },
    )
    filled_by = reader.choice(table, path, "filled_by", FilledBy, None)
    return Seat(
        id=reader.text(table, path, "id", header=header, required=True),
        body=body_id,
        filled_by=filled_by or FilledBy.APPOINTMENT,
        name=reader.text(table, path, "name", header=header),
        count=reader.integer(table, path, "count", header=header, minimum=1),
        votes=reader.integer(table, path, "votes", header=header, minimum=1) or 1,
        matter=reader.text(table, path, "matter", header=header),
        appointed_by=reader.text(table, path, "appointed_by", header=header),
        office=reader.text(table, path, "office", header=header),
        term_months=reader.integer(table, path, "term_months", header=header, minimum=1),
        **reader.provenance(table, path, header=header),
    )
