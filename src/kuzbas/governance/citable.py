"""Governance's records that may be cited from their pages and the API
(`kuzbas.record.citable`): register entries, motions and bodies."""

from __future__ import annotations

from django.urls import reverse

from kuzbas.governance import access
from kuzbas.governance.models import Body, Decision, Motion
from kuzbas.record.citable import number, register_citable

register_citable(
    Decision,
    fetch=lambda user, ident: access.decision_for_user(user, number(ident)),
    identify=lambda decision: str(decision.sequence),
    page=lambda decision: reverse("governance:decision", args=[decision.sequence]),
)
register_citable(
    Motion,
    fetch=lambda user, ident: access.motion_for_user(user, number(ident)),
    identify=lambda motion: str(motion.number),
    page=lambda motion: reverse("governance:motion", args=[motion.number]),
)
register_citable(
    Body,
    fetch=access.body_for_user,
    identify=lambda body: body.key,
    page=lambda body: reverse("governance:body", args=[body.key]),
)
