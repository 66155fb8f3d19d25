"""The historical demo: loaded through the services, every item cited, facts as told."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from kuzbas.core.actor import Operator
from kuzbas.core.rights import roles_of
from kuzbas.demo.loader import demo_is_loaded, load_demo
from kuzbas.governance.models import Body
from kuzbas.members.models import Membership, Person, Site, User
from kuzbas.members.selectors import members_on
from kuzbas.record.models import Citation, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo(actor=Operator("test"))


def _uncited(model) -> list[str]:
    ctype = ContentType.objects.get_for_model(model)
    cited = set(Citation.objects.filter(content_type=ctype).values_list("object_id", flat=True))
    return [str(obj) for obj in model.objects.all() if obj.pk not in cited]


@pytest.mark.parametrize("model", [Person, Site, Body, Membership])
def test_every_demo_item_cites_a_source_or_says_it_is_illustrative(demo, model):
    assert _uncited(model) == []


def test_a_documented_citation_always_has_a_source(demo):
    assert not Citation.objects.filter(status="documented", source__isnull=True).exists()


def test_an_inferred_interval_is_labelled_illustrative_with_its_reasoning(demo):
    illustrative = Citation.objects.filter(status="illustrative")

    assert illustrative.exists()
    assert not illustrative.filter(note="").exists()


def test_the_organization_committee_had_fourteen_seats_and_the_board_three(demo):
    committee = Body.objects.get(key="organization-committee")
    board = Body.objects.get(key="managing-board")

    assert committee.seats == 14
    assert board.seats == 3


def test_the_october_1922_board_members_are_in_the_registry(demo):
    names = set(Person.objects.values_list("key", flat=True))

    assert {"rutgers", "shatov", "reese", "haywood", "schuyler"} <= names


def test_no_membership_outlasts_the_liquidation_of_1_january_1927(demo):
    assert not Membership.objects.filter(valid_to__gte=dt.date(1927, 1, 1)).exists()
    assert not Membership.objects.filter(valid_to__isnull=True).exists()


def test_rutgers_was_a_member_on_the_demo_date(demo):
    assert Person.objects.get(key="rutgers") in members_on(dt.date(1922, 10, 1))


def test_pearsons_rights_follow_from_his_membership_not_a_grant(demo):
    pearson = User.objects.get(username="pearson")

    assert not pearson.role_grants.exists()
    assert roles_of(pearson, dt.date(1922, 10, 1)) == {"colonist"}
    assert roles_of(pearson, dt.date(1927, 6, 1)) == set()


def test_the_sources_include_the_article_and_its_archival_files(demo):
    article = Source.objects.get(key="yamanouchi-2025")
    archival = Source.objects.filter(archive="RGASPI")

    assert article.url == "https://doi.org/10.15017/7390867"
    assert archival.count() >= 5
    assert all(s.cited_in_id for s in archival)


def test_loading_the_demo_is_all_or_nothing(db, monkeypatch):
    from kuzbas.demo import loader

    original = loader.read

    def broken(name):
        data = original(name)
        if name == "people.toml":
            data["person"][-1]["home_site"] = "atlantis"
        return data

    monkeypatch.setattr(loader, "read", broken)

    with pytest.raises(KeyError):
        load_demo(actor=Operator("test"))

    assert not demo_is_loaded()
    assert not Source.objects.exists()
