"""The result sheet: the count as the pages show it, stage by stage, with candidates' names.

Votes are shown exactly as the engine computed them: STV values are decimals to at most five
places with nothing rounded away, so the figure shown is the exact value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kuzbas.elections.models import Election, ElectionResult, Method


@dataclass(frozen=True)
class Cell:
    votes: str
    change: str = ""  # the votes added at this stage, signed ("+2.5"), or "" when none
    state: str = ""  # "elected", "excluded", or "" while continuing
    event: str = ""  # "elected" or "excluded" at the stage where it happened


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    cells: list[Cell]
    elected: bool = False


@dataclass(frozen=True)
class StageLine:
    number: int
    kind: str
    rule: str
    text: str
    by_lot: bool = False


@dataclass(frozen=True)
class Sheet:
    """Everything a result page shows."""

    method: str
    elected: list[tuple[str, str]]  # (key, name) in the order elected
    stages: list[StageLine] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    non_transferable: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    totals: list[tuple[str, str, str]] = field(default_factory=list)  # (key, name, votes)
    lot_text: str = ""


def names_of(election: Election) -> dict[str, str]:
    """Return candidates' names by registry key."""
    return {c.person.key: str(c.person) for c in election.candidates.select_related("person").all()}


def _join(keys, names) -> str:
    return ", ".join(names.get(k, k) for k in keys)


def _describe(stage: dict, names: dict[str, str], lot_order: list[str]) -> str:
    who = names.get(stage["candidate"], stage["candidate"] or "")
    if stage["kind"] == "first_preferences":
        parts = [_("First preferences counted.")]
    elif stage["kind"] == "surplus":
        values = ", ".join(f"{a} → {b}" for a, b in stage["transfer_values"])
        parts = [
            _("Surplus of %(who)s (%(moved)s) transferred; each paper passes on at %(values)s.")
            % {"who": who, "moved": stage["moved"], "values": values}
        ]
    else:
        parts = [
            _("%(who)s excluded; the papers they held, worth %(moved)s, pass on at their values.")
            % {"who": who, "moved": stage["moved"]}
        ]
    if stage["decided_by"] == "look_back":
        parts.append(
            _("The tie was broken by the votes at stage %(n)s.") % {"n": stage["looked_back_to"]}
        )
    elif stage["decided_by"] == "lot":
        parts.append(
            _("The candidates were equal at every stage, so the lot decided (order drawn: %(o)s).")
            % {"o": _join(lot_order, names)}
        )
    if Decimal(stage["non_transferable"]):
        parts.append(_("Non-transferable: %(v)s.") % {"v": stage["non_transferable"]})
    if Decimal(stage["lost"]):
        parts.append(_("Lost to truncation: %(v)s.") % {"v": stage["lost"]})
    if stage["elected"]:
        parts.append(_("%(who)s reached the quota.") % {"who": _join(stage["elected"], names)})
    if stage["elected_without_quota"]:
        parts.append(
            _("%(who)s elected to the last places, as many candidates being left as places.")
            % {"who": _join(stage["elected_without_quota"], names)}
        )
    return " ".join(parts)


def _rows(result: ElectionResult, names: dict[str, str]) -> list[Row]:
    rows = []
    excluded = {s["candidate"] for s in result.stages if s["kind"] == "exclusion"}
    for key in names:
        cells, state = [], ""
        for stage in result.stages:
            event = ""
            if key in stage["elected"] or key in stage["elected_without_quota"]:
                state = event = "elected"
            elif stage["kind"] == "exclusion" and stage["candidate"] == key:
                state = event = "excluded"
            change = stage["transfers"].get(key, "")
            if change and Decimal(change) == 0:
                change = ""
            if stage["kind"] != "first_preferences" and stage["candidate"] == key:
                change = f"−{stage['moved']}"
            elif change:
                change = f"+{change}"
            cells.append(Cell(stage["totals"][key], change, state, event))
        rows.append(
            Row(key, names[key], cells, elected=key in result.elected and key not in excluded)
        )
    return rows


def sheet(election: Election) -> Sheet | None:
    """Return the result sheet of a closed election, or None before the count."""
    result = getattr(election, "result", None)
    if result is None:
        return None
    names = names_of(election)
    elected = [(k, names.get(k, k)) for k in result.elected]
    lot_text = ""
    if result.decided_by_lot:
        lot_text = _(
            "A tie was decided by lot: the order drawn, luckiest first, was %(o)s (%(how)s)."
        ) % {
            "o": _join(result.lot_order, names),
            "how": result.lot_drawn,
        }
    if election.method != Method.STV:
        totals = [(k, names.get(k, k), v) for k, v in result.totals]
        return Sheet(election.method, elected, totals=totals, lot_text=lot_text)
    stages = [
        StageLine(
            s["number"],
            s["kind"],
            s["rule"],
            _describe(s, names, result.lot_order),
            by_lot=s["decided_by"] == "lot",
        )
        for s in result.stages
    ]
    return Sheet(
        election.method,
        elected,
        stages=stages,
        rows=_rows(result, names),
        non_transferable=[s["non_transferable_total"] for s in result.stages],
        lost=[s["lost_total"] for s in result.stages],
        lot_text=lot_text,
    )
