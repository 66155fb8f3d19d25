"""A bureau, the stages it screens through and the reasons for refusal it keeps."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import NotNow
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.recruitment.models import Bureau, BureauMember, RefusalReason, Stage

# The stages a new bureau starts with (issue 10); the bureau adds, renames and retires its own.
DEFAULT_STAGES = (
    ("received", "received", "получено"),
    ("interviewed", "interviewed", "собеседование"),
    ("references", "references", "рекомендации"),
    ("medical", "medical", "медосмотр"),
    ("decided", "decided", "решено"),
)


@transaction.atomic
def create_bureau(
    *,
    actor,
    key: str,
    name: str,
    name_ru: str = "",
    city: str = "",
    country: str = "",
    description: str = "",
    founded=None,
    stages=DEFAULT_STAGES,
) -> Bureau:
    """Open a bureau with its stages of screening (the usual five unless others are given)."""
    require(actor, Right.RECRUITMENT_MANAGE)
    bureau = Bureau(
        key=key.strip(),
        name=name.strip(),
        name_ru=name_ru.strip(),
        city=city.strip(),
        country=country.strip(),
        description=description.strip(),
        founded=founded,
    )
    full_clean_or_invalid(bureau)
    bureau.save()
    for order, (stage_key, stage_name, stage_name_ru) in enumerate(stages, start=1):
        Stage.objects.create(
            bureau=bureau, key=stage_key, name=stage_name, name_ru=stage_name_ru, order=order
        )
    audit(
        actor=actor,
        action="recruitment.bureau.create",
        obj=bureau,
        changes={"key": bureau.key, "name": bureau.name, "stages": [s[0] for s in stages]},
    )
    return bureau


@transaction.atomic
def add_stage(*, actor, bureau: Bureau, key: str, name: str, name_ru: str = "") -> Stage:
    """Add a stage at the end of the bureau's order."""
    require(actor, Right.RECRUITMENT_MANAGE)
    last = bureau.stages.aggregate(m=Max("order"))["m"] or 0
    stage = Stage(bureau=bureau, key=key.strip(), name=name.strip(), name_ru=name_ru.strip())
    stage.order = last + 1
    full_clean_or_invalid(stage)
    stage.save()
    audit(
        actor=actor,
        action="recruitment.stage.add",
        obj=bureau,
        changes={"stage": stage.key, "name": stage.name, "order": stage.order},
    )
    return stage


@transaction.atomic
def add_refusal_reason(
    *,
    actor,
    bureau: Bureau,
    key: str,
    name: str,
    name_ru: str = "",
    letter: str = "",
    letter_ru: str = "",
) -> RefusalReason:
    """Add a reason to the bureau's list, with the letter a refusal for it starts from."""
    require(actor, Right.RECRUITMENT_MANAGE)
    reason = RefusalReason(
        bureau=bureau,
        key=key.strip(),
        name=name.strip(),
        name_ru=name_ru.strip(),
        letter=letter.strip(),
        letter_ru=letter_ru.strip(),
    )
    full_clean_or_invalid(reason)
    reason.save()
    audit(
        actor=actor,
        action="recruitment.refusal_reason.add",
        obj=bureau,
        changes={"reason": reason.key, "name": reason.name},
    )
    return reason


@transaction.atomic
def add_bureau_member(
    *,
    actor,
    bureau: Bureau,
    person=None,
    name: str = "",
    role: str = "",
    valid_from=None,
    valid_to=None,
) -> BureauMember:
    """Record a member of the bureau: a person of the registry, or a name where there is none."""
    require(actor, Right.RECRUITMENT_MANAGE)
    member = BureauMember(
        bureau=bureau,
        person=person,
        name=name.strip(),
        role=role.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    full_clean_or_invalid(member)
    member.save()
    audit(
        actor=actor,
        action="recruitment.bureau_member.add",
        obj=bureau,
        changes={
            "person": person.key if person else None,
            "name": member.name,
            "role": member.role,
        },
    )
    return member


def first_stage(bureau: Bureau) -> Stage:
    """Return the stage a new application enters: the bureau's first in use."""
    stage = bureau.stages.filter(active=True).order_by("order", "id").first()
    if stage is None:
        raise NotNow(
            _("The bureau %(bureau)s has no stage in use; add one first.") % {"bureau": bureau}
        )
    return stage
