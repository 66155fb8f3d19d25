"""Turn the `sources = [...]` tables of the demo's TOML files into citations for the services."""

from __future__ import annotations

from collections.abc import Mapping

from kuzbas.core.errors import Invalid, Problem
from kuzbas.record.models import Source


def citations_from(specs: list[dict], sources: Mapping[str, Source], where: str) -> list[dict]:
    """Resolve each spec's source key; an unknown key stops the load, naming the item."""
    out = []
    for spec in specs:
        key = spec.get("source")
        if key and key not in sources:
            raise Invalid(problems=[Problem(f"unknown source {key!r}", field=where)])
        out.append(
            {
                "source": sources.get(key) if key else None,
                "locator": spec.get("locator", ""),
                "status": spec.get("status", "documented"),
                "note": spec.get("note", ""),
            }
        )
    return out
