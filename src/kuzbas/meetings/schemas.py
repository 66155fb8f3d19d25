"""The meetings API's input and output schemas (`*In` what a client sends, `*Out` and `*Brief`
what it is sent).

The OpenAPI document files every schema under its class name, so a name another app uses too
gets the meeting's word (`MeetingBallotIn` beside governance's `MotionBallotIn`);
`tests/web/test_openapi.py` fails on a shared one.
"""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from kuzbas.governance.api import TotalsIn


class MeetingIn(Schema):
    body: str
    title: str
    convened_for: dt.datetime
    place: str = ""


class MeetingOut(Schema):
    id: int
    body: str
    title: str
    convened_for: dt.datetime
    place: str
    status: str


class ChairMeetingOut(MeetingOut):
    checkin_code: str


class MotionBrief(Schema):
    number: int
    title: str
    status: str
    decision: int | None = None
    amends: int | None = None


class ElectionBrief(Schema):
    id: int
    title: str
    status: str
    places: int
    method: str


class ItemOut(Schema):
    position: int
    kind: str
    title: str
    text: str
    status: str
    motions: list[MotionBrief]
    election: ElectionBrief | None = Field(
        None, description="The election on this item (see /api/elections/{id})."
    )


class QuorumOut(Schema):
    met: bool
    checked_in: int
    present: str
    members: str
    text: str
    rule: str


class MeetingDetailOut(MeetingOut):
    items: list[ItemOut]
    quorum: QuorumOut


class ItemIn(Schema):
    kind: str
    title: str = Field("", description="Empty: a motion filed already keeps its own title.")
    text: str = ""
    matter: str = ""
    motion: int | None = Field(
        None,
        description="A motion already filed with the body (a proposed amendment to the statute)"
        " to put on the agenda, instead of filing a new one from `matter`",
    )


class CodeIn(Schema):
    code: str


class AttendeeIn(Schema):
    person: str


class AttendanceOut(Schema):
    person: str
    method: str
    checked_in_at: dt.datetime


class VoteIn(Schema):
    motion: int | None = None


class MeetingCountIn(TotalsIn):
    motion: int | None = None


class MeetingBallotIn(Schema):
    choice: str
    key: str = Field(
        "",
        description="16 to 64 random letters, digits, - or _, new for each ballot: sending the "
        "same key again returns the ballot already cast (status 200) instead of a second one.",
    )


class MeetingBallotOut(Schema):
    motion: int
    choice: str
    receipt: str | None = None
    pad: str = Field(
        "", description="Spaces that make every choice's answer the same size (secret ballots)."
    )


class VoteStateOut(Schema):
    motion: int | None
    title: str | None
    status: str | None
    outcome: str | None
    counts: dict | None
    register_entry: int | None
    revision: int = Field(description="The meeting's revision this answer shows.")
    live: str = Field(
        description="Ask this URL every few seconds (no credentials needed): 204 means nothing "
        "changed, 200 that this vote state should be fetched again."
    )


class SpeakIn(Schema):
    point_of_order: bool = False


class SpeakerOut(Schema):
    person: str
    point_of_order: bool
    status: str


class AmendmentIn(Schema):
    title: str
    text: str = ""


class DecisionBrief(Schema):
    sequence: int
    motion: int
    outcome: str
    entry_hash: str


class MinutesOut(Schema):
    meeting: MeetingOut
    present: list[str]
    quorum: QuorumOut
    items: list[ItemOut]
    decisions: list[DecisionBrief]
    head_sequence: int
    head_hash: str
    head_witness: str = Field(
        description="The register's head signed by its key (`kuzbas register head`): the line "
        "outside witnesses keep and `kuzbas verify --witness` checks"
    )


class NoticeOut(Schema):
    meeting: int
    title: str
    convened_for: str
    given_at: dt.datetime
    given_on: dt.date | None
    text: str
    read_at: dt.datetime | None


class NoticeGivenOut(Schema):
    meeting: int
    given_at: dt.datetime
    given_on: dt.date | None
    recipients: int
    text: str
    no_address: int
    # None while the e-mails have not gone out yet (the request's transaction not committed).
    emailed: int | None
    mail_failed: int | None
    mail_error: str
