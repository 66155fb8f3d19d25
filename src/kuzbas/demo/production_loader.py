"""Load the colony's production history: the documented figures of production.toml, and the
illustrative monthly series generated between them, through the production services and the
same import path a statistician's file takes.

Called by `load_demo` after the sources and sites are loaded (it needs both).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from kuzbas.demo.citing import citations_from
from kuzbas.demo.production_series import Series, UnitLife
from kuzbas.members.models import Site
from kuzbas.production import catalogue, services
from kuzbas.production.imports.importing import import_records
from kuzbas.production.imports.rows import Kind
from kuzbas.production.models.catalogue import Product
from kuzbas.record.models import Source

DATA = Path(__file__).parent / "production.toml"

Progress = Callable[[str, int, int], None]


def read_production() -> dict[str, Any]:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_production(*, actor, progress: Progress | None = None) -> None:
    """Load products, transfer acts, units, headcounts, output and plans; all or nothing."""
    report = progress or (lambda *_: None)
    data = read_production()
    with transaction.atomic():
        if Product.objects.filter(key=data["product"][0]["key"]).exists():
            return
        sources = {s.key: s for s in Source.objects.all()}
        sites = {s.key: s for s in Site.objects.all()}
        for row in data["product"]:
            catalogue.create_product(actor=actor, **row)
        acts = {}
        for row in data["transfer_act"]:
            fields = {k: v for k, v in row.items() if k != "sources"}
            acts[row["key"]] = catalogue.create_transfer_act(
                actor=actor,
                **{**fields, "date": _day(row["date"]), "debt_share": Decimal(row["debt_share"])},
                citations=citations_from(
                    row.get("sources", []), sources, f"transfer_act {row['key']}"
                ),
            )
        lives = []
        for n, row in enumerate(data["unit"], start=1):
            unit = catalogue.create_unit(
                actor=actor,
                key=row["key"],
                name=row["name"],
                kind=row["kind"],
                site=sites.get(row.get("site", "")),
                opened=_day(row.get("opened")),
                taken_over=_day(row.get("taken_over")),
                closed=_day(row.get("closed")),
                transfer_act=acts.get(row.get("transfer_act", "")),
                description=row.get("description", ""),
                citations=citations_from(row.get("sources", []), sources, f"unit {row['key']}"),
            )
            start = unit.taken_over or unit.opened or dt.date(1922, 10, 1)
            lives.append(UnitLife(unit.key, unit.kind, start.replace(day=1)))
            report("production units", n, len(data["unit"]))
        documented = set()
        for row in data["headcount"]:
            services.record_headcount(
                actor=actor,
                on=_day(row["on"]),
                category=row["category"],
                count=row["count"],
                citations=citations_from(row.get("sources", []), sources, f"headcount {row['on']}"),
            )
            documented.add(("", row["on"], row["category"]))
        series = Series(data["illustrative"], lives)
        output = series.output_rows()
        batches = [
            (Kind.HEADCOUNT, series.headcount_rows(documented)),
            (Kind.OUTPUT, output),
            (Kind.PLANS, series.plan_rows(output)),
        ]
        for kind, rows in batches:
            import_records(
                actor=actor,
                kind=kind,
                records=rows,
                label=f"demo {kind.value}",
                progress=lambda n, total, _stage, kind=kind: report(
                    f"production {kind.value}", n, total
                ),
            )
