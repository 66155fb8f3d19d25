"""A letter to an applicant (a refusal) by e-mail: queued once the refusal commits, sent by the
background worker (`kuzbas worker`), as invitations and meeting notices are. A mail server
that refuses is audited and never raised: the refusal stands. Neither the audit trail nor the
queue keeps the address or the letter."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from kuzbas.audit.services import audit
from kuzbas.background.actors import actor_from, actor_ref
from kuzbas.background.running import enqueue_after_commit
from kuzbas.recruitment.models import Application

logger = logging.getLogger(__name__)


def queue_refusal_letter(*, actor, application: Application, language: str) -> bool:
    """Queue the refusal letter once the transaction commits; False where there is no address."""
    if not application.email or not application.refusal_letter:
        return False
    enqueue_after_commit(
        send_refusal_letter,
        actor=actor_ref(actor),
        application=application.pk,
        language=language,
    )
    return True


@task()
def send_refusal_letter(*, actor: dict, application: int, language: str) -> str:
    """Send a committed refusal's letter; return "" once sent, else the error."""
    found = Application.objects.select_related("call__bureau").filter(pk=application).first()
    if found is None or not found.email:
        return "no address"
    with translation.override(language):
        subject = _("Your application to “%(call)s”") % {"call": found.call.heading}
    bureau = found.call.bureau
    message = EmailMessage(
        subject=subject,
        body=found.refusal_letter,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[found.email],
        reply_to=[bureau.reply_to] if bureau.reply_to else None,
    )
    try:
        message.send()
    except Exception as error:  # a refused address, no server: the refusal stands
        text = str(error) or type(error).__name__
        logger.warning("refusal letter for application %s not sent: %s", found.pk, text)
        audit(
            actor=actor_from(actor),
            action="recruitment.letter.failed",
            obj=found,
            changes={"error": text[:200]},
        )
        return text
    return ""
