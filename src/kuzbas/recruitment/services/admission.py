"""Admission is the competent body's decision, as the statute says; the bureau recommends.

On the day of the recommendation the statute in force is asked for its matter of kind
`admission` (`governance.services.admission.deciding_matter`):

- where a body decides it, recommending files a motion with that body whose proposal is
  `{"kind": "recruitment_admission", "application": <id>}`; when the motion carries,
  `carry_admission` (the `Effect` registered from `RecruitmentConfig.ready`) marks the
  application admitted on the day of the decision, in the decision's transaction;
- where no body decides it, the bureau's recommendation admits at once (recorded, audited).

Admitted is not yet a member: the membership starts on arrival (docs/recruitment.md).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import refuse_controls
from kuzbas.governance import effects
from kuzbas.governance.services import motions
from kuzbas.governance.services.admission import deciding_matter
from kuzbas.recruitment import transitions
from kuzbas.recruitment.models import Application
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.statute.model import MatterKind

KIND = "recruitment_admission"


@transaction.atomic
def recommend(*, actor, application: Application, note: str = "") -> Application:
    """Recommend the applicant for admission: a motion with the competent body where the
    statute makes admission its matter, else admitted by the bureau's decision."""
    require(actor, Right.RECRUITMENT_MANAGE)
    refuse_controls([("note", note)], multiline=True)
    application = (
        Application.objects.select_related("call__bureau")
        .select_for_update(of=("self",))
        .get(pk=application.pk)
    )
    transitions.move(application, ApplicationState.RECOMMENDED)
    today = colony_today()
    application.recommendation = note.strip()
    application.decided_at = timezone.now()
    application.decided_by = actor if getattr(actor, "pk", None) else None
    matter = deciding_matter(MatterKind.ADMISSION, today)
    if matter is None:
        transitions.move(application, ApplicationState.ADMITTED)
        application.admitted_on = today
    else:
        application.motion = motions.file_motion(
            actor=actor,
            title=_("Admission of %(name)s, applicant to “%(call)s”")
            % {"name": application.name, "call": application.call.title},
            text=_(
                "The bureau %(bureau)s recommends admitting %(name)s (%(trade)s), who applied "
                "to the call “%(call)s”."
            )
            % {
                "bureau": application.call.bureau.name,
                "name": application.name,
                "trade": application.trade,
                "call": application.call.title,
            },
            matter=matter.id,
            body=matter.competent,
            as_of=today,
            right=Right.RECRUITMENT_MANAGE,
            proposal={"kind": KIND, "application": application.pk},
        )
    application.save(
        update_fields=[
            "state",
            "recommendation",
            "decided_at",
            "decided_by",
            "admitted_on",
            "motion",
        ]
    )
    audit(
        actor=actor,
        action="recruitment.application.recommend",
        obj=application,
        changes={
            "state": application.state,
            "motion": application.motion.number if application.motion else None,
            "admitted_on": application.admitted_on,
            "by": "bureau" if matter is None else matter.competent,
        },
    )
    return application


def carry_admission(*, actor, decision) -> None:
    """Mark the application the carried motion names admitted, on the day of the decision."""
    proposal = decision.motion.proposal
    application = (
        Application.objects.select_for_update().filter(pk=proposal.get("application")).first()
    )
    if application is None:
        raise NotFound(_("The application this motion admits is no longer on record."))
    transitions.move(application, ApplicationState.ADMITTED)
    application.admitted_on = decision.decided_on
    application.save(update_fields=["state", "admitted_on"])
    audit(
        actor=actor,
        action="recruitment.application.admit",
        obj=application,
        changes={
            "state": application.state,
            "decision": decision.sequence,
            "motion": decision.motion.number,
            "admitted_on": application.admitted_on,
        },
    )


ADMISSION_EFFECT = effects.Effect(KIND, carry=carry_admission)
