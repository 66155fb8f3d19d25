"""The decision register on the record's timeline (`kuzbas.record.timeline`): every entry is an
event of its body, with the people whose votes are named, without being typed again."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kuzbas.core.rights import Right, has_right
from kuzbas.governance.models import Decision
from kuzbas.members.models import Person
from kuzbas.record.selectors import citations_prefetch
from kuzbas.record.timeline import Item, Ref, Window, register_provider, source_refs


def register_entries(user, window: Window) -> list[Item]:
    """Every register entry in the window, for a user who may see governance."""
    if not has_right(user, Right.GOVERNANCE_VIEW):
        return []
    decisions = list(
        Decision.objects.filter(decided_on__range=(window.start, window.end))
        .select_related("motion", "motion__body", "motion__counted_vote")
        .prefetch_related(citations_prefetch())
    )
    named = {
        decision.pk: [n.get("person", "") for n in _counted(decision).get("named", [])]
        for decision in decisions
    }
    keys = {key for people in named.values() for key in people}
    people = {p.key: p for p in Person.objects.filter(key__in=keys)}
    return [
        Item(
            uid=f"governance.decision:{d.sequence}",
            kind="decision",
            title=d.motion.title,
            date=d.decided_on,
            precision="day",
            url=reverse("governance:decision", args=[d.sequence]),
            origin=_("register entry No. %(n)s") % {"n": d.sequence},
            description=d.get_outcome_display(),
            people=tuple(
                Ref(key, str(people[key]), reverse("members:person", args=[key]))
                for key in named[d.pk]
                if key in people
            ),
            bodies=(
                Ref(
                    d.motion.body.key,
                    d.motion.body.name,
                    reverse("governance:body", args=[d.motion.body.key]),
                ),
            ),
            sources=source_refs(d.citations.all()),
        )
        for d in decisions
    ]


def _counted(decision: Decision) -> dict:
    counted = getattr(decision.motion, "counted_vote", None)
    return {"named": counted.named} if counted is not None else {}


register_provider("governance.decision", register_entries)
