"""Reminders of what falls due: each open obligation due within `DUE_SOON_DAYS`, or overdue,
is remembered once per due date (`Reminder`), and mailed to those who keep the contracts.

The messages go out once the reminders are committed, by a task on the background queue
(`send_reminders_mail`, run by `kuzbas worker`), one message per recipient naming only that
recipient; what the mail server answered is kept on the reminders, never raised. Nothing here
runs by itself: the due page's button, or `POST /api/contracts/reminders` from a daily timer,
asks for it. The home page shows the same obligations to every reader without any of this.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from kuzbas.audit.services import audit
from kuzbas.background.actors import actor_from, actor_ref
from kuzbas.background.running import enqueue_after_commit
from kuzbas.contracts import selectors
from kuzbas.contracts.models.obligations import Reminder, ReminderKind
from kuzbas.core.clock import colony_today
from kuzbas.core.rights import Right, has_right, require

logger = logging.getLogger(__name__)


@transaction.atomic
def send_reminders(
    *, actor, site_url: str, language: str = "", today: dt.date | None = None
) -> list[Reminder]:
    """Remember each obligation overdue or due soon not yet reminded of for its due date,
    and queue the e-mail about them; return the new reminders (none: nothing is sent)."""
    require(actor, Right.CONTRACTS_EDIT)
    today = today or colony_today()
    due = selectors.due(today)
    made = []
    now = timezone.now()
    for obligation in due.overdue + due.soon:
        kind = ReminderKind.OVERDUE if obligation.due < today else ReminderKind.BEFORE
        reminder, created = Reminder.objects.get_or_create(
            obligation=obligation, kind=kind, due=obligation.due, defaults={"sent_at": now}
        )
        if created:
            made.append(reminder)
    if made:
        enqueue_after_commit(
            send_reminders_mail,
            reminder_ids=[r.pk for r in made],
            actor=actor_ref(actor),
            site_url=site_url,
            language=language or settings.LANGUAGE_CODE,
        )
    audit(
        actor=actor,
        action="contracts.reminders.send",
        changes={"reminders": [r.pk for r in made], "on": today.isoformat()},
    )
    return made


def recipients() -> list[tuple[str, str]]:
    """Return (name, address) of every active account that keeps the contracts."""
    users = get_user_model().objects.filter(is_active=True).select_related("person").order_by("pk")
    found = []
    for user in users:
        person = getattr(user, "person", None)
        address = (person.email if person is not None else "") or user.email
        if address and has_right(user, Right.CONTRACTS_EDIT):
            found.append((str(person) if person is not None else user.get_username(), address))
    return found


@task()
def send_reminders_mail(
    *, reminder_ids: list[int], actor: dict, site_url: str, language: str
) -> int:
    """Write and send the reminders' e-mail (a task: the queue keeps no address)."""
    reminders = list(
        Reminder.objects.filter(pk__in=reminder_ids)
        .select_related("obligation__contract")
        .order_by("due", "pk")
    )
    lines = [
        {
            "title": r.obligation.title,
            "contract": r.obligation.contract.title,
            "due": r.obligation.due_label,
            "overdue": r.kind == ReminderKind.OVERDUE,
            "link": site_url.rstrip("/") + reverse("contracts:obligation", args=[r.obligation_id]),
        }
        for r in reminders
    ]
    people = recipients()
    with translation.override(language):
        subject = " ".join(
            render_to_string("contracts/email/reminder_subject.txt", {"count": len(lines)}).split()
        )
        messages = [
            EmailMessage(
                subject=subject,
                body=render_to_string(
                    "contracts/email/reminder.txt",
                    {"name": name, "lines": lines, "enterprise": settings.KUZBAS_ENTERPRISE_NAME},
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[address],
            )
            for name, address in people
        ]
    sent, error = _send(messages)
    Reminder.objects.filter(pk__in=reminder_ids).update(recipients=sent, error=error)
    audit(
        actor=actor_from(actor),
        action="contracts.reminders.mailed",
        changes={"reminders": reminder_ids, "sent": sent, "failed": len(messages) - sent},
    )
    return sent


def _send(messages: list[EmailMessage]) -> tuple[int, str]:
    """Hand the messages to the mail server; return how many it took and its first refusal."""
    sent, error = 0, ""
    try:
        with get_connection() as connection:
            for message in messages:
                message.connection = connection
                try:
                    message.send()
                except Exception as refused:  # a bad address: one message fails
                    error = error or type(refused).__name__
                else:
                    sent += 1
    except Exception as unreachable:  # no connection at all
        error = error or type(unreachable).__name__
    if error:
        logger.warning("contract reminders: %s of %s sent: %s", sent, len(messages), error)
    return sent, error
