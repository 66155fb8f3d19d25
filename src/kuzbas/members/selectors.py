"""Reads of the registry that pages, the API and the export share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from kuzbas.core.intervals import covering
from kuzbas.members.models import Employment, Membership, MembershipStatus, Person, WorkCategory
from kuzbas.record.models import Citation, Evidence
from kuzbas.record.selectors import citations_prefetch


def illustrative_memberships() -> QuerySet[Membership]:
    """Return memberships, each annotated `illustrative` when a citation marks it (or a part of
    it, such as an inferred date or category) as illustrative rather than documented."""
    marked = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Membership),
        object_id=OuterRef("pk"),
        status=Evidence.ILLUSTRATIVE,
    )
    return Membership.objects.annotate(illustrative=Exists(marked))


def people(
    *,
    search: str = "",
    status: str = "",
    category: str = "",
    site: str = "",
    on: dt.date | None = None,
) -> QuerySet[Person]:
    """Return people matching the filters; status/category apply on the date `on`."""
    qs = Person.objects.select_related("home_site")
    if search:
        words = search.split()
        for word in words:
            qs = qs.filter(
                Q(name_latin__icontains=word)
                | Q(name_original__icontains=word)
                | Q(trade__icontains=word)
                | Q(key__icontains=word)
            )
    if site:
        qs = qs.filter(home_site__key=site)
    if status or category or on:
        member_filter = covering(on, "memberships__") if on else Q()
        if status:
            member_filter &= Q(memberships__status=status)
        if category:
            member_filter &= Q(memberships__category=category)
        qs = qs.filter(member_filter).distinct()
    return qs.prefetch_related(
        Prefetch("memberships", queryset=illustrative_memberships().order_by("valid_from"))
    ).order_by("name_latin")


def person_detail(person_id: int) -> Person:
    """Return a person with everything the person page shows, in a fixed number of queries."""
    return (
        Person.objects.select_related("home_site", "user")
        .prefetch_related(
            citations_prefetch(),
            Prefetch(
                "memberships",
                queryset=illustrative_memberships()
                .order_by("valid_from")
                .prefetch_related(citations_prefetch()),
            ),
            Prefetch(
                "employments",
                queryset=Employment.objects.select_related("site")
                .order_by("valid_from")
                .prefetch_related(citations_prefetch()),
            ),
        )
        .get(pk=person_id)
    )


def members_on(day: dt.date) -> QuerySet[Person]:
    """Return the people who were members in good standing on `day`."""
    return Person.objects.filter(
        covering(day, "memberships__"), memberships__status=MembershipStatus.MEMBER
    ).distinct()


@dataclass(frozen=True)
class Headcount:
    """Who was there on a date: members by category and people at work by category."""

    day: dt.date
    members_by_category: dict[str, int]
    members_total: int
    workforce_by_category: dict[str, int]
    workforce_total: int

    @property
    def office_and_guard_share(self) -> float | None:
        if not self.workforce_total:
            return None
        office = self.workforce_by_category.get(WorkCategory.OFFICE, 0)
        guard = self.workforce_by_category.get(WorkCategory.GUARD, 0)
        return (office + guard) / self.workforce_total


def headcount_on(day: dt.date) -> Headcount:
    """Count members and the workforce on a date, in four queries."""
    members = Membership.objects.filter(covering(day), status=MembershipStatus.MEMBER)
    by_cat = dict(
        members.values_list("category").annotate(n=Count("person", distinct=True)).order_by()
    )
    jobs = Employment.objects.filter(covering(day))
    work = dict(jobs.values_list("category").annotate(n=Count("person", distinct=True)).order_by())
    return Headcount(
        day=day,
        members_by_category=by_cat,
        members_total=members.values("person").distinct().count(),
        workforce_by_category=work,
        workforce_total=jobs.values("person").distinct().count(),
    )
