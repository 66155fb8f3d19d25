"""Meeting endpoints: everything a member or a chair does, so a meeting can run from any client."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from kuzbas.core.clock import colony_today
from kuzbas.core.links import site_url
from kuzbas.core.rights import Right, require
from kuzbas.governance import ballot_box
from kuzbas.governance.access import motion_for_user
from kuzbas.meetings import live, selectors
from kuzbas.meetings import minutes as minutes_of
from kuzbas.meetings.access import (
    item_for_user,
    meeting_for_user,
    meeting_for_voter,
    motion_on_item,
)
from kuzbas.meetings.models import Meeting, NoticeDelivery
from kuzbas.meetings.quorum import live_quorum
from kuzbas.meetings.schemas import (
    AmendmentIn,
    AttendanceOut,
    ChairMeetingOut,
    CodeIn,
    DecisionBrief,
    ItemIn,
    ItemOut,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MinutesOut,
    MotionBrief,
    NoticeGivenOut,
    NoticeOut,
    SpeakerOut,
    SpeakIn,
    VoteIn,
    VoteStateOut,
)
from kuzbas.meetings.schemas import AttendeeIn as PersonIn
from kuzbas.meetings.schemas import MeetingBallotIn as BallotIn
from kuzbas.meetings.schemas import MeetingBallotOut as BallotOut
from kuzbas.meetings.schemas import MeetingCountIn as CountIn
from kuzbas.meetings.services import agenda, attendance, chair, notices, votes
from kuzbas.meetings.services import speakers as speaking
from kuzbas.members.access import person_named

router = Router(tags=["meetings"])


def _brief(motion, decision=None) -> dict:
    found = decision if decision is not None else getattr(motion, "decision", None)
    amendment = getattr(motion, "amendment", None)
    return {
        "number": motion.number,
        "title": motion.title,
        "status": motion.status,
        "decision": found.sequence if found else None,
        "amends": amendment.amends.number if amendment else None,
    }


def _items(meeting: Meeting) -> list[dict]:
    return [
        {
            "position": item.position,
            "kind": item.kind,
            "title": item.title,
            "text": item.text,
            "status": item.status,
            "motions": [_brief(m) for m in selectors.motions_of(item)],
            "election": _election_brief(item.election) if item.election_id else None,
        }
        for item in meeting.items.select_related("motion", "election")
    ]


def _election_brief(election) -> dict:
    return {
        "id": election.pk,
        "title": election.title,
        "status": election.status,
        "places": election.seats,
        "method": election.method,
    }


def _meeting(meeting: Meeting, *, code: bool = False) -> dict:
    """Return a meeting as plain data; the check-in code only for the chair's answers."""
    fields = ("id", "title", "convened_for", "place", "status")
    out = {f: getattr(meeting, f) for f in fields} | {"body": meeting.body.key}
    return out | {"checkin_code": meeting.checkin_code} if code else out


def _quorum(meeting: Meeting) -> dict:
    return vars(live_quorum(meeting))


@router.get("/", response=list[MeetingOut], summary="Meetings, newest first")
def list_meetings(request: HttpRequest):
    require(request.user, Right.MEETINGS_VIEW)
    meetings = Meeting.objects.select_related("body").order_by("-convened_for")[:500]
    return [_meeting(m) for m in meetings]


@router.post("/", response={201: ChairMeetingOut}, summary="Convene a meeting (chair)")
def convene(request: HttpRequest, payload: MeetingIn):
    return Status(201, _meeting(agenda.convene(actor=request.user, **payload.dict()), code=True))


@router.get("/notices", response=list[NoticeOut], summary="Notices of meetings given to me")
def my_notices(request: HttpRequest):
    require(request.user, Right.MEETINGS_VIEW)
    person_id = getattr(request.user, "person_id", None)
    rows = (
        NoticeDelivery.objects.filter(person_id=person_id)
        .select_related("notice__meeting")
        .order_by("-notice__given_at")[:100]
        if person_id
        else []
    )
    return [
        {
            "meeting": d.notice.meeting_id,
            "title": d.notice.meeting.title,
            "convened_for": d.notice.meeting.convened_label,
            "given_at": d.notice.given_at,
            "given_on": d.notice.given_on,
            "text": d.notice.text,
            "read_at": d.read_at,
        }
        for d in rows
    ]


