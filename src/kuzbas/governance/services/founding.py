"""The founding of an enterprise: its first administrator, its first statute, and the
register's first entry, all at once or not at all (`kuzbas init`).

Every register entry is the decision on a motion. The founding is recorded as what it is in
law: the founders' adoption of the statute. It is a motion on the statute's own amendment
matter, put to the body that matter names, carried on the founding day, with no count (the
founders are not yet a body that votes under the statute). Its entry names who founded the
enterprise and the version and hash of the statute they adopted, and is the first link of the
chain `kuzbas verify` walks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Conflict, Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance import statutes
from kuzbas.governance.models import Body, Decision, Motion, MotionStatus, StatuteVersion
from kuzbas.governance.services import decisions, motions, statute_book
from kuzbas.members.models import User
from kuzbas.members.services import create_user
from kuzbas.statute.model import MatterKind


@dataclass(frozen=True)
class Founding:
    """What the founding made: the administrator, the statute version, the register entry."""

    admin: User
    version: StatuteVersion
    decision: Decision


def founded_already() -> str:
    """Return why this database already holds an enterprise, or "" when it holds none.

    Asked before the schema is migrated too, so a table that does not exist yet counts as empty.
    """
    tables = set(connection.introspection.table_names())

    def count(model) -> int:
        return model.objects.count() if model._meta.db_table in tables else 0

    accounts, versions, entries = count(User), count(StatuteVersion), count(Decision)
    found = [
        ngettext("%(n)d account", "%(n)d accounts", accounts) % {"n": accounts},
        ngettext("%(n)d statute version", "%(n)d statute versions", versions) % {"n": versions},
        ngettext("%(n)d register entry", "%(n)d register entries", entries) % {"n": entries},
    ]
    return ", ".join(
        text for text, n in zip(found, (accounts, versions, entries), strict=True) if n
    )


@transaction.atomic
def found_enterprise(
    *, actor, username: str, password: str, text: str, file: str, on: dt.date | None = None
) -> Founding:
    """Found an enterprise on an empty database: its administrator, statute and first entry.

    Refused (Conflict) when the database holds an account, a statute or a register entry; a
    weak password or a statute with problems is refused (Invalid, every problem with its line),
    and then nothing is stored. `on` is the founding day (by default today).
    """
    require(actor, Right.GOVERNANCE_STATUTE)
    held = founded_already()
    if held:
        raise Conflict(
            _("This database already holds an enterprise (%(held)s); nothing was changed.")
            % {"held": held},
            rule="init.empty",
        )
    admin = create_user(actor=actor, username=username, password=password, is_superuser=True)
    version = statute_book.load_statute_version(actor=admin, path_or_text=text, file=file)
    decision = found(actor=admin, statute_version=version, on=on or colony_today())
    return Founding(admin=admin, version=version, decision=decision)


@transaction.atomic
def found(*, actor, statute_version: StatuteVersion, on: dt.date) -> Decision:
    """Record the founders' adoption of the statute as the register's first entry.

    Refused (Conflict) when the register already has entries, and (Invalid) when the statute
    names no matter of kind "amendment": such a statute could never be changed through itself.
    """
    require(actor, Right.GOVERNANCE_STATUTE)
    if Decision.objects.exists():
        raise Conflict(
            _("The register already has entries: the enterprise was founded before."),
            rule="init.empty",
        )
    statute = statutes.parsed(statute_version)
    matter = next((m for m in statute.matters if m.kind is MatterKind.AMENDMENT), None)
    if matter is None:
        message = _('the statute names no matter of kind "amendment": it could never be amended')
        raise Invalid(problems=[Problem(message, field=statute_version.file_name)])
    founder = label(actor)
    motion = Motion(
        number=motions.next_number(),
        title=_("Founding: adoption of the statute “%(title)s”, version %(version)s")
        % {"title": statute.title, "version": statute.version},
        text=_("The founders adopt the statute and found the enterprise.")
        + "\n\n"
        + _("Founded by %(founder)s; statute hash %(hash)s.")
        % {"founder": founder, "hash": statute_version.content_hash},
        matter=matter.id,
        body=Body.objects.get(key=matter.competent),
        filed_on=on,
        statute_version=statute_version,
        **motions.filer(actor),
    )
    full_clean_or_invalid(motion, exclude=["number"])
    motion.save(force_insert=True)
    audit(
        actor=actor,
        action="governance.motion.file",
        obj=motion,
        changes={"matter": matter.id, "body": matter.competent, "filed_on": on},
    )
    facts = {
        "id": statute.id,
        "version": statute.version,
        "title": statute.title,
        "effective": statute.effective.isoformat(),
        "hash": statute_version.content_hash,
    }
    return decisions.record_decision(
        actor=actor,
        motion=motion,
        outcome=MotionStatus.CARRIED,
        counts={},
        arithmetic=_(
            "Founding: the statute adopted by its founders (%(founder)s), without a count."
        )
        % {"founder": founder},
        statute_version=statute_version,
        rule=f"statute.{statute.version}",
        decided_on=on,
        payload={"kind": "founding", "founded_by": founder, "statute": facts},
        noted={"founding": True, "statute_hash": statute_version.content_hash},
    )
