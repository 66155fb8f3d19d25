"""A motion put to the vote at a sitting: the sitting's rules hold on every path to the vote.

A motion on a meeting's agenda is opened, closed and counted by that meeting's chair, and only
those checked in to the meeting vote on it. Meetings sit above governance, so governance cannot
ask them; meetings registers a `Sitting` when Django starts (`meetings/sitting.py`, from
`MeetingsConfig.ready`), and the vote's own services (`ballots.open_vote`, `ballots.cast_ballot`,
`decisions.close_vote`, `decisions.record_counted_vote`) ask it before they write, whichever
page or endpoint called them. `at` is the sitting the caller acts in (the meeting's own
services pass their meeting); `None` is governance's own path, the motion's page and API.
"""

from __future__ import annotations

from typing import Protocol


class Sitting(Protocol):
    def conduct(self, *, actor, motion, at: object | None) -> None:
        """Refuse unless `actor` may open, close or count the vote on `motion` through `at`."""

    def ballot(self, *, actor, motion, at: object | None) -> None:
        """Refuse unless `actor` may cast a ballot on `motion` through `at`."""

    def place(self, motion) -> tuple[str, str] | None:
        """Return the name and page of the sitting that runs the vote on `motion`, if one does."""


_sittings: list[Sitting] = []


def register_sitting(sitting: Sitting) -> Sitting:
    """Ask `sitting` before every vote is run or a ballot cast; one only, registered at start-up."""
    if _sittings and _sittings[0] is not sitting:
        raise RuntimeError("a sitting is registered twice")
    _sittings[:] = [sitting]
    return sitting


def require_conduct(*, actor, motion, at: object | None = None) -> None:
    """Refuse unless the actor may run the vote on the motion here (the meeting's chair, there)."""
    for sitting in _sittings:
        sitting.conduct(actor=actor, motion=motion, at=at)


def require_ballot(*, actor, motion, at: object | None = None) -> None:
    """Refuse unless the actor may vote on the motion here (checked in, at a meeting)."""
    for sitting in _sittings:
        sitting.ballot(actor=actor, motion=motion, at=at)


def place(motion) -> tuple[str, str] | None:
    """Return the name and page of the sitting whose agenda holds the motion, or None: the
    motion's page sends its chair there instead of showing buttons that would be refused."""
    for sitting in _sittings:
        found = sitting.place(motion)
        if found is not None:
            return found
    return None
