"""A motion that the meeting hand its chair to a member: decided by the meeting's own body,
carried out when it carries (registered with `governance.effects` from `MeetingsConfig.ready`).

No clause of a statute names the chair of a sitting: a meeting decides who runs it, by the
procedure its body decides by, and the register keeps the decision.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from kuzbas.core.errors import Invalid, Problem, RefusedByStatute
from kuzbas.governance import effects
from kuzbas.governance.statutes import stored_history
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import chair
from kuzbas.members.models import User
from kuzbas.statute import NotInForce, statute_as_of


def _meeting(proposal: dict) -> Meeting:
    meeting = Meeting.objects.select_related("body").filter(pk=proposal.get("meeting") or 0).first()
    if meeting is None:
        raise Invalid(problems=[Problem(_("Name the meeting."), field="proposal")])
    return meeting


def _authorise(*, proposal: dict, body: str, on: dt.date) -> effects.Grant:
    """A meeting's body decides who chairs the meeting; no other body does."""
    meeting = _meeting(proposal)
    if meeting.body.key != body:
        raise RefusedByStatute(
            _("Only the %(body)s decides who chairs its meeting.") % {"body": meeting.body},
            rule="meeting.chair",
        )
    try:
        statute = statute_as_of(stored_history(), on)
    except NotInForce as error:
        raise RefusedByStatute(error.message, rule="statute.in_force") from None
    text = f"the {meeting.body} decides who chairs its meeting"
    return effects.Grant(statute, "meeting.chair", ({"rule": "meeting.chair", "text": text},))


def _carry(*, actor, decision) -> None:
    """Hand the chair to the member the carried motion names, on the record of the decision."""
    proposal = decision.motion.proposal
    chair.take_chair(
        actor=User.objects.get(pk=proposal["user"]),
        meeting=_meeting(proposal),
        decision=decision,
    )


EFFECT = effects.register(effects.Effect(chair.CHAIR_KIND, carry=_carry, authorise=_authorise))
