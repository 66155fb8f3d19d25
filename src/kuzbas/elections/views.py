"""Election pages: the list, an election with its count, the ballot on a phone, the receipts."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.acting import act
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError
from kuzbas.core.http import answer_for
from kuzbas.core.rights import Right, has_right, require
from kuzbas.elections import paper
from kuzbas.elections.access import election_for_user
from kuzbas.elections.models import Election, ElectionStatus, Method
from kuzbas.elections.services import calling, count, polling
from kuzbas.elections.sheets import sheet
from kuzbas.governance.models import Seat, SeatFill
from kuzbas.meetings.models import Meeting, MeetingStatus
from kuzbas.meetings.selectors import item_of_election
from kuzbas.meetings.services.preconditions import is_the_chair
from kuzbas.meetings.views.act import ask, confirmed


def election_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_VIEW)
    elections = Election.objects.select_related("seat__body", "electing_body").order_by(
        "-created_on", "-pk"
    )
    may_chair = has_right(request.user, Right.GOVERNANCE_CHAIR)
    context = {
        "elections": elections,
        "may_chair": may_chair,
        "methods": Method.choices,
        "candidate_boxes": [
            (f"candidate-{n}", _("Candidate %(n)s") % {"n": n})
            for n in range(1, CANDIDATE_BOXES + 1)
        ],
    }
    if may_chair:
        context["seats"] = Seat.objects.filter(filled_by=SeatFill.ELECTION).select_related("body")
        context["meetings"] = Meeting.objects.exclude(status=MeetingStatus.CLOSED).select_related(
            "body"
        )
    return render(request, "elections/elections.html", context)


# Person boxes on the form that calls an election; more candidates are added on its page.
CANDIDATE_BOXES = 4


def _box(data, n: int) -> str:
    return data.get(f"candidate-{n}", "").strip()


def _keys(text: str) -> list[str]:
    return [k for k in re.split(r"[\s,;]+", text.strip()) if k]


@require_POST
def election_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_CHAIR)
    data = request.POST
    meeting = None
    if data.get("meeting", "").isdecimal():
        meeting = Meeting.objects.filter(pk=int(data["meeting"])).first()
    seats = data.get("seats", "")
    try:
        election = calling.create_election(
            actor=request.user,
            title=data.get("title", ""),
            seat=data.get("seat", ""),
            seats=int(seats) if seats.isdecimal() else 0,
            method=data.get("method", ""),
            candidates=[
                *(key for n in range(1, CANDIDATE_BOXES + 1) if (key := _box(data, n))),
                *_keys(data.get("candidates", "")),
            ],
            as_of=colony_today(),
            meeting=meeting,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("elections:list")
    return redirect("elections:election", pk=election.pk)


def _may_chair(user, election: Election, item) -> bool:
    """Whether the user gets the chair's buttons: one who may chair, and, for an election on a
    meeting's agenda, that meeting's own chair (the services refuse anyone else)."""
    if not has_right(user, Right.GOVERNANCE_CHAIR):
        return False
    return item is None or is_the_chair(user, item.meeting)


def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = election_for_user(request.user, pk)
    candidates = list(election.candidates.select_related("person"))
    item = item_of_election(election)
    context = {
        "election": election,
        "candidates": candidates,
        "item": item,
        "sheet": sheet(election),
        "may_chair": _may_chair(request.user, election, item),
        "may_vote": paper.may_vote(request.user, election),
        "voted": paper.voted(request.user, election),
        "can_open": polling.can_open(election),
        "participants": election.participations.count(),
        "roll": election.roll.count(),
    }
    return render(request, "elections/election.html", context)


def _act(request: HttpRequest, election: Election, action, success: str = "") -> HttpResponse:
    back = reverse("elections:election", args=[election.pk])
    return act(request, action, back=back, success=success)


@require_POST
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_CHAIR)
    election = election_for_user(request.user, pk)
    return _act(
        request,
        election,
        lambda: calling.add_candidate(
            actor=request.user, election=election, person=request.POST.get("person", "").strip()
        ),
        _("The candidate stands."),
    )


@require_POST
def candidate_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_CHAIR)
    election = election_for_user(request.user, pk)
    return _act(
        request,
        election,
        lambda: calling.withdraw_candidate(
            actor=request.user, election=election, person=request.POST.get("person", "").strip()
        ),
        _("The candidate is withdrawn."),
    )


@require_POST
def election_open(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_CHAIR)
    election = election_for_user(request.user, pk)
    return _act(
        request,
        election,
        lambda: polling.open_election(actor=request.user, election=election, as_of=colony_today()),
        _("Voting is open."),
    )


@require_POST
def election_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close voting and count, once the chair has confirmed it: it cannot be undone."""
    require(request.user, Right.GOVERNANCE_CHAIR)
    election = election_for_user(request.user, pk)
    if not confirmed(request):
        return ask(
            request,
            question=_("Close voting and count?"),
            verb=_("Close voting and count"),
            consequence=_(
                "Nobody can vote after it closes; the count and the names elected go into the "
                "decision register, which cannot be changed."
            ),
            back=reverse("elections:election", args=[election.pk]),
        )
    return _act(
        request,
        election,
        lambda: count.close_election(actor=request.user, election=election, as_of=colony_today()),
        _("Voting is closed and the ballots are counted."),
    )


def ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot paper on a phone: rank by tapping (numbered selects without script), or tick."""
    election = election_for_user(request.user, pk)
    return render(request, "elections/ballot.html", paper.paper_context(request, election))


@require_POST
def cast(request: HttpRequest, pk: int) -> HttpResponse:
    """Cast the ballot; the receipt is shown once, in this answer, and kept nowhere else.

    The answer is the paper again: with the receipt, or with the refusal, one line a problem,
    above the ballot as it was posted, so that nothing has to be marked twice.
    """
    require(request.user, Right.GOVERNANCE_VOTE)
    election = election_for_user(request.user, pk)
    marks = paper.marks_posted(request, election)
    status = 200
    try:
        ack = {
            "receipt": polling.cast_ballot(
                actor=request.user, election=election, marks=marks
            ).receipt
        }
    except DomainError as error:
        ack = {"error": error.message, "problems": paper.problems_of(error)}
        status = answer_for(error).status
    context = {**paper.paper_context(request, election, marks=marks), **ack}
    if request.headers.get("HX-Request"):
        # htmx swaps only 2xx answers: a refusal comes as 200 so that its message is shown.
        return render(request, "elections/_paper.html", context)
    return render(request, "elections/ballot.html", context, status=status)


def receipts(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot box by receipt, once counted: find yours and check it was counted as cast."""
    election = election_for_user(request.user, pk)
    names = {c.person.key: str(c.person) for c in election.candidates.select_related("person")}
    box = []
    if election.status == ElectionStatus.CLOSED:
        box = [
            (b.receipt, [names.get(k, k) for k in b.marks])
            for b in count.published_receipts(election)
        ]
    context = {"election": election, "box": box, "box_hash": getattr(election, "result", None)}
    return render(request, "elections/receipts.html", context)
