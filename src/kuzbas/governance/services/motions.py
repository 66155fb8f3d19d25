"""Motions: number and file one, withdraw one; the row lock and the transition check that
every vote on a motion starts with."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance import effects, transitions
from kuzbas.governance.models import Body, Counter, Motion, MotionStatus
from kuzbas.governance.services import bodies
from kuzbas.governance.services.statute_book import admissibility
from kuzbas.governance.statutes import stored_version
from kuzbas.statute import Refusal

MOTION_COUNTER = "motion"


def filer(actor) -> dict[str, Any]:
    """Return the fields that say who filed a motion: the person, the account, a label."""
    user = actor if isinstance(actor, models.Model) else None
    person_id = getattr(actor, "person_id", None)
    name = label(actor)
    return {"filed_by_id": person_id, "filed_by_user": user, "filed_by_label": name}


def next_number() -> int:
    """Return the next motion number, holding the counter's row until the transaction ends.

    The lock makes concurrent filers take numbers in turn (PostgreSQL); SQLite serialises
    writers already. A rolled-back filing gives its number back.
    """
    Counter.objects.bulk_create([Counter(name=MOTION_COUNTER)], ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(name=MOTION_COUNTER)
    # A flushed or hand-filled table may be ahead of the counter; never reuse a number.
    highest = Motion.objects.aggregate(highest=Max("number"))["highest"] or 0
    number = max(counter.value, highest) + 1
    Counter.objects.filter(name=MOTION_COUNTER).update(value=number)
    return number


@transaction.atomic
def file_motion(
    *,
    actor,
    title: str,
    text: str,
    matter: str,
    body: Body | str,
    as_of: dt.date,
    proposal: dict[str, Any] | None = None,
    right: Right = Right.GOVERNANCE_FILE_MOTION,
) -> Motion:
    """File a motion with the body the statute makes competent; refuse it with the rule if not.

    `proposal` names what the motion does when it carries (`governance/effects.py`); an effect
    with its own authority (a condition recorded as met) is admitted by that, not by the matter.
    A clerk's act that the statute sends to a body is filed with the clerk's right instead
    (`right`, see `services/admission.py`).
    """
    require(actor, right, as_of)
    target = bodies.body_named(body)
    proposal = dict(proposal or {})
    if proposal and not effects.known(proposal.get("kind", "")):
        raise Invalid(
            problems=[Problem(_("No act of that kind can be proposed."), field="proposal")]
        )
    granted = effects.grant(proposal, body=target.key, on=as_of)
    if granted is not None:
        statute, rule = granted.statute, granted.rule
    else:
        answer = admissibility(matter=matter, body=target, as_of=as_of)
        if isinstance(answer, Refusal):
            raise answer.as_error()
        statute, rule = answer.statute, answer.rule
    motion = Motion(
        number=next_number(),
        title=title.strip(),
        text=text.strip(),
        matter=matter,
        body=target,
        filed_on=as_of,
        statute_version=stored_version(statute),
        proposal=proposal,
        **filer(actor),
    )
    full_clean_or_invalid(motion, exclude=["number"])
    motion.save(force_insert=True)
    audit(
        actor=actor,
        action="governance.motion.file",
        obj=motion,
        changes={
            "matter": matter,
            "body": target.key,
            "rule": rule,
            "filed_on": as_of,
            **({"proposal": proposal} if proposal else {}),
        },
    )
    return motion


def locked(motion: Motion) -> Motion:
    """Return the motion re-read under a row lock, so votes on it are taken one at a time."""
    return Motion.objects.select_for_update().select_related("body").get(pk=motion.pk)


def refuse_unless(allowed_reason: tuple[bool, str], motion: Motion) -> None:
    """Raise IllegalTransition with the reason a `can_x` check gave, when it refused."""
    allowed, reason = allowed_reason
    if not allowed:
        raise IllegalTransition(reason, current=motion.status, wanted="")


@transaction.atomic
def withdraw_motion(*, actor, motion: Motion) -> Motion:
    """Withdraw a motion that has not been voted on."""
    require(actor, Right.GOVERNANCE_FILE_MOTION)
    motion = locked(motion)
    is_filer = motion.filed_by_user_id is not None and motion.filed_by_user_id == getattr(
        actor, "pk", None
    )
    if not is_filer:
        require(actor, Right.GOVERNANCE_CHAIR)
    transitions.move(motion, MotionStatus.WITHDRAWN)
    motion.save(update_fields=["status"])
    audit(actor=actor, action="governance.motion.withdraw", obj=motion)
    return motion
