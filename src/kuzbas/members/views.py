"""Registry pages: thin views that check rights, call selectors or services, and render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError, Invalid
from kuzbas.core.pagination import page_of
from kuzbas.core.rights import Right, has_right, require
from kuzbas.members import access, selectors, services
from kuzbas.members.forms import HeadcountForm, ImportForm, PeopleFilterForm, PersonForm
from kuzbas.members.models import MembershipCategory, WorkCategory
from kuzbas.members.people_import import COLUMNS, import_people


def person_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.MEMBERS_VIEW)
    form = PeopleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.people(
        search=filters.get("q", ""),
        status=filters.get("status", ""),
        category=filters.get("category", ""),
        site=filters.get("site", ""),
        on=filters.get("on"),
    )
    context = {"form": form, "page": page_of(request, people, 50)}
    template = "members/list.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        template += "#results"
    return render(request, template, context)


def person_detail(request: HttpRequest, key: str) -> HttpResponse:
    person = access.person_for_user(request.user, key)
    return render(
        request,
        "members/person.html",
        {
            "person": person,
            "show_private": has_right(request.user, Right.MEMBERS_VIEW_PRIVATE),
            "today": colony_today(),
        },
    )


def headcount(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.MEMBERS_VIEW)
    form = HeadcountForm(request.GET or {"on": colony_today().isoformat()})
    count = selectors.headcount_on(form.cleaned_data["on"]) if form.is_valid() else None
    labelled = None
    if count is not None:
        labelled = {
            "members": [
                (MembershipCategory(c).label, n)
                for c, n in sorted(count.members_by_category.items())
            ],
            "workforce": [
                (WorkCategory(c).label, n) for c, n in sorted(count.workforce_by_category.items())
            ],
        }
    return render(
        request, "members/headcount.html", {"form": form, "count": count, "labelled": labelled}
    )


@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.MEMBERS_EDIT)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(actor=request.user, **form.cleaned_data)
        except Invalid as error:
            for p in error.problems:
                form.add_error(p.field if p.field in form.fields else None, p.message)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person})
            return redirect("members:person", key=person.key)
    return render(request, "members/person_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def people_import(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.MEMBERS_IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_people(actor=request.user, data=form.cleaned_data["file"].read())
        except Invalid as error:
            problems = error.problems
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Imported %(n)s person (%(m)s memberships).",
                    "Imported %(n)s people (%(m)s memberships).",
                    result.created,
                )
                % {"n": result.created, "m": result.memberships},
            )
            return redirect("members:list")
    return render(
        request,
        "members/import.html",
        {"form": form, "problems": problems, "columns": COLUMNS},
    )
