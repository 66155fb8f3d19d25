"""Entering events and periodizations: rights, audit, and bad input named by its field."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Invalid, NotPermitted
from kuzbas.record import event_services
from kuzbas.record.models import Event, EventLink, Period, Periodization, Source

pytestmark = pytest.mark.django_db


def _fields(error: Invalid) -> list[str]:
    return [p.field for p in error.problems]


def test_an_event_keeps_its_partial_dates_links_and_sources(records, operator):
    source = Source.objects.get(key="rgaspi-626-1-6")
    event = event_services.create_event(
        actor=operator,
        key="investigation",
        title="The investigation on the spot",
        kind="other",
        date="1924-06",
        end="1924-08",
        people=["rutgers"],
        bodies=["managing-board"],
        concerns=[("production.unit", "mine-1")],
        citations=[{"source": source, "locator": "l. 9"}],
    )
    assert (event.date, event.end) == (dt.date(1924, 6, 1), dt.date(1924, 8, 31))
    assert event.when == "1924-06 – 1924-08"
    assert {(link.role, link.target) for link in EventLink.objects.filter(event=event)} == {
        ("involved", records.person),
        ("involved", records.decision.motion.body),
        ("concerns", records.unit),
    }
    assert [c.source for c in event.citations.all()] == [source]
    entry = AuditEntry.objects.get(action="record.event.add")
    assert entry.object_id == str(event.pk) and entry.changes["when"] == "1924-06 – 1924-08"


def test_a_colonist_may_not_enter_an_event(records, colonist):
    with pytest.raises(NotPermitted):
        event_services.create_event(
            actor=colonist.user, key="x", title="X", kind="other", date="1923"
        )
    assert not Event.objects.exists()


def test_every_bad_field_of_an_event_is_named_and_nothing_is_stored(records, operator):
    with pytest.raises(Invalid) as refused:
        event_services.create_event(
            actor=operator,
            key="bad",
            title="Bad",
            kind="party",
            date="1924-02-30",
            end="someday",
            people=["nobody"],
            bodies=["no-such-body"],
            version_of="no-such-event",
        )
    assert sorted(_fields(refused.value)) == [
        "bodies",
        "date",
        "end",
        "kind",
        "people",
        "version_of",
    ]
    assert not Event.objects.exists() and not EventLink.objects.exists()


def test_an_event_cannot_end_before_it_starts(records, operator):
    with pytest.raises(Invalid) as refused:
        event_services.create_event(
            actor=operator, key="back", title="Back", kind="other", date="1925", end="1924"
        )
    assert _fields(refused.value) == ["end"]
    assert not Event.objects.exists()


def test_a_version_must_dispute_an_event_that_stands_first(records, operator):
    event_services.create_event(actor=operator, key="a", title="A", kind="other", date="1923")
    event_services.create_event(
        actor=operator, key="b", title="B", kind="other", date="1924", version_of="a"
    )
    with pytest.raises(Invalid) as refused:
        event_services.create_event(
            actor=operator, key="c", title="C", kind="other", date="1925", version_of="b"
        )
    assert _fields(refused.value) == ["version_of"]


def test_a_periodization_with_one_bad_period_is_refused_whole_naming_the_period(records, operator):
    with pytest.raises(Invalid) as refused:
        event_services.add_periodization(
            actor=operator,
            key="galkina",
            author="L.Iu. Galkina",
            work="AIC Kuzbas",
            periods=[
                {"name": "Organizational period", "start": "1921-10-20", "end": "1922-08"},
                {"name": "Preparatory period", "start": "1922-08", "end": "III.1923"},
                {"name": "Backwards", "start": "1925", "end": "1924"},
            ],
        )
    fields = _fields(refused.value)
    assert fields == ["periods[2].end", "periods[3].end"]
    assert not Periodization.objects.exists() and not Period.objects.exists()


def test_a_periodization_is_audited_with_its_periods(records, operator):
    periodization = event_services.add_periodization(
        actor=operator,
        key="yamanouchi",
        author="A. Yamanouchi",
        work="Was It a Failure of Idealism?",
        periods=[{"name": "Aftermath", "number": "5", "start": "1927-01-01", "end": "1928-02"}],
    )
    period = periodization.periods.get()
    assert (period.label, period.when) == ("5 Aftermath", "1927-01-01 – 1928-02")
    entry = AuditEntry.objects.get(action="record.periodization.add")
    assert entry.changes == {"periods": ["Aftermath"]}