@router.post(
    "/{pk}/notice",
    response={201: NoticeGivenOut},
    summary="Give notice to those entitled, and e-mail it to them",
    description="`emailed` counts the messages the mail server took, `no_address` the recipients"
    " without an e-mail address, `mail_failed` the messages not sent and `mail_error` why;"
    " the notice is given all the same.",
)
def give_notice(request: HttpRequest, pk: int):
    require(request.user, Right.MEETINGS_CLERK)
    notice = notices.give_notice(
        actor=request.user,
        meeting=meeting_for_user(request.user, pk),
        on=colony_today(),
        site_url=site_url(request),
    )
    return Status(
        201,
        {
            "meeting": notice.meeting_id,
            "given_at": notice.given_at,
            "given_on": notice.given_on,
            "recipients": notice.recipients,
            "text": notice.text,
            "no_address": notice.no_address,
            "emailed": notice.emailed,
            "mail_failed": notice.mail_failed,
            "mail_error": notice.mail_error,
        },
    )


@router.get("/{pk}", response=MeetingDetailOut, summary="A meeting: agenda and live quorum")
def get_meeting(request: HttpRequest, pk: int):
    meeting = meeting_for_user(request.user, pk)
    return {
        **_meeting(meeting),
        "items": _items(meeting),
        "quorum": _quorum(meeting),
    }


@router.post("/{pk}/open", response=ChairMeetingOut, summary="Open the meeting (chair)")
def open_meeting(request: HttpRequest, pk: int):
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = chair.open_meeting(actor=request.user, meeting=meeting_for_user(request.user, pk))
    return _meeting(meeting, code=True)


@router.post("/{pk}/close", response=MeetingOut, summary="Close the meeting (chair)")
def close_meeting(request: HttpRequest, pk: int):
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = chair.close_meeting(actor=request.user, meeting=meeting_for_user(request.user, pk))
    return _meeting(meeting)


@router.post("/{pk}/items", response={201: ItemOut}, summary="Add an agenda item (chair)")
def add_item(request: HttpRequest, pk: int, payload: ItemIn):
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    fields = payload.dict()
    number = fields.pop("motion")
    item = agenda.add_item(
        actor=request.user,
        meeting=meeting,
        as_of=colony_today(),
        motion=motion_for_user(request.user, number) if number is not None else None,
        **fields,
    )
    motions = [_brief(m) for m in selectors.motions_of(item)]
    return Status(
        201,
        {
            **{f: getattr(item, f) for f in ("position", "kind", "title", "text", "status")},
            "motions": motions,
        },
    )


@router.post("/{pk}/check-in", response={201: AttendanceOut}, summary="Check in with the code")
def check_in(request: HttpRequest, pk: int, payload: CodeIn):
    require(request.user, Right.MEETINGS_ATTEND)
    meeting = meeting_for_user(request.user, pk)
    done = attendance.check_in(actor=request.user, meeting=meeting, code=payload.code)
    return Status(
        201, {"person": done.person.key, "method": done.method, "checked_in_at": done.checked_in_at}
    )


@router.post("/{pk}/attendance", response={201: AttendanceOut}, summary="Check a person in (clerk)")
def register_attendance(request: HttpRequest, pk: int, payload: PersonIn):
    require(request.user, Right.MEETINGS_CLERK)
    meeting = meeting_for_user(request.user, pk)
    person = person_named(payload.person)
    done = attendance.register_attendance(actor=request.user, meeting=meeting, person=person)
    return Status(
        201, {"person": person.key, "method": done.method, "checked_in_at": done.checked_in_at}
    )


@router.get("/{pk}/vote", response=VoteStateOut, summary="The vote on screen, and its result")
def vote_state(request: HttpRequest, pk: int):
    meeting = meeting_for_user(request.user, pk)
    motion = meeting.current_motion
    decision = getattr(motion, "decision", None) if motion else None
    return {
        "motion": motion.number if motion else None,
        "title": motion.title if motion else None,
        "status": motion.status if motion else None,
        # Results only once the vote has closed: no live counts.
        "outcome": decision.outcome if decision else None,
        "counts": decision.counts if decision else None,
        "register_entry": decision.sequence if decision else None,
        "revision": meeting.revision,
        "live": live.url_for(meeting),
    }


@router.post(
    "/{pk}/ballot", response={200: BallotOut, 201: BallotOut}, summary="Vote on the vote on screen"
)
def cast_ballot(request: HttpRequest, pk: int, payload: BallotIn):
    meeting = meeting_for_voter(request.user, pk)
    ballot = votes.vote(actor=request.user, meeting=meeting, choice=payload.choice, key=payload.key)
    status = 200 if ballot.replayed else 201
    return Status(status, ballot_box.answer(meeting.current_motion.number, ballot))


