"""Load the historical colony from the TOML files in `data/`, through the same services a
user's actions go through (so every row is validated and audited)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction

from kuzbas.core.dates import parse_partial
from kuzbas.demo.citing import citations_from
from kuzbas.governance.models import Seat
from kuzbas.governance.services import bodies, decisions, motions, seat_holdings, statute_book
from kuzbas.members import services as members
from kuzbas.members.models import Person, Site
from kuzbas.record.models import Source
from kuzbas.record.services import add_source, attach_citations

DATA_DIR = Path(__file__).parent / "data"
STATUTES_DIR = Path(__file__).parent / "statutes"
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
        return citations_from(specs, self.sources, where)

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
            bodies.create_body(
                actor=self.actor,
                site=self.sites[row["site"]] if row.get("site") else None,
                citations=self.citations(row.get("sources", []), f"body {row['key']}"),
                **self.body_fields(row),
            )
            self.progress("bodies", n, len(rows))

    @staticmethod
    def body_fields(row: dict) -> dict:
        """Return a body's fields from its TOML row, with partial dates made exact."""
        skip = {"sources", "site", "established", "dissolved", "n7"}
        fields = {k: v for k, v in row.items() if k not in skip}
        for name in ("established", "dissolved"):
            if row.get(name):
                day, precision = parse_partial(row[name], end=name == "dissolved", field=name)
                fields[name], fields[f"{name}_precision"] = day, precision
        return fields

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

    def load_governance(self) -> None:
        """Load the statute versions, the seats' holders and the register's first decisions."""
        data = read("governance.toml")
        shared = data["n7"]["sources"]
        for row in data["body"]:
            specs = (shared if row.get("n7") else []) + row.get("sources", [])
            bodies.create_body(
                actor=self.actor,
                citations=self.citations(specs, f"body {row['key']}"),
                **self.body_fields(row),
            )
        for n, name in enumerate(data["statutes"], 1):
            statute_book.load_statute_version(actor=self.actor, path_or_text=STATUTES_DIR / name)
            self.progress("statute versions", n, len(data["statutes"]))
        rows = data["holding"]
        for n, row in enumerate(rows, 1):
            where = f"seat {row['seat']} held by {row['person']}"
            body, _, seat = row["seat"].partition(".")
            specs = (shared if row.get("n7") else []) + row.get("sources", [])
            seat_holdings.add_seat_holding(
                actor=self.actor,
                seat=Seat.objects.get(body__key=body, key=seat),
                person=self.people[row["person"]],
                citations=self.citations(specs, where),
                **self.interval(row, where),
            )
            self.progress("seat holdings", n, len(rows))
        rows = data["decision"]
        for n, row in enumerate(rows, 1):
            self.load_decision(row, shared)
            self.progress("decisions", n, len(rows))

    def load_decision(self, row: dict, shared: list[dict]) -> None:
        """File a historical motion and record its counted vote, cited to its sources."""
        where = f"decision {row['title']}"
        filed_on, _ = parse_partial(row["filed_on"], field=f"{where}: filed_on")
        decided_on, _ = parse_partial(row["decided_on"], field=f"{where}: decided_on")
        motion = motions.file_motion(
            actor=self.actor,
            title=row["title"],
            text=row["text"],
            matter=row["matter"],
            body=row["body"],
            as_of=filed_on,
        )
        decision = decisions.record_counted_vote(
            actor=self.actor,
            motion=motion,
            yes=row["yes"],
            no=row["no"],
            abstain=row["abstain"],
            present=row["present"],
            named=row.get("named", []),
            decided_on=decided_on,
        )
        specs = (shared if row.get("n7") else []) + row.get("sources", [])
        attach_citations(actor=self.actor, obj=decision, citations=self.citations(specs, where))


def load_demo(*, actor, progress: Progress | None = None) -> None:
    """Load the whole demo in one transaction: it is there entirely or not at all."""
    loader = _Loader(actor, progress)
    with transaction.atomic():
        loader.load_sources()
        loader.load_sites()
        loader.load_bodies()
        loader.load_people()
        loader.load_users()
        loader.load_governance()
        # Imported here: each area's loader needs the registry and the register loaded first.
        from kuzbas.demo.contract_money_loader import load_contract_money
        from kuzbas.demo.contracts_loader import load_contracts
        from kuzbas.demo.events_loader import load_events
        from kuzbas.demo.meetings_loader import load_meetings
        from kuzbas.demo.production_loader import load_production
        from kuzbas.demo.recruitment_loader import load_recruitment

        load_meetings(actor=actor, progress=progress)
        load_production(actor=actor, progress=progress)
        load_recruitment(actor=actor, progress=progress)
        load_events(actor=actor, progress=progress)
        load_contracts(actor=actor, progress=progress)
        load_contract_money(actor=actor)
