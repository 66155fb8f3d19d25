"""What may be cited from a page or the API: an allow-list the apps above the record fill.

The record sits below the apps whose rows it cites and imports none of them. Each app registers
its citable models from its `AppConfig.ready()`, with the scoped helper that fetches one for a
user (so a citation never reaches a row the user may not see), the identifier its pages and API
use (a person's key, a motion's number), and its page. A model not registered here cannot be
cited or have a citation withdrawn through the record's services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from kuzbas.core.errors import Invalid, NotFound, Problem


@dataclass(frozen=True)
class Citable:
    """A model the record may cite from: how to fetch one for a user, name it, link to it."""

    model: type[models.Model]
    # (user, identifier) -> the row, through the owning app's access helper: NotFound or
    # NotPermitted as that helper decides.
    fetch: Callable[[object, str], models.Model]
    identify: Callable[[models.Model], str]
    page: Callable[[models.Model], str]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_citable: dict[str, Citable] = {}


def register_citable(
    model: type[models.Model],
    *,
    fetch: Callable[[object, str], models.Model],
    identify: Callable[[models.Model], str],
    page: Callable[[models.Model], str],
) -> Citable:
    """Allow citing `model`'s rows from pages and the API; called from an app's ready()."""
    entry = Citable(model=model, fetch=fetch, identify=identify, page=page)
    _citable[entry.label] = entry
    return entry


def citable_of(obj_or_model: models.Model | type[models.Model]) -> Citable | None:
    """Return the registration of a row's model, or None if it may not be cited."""
    return _citable.get(obj_or_model._meta.label_lower)


def require_citable(obj: models.Model) -> Citable:
    """Return the registration of a row's model; Invalid naming `object` if it is not citable."""
    entry = citable_of(obj)
    if entry is None or obj.pk is None:
        raise Invalid(
            problems=[
                Problem(
                    _("A %(kind)s cannot be cited from here.") % {"kind": obj._meta.verbose_name},
                    field="object",
                )
            ]
        )
    return entry


def citable_for_user(user, kind: str, identifier: str) -> models.Model:
    """Return the row of a citable kind ("members.person") named by its identifier, fetched
    through its app's scoped helper; Invalid for a kind that may not be cited."""
    entry = _citable.get((kind or "").strip().lower())
    if entry is None:
        raise Invalid(
            problems=[
                Problem(
                    _("“%(kind)s” is not something that can be cited.") % {"kind": kind},
                    field="object",
                )
            ]
        )
    return entry.fetch(user, str(identifier).strip())


def number(identifier: str) -> int:
    """Return a numeric identifier as an int; NotFound naming `object` if it is not a number."""
    try:
        return int(identifier)
    except (TypeError, ValueError):
        raise NotFound(
            _("There is no record numbered “%(id)s”.") % {"id": identifier}, field="object"
        ) from None


def citable_kinds() -> list[str]:
    return sorted(_citable)
