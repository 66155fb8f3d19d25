"""Citing a source for a record, and withdrawing a citation: the record's one service."""

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Invalid, NotFound, NotPermitted
from kuzbas.members.models import Site
from kuzbas.record.access import source_named
from kuzbas.record.citable import citable_for_user
from kuzbas.record.models import Citation, Source
from kuzbas.record.services import cite, withdraw_citation
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def stored() -> tuple[int, int, int]:
    return Citation.objects.count(), Source.objects.count(), AuditEntry.objects.count()


def test_a_clerk_cites_a_source_in_the_record_and_the_trail_says_so(records, clerk):
    citation = cite(
        actor=clerk.user,
        obj=records.person,
        source=source_named("rgaspi-626-1-6"),
        locator="l. 61",
    )

    assert list(records.person.citations.all()) == [citation]
    assert citation.status == "documented"
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.object_id, entry.actor_label) == (
        "record.citation.add",
        str(records.person.pk),
        "clerk",
    )
    assert entry.changes["source"] == "rgaspi-626-1-6"


def test_a_new_source_is_added_and_cited_in_one_step(records, clerk):
    citation = cite(
        actor=clerk.user,
        obj=records.decision,
        source={"title": "Kuzbass (newspaper)", "kind": "periodical", "issue": "12"},
        locator="p. 2",
    )

    assert citation.source.key == "kuzbass-newspaper"
    assert citation.source.issue == "12"
    actions = list(AuditEntry.objects.order_by("-pk").values_list("action", flat=True)[:2])
    assert actions == ["record.citation.add", "record.source.add"]


def test_a_new_source_whose_title_makes_a_taken_key_gets_the_next_free_one(records, clerk):
    first = cite(actor=clerk.user, obj=records.unit, source={"title": "Report", "kind": "report"})
    second = cite(actor=clerk.user, obj=records.unit, source={"title": "Report", "kind": "report"})

    assert (first.source.key, second.source.key) == ("report", "report-2")


def test_an_illustrative_mark_needs_no_source(records, clerk):
    citation = cite(
        actor=clerk.user, obj=records.meeting, source=None, status="illustrative", note="generated"
    )

    assert citation.is_illustrative
    assert citation.source is None


def test_a_documented_citation_without_a_source_is_refused_and_nothing_is_stored(records, clerk):
    before = stored()

    with pytest.raises(Invalid) as refused:
        cite(actor=clerk.user, obj=records.person, source=None)

    assert [p.field for p in refused.value.problems] == ["source"]
    assert "needs a source" in refused.value.problems[0].message
    assert stored() == before


def test_a_new_source_without_a_title_names_the_field_and_stores_nothing(records, clerk):
    before = stored()

    with pytest.raises(Invalid) as refused:
        cite(actor=clerk.user, obj=records.person, source={"kind": "book", "author": "Anon"})

    assert "source.title" in [p.field for p in refused.value.problems]
    assert stored() == before


def test_a_bad_citation_takes_its_new_source_back_with_it(records, clerk):
    before = stored()

    with pytest.raises(Invalid) as refused:
        cite(
            actor=clerk.user,
            obj=records.person,
            source={"title": "A letter", "kind": "letter"},
            locator="x" * 500,
        )

    assert [p.field for p in refused.value.problems] == ["locator"]
    assert stored() == before


def test_an_unknown_evidence_is_refused(records, clerk):
    with pytest.raises(Invalid) as refused:
        cite(actor=clerk.user, obj=records.person, source=None, status="rumoured")

    assert [p.field for p in refused.value.problems] == ["status"]


def test_a_record_that_is_not_citable_is_refused_with_its_kind_named(records, clerk):
    site = SiteFactory(key="kemerovo")
    before = stored()

    with pytest.raises(Invalid) as refused:
        cite(actor=clerk.user, obj=site, source=source_named("rgaspi-626-1-6"))

    assert refused.value.problems[0].field == "object"
    assert str(Site._meta.verbose_name) in refused.value.problems[0].message
    assert stored() == before


def test_a_member_without_the_right_may_not_cite_and_nothing_is_stored(records, colonist):
    before = stored()

    with pytest.raises(NotPermitted):
        cite(actor=colonist.user, obj=records.person, source=source_named("rgaspi-626-1-6"))

    assert stored() == before


def test_a_record_is_named_by_its_kind_and_the_identifier_its_pages_use(records, colonist):
    assert citable_for_user(colonist.user, "governance.motion", str(records.motion.number)) == (
        records.motion
    )
    assert citable_for_user(colonist.user, "production.unit", "mine-1") == records.unit
    with pytest.raises(Invalid):
        citable_for_user(colonist.user, "members.site", "kemerovo")
    with pytest.raises(NotFound):
        citable_for_user(colonist.user, "governance.decision", "not-a-number")
    with pytest.raises(NotFound):
        citable_for_user(colonist.user, "members.person", "nobody")


def test_withdrawing_a_citation_removes_it_and_the_trail_keeps_what_it_said(records, clerk):
    citation = cite(
        actor=clerk.user,
        obj=records.motion,
        source=source_named("rgaspi-626-1-6"),
        locator="l. 7",
    )

    withdraw_citation(actor=clerk.user, citation=citation)

    assert not records.motion.citations.exists()
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "record.citation.withdraw"
    assert (entry.changes["source"], entry.changes["locator"]) == ("rgaspi-626-1-6", "l. 7")


def test_a_member_without_the_right_may_not_withdraw_a_citation(records, clerk, colonist):
    citation = cite(actor=clerk.user, obj=records.person, source=source_named("rgaspi-626-1-6"))

    with pytest.raises(NotPermitted):
        withdraw_citation(actor=colonist.user, citation=citation)

    assert Citation.objects.filter(pk=citation.pk).exists()
