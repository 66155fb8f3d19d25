"""What the home page lists for the person reading it: items the apps above register.

The home page (web) sits above every app, but what is due is each app's to say: contracts
lists the obligations that fall due soon or are overdue. An app registers a provider from its
`AppConfig.ready()`; the page asks each in turn for the user and the colony's day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeItem:
    """One line on the home page: what, where to read it, and why it is shown now."""

    title: str
    url: str
    note: str
    urgent: bool = False  # overdue, not only soon


Provider = Callable[[object, dt.date], list[HomeItem]]
_PROVIDERS: list[Provider] = []


def register_home_items(provider: Provider) -> Provider:
    """Add a provider of home-page items; called from an app's `ready()`."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def home_items(user, today: dt.date) -> list[HomeItem]:
    """Return every provider's items for the user on a day, the urgent ones first."""
    items = [item for provider in _PROVIDERS for item in provider(user, today)]
    return sorted(items, key=lambda item: not item.urgent)
