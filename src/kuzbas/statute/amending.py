"""Amending a statute through itself: what a proposed version changes, clause by clause; the
further majority its entrenched clauses ask of the vote; and the text that is adopted.

A proposal is a whole new version of the statute. It is compared with the version in force
clause by clause (a clause is anything with a rule id: a body, a seat, a matter, a procedure,
an appeal route, a transfer, a condition, an entrenchment). When the vote carries, the adopted
text is the proposal's own, with two things written in by the register: the day it takes
effect and the `[amendment]` table that records the decision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Literal

from kuzbas.statute.clauses import clauses
from kuzbas.statute.errors import StatuteInvalid, StatuteProblem
from kuzbas.statute.loader import read_statute
from kuzbas.statute.majority import check_majority
from kuzbas.statute.model import Entrenchment, Statute
from kuzbas.statute.procedures import Abstentions
from kuzbas.statute.tally import Outcome, Result
from kuzbas.statute.versions import changed_clauses

Change = Literal["added", "removed", "changed"]


def read_proposal(text: str, file: str) -> tuple[Statute | None, tuple[StatuteProblem, ...]]:
    """Read a proposed version: every problem but its missing `[amendment]`, which the register
    writes when the vote carries."""
    statute, problems = read_statute(text, file=file)
    return statute, tuple(p for p in problems if p.rule != "amendment.record")


@lru_cache(maxsize=32)
def parse_proposal(text: str, file: str) -> Statute:
    """Return a proposal read before without problems; raise StatuteInvalid if it has any."""
    statute, problems = read_proposal(text, file)
    if statute is None or problems:
        raise StatuteInvalid(list(problems))
    return statute


@dataclass(frozen=True)
class ClauseChange:
    """One clause the proposal adds, removes or changes, with its text before and after."""

    rule: str
    change: Change
    before: tuple[str, ...]  # the clause's lines in the version in force (empty: added)
    after: tuple[str, ...]  # the clause's lines in the proposal (empty: removed)
    entrenched: Entrenchment | None  # the entrenchment that guards it in the version in force


def clause_text(text: str, line: int) -> tuple[str, ...]:
    """Return the lines of the TOML table that starts on a line, up to the next table."""
    lines = text.splitlines()
    block: list[str] = []
    for n, content in enumerate(lines[line - 1 :]):
        if n and content.lstrip().startswith("["):
            break
        block.append(content)
    while block and (not block[-1].strip() or block[-1].lstrip().startswith("#")):
        block.pop()
    return tuple(block)


def _lines(text: str, clause: object) -> tuple[str, ...]:
    at = getattr(clause, "at", None)
    return clause_text(text, at.line) if at is not None else ()


def clause_changes(
    before: Statute, before_text: str, after: Statute, after_text: str
) -> tuple[ClauseChange, ...]:
    """Return every clause that differs between two versions, in rule order."""
    old, new = clauses(before), clauses(after)
    guards = {e.clause: e for e in before.entrenched}
    found = []
    for rule in changed_clauses(before, after):
        was, now = old.get(rule), new.get(rule)
        change: Change = "added" if was is None else "removed" if now is None else "changed"
        found.append(
            ClauseChange(
                rule=rule,
                change=change,
                before=_lines(before_text, was),
                after=_lines(after_text, now),
                entrenched=guards.get(rule),
            )
        )
    return tuple(found)


def entrenchments_touched(before: Statute, after: Statute) -> tuple[Entrenchment, ...]:
    """Return the entrenchments of the version in force whose clauses the proposal changes."""
    changed = set(changed_clauses(before, after))
    return tuple(e for e in before.entrenched if e.clause in changed)


def hold_to_entrenchments(
    result: Result, entrenchments: tuple[Entrenchment, ...], *, abstentions: Abstentions
) -> Result:
    """Return the result once every entrenchment's majority is asked of the same votes.

    A vote the procedure carried fails when it misses any entrenched clause's majority; the
    arithmetic says which clause and by how much.
    """
    if result.outcome is not Outcome.CARRIED or not entrenchments:
        return result
    lines = list(result.arithmetic[:-1])  # every line but the procedure's "outcome: carried"
    outcome = Outcome.CARRIED
    for entrenched in entrenchments:
        check = check_majority(
            entrenched.majority,
            abstentions=abstentions,
            yes=result.yes,
            no=result.no,
            abstain=result.abstain,
            present=result.present,
            members=result.members,
        )
        lines.append(f"{entrenched.rule}: the proposal changes {entrenched.clause}, entrenched")
        lines += check.text
        if not check.met:
            outcome = Outcome.FAILED
    lines.append(f"outcome: {outcome.value}")
    return dataclasses.replace(result, outcome=outcome, arithmetic=tuple(lines))


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f'"{value}"'


def _string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def adopted_text(
    text: str,
    proposal: Statute,
    *,
    effective: dt.date,
    adopted_by: str,
    matter: str,
    adopted_on: dt.date,
    yes: Fraction,
    no: Fraction,
    abstain: Fraction,
    source: str,
) -> str:
    """Return the proposal's text as adopted: its first day, and the decision that adopted it.

    Only the `effective` line is rewritten, and the `[amendment]` table is added at the end; every
    other line is the proposers' own. A proposal must not carry an `[amendment]` of its own.
    """
    lines = text.splitlines()
    at = proposal.at.of("effective") - 1
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = f"{indent}effective = {effective.isoformat()}"
    votes = f"{{ yes = {_number(yes)}, no = {_number(no)}, abstain = {_number(abstain)} }}"
    lines += [
        "",
        "[amendment]",
        f"adopted_by = {_string(adopted_by)}",
        f"matter = {_string(matter)}",
        f"adopted_on = {adopted_on.isoformat()}",
        f"votes = {votes}",
        f"source = {_string(source)}",
    ]
    return "\n".join(lines) + "\n"
