"""A clause-by-clause comparison of a version with the one it replaces.

Clauses are matched by their lineage (`Clause.carried_from`), not by their numbers, which an
amendment may change: a clause copied into the amendment and left alone is unchanged, one
whose text or number was edited is changed (with a word diff), one the amendment holds but
did not copy is added, and one of the old version with no copy in the new one is removed.
Pure Python on rows already read: two queries for the two versions' clauses.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from kuzbas.contracts.models.versions import Clause, Version

ADDED, CHANGED, REMOVED, SAME = "added", "changed", "removed", "same"
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    """A run of words in a word diff: kept, inserted or deleted."""

    op: str  # "keep", "insert", "delete"
    text: str


@dataclass(frozen=True)
class ClauseChange:
    kind: str  # added, changed, removed, same
    old: Clause | None
    new: Clause | None
    words: list[Piece] = field(default_factory=list)
    translation_words: list[Piece] = field(default_factory=list)

    @property
    def number(self) -> str:
        clause = self.new or self.old
        return clause.number if clause else ""


@dataclass(frozen=True)
class VersionDiff:
    old: Version | None
    new: Version
    changes: list[ClauseChange]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def added(self) -> int:
        return self.count(ADDED)

    @property
    def changed(self) -> int:
        return self.count(CHANGED)

    @property
    def removed(self) -> int:
        return self.count(REMOVED)


def word_diff(old: str, new: str) -> list[Piece]:
    """Return the words of `new` against `old`: kept, inserted and deleted runs, in order."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("keep", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("insert", "".join(b[j1:j2])))
    return pieces


def _clauses(version: Version) -> list[Clause]:
    return list(version.clauses.select_related("section").order_by("order"))


def compare(new: Version) -> VersionDiff:
    """Compare a version with the one it replaces (every clause added for a first version)."""
    old = new.replaces
    old_clauses = _clauses(old) if old is not None else []
    new_clauses = _clauses(new)
    carried = {c.carried_from_id for c in new_clauses if c.carried_from_id is not None}
    by_id = {c.pk: c for c in old_clauses}
    changes: list[ClauseChange] = []
    for clause in new_clauses:
        before = by_id.get(clause.carried_from_id) if clause.carried_from_id else None
        if before is None:
            changes.append(ClauseChange(ADDED, None, clause))
        elif (before.text, before.translation, before.number) == (
            clause.text,
            clause.translation,
            clause.number,
        ):
            changes.append(ClauseChange(SAME, before, clause))
        else:
            changes.append(
                ClauseChange(
                    CHANGED,
                    before,
                    clause,
                    words=word_diff(before.text, clause.text),
                    translation_words=word_diff(before.translation, clause.translation),
                )
            )
    # A removed clause is shown where it stood: after the change to the clause before it.
    for position, clause in enumerate(old_clauses):
        if clause.pk in carried:
            continue
        index = _after(changes, old_clauses[:position])
        changes.insert(index, ClauseChange(REMOVED, clause, None))
    return VersionDiff(old=old, new=new, changes=changes)


def _after(changes: list[ClauseChange], earlier: list[Clause]) -> int:
    """Return where a removed clause goes: after the last change touching an earlier clause."""
    ids = {c.pk for c in earlier}
    index = 0
    for n, change in enumerate(changes):
        if change.old is not None and change.old.pk in ids:
            index = n + 1
    return index
