"""Dispatch groups: the list, a new group, a group's page with its manifest, what it carries
and its balance; putting an admitted applicant on it, its departure and arrival."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kuzbas.core.errors import DomainError
from kuzbas.core.rights import Right, has_right, require
from kuzbas.core.validation import show_on_form
from kuzbas.recruitment import arrival, dispatch
from kuzbas.recruitment.dispatch_access import admitted_for_user, group_for_user, groups_for_user
from kuzbas.recruitment.group_forms import DayForm, GroupForm, JoinForm
from kuzbas.recruitment.models import Application
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.recruitment.models.dispatch import GroupStatus
from kuzbas.recruitment.views.on_day import act_on_day


def groups(request: HttpRequest) -> HttpResponse:
    """List the dispatch groups; the bureau forms a new one here."""
    groups = groups_for_user(request.user).order_by("bureau__name", "number")
    can_manage = has_right(request.user, Right.RECRUITMENT_MANAGE)
    form = GroupForm(request.POST or None) if can_manage else None
    status = 200
    if request.method == "POST":
        require(request.user, Right.RECRUITMENT_MANAGE)
        if form.is_valid():
            data = dict(form.cleaned_data)
            bureau, number = data.pop("bureau"), data.pop("number")
            try:
                group = dispatch.create_group(
                    actor=request.user, bureau=bureau, number=number, **data
                )
            except DomainError as error:
                show_on_form(form, error)
            else:
                messages.success(request, _("Formed %(g)s.") % {"g": group})
                return redirect("recruitment:group", group.pk)
        status = 422
    rows = groups.annotate(aboard=Count("applications"))
    return render(request, "recruitment/groups.html", {"groups": rows, "form": form}, status=status)


def _admitted_without_group(group):
    return Application.objects.filter(
        call__bureau=group.bureau, state=ApplicationState.ADMITTED, dispatch_group__isnull=True
    ).order_by("name")


def group_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a group: its dates and route, manifest, what it carries, its balance as counts."""
    group = group_for_user(request.user, pk)
    can_read = has_right(request.user, Right.RECRUITMENT_APPLICATIONS)
    can_manage = has_right(request.user, Right.RECRUITMENT_MANAGE)
    forming = group.status == GroupStatus.FORMING
    context = {
        "group": group,
        "aboard": group.applications.count(),
        "places_left": dispatch.places_left(group),
        "manifest": dispatch.manifest(group) if can_read else None,
        "carried": dispatch.carried(group) if can_read else None,
        "balance": dispatch.balance(group),
        "join_form": JoinForm(admitted=_admitted_without_group(group))
        if can_manage and forming
        else None,
        "can_depart": can_manage and forming,
        "can_arrive": can_manage and group.status == GroupStatus.DEPARTED,
        "day_form": DayForm(),
    }
    return render(request, "recruitment/group.html", context)


@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an admitted applicant on the group's manifest."""
    require(request.user, Right.RECRUITMENT_MANAGE)
    group = group_for_user(request.user, pk)
    form = JoinForm(request.POST, admitted=_admitted_without_group(group))
    if form.is_valid():
        application = admitted_for_user(request.user, form.cleaned_data["application"].pk)
        try:
            dispatch.join(actor=request.user, group=group, application=application)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(name)s joins %(g)s.") % {"name": application.name, "g": group}
            )
    else:
        messages.error(request, _("Choose an admitted applicant of this bureau."))
    return redirect("recruitment:group", group.pk)


@require_POST
def depart(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the group off."""
    require(request.user, Right.RECRUITMENT_MANAGE)
    group = group_for_user(request.user, pk)
    return act_on_day(
        request,
        lambda on: dispatch.depart(actor=request.user, group=group, on=on),
        _("%(g)s has departed.") % {"g": group},
        back=reverse("recruitment:group", args=[group.pk]),
    )


@require_POST
def arrive(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the group's arrival: each on its manifest becomes a member."""
    require(request.user, Right.RECRUITMENT_MANAGE)
    group = group_for_user(request.user, pk)
    return act_on_day(
        request,
        lambda on: arrival.arrive_group(actor=request.user, group=group, on=on),
        lambda made: (
            ngettext(
                "%(g)s has arrived; %(n)s became a member.",
                "%(g)s has arrived; %(n)s became members.",
                len(made),
            )
            % {"g": group, "n": len(made)}
        ),
        back=reverse("recruitment:group", args=[group.pk]),
    )