@router.post(
    "/{pk}/items/{position}/open-vote", response=MotionBrief, summary="Open a vote (chair)"
)
def open_vote(request: HttpRequest, pk: int, position: int, payload: VoteIn):
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    motion = motion_on_item(item, payload.motion)
    return _brief(
        votes.open_item_vote(actor=request.user, item=item, motion=motion, as_of=colony_today())
    )


@router.post(
    "/{pk}/items/{position}/close-vote", response=DecisionBrief, summary="Close a vote (chair)"
)
def close_vote(request: HttpRequest, pk: int, position: int, payload: VoteIn):
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    motion = motion_on_item(item, payload.motion)
    decision = votes.close_item_vote(
        actor=request.user, item=item, motion=motion, as_of=colony_today()
    )
    return {
        "sequence": decision.sequence,
        "motion": decision.motion.number,
        "outcome": decision.outcome,
        "entry_hash": decision.entry_hash,
    }


@router.post(
    "/{pk}/items/{position}/count",
    response=DecisionBrief,
    summary="Record a count taken in the hall (chair)",
)
def record_count(request: HttpRequest, pk: int, position: int, payload: CountIn):
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    motion = motion_on_item(item, payload.motion)
    decision = votes.record_item_count(
        actor=request.user,
        item=item,
        motion=motion,
        as_of=colony_today(),
        yes=payload.yes,
        no=payload.no,
        abstain=payload.abstain,
        present=payload.present,
    )
    return {
        "sequence": decision.sequence,
        "motion": decision.motion.number,
        "outcome": decision.outcome,
        "entry_hash": decision.entry_hash,
    }


@router.get(
    "/{pk}/items/{position}/speakers", response=list[SpeakerOut], summary="Who waits to speak"
)
def speakers(request: HttpRequest, pk: int, position: int):
    item = item_for_user(request.user, pk, position)
    return [
        {"person": s.person.key, "point_of_order": s.point_of_order, "status": s.status}
        for s in selectors.queue(item)
    ]


@router.post("/{pk}/items/{position}/speakers", response={201: SpeakerOut}, summary="Ask to speak")
def speak(request: HttpRequest, pk: int, position: int, payload: SpeakIn):
    require(request.user, Right.MEETINGS_ATTEND)
    item = item_for_user(request.user, pk, position)
    s = speaking.request_to_speak(
        actor=request.user, item=item, point_of_order=payload.point_of_order
    )
    return Status(
        201, {"person": s.person.key, "point_of_order": s.point_of_order, "status": s.status}
    )


@router.post(
    "/{pk}/items/{position}/speakers/next",
    response=SpeakerOut | None,
    summary="Give the floor to the next speaker (chair)",
)
def next_speaker(request: HttpRequest, pk: int, position: int):
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    s = speaking.next_speaker(actor=request.user, item=item)
    return (
        {"person": s.person.key, "point_of_order": s.point_of_order, "status": s.status}
        if s
        else None
    )


@router.post(
    "/{pk}/items/{position}/amendments", response={201: MotionBrief}, summary="Propose an amendment"
)
def amend(request: HttpRequest, pk: int, position: int, payload: AmendmentIn):
    require(request.user, Right.MEETINGS_ATTEND)
    item = item_for_user(request.user, pk, position)
    amendment = agenda.propose_amendment(
        actor=request.user, item=item, as_of=colony_today(), **payload.dict()
    )
    return Status(201, _brief(amendment.motion))


@router.get(
    "/{pk}/minutes", response=MinutesOut, summary="The minutes, with the register head hash"
)
def minutes(request: HttpRequest, pk: int):
    meeting = meeting_for_user(request.user, pk)
    found = minutes_of.minutes_of(meeting)
    return {
        "meeting": _meeting(meeting),
        "present": found.present,
        "quorum": vars(found.quorum),
        "items": _items(meeting),
        "decisions": [
            {
                "sequence": d.sequence,
                "motion": d.motion.number,
                "outcome": d.outcome,
                "entry_hash": d.entry_hash,
            }
            for d in found.decisions
        ],
        **{key: getattr(found, key) for key in ("head_sequence", "head_hash", "head_witness")},
    }
