"""Load the historical colony from the TOML files in `data/`, through the same services a
user's actions go through (so every row is validated and audited)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction

from kuzbas.errors import Invalid, Problem
from kuzbas.governance.services import create_body
from kuzbas.members import services as members
from kuzbas.members.models import Person, Site
from kuzbas.record.dates import parse_partial
from kuzbas.record.models import Source
from kuzbas.record.services import add_source

DATA_DIR = Path(__file__).parent / "data"
MARKER_SOURCE = "yamanouchi-2025"
DEMO_PASSWORD = "kuzbas-demo"  # noqa: S105 - demo mode only, printed at start

Progress = Callable[[str, int, int], None]


def read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def demo_is_loaded() -> bool:
    return Source.objects.filter(key=MARKER_SOURCE).exists()


def DEMO_USERS() -> list[tuple[str, str]]:
    """Return (username, what they can do) for the demo logins."""
    return [(u["username"], u["description"]) for u in read("users.toml")["user"]]


class _Loader:
    def __init__(self, actor, progress: Progress | None) -> None:
        self.actor = actor
        self.progress = progress or (lambda *_: None)
        self.sources: dict[str, Source] = {}
        self.sites: dict[str, Site] = {}
        self.people: dict[str, Person] = {}

    def citations(self, specs: list[dict], where: str) -> list[dict]:
        out = []
        for spec in specs:
            key = spec.get("source")
            if key and key not in self.sources:
                raise Invalid(problems=[Problem(f"unknown source {key!r}", field=where)])
            out.append(
                {
                    "source": self.sources.get(key) if key else None,
                    "locator": spec.get("locator", ""),
                    "status": spec.get("status", "documented"),
                    "note": spec.get("note", ""),
                }
            )
        return out

    def load_sources(self) -> None:
        rows = read("sources.toml")["source"]
        for n, row in enumerate(rows, 1):
            fields = {k: v for k, v in row.items() if k not in {"cited_in"}}
            self.sources[row["key"]] = add_source(actor=self.actor, **fields)
            self.progress("sources", n, len(rows))
        for row in rows:  # second pass: a source may cite one defined after it
            if row.get("cited_in"):
                source = self.sources[row["key"]]
                source.cited_in = self.sources[row["cited_in"]]
                source.save(update_fields=["cited_in"])

    def load_sites(self) -> None:
        rows = read("sites.toml")["site"]
        for n, row in enumerate(rows, 1):
            fields = {k: v for k, v in row.items() if k != "sources"}
            self.sites[row["key"]] = members.create_site(
                actor=self.actor,
                citations=self.citations(row.get("sources", []), f"site {row['key']}"),
                **fields,
            )
            self.progress("sites", n, len(rows))

    def load_bodies(self) -> None:
        rows = read("bodies.toml")["body"]
        for n, row in enumerate(rows, 1):
            fields = {
                k: v
                for k, v in row.items()
                if k not in {"sources", "site", "established", "dissolved"}
            }
            for name in ("established", "dissolved"):
                if row.get(name):
                    day, precision = parse_partial(row[name], end=name == "dissolved", field=name)
                    fields[name], fields[f"{name}_precision"] = day, precision
            create_body(
                actor=self.actor,
                site=self.sites[row["site"]] if row.get("site") else None,
                citations=self.citations(row.get("sources", []), f"body {row['key']}"),
                **fields,
            )
            self.progress("bodies", n, len(rows))

    def load_people(self) -> None:
        rows = read("people.toml")["person"]
        for n, row in enumerate(rows, 1):
            where = f"person {row['key']}"
            fields = {
                k: v
                for k, v in row.items()
                if k not in {"sources", "memberships", "employments", "home_site"}
            }
            person = members.create_person(
                actor=self.actor,
                home_site=self.sites[row["home_site"]] if row.get("home_site") else None,
                citations=self.citations(row.get("sources", []), where),
                **fields,
            )
            for span in row.get("memberships", []):
                members.add_membership(
                    actor=self.actor,
                    person=person,
                    status=span["status"],
                    category=span["category"],
                    citations=self.citations(span.get("sources", []), where),
                    **self.interval(span, where),
                )
            for job in row.get("employments", []):
                members.add_employment(
                    actor=self.actor,
                    person=person,
                    category=job["category"],
                    title=job.get("title", ""),
                    site=self.sites[job["site"]] if job.get("site") else None,
                    citations=self.citations(job.get("sources", []), where),
                    **self.interval(job, where),
                )
            self.people[row["key"]] = person
            self.progress("people", n, len(rows))

    @staticmethod
    def interval(span: dict, where: str) -> dict:
        start, start_precision = parse_partial(span["from"], field=f"{where}: from")
        result = {"valid_from": start, "from_precision": start_precision}
        if span.get("until"):
            end, end_precision = parse_partial(span["until"], end=True, field=f"{where}: until")
            result |= {"valid_to": end, "to_precision": end_precision}
        return result

    def load_users(self) -> None:
        rows = read("users.toml")["user"]
        for n, row in enumerate(rows, 1):
            members.create_user(
                actor=self.actor,
                username=row["username"],
                password=DEMO_PASSWORD,
                person=self.people[row["person"]] if row.get("person") else None,
                roles=row.get("roles", []),
                is_superuser=row.get("superuser", False),
            )
            self.progress("demo accounts", n, len(rows))


def load_demo(*, actor, progress: Progress | None = None) -> None:
    """Load the whole demo in one transaction: it is there entirely or not at all."""
    loader = _Loader(actor, progress)
    with transaction.atomic():
        loader.load_sources()
        loader.load_sites()
        loader.load_bodies()
        loader.load_people()
        loader.load_users()
