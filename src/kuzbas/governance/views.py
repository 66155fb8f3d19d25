"""Governance pages: the statute, who decides what, motions and votes (the register's pages are in
`register_views`)."""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kuzbas.core.acting import act
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError, NotFound
from kuzbas.core.rights import Right, has_right, require
from kuzbas.core.validation import invalid_from_form
from kuzbas.governance import access, sittings, transitions
from kuzbas.governance.amendment_views import shown_amendment
from kuzbas.governance.conditions import met_conditions
from kuzbas.governance.forms import (
    BallotForm,
    CountForm,
    ExplorerForm,
    MotionForm,
)
from kuzbas.governance.models import Body, Motion, StatuteVersion
from kuzbas.governance.questions import ask
from kuzbas.governance.selectors import bodies, named_votes
from kuzbas.governance.services import (
    ballots,
    decisions,
    motions,
    statute_book,
)
from kuzbas.governance.statutes import NoStatute
from kuzbas.statute import NotInForce, Refusal, changed_clauses, statute_as_of


def body_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.RECORD_VIEW)
    return render(request, "governance/bodies.html", {"bodies": bodies()})


def _history_or_none():
    try:
        return statute_book.statute_history()
    except NoStatute:
        return None


def statute(request: HttpRequest, version: str = "") -> HttpResponse:
    """Show a statute version in readable form, with the version history."""
    require(request.user, Right.GOVERNANCE_VIEW)
    history = _history_or_none()
    versions = StatuteVersion.objects.order_by("effective")
    if history is None:
        return render(request, "governance/statute.html", {"versions": versions})
    if version:
        stored = access.version_for_user(request.user, version)
        chosen = next(s for s in history.versions if s.version == stored.version)
    else:
        try:
            chosen = statute_as_of(history, colony_today())
        except NotInForce:
            chosen = history.versions[-1]
        stored = access.version_for_user(request.user, chosen.version)
    previous = next((s for s in reversed(history.versions) if s.effective < chosen.effective), None)
    return render(
        request,
        "governance/statute.html",
        {
            "versions": versions,
            "statute": chosen,
            "stored": stored,
            "previous": previous,
            "in_force_today": _in_force(history, chosen),
            "procedures": {p.id: p for p in chosen.procedures},
            "may_propose": has_right(request.user, Right.GOVERNANCE_FILE_MOTION),
            "transfers": _transfers_with_conditions_met(chosen),
        },
    )


def _transfers_with_conditions_met(chosen) -> list[tuple]:
    """Return each transfer with the decision that met the condition it waits on, if one has."""
    met = met_conditions(colony_today()) if chosen.conditions else {}
    return [(t, met.get(t.until_condition)) for t in chosen.transfers]


def _in_force(history, chosen) -> bool:
    try:
        return statute_as_of(history, colony_today()).version == chosen.version
    except NotInForce:
        return False


def statute_diff(request: HttpRequest) -> HttpResponse:
    """Compare two versions: the clauses that changed, and the text line by line."""
    require(request.user, Right.GOVERNANCE_VIEW)
    history = _history_or_none()
    if history is None:
        raise NotFound(_("No statute has been loaded yet."))
    labels = [s.version for s in history.versions]
    old_label = request.GET.get("from") or (labels[-2] if len(labels) > 1 else labels[0])
    new_label = request.GET.get("to") or labels[-1]
    old, new = (
        access.version_for_user(request.user, old_label),
        access.version_for_user(request.user, new_label),
    )
    by_label = {s.version: s for s in history.versions}
    lines = list(
        difflib.unified_diff(
            old.text.splitlines(), new.text.splitlines(), old.file_name, new.file_name, lineterm=""
        )
    )
    return render(
        request,
        "governance/statute_diff.html",
        {
            "old": old,
            "new": new,
            "labels": labels,
            "clauses": changed_clauses(by_label[old.version], by_label[new.version]),
            "lines": [(_diff_class(line), line) for line in lines],
        },
    )


def _diff_class(line: str) -> str:
    if line.startswith(("+++", "---")):
        return "file"
    if line.startswith("@@"):
        return "hunk"
    return {"+": "added", "-": "removed"}.get(line[:1], "same")


def _matter_choices(history) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    language = get_language() or "en"
    for version in history.versions:
        for matter in version.matters:
            seen.setdefault(matter.id, matter.name_in(language))
    return sorted(seen.items(), key=lambda pair: pair[1])


def body_choices() -> list[tuple[str, str]]:
    """The bodies of the stored statutes by their registry names, or by the statute's name in
    the reader's language where the statute gives one."""
    language = get_language() or "en"
    translated: dict[str, str] = {}
    history = _history_or_none()
    if history is not None:
        for version in history.versions:
            for body in version.bodies:
                shown = body.name_in(language)
                translated[body.id] = shown if shown != body.name else ""
    rows = Body.objects.filter(key__in=translated).values_list("key", "name")
    return [(key, translated[key] or name) for key, name in rows]


