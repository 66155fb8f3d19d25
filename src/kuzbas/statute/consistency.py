"""Check that a statute can work: every reference resolves, every matter has one competent body,
every seat can be filled, appeals end somewhere, transfers and entrenched clauses make sense."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from kuzbas.statute.bodies import Body, BodyKind, FilledBy, Seat
from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.location import Location
from kuzbas.statute.model import MatterKind, Statute
from kuzbas.statute.procedures import Abstentions, BallotKind, Base, Threshold, TieRule
from kuzbas.statute.reading import did_you_mean

SEATED = {BodyKind.BOARD, BodyKind.COMMITTEE, BodyKind.BUREAU, BodyKind.OFFICE}
DECIDES_WITHOUT_PROCEDURE = {BodyKind.OUTSIDE_AUTHORITY, BodyKind.OFFICE}


def check_statute(statute: Statute) -> tuple[StatuteProblem, ...]:
    """Return every problem that keeps a statute from working, in the order of the file."""
    checks = (
        _duplicates,
        _bodies,
        _seats,
        _matters,
        _procedures,
        _appeals,
        _appeal_cycles,
        _transfers,
        _entrenched,
        _amendment,
        _sources,
    )
    problems = [problem for check in checks for problem in check(statute)]
    return tuple(sorted(problems, key=lambda p: (p.line, p.rule, p.message)))


def _problem(at: Location, key: str, rule: str, message: str) -> StatuteProblem:
    return StatuteProblem(at.file, at.of(key), rule, message)


def _unresolved(
    at: Location, key: str, kind: str, name: str, known: Iterable[str]
) -> StatuteProblem:
    hint = did_you_mean(name, known)
    return _problem(
        at,
        key,
        "ref.unresolved",
        f'{key} = "{name}": the statute defines no {kind} "{name}"{hint}',
    )


def _holders(statute: Statute) -> list[str]:
    """Return every id that can hold or receive a vote: bodies and seats."""
    return [b.id for b in statute.bodies] + [s.path for b in statute.bodies for s in b.seats]


def _duplicates(statute: Statute) -> Iterator[StatuteProblem]:
    groups = {
        "body": [(b.id, b.at) for b in statute.bodies],
        "matter": [(m.id, m.at) for m in statute.matters],
        "procedure": [(p.id, p.at) for p in statute.procedures],
        "appeal": [(a.id, a.at) for a in statute.appeals],
        "transfer": [(t.id, t.at) for t in statute.transfers],
        "condition": [(c.id, c.at) for c in statute.conditions],
        "entrenched clause": [(e.clause, e.at) for e in statute.entrenched],
    }
    for body in statute.bodies:
        groups[f"seat of {body.id}"] = [(s.id, s.at) for s in body.seats]
    for kind, items in groups.items():
        seen: dict[str, Location] = {}
        for item_id, at in items:
            if item_id and item_id in seen:
                first = seen[item_id]
                yield _problem(
                    at,
                    "id",
                    "id.duplicate",
                    f'{kind} "{item_id}" is defined twice (first at line {first.line})',
                )
            seen.setdefault(item_id, at)


def _bodies(statute: Statute) -> Iterator[StatuteProblem]:
    known = [b.id for b in statute.bodies]
    for body in statute.bodies:
        if body.kind in (BodyKind.GENERAL_MEETING, BodyKind.OUTSIDE_AUTHORITY) and body.seats:
            yield _problem(
                body.at,
                "kind",
                "body.seats",
                f"the {body.name} is a {body.kind.value.replace('_', ' ')} and cannot have seats",
            )
        if body.kind in SEATED and not body.seats:
            yield _problem(
                body.at,
                "id",
                "body.seats",
                f"the {body.name} has no seats, so nobody can sit on it; add a [[body.seat]]",
            )
        if body.kind is BodyKind.OFFICE and sum(s.count or 1 for s in body.seats) > 1:
            yield _problem(
                body.at, "kind", "body.seats", f"the {body.name} is an office and has one seat only"
            )
        if body.kind is BodyKind.JOINT and not body.joins:
            yield _problem(
                body.at,
                "kind",
                "body.joins",
                f'the {body.name} is a joint sitting but "joins" names no bodies',
            )
        if body.joins and body.kind is not BodyKind.JOINT:
            yield _problem(
                body.at,
                "joins",
                "body.joins",
                f'only a body of kind "joint" can join others; the {body.name} is a '
                f"{body.kind.value}",
            )
        for joined in body.joins:
            other = statute.body(joined)
            if other is None:
                yield _unresolved(body.at, "joins", "body", joined, known)
            elif other.kind not in SEATED:
                yield _problem(
                    body.at,
                    "joins",
                    "body.joins",
                    f"a joint sitting joins boards and committees; the {other.name} is a "
                    f"{other.kind.value}",
                )
        if body.procedure and statute.procedure(body.procedure) is None:
            yield _unresolved(
                body.at,
                "procedure",
                "procedure",
                body.procedure,
                [p.id for p in statute.procedures],
            )


def _seats(statute: Statute) -> Iterator[StatuteProblem]:
    for body in statute.bodies:
        for seat in body.seats:
            yield from _seat_fill(statute, seat)


def _seat_fill(statute: Statute, seat: Seat) -> Iterator[StatuteProblem]:
    rule = "seat.fill"
    path, at, filled_by = seat.path, seat.at, seat.filled_by
    matter_id, appointed_by, office = seat.matter, seat.appointed_by, seat.office
    if filled_by is FilledBy.ELECTION:
        if not matter_id:
            yield _problem(
                at,
                "filled_by",
                rule,
                f"seat {path} is filled by election but names no election: "
                'add matter = "<id of a matter of kind election>"',
            )
            return
        matter = statute.matter(matter_id)
        if matter is None:
            yield _unresolved(at, "matter", "matter", matter_id, [m.id for m in statute.matters])
        elif matter.kind is not MatterKind.ELECTION:
            yield _problem(
                at,
                "matter",
                rule,
                f'seat {path} is elected in matter "{matter_id}", which is not of kind "election"',
            )
    elif filled_by is FilledBy.APPOINTMENT:
        if not appointed_by:
            yield _problem(
                at,
                "filled_by",
                rule,
                f"seat {path} is filled by appointment but names nobody who appoints: "
                'add appointed_by = "<body id>"',
            )
        elif statute.body(appointed_by) is None:
            yield _unresolved(
                at, "appointed_by", "body", appointed_by, [b.id for b in statute.bodies]
            )
    elif not office:
        yield _problem(
            at,
            "filled_by",
            rule,
            f'seat {path} is held ex officio but names no office: add office = "<the office>"',
        )


def _matters(statute: Statute) -> Iterator[StatuteProblem]:
    bodies = [b.id for b in statute.bodies]
    for matter in statute.matters:
        if not matter.competent:
            if "competent" not in dict(matter.at.keys):
                yield _problem(
                    matter.at,
                    "",
                    "matter.competent",
                    f'matter "{matter.id}" has no competent body: add competent = "<body id>"',
                )
            continue
        body = statute.body(matter.competent)
        if body is None:
            yield _unresolved(matter.at, "competent", "body", matter.competent, bodies)
            continue
        for other in matter.concurrence:
            if statute.body(other) is None:
                yield _unresolved(matter.at, "concurrence", "body", other, bodies)
            elif other == matter.competent:
                yield _problem(
                    matter.at,
                    "concurrence",
                    "matter.concurrence",
                    f"the {body.name} is competent for {matter.id}; "
                    "it cannot also be asked to concur",
                )
        if matter.procedure and statute.procedure(matter.procedure) is None:
            yield _unresolved(
                matter.at,
                "procedure",
                "procedure",
                matter.procedure,
                [p.id for p in statute.procedures],
            )
        elif (
            not _decides_alone(body)
            and statute.procedure_for(matter) is None
            and not (body.procedure and statute.procedure(body.procedure) is None)
        ):
            yield _problem(
                matter.at,
                "competent",
                "matter.procedure",
                f'the {body.name} decides "{matter.id}" but no procedure says how: '
                f'add procedure = "<id>" here or to the body',
            )


def _decides_alone(body: Body) -> bool:
    """Return whether a body decides without a vote: an authority, or a body of one seat."""
    one_seat = [s.count for s in body.seats] == [1]
    return body.kind in DECIDES_WITHOUT_PROCEDURE or (body.kind in SEATED and one_seat)


def _procedures(statute: Statute) -> Iterator[StatuteProblem]:
    for procedure in statute.procedures:
        majority = procedure.majority
        simple_of_cast = (
            majority.threshold is Threshold.SIMPLE
            and majority.base is Base.VOTES_CAST
            and procedure.abstentions is Abstentions.EXCLUDED
        )
        if procedure.tie is TieRule.CHAIR_DECIDES and not simple_of_cast:
            yield _problem(
                procedure.at,
                "tie",
                "procedure.tie",
                "a tie can only arise under a simple majority of the votes cast with abstentions "
                'excluded; use tie = "fails" with this majority',
            )
        if procedure.live_counts and procedure.ballot is BallotKind.SECRET:
            yield _problem(
                procedure.at,
                "live_counts",
                "procedure.live_counts",
                "running totals would let anyone watching them as a member votes learn the "
                "choice, which a secret ballot forbids; remove live_counts or choose another "
                "ballot",
            )


def _appeals(statute: Statute) -> Iterator[StatuteProblem]:
    bodies = [b.id for b in statute.bodies]
    for appeal in statute.appeals:
        if not appeal.from_bodies and "from" in dict(appeal.at.keys):
            yield _problem(
                appeal.at,
                "from",
                "appeal.from",
                f'appeal "{appeal.id}" names no body appealed from',
            )
        for origin in appeal.from_bodies:
            if statute.body(origin) is None:
                yield _unresolved(appeal.at, "from", "body", origin, bodies)
            elif origin == appeal.to:
                yield _problem(
                    appeal.at,
                    "to",
                    "appeal.cycle",
                    f"the {statute.name_of(origin)} cannot hear appeals against itself",
                )
        if appeal.to and statute.body(appeal.to) is None:
            yield _unresolved(appeal.at, "to", "body", appeal.to, bodies)
        for matter_id in appeal.matters:
            if statute.matter(matter_id) is None:
                yield _unresolved(
                    appeal.at, "matters", "matter", matter_id, [m.id for m in statute.matters]
                )
        if appeal.by not in ("members", "parties") and statute.body(appeal.by) is None:
            yield _problem(
                appeal.at,
                "by",
                "ref.unresolved",
                f'by names "{appeal.by}"; write "members", "parties" or a body id'
                f"{did_you_mean(appeal.by, bodies)}",
            )


def _appeal_cycles(statute: Statute) -> Iterator[StatuteProblem]:
    edges: dict[str, set[str]] = {}
    for appeal in statute.appeals:
        for origin in appeal.from_bodies:
            if origin != appeal.to:
                edges.setdefault(origin, set()).add(appeal.to)
    reported: set[frozenset[str]] = set()
    # Walk backwards so that a circle is reported once, at the appeal that closes it.
    for appeal in reversed(statute.appeals):
        for origin in appeal.from_bodies:
            route = _path(edges, appeal.to, origin)
            if route is not None and origin != appeal.to and frozenset(route) not in reported:
                reported.add(frozenset(route))
                circle = " → ".join(statute.name_of(b) for b in [origin, *route])
                yield _problem(
                    appeal.at,
                    "to",
                    "appeal.cycle",
                    f"appeals go round in a circle ({circle}); an appeal must end at a body "
                    "whose decisions cannot be appealed further",
                )


def _path(edges: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """Return the bodies on an appeal route from start to goal, or None when there is none."""
    stack: list[list[str]] = [[start]]
    seen: set[str] = set()
    while stack:
        route = stack.pop()
        if route[-1] == goal:
            return route
        if route[-1] in seen:
            continue
        seen.add(route[-1])
        stack.extend([*route, nxt] for nxt in sorted(edges.get(route[-1], ())))
    return None


def _transfers(statute: Statute) -> Iterator[StatuteProblem]:
    holders = _holders(statute)
    receivers = Counter(t.holder for t in statute.transfers)
    for transfer in statute.transfers:
        at = transfer.at
        if transfer.holder and transfer.holder not in holders:
            yield _unresolved(at, "holder", "body or seat", transfer.holder, holders)
        if transfer.to and transfer.to not in holders:
            yield _unresolved(at, "to", "body or seat", transfer.to, holders)
        if transfer.holder and transfer.holder == transfer.to:
            yield _problem(
                at, "to", "transfer.holder", "a vote cannot be transferred to its own holder"
            )
        if transfer.to in receivers:
            yield _problem(
                at,
                "to",
                "transfer.chain",
                f'"{transfer.to}" gives its own vote away in another transfer; a transferred vote '
                "cannot be passed on again",
            )
        if transfer.until is not None and transfer.until <= transfer.starts:
            yield _problem(
                at,
                "until",
                "transfer.period",
                f"the transfer ends ({transfer.until}) before it starts ({transfer.starts})",
            )
        if transfer.until is not None and transfer.until_condition:
            yield _problem(
                at,
                "until_condition",
                "transfer.period",
                'write either "until" (a date) or "until_condition", not both',
            )
        if transfer.until_condition and statute.condition(transfer.until_condition) is None:
            yield _unresolved(
                at,
                "until_condition",
                "condition",
                transfer.until_condition,
                [c.id for c in statute.conditions],
            )
        for matter_id in transfer.matters:
            matter = statute.matter(matter_id)
            if matter is None:
                yield _unresolved(
                    at, "matters", "matter", matter_id, [m.id for m in statute.matters]
                )
            elif statute.body(transfer.holder) is not None and matter.competent != transfer.holder:
                yield _problem(
                    at,
                    "matters",
                    "transfer.matter",
                    f'the {statute.name_of(transfer.holder)} is not competent for "{matter_id}", '
                    "so it has no vote in it to transfer",
                )


def _entrenched(statute: Statute) -> Iterator[StatuteProblem]:
    clauses = _rule_ids(statute)
    amendment = next((m for m in statute.matters if m.kind is MatterKind.AMENDMENT), None)
    for item in statute.entrenched:
        if item.clause and item.clause not in clauses:
            yield _problem(
                item.at,
                "clause",
                "entrenched.clause",
                f'clause "{item.clause}" is not a rule of this statute'
                f"{did_you_mean(item.clause, clauses)}; "
                'write a rule id such as "matter.technical" or "appeal.to_sto"',
            )
        if amendment is None:
            yield _problem(
                item.at,
                "clause",
                "entrenched.amendment",
                'clauses are entrenched but no matter of kind "amendment" says how the statute '
                "is amended",
            )
            continue
        procedure = statute.procedure_for(amendment)
        if procedure is None:
            continue
        ordinary = procedure.majority
        weaker = item.majority.share < ordinary.share or (
            item.majority.share == ordinary.share and item.majority.base == ordinary.base
        )
        if weaker:
            yield _problem(
                item.at,
                "majority",
                "entrenched.majority",
                "an entrenched clause must need more than an ordinary amendment, which already "
                f"needs "
                f"{ordinary.describe()}; this asks for {item.majority.describe()}",
            )


def _rule_ids(statute: Statute) -> list[str]:
    """Return the id of every clause that can be cited or entrenched."""
    ids = [b.rule for b in statute.bodies] + [s.rule for b in statute.bodies for s in b.seats]
    for group in (
        statute.matters,
        statute.procedures,
        statute.appeals,
        statute.transfers,
        statute.conditions,
    ):
        ids += [item.rule for item in group]
    return ids


def _amendment(statute: Statute) -> Iterator[StatuteProblem]:
    if statute.amends and statute.amendment is None:
        yield _problem(
            statute.at,
            "amends",
            "amendment.record",
            "a version that amends another must say which decision adopted it: "
            "add an [amendment] table",
        )
    if statute.amendment is not None and not statute.amends:
        yield _problem(
            statute.amendment.at,
            "adopted_by",
            "amendment.record",
            "an [amendment] belongs to a version that amends another: "
            'add amends = "<version>" to [statute]',
        )


def _sources(statute: Statute) -> Iterator[StatuteProblem]:
    if not statute.require_sources:
        return
    items: list[tuple[str, str, str, Location]] = [
        (f"[statute] {statute.id}", statute.source, statute.assumption, statute.at)
    ]
    for body in statute.bodies:
        items.append((f'body "{body.id}"', body.source, body.assumption, body.at))
        items += [(f'seat "{s.path}"', s.source, s.assumption, s.at) for s in body.seats]
    for label, group in (
        ("matter", statute.matters),
        ("procedure", statute.procedures),
        ("appeal", statute.appeals),
        ("transfer", statute.transfers),
        ("condition", statute.conditions),
    ):
        items += [(f'{label} "{i.id}"', i.source, i.assumption, i.at) for i in group]
    items += [
        (f'entrenched "{e.clause}"', e.source, e.assumption, e.at) for e in statute.entrenched
    ]
    if statute.amendment is not None:
        a = statute.amendment
        items.append(("[amendment]", a.source, a.assumption, a.at))
    for label, source, assumption, at in items:
        if not source and not assumption:
            yield StatuteProblem(
                at.file,
                at.line,
                "source.missing",
                f'{label} has neither "source" nor "assumption"; this statute requires every '
                "clause to cite its source or say that it is an assumption",
            )
