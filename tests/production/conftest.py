"""Fixtures for the production statistics: a small colony, and the historical demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import kuzbas
from kuzbas.demo.production_loader import load_production, read_production
from kuzbas.production import catalogue
from kuzbas.production.models.catalogue import UnitKind
from tests.factories import PersonFactory, SiteFactory, SourceFactory


def _sources_named_in_production_toml() -> set[str]:
    data = read_production()
    keys = set()
    for table in ("transfer_act", "unit", "headcount"):
        for row in data[table]:
            keys |= {s["source"] for s in row.get("sources", []) if s.get("source")}
    return keys


def load_production_with_its_sources(actor) -> None:
    """Stand in for the sources and sites the demo loads first, then load production."""
    for key in sorted(_sources_named_in_production_toml()):
        SourceFactory(key=key)
    for key in ("kemerovo", "leninsk", "prokopevsk", "gurevsk"):
        SiteFactory(key=key)
    load_production(actor=actor)


@pytest.fixture
def production_demo(db, operator):
    """The colony's production history, loaded as the demo loads it."""
    load_production_with_its_sources(operator)


@pytest.fixture
def colony(db, operator):
    """Two mines and a plant at one site, with coal and coke in tonnes."""
    site = SiteFactory(key="kemerovo")
    return {
        "site": site,
        "north": catalogue.create_unit(
            actor=operator, key="north", name="North mine", kind=UnitKind.MINE, site=site
        ),
        "south": catalogue.create_unit(
            actor=operator, key="south", name="South mine", kind=UnitKind.MINE, site=site
        ),
        "coal": catalogue.create_product(
            actor=operator, key="coal", name="Coal", unit_of_measure="tonne"
        ),
        "coke": catalogue.create_product(
            actor=operator, key="coke", name="Coke", unit_of_measure="tonne"
        ),
    }


@pytest.fixture
def decision(db, operator):
    """Decision No. 1: the Managing Board's vote of 2 May 1923 on mine pumps."""
    from kuzbas.governance.models import Seat
    from kuzbas.governance.services import decisions, motions, seat_holdings, statute_book

    statutes = Path(kuzbas.__file__).parent / "demo" / "statutes"
    for name in ("aick-1921.toml", "aick-1922-10.toml"):
        statute_book.load_statute_version(actor=operator, path_or_text=statutes / name)
    seats = {seat.key: seat for seat in Seat.objects.filter(body__key="managing-board")}
    for n, seat_key in enumerate(("sto_representative", "colony", "colony")):
        seat_holdings.add_seat_holding(
            actor=operator,
            seat=seats[seat_key],
            person=PersonFactory(key=f"board-{n}"),
            valid_from=dt.date(1922, 11, 1),
        )
    motion = motions.file_motion(
        actor=operator,
        title="Choice of mine pumps",
        text="Buy two pumps for the flooded shaft.",
        matter="technical",
        body="managing-board",
        as_of=dt.date(1923, 5, 1),
    )
    return decisions.record_counted_vote(
        actor=operator,
        motion=motion,
        yes=2,
        no=1,
        abstain=0,
        present=3,
        decided_on=dt.date(1923, 5, 2),
    )
