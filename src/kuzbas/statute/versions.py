"""The statute's history: each amendment is a decision that yields a new version from a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from kuzbas.statute.clauses import clauses
from kuzbas.statute.errors import NotInForce, StatuteInvalid, StatuteProblem
from kuzbas.statute.location import Location
from kuzbas.statute.majority import check_majority
from kuzbas.statute.model import MatterKind, Statute, Votes
from kuzbas.statute.problems import problem
from kuzbas.statute.procedures import Abstentions, Majority


@dataclass(frozen=True)
class StatuteHistory:
    """Every version of a statute, oldest first; any date's statute can be asked for."""

    versions: tuple[Statute, ...]

    @property
    def current(self) -> Statute:
        return self.versions[-1]


def statute_as_of(history: StatuteHistory | Statute, as_of: dt.date) -> Statute:
    """Return the version in force on a date; raise NotInForce before the first one."""
    versions = history.versions if isinstance(history, StatuteHistory) else (history,)
    in_force = [v for v in versions if v.effective <= as_of]
    if not in_force:
        first = versions[0]
        raise NotInForce(
            f"no version of the statute was in force on {as_of.isoformat()}; the first, "
            f"{first.version}, took effect on {first.effective.isoformat()}",
            rule="statute.in_force",
        )
    return in_force[-1]


def build_history(statutes: Iterable[Statute]) -> StatuteHistory:
    """Return the history of versions; raise StatuteInvalid if one does not follow from another."""
    versions = tuple(sorted(statutes, key=lambda s: s.effective))
    problems = list(history_problems(versions))
    if problems:
        raise StatuteInvalid(problems)
    return StatuteHistory(versions)


def amend(history: StatuteHistory, new: Statute) -> StatuteHistory:
    """Return the history with a new version added; raise StatuteInvalid if it does not follow."""
    return build_history((*history.versions, new))


def history_problems(versions: tuple[Statute, ...]) -> Iterator[StatuteProblem]:
    """Yield every way in which the versions fail to follow one another."""
    if not versions:
        return
    first = versions[0]
    if first.amends:
        yield problem(
            first.at,
            "amends",
            "amendment.previous",
            f'the earliest version amends "{first.amends}", which is not in the history',
        )
    for before, after in pairwise(versions):
        yield from _follows(before, after)


def _follows(before: Statute, after: Statute) -> Iterator[StatuteProblem]:
    at = after.at
    if after.id != before.id:
        yield problem(
            at,
            "id",
            "amendment.previous",
            f'version {after.version} belongs to statute "{after.id}", not "{before.id}"',
        )
    if after.amends != before.version:
        yield problem(
            at,
            "amends",
            "amendment.previous",
            f'version {after.version} amends "{after.amends or "nothing"}", but the version '
            f"before it is {before.version}",
        )
    if after.effective == before.effective:
        yield problem(
            at,
            "effective",
            "amendment.effective",
            f"versions {before.version} and {after.version} take effect on the same day",
        )
    record = after.amendment
    if record is None:
        return
    where = record.at
    # The vote is taken under the old version, so it falls before the new one's first day.
    if not before.effective <= record.adopted_on < after.effective:
        yield problem(
            where,
            "adopted_on",
            "amendment.date",
            f"the amendment was adopted on {record.adopted_on.isoformat()}, outside the time of "
            f"version {before.version} ({before.effective.isoformat()} to "
            f"{after.effective.isoformat()})",
        )
    matter = before.matter(record.matter)
    if matter is None or matter.kind is not MatterKind.AMENDMENT:
        yield problem(
            where,
            "matter",
            "amendment.matter",
            f'version {before.version} has no matter "{record.matter}" of kind "amendment"',
        )
        return
    if matter.competent != record.adopted_by:
        yield problem(
            where,
            "adopted_by",
            "amendment.competent",
            f"under version {before.version} the {before.name_of(matter.competent)} amends the "
            f"statute ({matter.rule}), not the {before.name_of(record.adopted_by)}",
        )
    procedure = before.procedure_for(matter)
    if record.votes is not None and procedure is not None:
        yield from _majority_problems(
            where,
            majority=procedure.majority,
            votes=record.votes,
            rule=procedure.rule,
            abstentions=procedure.abstentions,
        )
    for clause in changed_clauses(before, after):
        entrenched = next((e for e in before.entrenched if e.clause == clause), None)
        if entrenched is None:
            continue
        if record.votes is None:
            yield StatuteProblem(
                where.file,
                where.line,
                "amendment.entrenched",
                f"{clause} is entrenched ({entrenched.majority.describe()}); the amendment "
                "changes it, so its votes must be recorded: add votes = { yes = …, no = … }",
            )
        elif procedure is not None:
            yield from _majority_problems(
                where,
                majority=entrenched.majority,
                votes=record.votes,
                rule=entrenched.rule,
                abstentions=procedure.abstentions,
            )


def _majority_problems(
    where: Location,
    *,
    majority: Majority,
    votes: Votes,
    rule: str,
    abstentions: Abstentions,
) -> Iterator[StatuteProblem]:
    cast = votes.yes + votes.no + votes.abstain
    # The record holds only the counts, so every base is taken to be the votes cast.
    check = check_majority(
        majority,
        abstentions=abstentions,
        yes=votes.yes,
        no=votes.no,
        abstain=votes.abstain,
        present=cast,
        members=cast,
    )
    if not check.met:
        yield problem(
            where,
            "votes",
            "amendment.majority",
            f"the recorded votes do not reach {majority.describe()} ({rule}): {check.text[-1]}",
        )


def changed_clauses(before: Statute, after: Statute) -> tuple[str, ...]:
    """Return the rule ids added, removed or changed between two versions."""
    old, new = clauses(before), clauses(after)
    return tuple(sorted(rule for rule in old.keys() | new.keys() if old.get(rule) != new.get(rule)))
