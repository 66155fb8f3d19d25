"""What a register entry rests on, as digests the entry's hash covers (the register's format 2).

An entry records an outcome; the motion's title and text, the statute's text, the ballots or the
box, and the totals a chair counted are kept in other tables. Their digests go into the entry's
payload when it is appended, and `verify_register` computes them again: a change to any of them
behind the application's back shows, though the entry itself is untouched.

Apps above governance keep grounds of their own (an election's box): they `contribute` a named
ground, which governance asks for without importing them, as the minutes' sections are.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from kuzbas.governance.models import Ballot, CountedVote, Motion, SecretBallot

FORMAT = 2  # entries with grounds; entries without a "format" in their payload are format 1
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(value: Any) -> str:
    """Return the SHA-256 of a value's canonical JSON (sorted keys, no spaces, UTF-8)."""
    return hashlib.sha256(_CANONICAL.encode(value).encode()).hexdigest()


@dataclass(frozen=True)
class Contributed:
    """A ground an app above governance keeps: `values(motion_ids)` returns, for each of those
    motions it knows (and only those), the value whose digest the entry covers; `changed` is
    what `kuzbas verify` says when that digest no longer matches."""

    name: str
    values: Callable[[Any], dict[int, Any]]
    changed: str


_CONTRIBUTED: dict[str, Contributed] = {}


def contribute(name: str, values: Callable[[Any], dict[int, Any]], *, changed: str) -> None:
    """Add a ground kept by an app above governance (from its `AppConfig.ready`)."""
    _CONTRIBUTED[name] = Contributed(name, values, changed)


def contributed(name: str) -> Contributed | None:
    """The contributed ground of that name, or None for governance's own."""
    return _CONTRIBUTED.get(name)


def grounds_for(motion_ids: Iterable[int] | QuerySet) -> dict[int, dict[str, str]]:
    """Return, for each motion, the digests of what a decision on it rests on: a query a table.

    A queryset of ids is used as a subquery, so a long register is not one parameter a motion.
    """
    ids: Any = motion_ids if isinstance(motion_ids, QuerySet) else list(motion_ids)
    texts: dict[int, dict[str, str]] = {}
    for pk, title, text in Motion.objects.filter(pk__in=ids).values_list("pk", "title", "text"):
        texts[pk] = {"title": title, "text": text}
    named: dict[int, list[list[str]]] = defaultdict(list)
    for motion_id, voter, choice in Ballot.objects.filter(motion_id__in=ids).values_list(
        "motion_id", "voter__key", "choice"
    ):
        named[motion_id].append([voter, choice])
    box: dict[int, list[list[str]]] = defaultdict(list)
    for motion_id, receipt, choice, weight in SecretBallot.objects.filter(
        motion_id__in=ids
    ).values_list("motion_id", "receipt", "choice", "weight"):
        box[motion_id].append([receipt, choice, weight])
    counted: dict[int, dict[str, Any]] = {}
    for row in CountedVote.objects.filter(motion_id__in=ids).values(
        "motion_id", "yes", "no", "abstain", "present", "named", "decided_on"
    ):
        counted[row.pop("motion_id")] = {**row, "decided_on": row["decided_on"].isoformat()}
    # Most motions have no ballots, no box or no count: those digests are the same for all.
    none, empty = digest(None), digest([])
    grounds = {
        pk: {
            "motion": digest(texts.get(pk)),
            "ballots": digest(sorted(named[pk])) if pk in named else empty,
            "box": digest(sorted(box[pk])) if pk in box else empty,
            "counted": digest(counted[pk]) if pk in counted else none,
        }
        for pk in list(ids)
    }
    for ground in _CONTRIBUTED.values():
        for pk, value in ground.values(ids).items():
            if pk in grounds:
                grounds[pk][ground.name] = digest(value)
    return grounds


def motions_with_rows() -> set[int]:
    """Return the motions that have named ballots, a box, a count or a contributed ground: the
    ones whose digests are not those of nothing (`plain_digests`). One query a table, for a
    whole walk: far fewer motions are voted by ballot than are decided."""
    found: set[int] = set()
    for model in (Ballot, SecretBallot, CountedVote):
        found.update(model.objects.values_list("motion_id", flat=True).distinct().order_by())
    for ground in _CONTRIBUTED.values():
        found.update(ground.values(Motion.objects.values_list("pk", flat=True)))
    return found


def plain_digests() -> tuple[str, str, str]:
    """The digests of the ballots, the box and the count of a motion that has none of them."""
    return digest([]), digest([]), digest(None)
