"""Write an audit entry; every service calls this inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Max
from django.utils import timezone

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Actor, label


def audit(
    *,
    actor: Actor | None,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    day_only: bool = False,
) -> AuditEntry:
    """Record that `actor` did `action` to `obj`; `actor` None means the system itself.

    `day_only` records the day, not the time: for a secret ballot, whose time of casting
    together with anything else timed (a server's log) must not narrow down whose paper is whose.
    """
    entry = audit_entry(actor=actor, action=action, obj=obj, changes=changes, day_only=day_only)
    entry.save(force_insert=True)
    return entry


def audit_entry(
    *,
    actor: Actor | None,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    day_only: bool = False,
) -> AuditEntry:
    """Return the entry `audit` writes, unsaved: for a service that writes it together with
    its own rows in one statement (`core.guarded_write`), in the same transaction."""
    at = timezone.now()
    if day_only:
        at = at.replace(hour=0, minute=0, second=0, microsecond=0)
    user = actor if isinstance(actor, models.Model) else None
    name = label(actor)
    return AuditEntry(
        at=at,
        actor=user,
        actor_label=name,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=_jsonable(changes or {}),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def trail_version() -> int:
    """Return the latest audit entry's number: it moves with every write Kuzbas makes.

    Every service write leaves an entry in its own transaction, so a page fragment cached under
    this number is never older than the data it shows (one indexed query to ask).
    """
    return AuditEntry.objects.aggregate(latest=Max("pk"))["latest"] or 0
