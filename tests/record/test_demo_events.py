"""The colony's history as data: every dated event of the seed list is on the demo's timeline
with its source, and both periodizations stand with their bounds."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kuzbas.core.actor import Operator
from kuzbas.core.dates import parse_partial
from kuzbas.demo.loader import DATA_DIR, load_demo
from kuzbas.record.chronology import Filters, timeline_for
from kuzbas.record.models import Event, Periodization
from kuzbas.record.timeline import Item

pytestmark = pytest.mark.django_db

SEED_LIST = tomllib.loads(Path(DATA_DIR / "events.toml").read_text(encoding="utf-8"))


def _cited_keys(specs: list[dict]) -> set[str]:
    return {spec["source"] for spec in specs if spec.get("source")}


@pytest.fixture(scope="module")
def demo_timeline(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, and everything its timeline holds from 1900 on."""
    with django_db_blocker.unblock():
        from django.db import connection, transaction

        with transaction.atomic():
            load_demo(actor=Operator("test"))
            operator = Operator("test")
            timeline = timeline_for(operator, Filters(start="1900", end="2000"))
            periodizations = list(Periodization.objects.prefetch_related("periods"))
            events = {e.key: e for e in Event.objects.all()}
            transaction.set_rollback(True)
        assert connection.in_atomic_block is False
    return timeline, periodizations, events


def _on_timeline(items: list[Item], uid: str) -> Item | None:
    return next((i for i in items if i.uid == uid), None)


@pytest.mark.parametrize("entry", SEED_LIST["event"], ids=lambda e: e["key"])
def test_every_hand_entered_event_of_the_list_is_on_the_timeline_with_its_sources(
    demo_timeline, entry
):
    timeline, _periodizations, events = demo_timeline
    first = entry.get("version_of") or entry["key"]
    item = _on_timeline(timeline.items, f"record.event:{first}")
    assert item is not None
    if entry.get("version_of"):
        version = next(v for v in item.versions if v.url.endswith(f"/{entry['key']}/"))
        assert version.when == entry["date"]
        assert _cited_keys(entry["sources"]) <= {s.key for s in version.sources}
    else:
        assert item.when.split(" – ")[0] == entry["date"]
        assert _cited_keys(entry["sources"]) <= {s.key for s in item.sources}
    assert events[entry["key"]].kind == entry["kind"]


@pytest.mark.parametrize("entry", SEED_LIST["derived"], ids=lambda e: e["title"])
def test_every_event_the_demo_holds_as_a_record_is_on_the_timeline_with_its_source(
    demo_timeline, entry
):
    timeline, _periodizations, _events = demo_timeline
    found = [
        i
        for i in timeline.items
        if entry["title"] in i.title
        and i.when == entry["when"]
        and i.kind == entry["kind"]
        and entry["source"] in i.source_keys
    ]
    assert found, entry
    # Not typed again: no hand-entered event repeats a record's item.
    assert all(not i.uid.startswith("record.event:") for i in found)


def test_where_sources_disagree_each_version_stands_with_its_own_source(demo_timeline):
    timeline, _periodizations, _events = demo_timeline
    kosior = _on_timeline(timeline.items, "record.event:kosior-meeting-1926-12-02")
    assert kosior.when == "1926-12-02"
    by_source = {s.key: v.when for v in kosior.versions for s in v.sources}
    assert by_source == {"tarle-1968": "1926-11", "morray-1983": "1926", "galkina-2011": "1926"}
    assert "kurzgefasste-angaben" in {s.key for s in kosior.sources}


def test_both_periodizations_stand_with_their_bounds_as_printed(demo_timeline):
    _timeline, periodizations, _events = demo_timeline
    periods = {pz.key: list(pz.periods.all()) for pz in periodizations}
    main = {key: [p for p in rows if not p.track] for key, rows in periods.items()}
    assert [len(main["galkina"]), len(main["yamanouchi"])] == [4, 5]
    assert [p.when for p in main["galkina"]] == [
        "1921-10-20 – 1922-08",
        "1922-08 – 1923-03",
        "1923-03 – 1924-12",
        "1925-01-01 – 1926-12",
    ]
    assert main["yamanouchi"][-1].when == "1927-01-01 – 1928-02"
    assert {p.track for p in periods["yamanouchi"]} == {"", "New York"}


def test_the_timeline_spans_the_periodizations_when_not_zoomed(db):
    load_demo(actor=Operator("test"))
    timeline = timeline_for(Operator("test"), Filters())
    assert (timeline.whole.start.isoformat(), timeline.whole.end.isoformat()) == (
        "1921-06-12",
        "1928-02-29",
    )
    # The seed's events before the first period or after the last lie outside the window.
    outside = [
        e["key"]
        for e in SEED_LIST["event"]
        if not e.get("version_of")
        and not (
            parse_partial(e["date"])[0] <= timeline.whole.end
            and parse_partial(e.get("end") or e["date"], end=True)[0] >= timeline.whole.start
        )
    ]
    assert "rutgers-papers-donated" in outside
    assert timeline.outside == len(outside)
