"""Fixtures for the production statistics: a small colony, and the historical demo."""

from __future__ import annotations

import pytest

from kuzbas.demo.production_loader import load_production, read_production
from kuzbas.production import services
from kuzbas.production.models import UnitKind
from tests.factories import SiteFactory, SourceFactory


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
        "north": services.create_unit(
            actor=operator, key="north", name="North mine", kind=UnitKind.MINE, site=site
        ),
        "south": services.create_unit(
            actor=operator, key="south", name="South mine", kind=UnitKind.MINE, site=site
        ),
        "coal": services.create_product(
            actor=operator, key="coal", name="Coal", unit_of_measure="tonne"
        ),
        "coke": services.create_product(
            actor=operator, key="coke", name="Coke", unit_of_measure="tonne"
        ),
    }
