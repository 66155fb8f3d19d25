"""An application arrives: from the public form (no account), or entered by the bureau from
paper. Either way it is checked whole before anything is stored: the call open on the day,
consent given, the call's questions answered, the attachments of a kind and size kept here,
and, on the public form, the stamp, the honeypot and the tries from one address
(`recruitment/guard.py`). A refusal names its field and stores nothing: no application, no
file. Possible duplicates are flagged, never merged (`recruitment/duplicates.py`).

Political affiliation, where the call asks it, goes to its own table and nowhere else: not in
the audit entry, not on the application.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Invalid, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.recruitment import attachments, duplicates, guard
from kuzbas.recruitment.models import Affiliation, Application, Call, DuplicateFlag, StageMove
from kuzbas.recruitment.models.applications import ApplicationSource
from kuzbas.recruitment.questions import answers_to, questions_of
from kuzbas.recruitment.services.bureaus import first_stage

# What an applicant writes about themself; the form's and the API's field names.
FIELDS = (
    "name",
    "name_original",
    "email",
    "phone",
    "nationality",
    "country",
    "city",
    "trade",
    "skills",
    "channel",
)


def refuse_unless_open(call: Call) -> None:
    """NotNow, saying when, unless the call takes applications today."""
    today = colony_today()
    if call.open_on(today):
        return
    if call.status == "draft" or (call.status == "open" and today < call.opens):
        raise NotNow(
            _("This call opens on %(day)s; applications are taken from then.")
            % {"day": date_format(call.opens)},
            rule="recruitment.call.not_open",
        )
    raise NotNow(
        _("This call is closed and takes no more applications."), rule="recruitment.call.closed"
    )


def _languages(value) -> list[str]:
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    return [str(v).strip()[:40] for v in value or () if str(v).strip()][:12]


def _affiliation(call: Call, value: str) -> tuple[str, list[Problem]]:
    value = (value or "").strip()
    if not value:
        return "", []
    if not call.asks_affiliation:
        return "", [
            Problem(_("This call does not ask political affiliation."), field="affiliation")
        ]
    if value not in call.affiliation_choices:
        return "", [Problem(_("Choose one of the groups given."), field="affiliation")]
    return value, []


def _build(
    call: Call,
    data: Mapping,
    *,
    consent: bool,
    uploads: Sequence[attachments.Upload],
    source: str,
    entered_by=None,
) -> tuple[Application, str, list[attachments.Checked]]:
    problems: list[Problem] = []
    if not consent:
        problems.append(
            Problem(
                _("Applications are kept only with consent to the data policy."), field="consent"
            )
        )
    if not (str(data.get("email", "")).strip() or str(data.get("phone", "")).strip()):
        problems.append(
            Problem(_("Give an e-mail address or a phone number to be answered at."), field="email")
        )
    now = timezone.now()
    application = Application(
        call=call,
        reference=f"{secrets.token_hex(3)}-{secrets.token_hex(3)}".upper(),
        languages=_languages(data.get("languages", "")),
        language=(translation.get_language() or "")[:10],
        consent_at=now,
        policy_version=call.policy_version,
        source=source,
        submitted_at=now,
        entered_by=entered_by,
        **{name: str(data.get(name, "") or "").strip() for name in FIELDS},
    )
    try:
        application.answers = answers_to(questions_of(call.questions), data)
    except Invalid as error:
        problems.extend(error.problems)
    group, wrong = _affiliation(call, str(data.get("affiliation", "") or ""))
    problems.extend(wrong)
    files, wrong = attachments.check(list(uploads))
    problems.extend(wrong)
    try:
        full_clean_or_invalid(application, exclude=["stage", "call"])
    except Invalid as error:
        problems.extend(error.problems)
    if problems:
        raise Invalid(problems=problems)
    return application, group, files


def _store(application: Application, group: str, files, actor) -> Application:
    application.stage = first_stage(application.call.bureau)
    application.save()
    StageMove.objects.create(
        application=application,
        to_stage=application.stage,
        by=actor if getattr(actor, "pk", None) else None,
        by_label=label(actor) if actor is not None else "",
        at=application.submitted_at,
    )
    if group:
        Affiliation.objects.create(application=application, group=group)
    kept = attachments.keep(application, files)
    flags = duplicates.find(application)
    DuplicateFlag.objects.bulk_create(flags)
    audit(
        actor=actor,
        action="recruitment.application.receive",
        obj=application,
        changes={
            "call": application.call.key,
            "reference": application.reference,
            "source": application.source,
            "trade": application.trade,
            "attachments": [a.sha256 for a in kept],
            "possible_duplicates": len(flags),
        },
    )
    return application


@transaction.atomic
def apply(
    *,
    call: Call,
    data: Mapping,
    consent: bool,
    uploads: Sequence[attachments.Upload] = (),
    address: str,
    stamp: str,
    honeypot: str = "",
) -> Application:
    """Take an application from the public form (no account); refuse it whole, storing nothing."""
    guard.take_a_try(address)
    guard.check_honeypot(honeypot)
    refuse_unless_open(call)
    guard.check_stamp(stamp, call.key)
    application, group, files = _build(
        call, data, consent=consent, uploads=uploads, source=ApplicationSource.PUBLIC_FORM
    )
    return _store(application, group, files, actor=None)


@transaction.atomic
def enter_application(
    *,
    actor,
    call: Call,
    data: Mapping,
    consent: bool,
    uploads: Sequence[attachments.Upload] = (),
    source: str = ApplicationSource.PAPER,
) -> Application:
    """Enter an application the bureau received another way (on paper, by a referral)."""
    require(actor, Right.RECRUITMENT_MANAGE)
    refuse_unless_open(call)
    if source not in ApplicationSource.values:
        raise Invalid(problems=[Problem(_("Choose one of the sources given."), field="source")])
    application, group, files = _build(
        call,
        data,
        consent=consent,
        uploads=uploads,
        source=source,
        entered_by=actor if getattr(actor, "pk", None) else None,
    )
    return _store(application, group, files, actor=actor)
