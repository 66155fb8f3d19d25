"""Screening: an application moves through the bureau's stages, each move with who, when and a
note; the bureau refuses with a reason from its list and a letter, or rules on a possible
duplicate. Recommending for admission is `services/admission.py`."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.errors import Invalid, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import refuse_controls
from kuzbas.governance.models import MotionStatus
from kuzbas.recruitment import letters, transitions
from kuzbas.recruitment.models import Application, DuplicateFlag, StageMove
from kuzbas.recruitment.models.applications import ApplicationState, DuplicateVerdict
from kuzbas.recruitment.models.bureaus import in_language

PENDING = (MotionStatus.FILED, MotionStatus.VOTING)


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_related("call__bureau", "stage")
        .select_for_update(of=("self",))
        .get(pk=application.pk)
    )


@transaction.atomic
def move_to_stage(*, actor, application: Application, stage: str, note: str = "") -> StageMove:
    """Move an application in screening to another of the bureau's stages."""
    require(actor, Right.RECRUITMENT_MANAGE)
    refuse_controls([("note", note)], multiline=True)
    application = _locked(application)
    transitions.refuse_unless(transitions.in_screening(application), application)
    target = application.call.bureau.stages.filter(key=stage, active=True).first()
    if target is None:
        raise Invalid(problems=[Problem(_("Choose one of the bureau's stages."), field="stage")])
    if target.pk == application.stage_id:
        raise NotNow(
            _("The application is already at the stage “%(s)s”.") % {"s": target.title},
            rule="recruitment.stage.same",
        )
    move = StageMove.objects.create(
        application=application,
        from_stage=application.stage,
        to_stage=target,
        by=actor if getattr(actor, "pk", None) else None,
        by_label=label(actor),
        at=timezone.now(),
        note=note.strip(),
    )
    before = application.stage.key if application.stage else None
    application.stage = target
    application.save(update_fields=["stage"])
    audit(
        actor=actor,
        action="recruitment.application.move",
        obj=application,
        changes={"stage": [before, target.key]},
    )
    return move


def letter_for(application: Application, reason) -> str:
    """Return the letter a refusal for this reason starts from, in the applicant's language."""
    with translation.override(application.language or translation.get_language()):
        return in_language(reason.letter, reason.letter_ru).strip()


@transaction.atomic
def refuse(
    *, actor, application: Application, reason: str, letter: str | None = None, send: bool = True
) -> Application:
    """Refuse an application with a reason from the bureau's list and a letter, sent by e-mail
    where the applicant gave an address."""
    require(actor, Right.RECRUITMENT_MANAGE)
    application = _locked(application)
    chosen = application.call.bureau.refusal_reasons.filter(key=reason, active=True).first()
    if chosen is None:
        raise Invalid(
            problems=[Problem(_("Choose one of the bureau's reasons for refusal."), field="reason")]
        )
    if application.motion_id and application.motion.status in PENDING:
        raise NotNow(
            _("Motion No. %(n)s on this admission waits for the %(body)s; it decides first.")
            % {"n": application.motion.number, "body": application.motion.body},
            rule="recruitment.admission.pending",
        )
    text = (letter if letter is not None else letter_for(application, chosen)).strip()
    refuse_controls([("letter", text)], multiline=True)
    before = application.state
    transitions.move(application, ApplicationState.REFUSED)
    application.refusal_reason = chosen
    application.refusal_letter = text
    application.decided_at = timezone.now()
    application.decided_by = actor if getattr(actor, "pk", None) else None
    application.save(
        update_fields=["state", "refusal_reason", "refusal_letter", "decided_at", "decided_by"]
    )
    queued = send and letters.queue_refusal_letter(
        actor=actor,
        application=application,
        language=application.language or translation.get_language() or "en",
    )
    audit(
        actor=actor,
        action="recruitment.application.refuse",
        obj=application,
        changes={"state": [before, application.state], "reason": chosen.key, "letter_sent": queued},
    )
    return application


@transaction.atomic
def rule_on_duplicate(*, actor, flag: DuplicateFlag, same: bool) -> DuplicateFlag:
    """Say whether a possible duplicate is the same person; nothing is merged either way."""
    require(actor, Right.RECRUITMENT_MANAGE)
    flag = DuplicateFlag.objects.select_for_update().get(pk=flag.pk)
    flag.verdict = DuplicateVerdict.SAME if same else DuplicateVerdict.DIFFERENT
    flag.verdict_by = actor if getattr(actor, "pk", None) else None
    flag.verdict_at = timezone.now()
    flag.save(update_fields=["verdict", "verdict_by", "verdict_at"])
    audit(
        actor=actor,
        action="recruitment.duplicate.rule",
        obj=flag.application,
        changes={
            "earlier": flag.earlier_id,
            "person": flag.person_id,
            "verdict": flag.verdict,
        },
    )
    return flag
