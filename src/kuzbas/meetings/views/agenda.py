"""Running the agenda: adding items, votes and counts on them, speakers and amendments."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import invalid_from_form
from kuzbas.governance.access import motion_for_user
from kuzbas.governance.forms import CountForm
from kuzbas.meetings.access import item_for_user, meeting_for_user, motion_on_item
from kuzbas.meetings.services import agenda, speakers, votes
from kuzbas.meetings.views.act import act, ask, confirmed


@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    data = request.POST
    number = data.get("motion", "").strip()

    def add():
        # A motion filed already (an amendment to the statute, say) is put on the agenda as it is.
        if number and not number.isdecimal():
            raise Invalid(problems=[Problem(_("Give the motion's number."), field="motion")])
        motion = motion_for_user(request.user, int(number)) if number else None
        return agenda.add_item(
            actor=request.user,
            meeting=meeting,
            kind=data.get("kind", ""),
            title=data.get("title", ""),
            text=data.get("text", ""),
            matter=data.get("matter", ""),
            motion=motion,
            as_of=colony_today(),
        )

    return act(
        request, pk, add, lambda item: _("Item %(n)s is on the agenda.") % {"n": item.position}
    )


def _number(request: HttpRequest) -> int | None:
    value = request.POST.get("motion", "")
    return int(value) if value.isdecimal() else None


@require_POST
def item_vote_open(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    motion = motion_on_item(item, _number(request))
    return act(
        request,
        pk,
        lambda: votes.open_item_vote(
            actor=request.user, item=item, motion=motion, as_of=colony_today()
        ),
        lambda opened: (
            _("The vote on motion No. %(n)s is open: the members' phones show it.")
            % {"n": opened.number}
        ),
    )


@require_POST
def item_vote_close(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """Close the vote, once the chair has confirmed it: the decision goes into the register."""
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    motion = motion_on_item(item, _number(request))
    if not confirmed(request):
        return ask(
            request,
            question=_("Close the vote?"),
            verb=_("Close the vote"),
            consequence=_(
                "Nobody can vote after it closes; the count goes into the decision register, "
                "which cannot be changed."
            ),
            back=reverse("meetings:meeting", args=[pk]),
        )
    return act(
        request,
        pk,
        lambda: votes.close_item_vote(
            actor=request.user, item=item, motion=motion, as_of=colony_today()
        ),
        lambda decision: (
            _("The vote is closed: %(outcome)s, register entry %(n)s.")
            % {"outcome": decision.get_outcome_display(), "n": decision.sequence}
        ),
    )


@require_POST
def item_count(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """Record the totals counted in the hall for the item's motion (or an amendment)."""
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    motion = motion_on_item(item, _number(request))
    form = CountForm(request.POST)

    def record():
        if not form.is_valid():
            raise invalid_from_form(form)
        totals = {f: form.cleaned_data[f] or 0 for f in ("yes", "no", "abstain", "present")}
        return votes.record_item_count(
            actor=request.user, item=item, motion=motion, as_of=colony_today(), **totals
        )

    return act(request, pk, record, _("The count is recorded in the register."))


@require_POST
def speak(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_ATTEND)
    item = item_for_user(request.user, pk, position)
    return act(
        request,
        pk,
        lambda: speakers.request_to_speak(
            actor=request.user, item=item, point_of_order=request.POST.get("point_of_order") == "1"
        ),
        _("You are on the speakers' list."),
    )


@require_POST
def speaker_next(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    return act(
        request,
        pk,
        lambda: speakers.next_speaker(actor=request.user, item=item),
        lambda speaker: (
            _("%(name)s has the floor.") % {"name": speaker.person}
            if speaker
            else _("Nobody is waiting to speak.")
        ),
    )


@require_POST
def amend(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_ATTEND)
    item = item_for_user(request.user, pk, position)
    return act(
        request,
        pk,
        lambda: agenda.propose_amendment(
            actor=request.user,
            item=item,
            title=request.POST.get("title", ""),
            text=request.POST.get("text", ""),
            as_of=colony_today(),
        ),
        _("The amendment is on the agenda; it is voted before the motion it amends."),
    )
