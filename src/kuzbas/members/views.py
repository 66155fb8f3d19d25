"""Registry pages: thin views that check rights, call selectors or services, and render."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from kuzbas.background.models import Job
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Conflict, DomainError, Invalid, NotNow, RefusedByStatute
from kuzbas.core.http import answer_for
from kuzbas.core.pagination import page_of
from kuzbas.core.rights import Right, has_right, require
from kuzbas.core.validation import show_on_form
from kuzbas.members import access, acts, invitations, people_jobs, selectors, services
from kuzbas.members.forms import (
    EmploymentForm,
    EndForm,
    HeadcountForm,
    ImportForm,
    MembershipEndForm,
    MembershipForm,
    PeopleFilterForm,
    PersonForm,
)
from kuzbas.members.models import MembershipCategory, Person, WorkCategory
from kuzbas.members.people_import import COLUMNS, MAX_ROWS
from kuzbas.record.models import Source


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
    return render(request, "members/person.html", person_context(request, person))


def person_context(request: HttpRequest, person: Person, *, bound=None, done: str = "") -> dict:
    """Return what the person page shows; a clerk gets the forms, `bound` in its place."""
    can_edit = has_right(request.user, Right.MEMBERS_EDIT)
    context = {
        "person": person,
        "show_private": has_right(request.user, Right.MEMBERS_VIEW_PRIVATE),
        "can_edit": can_edit,
        "today": colony_today(),
        "done": done,
        # A missing account raises an AttributeError, which getattr turns into None.
        "account": getattr(person, "user", None),
        "pending_acts": acts.pending(person),
    }
    if not can_edit:
        return context

    def form(cls, prefix):
        return bound if bound is not None and bound.prefix == prefix else cls(prefix=prefix)

    context["membership_form"] = form(MembershipForm, "membership")
    context["employment_form"] = form(EmploymentForm, "employment")
    # The rows are the prefetched ones the page lists, so each open row carries its own form.
    for row in person.memberships.all():
        row.end_form = (
            form(MembershipEndForm, f"membership-{row.pk}") if row.valid_to is None else None
        )
    for row in person.employments.all():
        row.end_form = form(EndForm, f"employment-{row.pk}") if row.valid_to is None else None
    context["source_keys"] = Source.objects.order_by("key").values_list("key", "title")
    context["invitable"] = invitations.skip_reason(person) in {None, invitations.INVITED}
    return context


def _write(
    request: HttpRequest,
    person: Person,
    form: forms.Form,
    write: Callable[[], object],
    *,
    section: str,
    title: str,
    done: str,
) -> HttpResponse:
    """Run a clerk's write from a person-page form and answer it.

    With htmx the page's section is swapped for a fresh one (the form's errors in place, or
    the new row); without it a success goes back to the person page and a refusal shows the
    form alone with its errors. Nothing is stored on a refusal: the service checks first.
    """
    is_htmx = bool(request.headers.get("HX-Request"))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                outcome = write()
            except (Conflict, Invalid, NotNow, RefusedByStatute) as error:
                show_on_form(form, error)
                status = answer_for(error).status
            else:
                # An act the statute sends to a body says so, and which motion decides it.
                done = outcome.message if isinstance(outcome, acts.Referred) else done
                if not is_htmx:
                    messages.success(request, done)
                    return redirect(reverse("members:person", args=[person.key]) + f"#{section}")
                person = selectors.person_detail(person.pk)
                context = person_context(request, person, done=done)
                return render(request, f"members/person.html#{section}", context)
        else:
            status = 422
    if is_htmx:
        # htmx swaps only 2xx answers: a refusal comes as 200 so that its message is shown.
        context = person_context(request, person, bound=form)
        return render(request, f"members/person.html#{section}", context)
    context = {
        "person": person,
        "form": form,
        "title": title,
        "source_keys": Source.objects.order_by("key").values_list("key", "title"),
    }
    return render(request, "members/interval_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Right.MEMBERS_EDIT)
    person = access.person_for_user(request.user, key)
    form = MembershipForm(request.POST or None, prefix="membership")
    return _write(
        request,
        person,
        form,
        lambda: acts.admit(
            actor=request.user,
            person=person,
            status=form.cleaned_data["status"],
            category=form.cleaned_data["category"],
            citations=form.citations(),
            **form.interval(),
        ),
        section="memberships",
        title=_("Add a membership"),
        done=_("The membership was added."),
    )


@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    require(request.user, Right.MEMBERS_EDIT)
    membership = access.membership_for_user(request.user, key, pk)
    form = MembershipEndForm(request.POST or None, prefix=f"membership-{membership.pk}")
    return _write(
        request,
        access.person_for_user(request.user, key),
        form,
        lambda: acts.end(
            actor=request.user, membership=membership, citations=form.citations(), **form.end()
        ),
        section="memberships",
        title=_("End the membership %(period)s") % {"period": membership.period},
        done=_("The membership was ended."),
    )


@require_http_methods(["GET", "POST"])
def employment_add(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Right.MEMBERS_EDIT)
    person = access.person_for_user(request.user, key)
    form = EmploymentForm(request.POST or None, prefix="employment")
    return _write(
        request,
        person,
        form,
        lambda: services.add_employment(
            actor=request.user,
            person=person,
            category=form.cleaned_data["category"],
            title=form.cleaned_data["title"],
            site=form.cleaned_data["site"],
            citations=form.citations(),
            **form.interval(),
        ),
        section="employments",
        title=_("Add an employment"),
        done=_("The employment was added."),
    )


@require_http_methods(["GET", "POST"])
def employment_end(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    require(request.user, Right.MEMBERS_EDIT)
    employment = access.employment_for_user(request.user, key, pk)
    form = EndForm(request.POST or None, prefix=f"employment-{employment.pk}")
    return _write(
        request,
        access.person_for_user(request.user, key),
        form,
        lambda: services.end_employment(
            actor=request.user, employment=employment, citations=form.citations(), **form.end()
        ),
        section="employments",
        title=_("End the employment %(period)s") % {"period": employment.period},
        done=_("The employment was ended."),
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
    return render(request, "members/person_form.html", {"form": form, "title": _("Add a person")})


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Change a person's details: the address an invitation goes to, among others."""
    require(request.user, Right.MEMBERS_EDIT)
    person = access.person_for_user(request.user, key)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                actor=request.user,
                person=person,
                **{name: form.cleaned_data[name] for name in form.changed_data},
            )
        except Invalid as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The details were saved."))
            return redirect("members:person", key=person.key)
    return render(
        request,
        "members/person_form.html",
        {"form": form, "title": _("Edit the details of %(name)s") % {"name": person}},
    )


@require_http_methods(["GET", "POST"])
def people_import(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.MEMBERS_IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = people_jobs.import_or_queue(
                actor=request.user, data=upload.read(), filename=upload.name
            )
        except Invalid as error:
            problems = error.problems
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if isinstance(result, Job):
                return redirect("background:job", result.pk)
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
        {
            "form": form,
            "problems": problems,
            "columns": COLUMNS,
            "inline_rows": people_jobs.INLINE_ROWS,
            "max_rows": MAX_ROWS,
        },
    )
