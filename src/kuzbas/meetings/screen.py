"""What a meeting puts before its members now: the one "vote now" screen and the projector.

A motion (or an amendment) put to the vote is the meeting's `current_motion`. An election on
the agenda runs its own ballot in the app above meetings, which meetings do not import: it
registers a `ScreenKind` here (`kuzbas.elections.vote_screen`, from its `AppConfig.ready`) that
renders its ballot paper, its count and its turnout for an agenda item that carries it. An
election opening takes the screen from the last motion (`agenda.move_item` clears
`current_motion`), so the screen shows, in order: an election being voted on; else the current
motion, open or decided; else the last election counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, Exists, Q, When

from kuzbas.governance.models import Ballot, Motion, MotionStatus, Participation, RollEntry
from kuzbas.meetings.models import AgendaItem, ItemStatus, Meeting, Speaker, SpeakerStatus


@dataclass(frozen=True)
class ScreenKind:
    """How the screen shows items of one kind that run their own ballot (an election).

    `carries(item)` says whether the item is one; `ballot(request, item)` renders the member's
    paper (or the result, once counted) and `projector(item)` what the hall sees, each as HTML
    to put inside the screen; `turnout(item)` is the (voted, on the roll) pair while voting is
    open, or None.
    """

    name: str
    carries: Callable[[AgendaItem], bool]
    ballot: Callable[..., str]
    projector: Callable[[AgendaItem], str]
    turnout: Callable[[AgendaItem], tuple[int, int] | None]


_kinds: list[ScreenKind] = []


def register_kind(kind: ScreenKind) -> ScreenKind:
    """Have the screen show items of this kind; registering the same name twice replaces it."""
    _kinds[:] = [k for k in _kinds if k.name != kind.name]
    _kinds.append(kind)
    return kind


def kind_of(item: AgendaItem | None) -> ScreenKind | None:
    """Return the registered kind that shows this item, or None (a motion, or nothing)."""
    if item is None:
        return None
    return next((k for k in _kinds if k.carries(item)), None)


@dataclass(frozen=True)
class OnScreen:
    """What the screen shows: an item with its own ballot (`kind` set), or a motion, or none."""

    item: AgendaItem | None
    motion: Motion | None
    kind: ScreenKind | None

    @property
    def voting(self) -> bool:
        if self.kind is not None:
            return self.item is not None and self.item.status == ItemStatus.VOTING
        return self.motion is not None and self.motion.status == MotionStatus.VOTING


def own_ballots(meeting_pk) -> Exists:
    """Whether the meeting has an item with its own ballot being voted on or counted: for a
    phone's poll to ask with the meeting, in the same query."""
    return Exists(
        AgendaItem.objects.filter(
            meeting=meeting_pk,
            election__isnull=False,
            status__in=(ItemStatus.VOTING, ItemStatus.DONE),
        )
    )


def on_screen(meeting: Meeting, *, with_item: bool = True) -> OnScreen:
    """Return what the meeting puts before its members now (see the module's docstring).

    A meeting read with `own_ballots` annotated (as `has_own_ballots`) costs no query here when
    it has none; `with_item=False` leaves a motion's agenda item unread (a phone's poll).
    """
    own_ballot = []
    if getattr(meeting, "has_own_ballots", True):
        own_ballot = list(
            meeting.items.filter(
                election__isnull=False, status__in=(ItemStatus.VOTING, ItemStatus.DONE)
            ).order_by("-election_id")
        )
    voting = next((i for i in own_ballot if i.status == ItemStatus.VOTING), None)
    if voting is not None:
        voting.meeting = meeting
        return OnScreen(voting, None, kind_of(voting))
    motion = meeting.current_motion
    if motion is not None:
        item = None
        if with_item:
            item = meeting.items.filter(Q(motion=motion) | Q(amendments__motion=motion)).first()
        return OnScreen(item, motion, None)
    if own_ballot:
        done = own_ballot[0]
        done.meeting = meeting
        return OnScreen(done, None, kind_of(done))
    return OnScreen(None, None, None)


def motion_turnout(motion: Motion) -> tuple[int, int]:
    """Return how many on the roll of an open vote have voted, and how many are on it: whether,
    never how (a named ballot and a secret one's participation are both one row a voter)."""
    voted = (
        Ballot.objects.filter(motion=motion).count()
        + Participation.objects.filter(motion=motion).count()
    )
    return voted, RollEntry.objects.filter(motion=motion).count()


def turnout(shown: OnScreen) -> tuple[int, int] | None:
    """Return (voted, on the roll) while what is on screen is being voted on, else None."""
    if not shown.voting:
        return None
    if shown.kind is not None and shown.item is not None:
        return shown.kind.turnout(shown.item)
    return motion_turnout(shown.motion) if shown.motion is not None else None


def speakers(item: AgendaItem | None) -> tuple[Speaker | None, list[Speaker]]:
    """Return who has the floor on the item and who waits, in the order they will be called."""
    if item is None:
        return None, []
    rows = list(
        item.speakers.filter(status__in=(SpeakerStatus.SPEAKING, SpeakerStatus.WAITING))
        .select_related("person")
        .order_by("-point_of_order", "requested_at", "pk")
    )
    speaking = next((s for s in rows if s.status == SpeakerStatus.SPEAKING), None)
    return speaking, [s for s in rows if s.status == SpeakerStatus.WAITING]


def item_in_hand(meeting: Meeting, shown: OnScreen) -> AgendaItem | None:
    """Return the item the meeting is on: the one on screen, else the first under discussion,
    else the first still to come, else the last one on screen."""
    if shown.item is not None and (shown.voting or shown.item.status != ItemStatus.DONE):
        return shown.item
    waiting = meeting.items.filter(status__in=(ItemStatus.DISCUSSION, ItemStatus.PENDING))
    ahead = waiting.order_by(
        Case(When(status=ItemStatus.DISCUSSION, then=0), default=1), "position"
    ).first()
    return ahead or shown.item