def explorer(request: HttpRequest) -> HttpResponse:
    """Answer "who decides this?" for a matter on a date, or whether a body may decide it."""
    require(request.user, Right.GOVERNANCE_VIEW)
    history = _history_or_none()
    if history is None:
        return render(request, "governance/explorer.html", {"form": None})
    data = request.GET if "matter" in request.GET else None
    form = ExplorerForm(
        data,
        initial={"on": colony_today()},
        matters=_matter_choices(history),
        bodies=body_choices(),
    )
    answer = None
    if form.is_valid():
        answer = ask(
            matter=form.cleaned_data["matter"],
            body=form.cleaned_data["body"],
            as_of=form.cleaned_data["on"],
        )
    context = {"form": form, "answer": answer, "refused": isinstance(answer, Refusal)}
    template = "governance/explorer.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "answer":
        template += "#answer"
    return render(request, template, context)


def motion_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_VIEW)
    found = Motion.objects.select_related("body", "decision").order_by("-number")
    status = request.GET.get("status", "")
    if status:
        found = found.filter(status=status)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "governance/motions.html", {"page": page, "status": status})


def motion_detail(request: HttpRequest, number: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_VIEW)
    motion = access.motion_for_user(request.user, number)
    user = request.user
    decision = getattr(motion, "decision", None)
    counted = getattr(motion, "counted_vote", None)
    # A motion on a meeting's agenda is run from the meeting; the page says where.
    sitting = None if decision else sittings.place(motion)
    return render(
        request,
        "governance/motion.html",
        {
            "motion": motion,
            "amendment": shown_amendment(motion),
            "named": named_votes(counted),
            # Receipts are published once the vote is closed, never while it runs.
            "receipts": motion.secret_ballots.all() if decision else [],
            "decision": decision,
            "counted": getattr(motion, "counted_vote", None),
            "ballots_cast": motion.ballots.count(),
            "ballot_form": BallotForm(),
            "count_form": CountForm(),
            "may_vote": has_right(user, Right.GOVERNANCE_VOTE)
            and transitions.can_cast_ballot(motion)[0],
            "may_chair": has_right(user, Right.GOVERNANCE_CHAIR) and sitting is None,
            "sitting": sitting,
            "may_appeal": decision is not None and has_right(user, Right.GOVERNANCE_APPEAL),
            "can_open": transitions.can_open_vote(motion),
            "can_close": transitions.can_close_vote(motion),
            "appeals": decision.appeals.select_related("to_body", "motion") if decision else [],
        },
    )


@require_http_methods(["GET", "POST"])
def motion_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_FILE_MOTION)
    history = _history_or_none()
    if history is None:
        raise NotFound(_("No statute has been loaded yet."))
    form = MotionForm(request.POST or None, matters=_matter_choices(history), bodies=body_choices())
    preview = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            motion = motions.file_motion(
                actor=request.user,
                title=data["title"],
                text=data["text"],
                matter=data["matter"],
                body=data["body"],
                as_of=colony_today(),
            )
        except DomainError as error:
            form.add_error("body" if error.rule else None, error.message)
        else:
            messages.success(request, _("Motion No. %(n)s filed.") % {"n": motion.number})
            return redirect("governance:motion", number=motion.number)
    if request.GET.get("matter") and request.GET.get("body"):
        preview = statute_book.admissibility(
            matter=request.GET["matter"], body=request.GET["body"], as_of=colony_today()
        )
    return render(
        request,
        "governance/motion_form.html",
        {"form": form, "answer": preview, "refused": isinstance(preview, Refusal)},
    )


def _act(request: HttpRequest, number: int, action) -> HttpResponse:
    motion = access.motion_for_user(request.user, number)
    return act(request, lambda: action(motion), back=reverse("governance:motion", args=[number]))


@require_POST
def motion_open(request: HttpRequest, number: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_CHAIR)
    return _act(
        request,
        number,
        lambda m: ballots.open_vote(actor=request.user, motion=m, as_of=colony_today()),
    )


@require_POST
def motion_close(request: HttpRequest, number: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_CHAIR)
    return _act(
        request,
        number,
        lambda m: decisions.close_vote(actor=request.user, motion=m, as_of=colony_today()),
    )


@require_POST
def motion_vote(request: HttpRequest, number: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_VOTE)
    form = BallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes, no or abstain."))
        return redirect("governance:motion", number=number)

    def cast(motion):
        ballot = ballots.cast_ballot(
            actor=request.user, motion=motion, choice=form.cleaned_data["choice"]
        )
        receipt = getattr(ballot, "receipt", None)
        if receipt:
            messages.success(
                request,
                _(
                    "Your secret ballot was received. Your receipt is %(r)s: keep it, and find "
                    "it in the published list of receipts when the vote closes."
                )
                % {"r": receipt},
            )
        else:
            messages.success(request, _("Your ballot was counted."))

    return _act(request, number, cast)


@require_POST
def motion_count(request: HttpRequest, number: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_CHAIR)
    form = CountForm(request.POST)

    def record(motion):
        if not form.is_valid():
            raise invalid_from_form(form)
        data = form.cleaned_data
        return decisions.record_counted_vote(
            actor=request.user,
            motion=motion,
            yes=data["yes"],
            no=data["no"],
            abstain=data["abstain"] or 0,
            present=data["present"],
            decided_on=data["decided_on"] or colony_today(),
        )

    return _act(request, number, record)
