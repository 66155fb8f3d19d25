"""The single transferable vote, counted by the Scottish rules.

The rules are those of the Scottish Local Government Elections Order 2007 (SSI 2007/42,
schedule 1, rules 45 to 52), read as follows:

- Rule 46: quota = floor(valid ballot papers / (seats + 1)) + 1. A blank paper is not valid.
- Rule 47: a candidate whose votes reach the quota at the end of a stage is deemed elected.
- Rules 48 and 49: while vacancies remain, the largest surplus is transferred, one per stage.
  *Every* paper the candidate holds goes on (not only the last parcel received), each at
  surplus × the value it arrived with ÷ the candidate's total, worked to five decimal places
  with the remainder ignored. What truncation drops is shown as lost. Equal surpluses: the
  candidate with more votes at the most recent stage where they differed goes first, then the lot.
- Rules 50 and 51: with no surplus to transfer, the continuing candidate with the fewest votes
  is excluded and every paper they hold goes on at the value it arrived with. Equal lowest: the
  one with fewer votes at the most recent stage where they differed goes; if several share that
  lowest figure, the look-back continues with them alone; if they were equal at every stage, the
  lot decides.
- Rule 52: when the continuing candidates are as many as the vacancies left, all are elected and
  nothing more is transferred.

Every paper goes to its next preference for a continuing candidate, skipping candidates already
elected or excluded. A paper with none is non-transferable.

Arithmetic is exact (see `stv_values`); the result is recorded stage by stage (see `stv_result`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal, localcontext

from kuzbas.statute.elections.lot import Lot, LotSource, draw_lot
from kuzbas.statute.elections.marks import check_candidates, check_marks
from kuzbas.statute.elections.stv_result import DecidedBy, Stage, StageKind, StvResult
from kuzbas.statute.elections.stv_values import EXACT, PLACES, UNIT, ZERO, Parcel, truncate

__all__ = [
    "EXACT",
    "PLACES",
    "RULE",
    "UNIT",
    "ZERO",
    "DecidedBy",
    "Stage",
    "StageKind",
    "StvResult",
    "count_scottish_stv",
    "truncate",
]

RULE = "election.stv"


def count_scottish_stv(
    *,
    candidates: Sequence[str],
    seats: int,
    ballots: Iterable[Sequence[str]],
    lot: LotSource = None,
    rule: str = RULE,
) -> StvResult:
    """Return the STV count of ranked ballots by the Scottish rules, stage by stage.

    Each ballot ranks candidates, first preference first; a blank ballot is counted as blank.
    A ballot naming a candidate who does not stand, or one candidate twice, is refused with a
    `TallyError`. `lot` is the order drawn by lot, or a seeded `random.Random` to draw it; when
    a tie needs the lot and none was given, `LotNeeded` names the tied candidates.
    """
    names = check_candidates(candidates, seats, rule=rule)
    standing = frozenset(names)
    parcels: Counter[tuple[str, ...]] = Counter()
    blank = 0
    for ballot in ballots:
        ranking = check_marks(ballot, standing, rule=rule)
        if ranking:
            parcels[ranking] += 1
        else:
            blank += 1
    drawn = draw_lot(names, lot, rule=f"{rule}.lot")
    with localcontext(EXACT):
        return _Count(names, seats, parcels, blank, drawn, rule).run()


class _Count:
    """The working state of one count; only its result leaves this module."""

    def __init__(
        self,
        names: tuple[str, ...],
        seats: int,
        parcels: Counter[tuple[str, ...]],
        blank: int,
        lot: Lot,
        rule: str,
    ):
        self.names, self.seats, self.blank, self.lot, self.rule = names, seats, blank, lot, rule
        self.valid = sum(parcels.values())
        self.quota = Decimal(self.valid // (seats + 1) + 1).quantize(UNIT)
        self.held: dict[str, list[Parcel]] = {name: [] for name in names}
        self.votes = dict.fromkeys(names, ZERO)
        for ranking, papers in parcels.items():
            parcel = Parcel(ranking, papers, Decimal(1).quantize(UNIT), 0)
            self.held[ranking[0]].append(parcel)  # one parcel per ranking, as no two differ
            self.votes[ranking[0]] += parcel.votes
        self.continuing = list(names)  # in ballot-paper order
        self.pending: list[str] = []  # elected with a surplus not yet transferred
        self.elected: list[str] = []
        self.excluded: list[str] = []
        self.stages: list[Stage] = []
        self.non_transferable = ZERO
        self.lost = ZERO

    @property
    def vacancies(self) -> int:
        return self.seats - len(self.elected)

    def run(self) -> StvResult:
        """Count stage by stage until every seat is filled."""
        self._end_stage(StageKind.FIRST_PREFERENCES, "rule 45", None, DecidedBy.VOTES, None)
        while self.vacancies:
            if self.pending:
                self._transfer_surplus()
            else:
                self._exclude_lowest()
        return StvResult(
            rule=self.rule,
            seats=self.seats,
            candidates=self.names,
            valid=self.valid,
            blank=self.blank,
            quota=self.quota,
            stages=tuple(self.stages),
            elected=tuple(self.elected),
            excluded=tuple(self.excluded),
            lot_order=self.lot.order,
        )

    def _by_votes(self, names: Iterable[str]) -> list[str]:
        """Return candidates with the most votes first, then in ballot-paper order."""
        place = {name: index for index, name in enumerate(self.names)}
        return sorted(names, key=lambda name: (-self.votes[name], place[name]))

    def _end_stage(
        self,
        kind: StageKind,
        rule: str,
        candidate: str | None,
        decided_by: DecidedBy,
        looked_back_to: int | None,
        *,
        moved: Decimal = ZERO,
        transfer_values: tuple[tuple[Decimal, Decimal], ...] = (),
        transfers: dict[str, Decimal] | None = None,
        non_transferable: Decimal = ZERO,
        lost: Decimal = ZERO,
    ) -> None:
        """Deem elected who reached the quota (rule 47) or fill the last vacancies (rule 52)."""
        gained = transfers or {}
        reached = [
            name for name in self._by_votes(self.continuing) if self.votes[name] >= self.quota
        ]
        # The Droop quota lets no more than the seats reach it; the cut is only a guard.
        reached = reached[: self.vacancies]
        for name in reached:
            self.continuing.remove(name)
            self.elected.append(name)
            if self.votes[name] > self.quota:
                self.pending.append(name)
        last: list[str] = []
        if self.vacancies and len(self.continuing) == self.vacancies:
            last = self._by_votes(self.continuing)
            self.elected.extend(last)
            self.continuing.clear()
        self.non_transferable += non_transferable
        self.lost += lost
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                kind=kind,
                rule=rule,
                candidate=candidate,
                decided_by=decided_by,
                looked_back_to=looked_back_to,
                moved=moved,
                transfer_values=transfer_values,
                transfers=tuple((name, gained[name]) for name in self.names if name in gained),
                non_transferable=non_transferable,
                lost=lost,
                totals=tuple((name, self.votes[name]) for name in self.names),
                non_transferable_total=self.non_transferable,
                lost_total=self.lost,
                elected=tuple(reached),
                elected_without_quota=tuple(last),
            )
        )

    def _pick(
        self, tied: list[str], *, lowest: bool, question: str
    ) -> tuple[str, DecidedBy, int | None]:
        """Break a tie by the most recent stage where the votes differed, then by lot."""
        if len(tied) == 1:
            return tied[0], DecidedBy.VOTES, None
        for stage in reversed(self.stages):
            at = {name: stage.votes_for(name) for name in tied}
            best = min(at.values()) if lowest else max(at.values())
            narrowed = [name for name in tied if at[name] == best]
            if len(narrowed) < len(tied):
                tied = narrowed
                if len(tied) == 1:
                    return tied[0], DecidedBy.LOOK_BACK, stage.number
        chosen = (
            self.lot.unluckiest(tied, question=question)
            if lowest
            else self.lot.luckiest(tied, question=question)
        )
        return chosen, DecidedBy.LOT, None

    def _next_preference(self, parcel: Parcel) -> str | None:
        """Move a parcel's pointer to its next continuing candidate, or return None."""
        for index in range(parcel.at + 1, len(parcel.ranking)):
            if parcel.ranking[index] in self.continuing:
                parcel.at = index
                return parcel.ranking[index]
        return None

    def _pass_on(
        self, holder: str, value_of: dict[Decimal, Decimal]
    ) -> tuple[dict[str, Decimal], Decimal]:
        """Move every paper the holder has to its next preference at its new value."""
        transfers = {name: ZERO for name in self.continuing}
        non_transferable = ZERO
        for parcel in self.held[holder]:
            parcel.value = value_of[parcel.value]
            target = self._next_preference(parcel)
            if target is None:
                non_transferable += parcel.votes
            else:
                self.held[target].append(parcel)
                transfers[target] += parcel.votes
        self.held[holder] = []
        for name, gained in transfers.items():
            self.votes[name] += gained
        return transfers, non_transferable

    def _transfer_surplus(self) -> None:
        """Transfer the largest surplus (rules 48 and 49)."""
        top = max(self.votes[name] for name in self.pending)
        tied = [name for name in self.pending if self.votes[name] == top]
        holder, decided_by, looked_back_to = self._pick(
            tied, lowest=False, question="whose equal surplus is transferred first"
        )
        self.pending.remove(holder)
        total = self.votes[holder]
        surplus = total - self.quota
        received = {parcel.value for parcel in self.held[holder]}
        value_of = {value: truncate(surplus * value, total) for value in received}
        transfers, non_transferable = self._pass_on(holder, value_of)
        self.votes[holder] = self.quota
        lost = surplus - sum(transfers.values(), ZERO) - non_transferable
        self._end_stage(
            StageKind.SURPLUS,
            "rule 48" if len(tied) == 1 and not self.pending else "rules 48 and 49",
            holder,
            decided_by,
            looked_back_to,
            moved=surplus,
            transfer_values=tuple(sorted(value_of.items(), reverse=True)),
            transfers=transfers,
            non_transferable=non_transferable,
            lost=lost,
        )

    def _exclude_lowest(self) -> None:
        """Exclude the continuing candidate with the fewest votes (rules 50 and 51)."""
        bottom = min(self.votes[name] for name in self.continuing)
        tied = [name for name in self.continuing if self.votes[name] == bottom]
        loser, decided_by, looked_back_to = self._pick(
            tied, lowest=True, question="who is excluded"
        )
        self.continuing.remove(loser)
        self.excluded.append(loser)
        moved = self.votes[loser]
        received = {parcel.value for parcel in self.held[loser]}
        transfers, non_transferable = self._pass_on(loser, {value: value for value in received})
        self.votes[loser] = ZERO
        self._end_stage(
            StageKind.EXCLUSION,
            "rule 50" if decided_by is DecidedBy.VOTES else "rules 50 and 51",
            loser,
            decided_by,
            looked_back_to,
            moved=moved,
            transfer_values=tuple(sorted(((v, v) for v in received), reverse=True)),
            transfers=transfers,
            non_transferable=non_transferable,
        )
