"""Members in and out: a clerk adds and ends memberships and employments, by page and API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict, Invalid, NotNow, NotPermitted
from kuzbas.members import services
from kuzbas.members.models import Employment, Membership
from kuzbas.record.models import Citation
from tests.factories import (
    EmploymentFactory,
    MembershipFactory,
    PersonFactory,
    SiteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

SPRING = dt.date(2026, 3, 1)


# The services


def test_a_clerk_ends_a_membership_citing_the_minutes_and_the_write_is_audited(clerk):
    membership = MembershipFactory(valid_from=SPRING)
    minutes = SourceFactory(key="gm-2026-11")

    services.end_membership(
        actor=clerk.user,
        membership=membership,
        valid_to=dt.date(2026, 11, 30),
        citations=[{"source": minutes, "locator": "item 4"}],
    )

    membership.refresh_from_db()
    assert membership.valid_to == dt.date(2026, 11, 30)
    assert [str(c) for c in membership.citations.all()] == [f"{minutes}, item 4"]
    entry = AuditEntry.objects.get(action="members.membership.end")
    assert (entry.actor, entry.changes["to"]) == (clerk.user, "2026-11-30")


def test_it_refuses_to_end_a_membership_twice_naming_the_last_day(clerk):
    membership = MembershipFactory(valid_from=SPRING, valid_to=dt.date(2026, 6, 30))

    with pytest.raises(NotNow) as caught:
        services.end_membership(actor=clerk.user, membership=membership, valid_to=SPRING)

    assert caught.value.field == "valid_to"
    membership.refresh_from_db()
    assert membership.valid_to == dt.date(2026, 6, 30)


def test_it_refuses_an_end_before_the_first_day_and_changes_nothing(clerk):
    membership = MembershipFactory(valid_from=SPRING)

    with pytest.raises(Invalid) as caught:
        services.end_membership(
            actor=clerk.user, membership=membership, valid_to=dt.date(2026, 2, 1)
        )

    assert [p.field for p in caught.value.problems] == ["valid_to"]
    membership.refresh_from_db()
    assert membership.valid_to is None
    assert not AuditEntry.objects.filter(action="members.membership.end").exists()


def test_a_clerk_adds_and_ends_an_employment_and_both_are_audited(clerk):
    person = PersonFactory()

    job = services.add_employment(
        actor=clerk.user, person=person, category="production", title="fitter", valid_from=SPRING
    )
    services.end_employment(actor=clerk.user, employment=job, valid_to=dt.date(2026, 9, 30))

    job.refresh_from_db()
    assert job.valid_to == dt.date(2026, 9, 30)
    actions = list(
        AuditEntry.objects.filter(action__startswith="members.employment")
        .order_by("pk")
        .values_list("action", "actor")
    )
    assert actions == [
        ("members.employment.add", clerk.user.pk),
        ("members.employment.end", clerk.user.pk),
    ]


def test_it_refuses_the_same_position_twice_over_the_same_days(clerk):
    person = PersonFactory()
    EmploymentFactory(person=person, category="production", title="fitter", valid_from=SPRING)

    with pytest.raises(Conflict) as caught:
        services.add_employment(
            actor=clerk.user,
            person=person,
            category="production",
            title="fitter",
            valid_from=dt.date(2026, 6, 1),
        )

    assert caught.value.field == "valid_from"
    assert Employment.objects.filter(person=person).count() == 1


def test_a_second_job_at_the_same_time_is_allowed(clerk):
    person = PersonFactory()
    EmploymentFactory(person=person, category="production", title="fitter", valid_from=SPRING)

    services.add_employment(
        actor=clerk.user, person=person, category="office", title="treasurer", valid_from=SPRING
    )

    assert Employment.objects.filter(person=person).count() == 2


def test_a_colonist_may_not_end_an_employment(colonist):
    job = EmploymentFactory(valid_from=SPRING)

    with pytest.raises(NotPermitted) as refused:
        services.end_employment(actor=colonist.user, employment=job, valid_to=SPRING)

    assert refused.value.rule == "right.members.edit"


# The person page


def test_a_clerk_sees_the_forms_on_the_person_page_and_a_colonist_does_not(clerk, colonist):
    person = PersonFactory(key="ada")
    MembershipFactory(person=person, valid_from=SPRING)
    url = reverse("members:person", args=["ada"])

    as_clerk = clerk.client.get(url).content.decode()
    as_colonist = colonist.client.get(url).content.decode()

    for form_url in (
        reverse("members:membership_add", args=["ada"]),
        reverse("members:employment_add", args=["ada"]),
        reverse("members:membership_end", args=["ada", person.memberships.get().pk]),
    ):
        # The same address in action and hx-post: the form works without JavaScript.
        assert f'action="{form_url}" hx-post="{form_url}"' in as_clerk
        assert form_url not in as_colonist


def test_a_clerk_admits_a_member_from_the_page_without_javascript(clerk):
    person = PersonFactory(key="ada")
    SourceFactory(key="gm-2026-03")

    answer = clerk.client.post(
        reverse("members:membership_add", args=["ada"]),
        {
            "membership-category": "colonist",
            "membership-status": "member",
            "membership-valid_from": "2026-03-01",
            "membership-source": "gm-2026-03",
            "membership-locator": "item 2",
        },
        follow=True,
    )

    assert answer.redirect_chain[-1][0] == reverse("members:person", args=["ada"]) + "#memberships"
    assert "The membership was added." in answer.content.decode()
    membership = person.memberships.get()
    assert (membership.valid_from, membership.from_precision) == (SPRING, "day")
    assert Citation.objects.get().locator == "item 2"
    assert AuditEntry.objects.get(action="members.membership.add").actor == clerk.user


def test_with_htmx_the_answer_is_the_section_with_the_new_row(clerk):
    PersonFactory(key="ada")

    answer = clerk.client.post(
        reverse("members:membership_add", args=["ada"]),
        {
            "membership-category": "hired_worker",
            "membership-status": "member",
            "membership-valid_from": "1922-10",
        },
        headers={"HX-Request": "true"},
    )

    page = answer.content.decode()
    assert answer.status_code == 200
    assert page.lstrip().startswith('<section id="memberships">')
    assert "1922-10 – …" in page
    assert "<html" not in page


def test_an_overlap_is_shown_at_the_first_day_and_nothing_is_stored(clerk):
    person = PersonFactory(key="ada")
    MembershipFactory(person=person, valid_from=SPRING)

    answer = clerk.client.post(
        reverse("members:membership_add", args=["ada"]),
        {
            "membership-category": "colonist",
            "membership-status": "member",
            "membership-valid_from": "2026-05-01",
        },
    )

    assert answer.status_code == 409
    assert "overlaps the membership" in answer.context["form"].errors["valid_from"][0]
    assert person.memberships.count() == 1


def test_a_date_that_is_not_a_date_is_refused_at_its_field(clerk):
    PersonFactory(key="ada")

    answer = clerk.client.post(
        reverse("members:employment_add", args=["ada"]),
        {"employment-category": "production", "employment-valid_from": "March 2026"},
    )

    assert answer.status_code == 422
    assert "is not a date" in answer.context["form"].errors["valid_from"][0]
    assert not Employment.objects.exists()


def test_an_unknown_source_is_named_at_its_field(clerk):
    PersonFactory(key="ada")

    answer = clerk.client.post(
        reverse("members:membership_add", args=["ada"]),
        {
            "membership-category": "colonist",
            "membership-status": "member",
            "membership-valid_from": "2026-03-01",
            "membership-source": "no-such-minutes",
        },
    )

    assert answer.status_code == 422
    assert "no source “no-such-minutes”" in answer.context["form"].errors["source"][0]
    assert not Membership.objects.exists()


def test_a_clerk_ends_a_membership_given_only_by_its_year(clerk):
    person = PersonFactory(key="ada")
    membership = MembershipFactory(person=person, valid_from=dt.date(1922, 1, 1))

    clerk.client.post(
        reverse("members:membership_end", args=["ada", membership.pk]),
        {f"membership-{membership.pk}-valid_to": "1927"},
    )

    membership.refresh_from_db()
    assert (membership.valid_to, membership.to_precision) == (dt.date(1927, 12, 31), "year")


def test_a_clerk_adds_an_employment_at_a_site_and_ends_it_with_htmx(clerk):
    person = PersonFactory(key="ada")
    SiteFactory(key="works", name="The works")
    clerk.client.post(
        reverse("members:employment_add", args=["ada"]),
        {
            "employment-category": "technical",
            "employment-title": "electrician",
            "employment-site": "works",
            "employment-valid_from": "2026-03-01",
        },
    )
    job = person.employments.get()

    answer = clerk.client.post(
        reverse("members:employment_end", args=["ada", job.pk]),
        {f"employment-{job.pk}-valid_to": "2026-08-31"},
        headers={"HX-Request": "true"},
    )

    job.refresh_from_db()
    assert (job.site.key, job.valid_to) == ("works", dt.date(2026, 8, 31))
    assert "The employment was ended." in answer.content.decode()


def test_a_membership_of_someone_else_is_not_found_under_this_person(clerk):
    PersonFactory(key="ada")
    other = MembershipFactory(valid_from=SPRING)

    answer = clerk.client.post(
        reverse("members:membership_end", args=["ada", other.pk]),
        {f"membership-{other.pk}-valid_to": "2026-08-31"},
    )

    assert answer.status_code == 404
    other.refresh_from_db()
    assert other.valid_to is None


# The API


def test_the_api_admits_a_member_and_later_ends_the_membership(clerk):
    PersonFactory(key="ada")
    SourceFactory(key="gm-2026-03")

    admitted = clerk.client.post(
        "/api/members/people/ada/memberships",
        {
            "status": "member",
            "category": "colonist",
            "valid_from": "2026-03-01",
            "citations": [{"source": "gm-2026-03", "locator": "item 2"}],
        },
        content_type="application/json",
    )
    assert admitted.status_code == 201, admitted.content
    membership = admitted.json()
    assert membership["citations"][0]["source"] == "gm-2026-03"

    ended = clerk.client.post(
        f"/api/members/people/ada/memberships/{membership['id']}/end",
        {"valid_to": "2026-12-31", "to_precision": "month"},
        content_type="application/json",
    )

    assert ended.status_code == 200, ended.content
    assert (ended.json()["valid_to"], ended.json()["to_precision"]) == ("2026-12-31", "month")


def test_the_api_refuses_an_overlap_naming_the_field(clerk):
    person = PersonFactory(key="ada")
    MembershipFactory(person=person, valid_from=SPRING)

    answer = clerk.client.post(
        "/api/members/people/ada/memberships",
        {"status": "member", "category": "colonist", "valid_from": "2026-05-01"},
        content_type="application/json",
    )

    assert answer.status_code == 409
    assert (answer.json()["code"], answer.json()["field"]) == ("conflict", "valid_from")
    assert person.memberships.count() == 1


def test_the_api_refuses_an_unknown_category_and_an_unknown_source_by_field(clerk):
    PersonFactory(key="ada")

    bad_category = clerk.client.post(
        "/api/members/people/ada/employments",
        {"category": "miner", "valid_from": "2026-03-01"},
        content_type="application/json",
    )
    bad_source = clerk.client.post(
        "/api/members/people/ada/employments",
        {
            "category": "production",
            "valid_from": "2026-03-01",
            "citations": [{"source": "nowhere"}],
        },
        content_type="application/json",
    )

    assert bad_category.status_code == 422
    assert [p["field"] for p in bad_category.json()["problems"]] == ["category"]
    assert bad_source.status_code == 404
    assert bad_source.json()["field"] == "citations.0.source"
    assert not Employment.objects.exists()


def test_the_person_page_costs_a_clerk_the_same_queries_however_long_the_history(clerk):
    def queries_for(spans: int) -> int:
        person = PersonFactory()
        for n in range(spans):
            MembershipFactory(
                person=person,
                valid_from=dt.date(2000 + 2 * n, 1, 1),
                valid_to=None if n == spans - 1 else dt.date(2001 + 2 * n, 1, 1),
            )
            EmploymentFactory(person=person, valid_from=dt.date(2000 + n, 1, 1))
        with CaptureQueriesContext(connection) as captured:
            assert clerk.client.get(reverse("members:person", args=[person.key])).status_code == 200
        return len(captured)

    queries_for(1)  # the first page fills the caches: content types, the session
    assert queries_for(1) == queries_for(6)


def test_a_clerk_records_an_address_and_the_person_can_then_be_invited(clerk):
    person = PersonFactory(key="ada", name_latin="Ada Reese", email="")

    clerk.client.post(
        reverse("members:person_edit", args=["ada"]),
        {"name_latin": "Ada Reese", "trade": "miner", "email": "ada@coop.example"},
    )

    person.refresh_from_db()
    assert person.email == "ada@coop.example"
    entry = AuditEntry.objects.get(action="members.person.update")
    assert entry.changes == {"email": ["", "ada@coop.example"]}
    page = clerk.client.get(reverse("members:person", args=["ada"])).content.decode()
    assert 'data-testid="invite"' in page


def test_a_person_is_never_given_the_key_of_a_registry_page(clerk):
    named = services.create_person(actor=clerk.user, name_latin="Invitations")

    with pytest.raises(Invalid) as caught:
        services.create_person(actor=clerk.user, name_latin="Ada Reese", key="invitations")

    assert named.key == "invitations-2"
    assert [p.field for p in caught.value.problems] == ["key"]


def test_an_import_names_the_line_of_a_key_that_is_a_registry_page(clerk):
    from kuzbas.members.people_import import import_people

    with pytest.raises(Invalid) as caught:
        import_people(actor=clerk.user, data=b"key,name_latin\nada,Ada Reese\nwelcome,W. Elcome\n")

    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "key")]
