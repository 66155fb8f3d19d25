"""The result of an STV count, stage by stage: what each stage did, who was elected, and why."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kuzbas.statute.phrases import Phrase


class StageKind(StrEnum):
    FIRST_PREFERENCES = "first_preferences"  # rule 45
    SURPLUS = "surplus"  # rules 48 and 49
    EXCLUSION = "exclusion"  # rules 50 and 51


class DecidedBy(StrEnum):
    VOTES = "votes"  # the candidate's current votes settled it
    LOOK_BACK = "look_back"  # a tie broken by an earlier stage (rules 49(2), 51(2)(a))
    LOT = "lot"  # a tie at every stage, decided by lot (rules 49(3), 51(2)(b))


@dataclass(frozen=True)
class Stage:
    """One stage of the count: what was done, and where every vote stood at its end."""

    number: int
    kind: StageKind
    rule: str  # the rule of SSI 2007/42, schedule 1, that this stage applies
    candidate: str | None  # whose surplus was transferred, or who was excluded
    decided_by: DecidedBy
    looked_back_to: int | None  # the stage that broke a tie, when one did
    moved: Decimal  # the surplus transferred, or the votes of the excluded candidate
    transfer_values: tuple[tuple[Decimal, Decimal], ...]  # (value received, value passed on)
    transfers: tuple[tuple[str, Decimal], ...]  # votes added to each continuing candidate
    non_transferable: Decimal  # value of papers with no next preference, at this stage
    lost: Decimal  # value dropped by truncation at this stage
    totals: tuple[tuple[str, Decimal], ...]  # every candidate, in ballot-paper order
    non_transferable_total: Decimal  # since the first stage
    lost_total: Decimal  # since the first stage
    elected: tuple[str, ...]  # deemed elected at the end of this stage by reaching the quota
    elected_without_quota: tuple[str, ...]  # deemed elected under rule 52

    def votes_for(self, candidate: str) -> Decimal:
        """Return a candidate's votes at the end of this stage."""
        return dict(self.totals)[candidate]

    def describe(self) -> str:
        """Return what happened at this stage in one line."""
        if self.kind is StageKind.FIRST_PREFERENCES:
            head = FIRST_PREFERENCES()
        elif self.kind is StageKind.SURPLUS:
            values = ", ".join(f"{got:.5f} → {sent:.5f}" for got, sent in self.transfer_values)
            head = SURPLUS(candidate=self.candidate, moved=f"{self.moved:.5f}", values=values)
        else:
            head = EXCLUDED(candidate=self.candidate, moved=f"{self.moved:.5f}")
        if self.decided_by is DecidedBy.LOOK_BACK:
            head = LOOKED_BACK(head=head, stage=self.looked_back_to)
        elif self.decided_by is DecidedBy.LOT:
            head = BY_LOT(head=head)
        if self.elected:
            head = REACHED_QUOTA(head=head, names=", ".join(self.elected))
        if self.elected_without_quota:
            head = LAST_VACANCIES(head=head, names=", ".join(self.elected_without_quota))
        return STAGE(number=self.number, head=head)


@dataclass(frozen=True)
class StvResult:
    """The count of an STV election, stage by stage, and who was elected in what order."""

    rule: str
    seats: int
    candidates: tuple[str, ...]  # in ballot-paper order
    valid: int  # valid ballot papers, the base of the quota
    blank: int  # papers with no preference, which are not valid
    quota: Decimal
    stages: tuple[Stage, ...]
    elected: tuple[str, ...]  # in the order deemed elected
    excluded: tuple[str, ...]  # in the order excluded
    lot_order: tuple[str, ...] | None

    @property
    def decided_by_lot(self) -> bool:
        return any(stage.decided_by is DecidedBy.LOT for stage in self.stages)

    def explain(self) -> tuple[str, ...]:
        """Return the count as lines of text."""
        head = STV_HEAD(
            rule=self.rule,
            seats=self.seats,
            valid=self.valid,
            blank=self.blank,
            divisor=self.seats + 1,
            quota=f"{self.quota:.0f}",
        )
        return (
            head,
            *(stage.describe() for stage in self.stages),
            ELECTED(names=", ".join(self.elected)),
        )


FIRST_PREFERENCES = Phrase("first preferences counted")
SURPLUS = Phrase("surplus of {candidate} ({moved}) transferred at {values}")
EXCLUDED = Phrase("{candidate} excluded with {moved} votes")
LOOKED_BACK = Phrase("{head} (tie broken by the votes at stage {stage})", nested=("head",))
BY_LOT = Phrase("{head} (tie at every stage, decided by lot)", nested=("head",))
REACHED_QUOTA = Phrase("{head}; {names} reached the quota", nested=("head",))
LAST_VACANCIES = Phrase("{head}; {names} elected to the last vacancies (rule 52)", nested=("head",))
STAGE = Phrase("stage {number}: {head}", nested=("head",))
STV_HEAD = Phrase(
    "{rule}: Scottish STV, {seats} seat(s); {valid} valid ballot paper(s), {blank} blank; "
    "quota {valid} ÷ {divisor}, ignoring decimals, + 1 = {quota}"
)
ELECTED = Phrase("elected: {names}")
