"""Members' arrivals and changes of standing on the record's timeline (`kuzbas.record.timeline`):
a person's first membership is their arrival, each later one a transfer to a new standing."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kuzbas.core.rights import Right, has_right
from kuzbas.members.models import Membership
from kuzbas.record.selectors import citations_prefetch
from kuzbas.record.timeline import Item, Ref, Window, register_provider, source_refs


def memberships(user, window: Window) -> list[Item]:
    """Every membership that begins in the window, for a user who may see the registry."""
    if not has_right(user, Right.MEMBERS_VIEW):
        return []
    rows = (
        Membership.objects.select_related("person")
        .prefetch_related(citations_prefetch())
        .order_by("person_id", "valid_from", "pk")
    )
    items, seen = [], set()
    for row in rows:
        first = row.person_id not in seen
        seen.add(row.person_id)
        if not window.start <= row.valid_from <= window.end:
            continue
        person = row.person
        words = {
            "person": str(person),
            "status": row.get_status_display(),
            "category": row.get_category_display(),
        }
        title = (
            _("%(person)s arrives: %(status)s, %(category)s")
            if first
            else _("%(person)s becomes %(status)s, %(category)s")
        ) % words
        page = reverse("members:person", args=[person.key])
        items.append(
            Item(
                uid=f"members.membership:{row.pk}",
                kind="arrival" if first else "transfer",
                title=title,
                date=row.valid_from,
                precision=row.from_precision,
                url=page + "#memberships",
                origin=_("membership"),
                people=(Ref(person.key, str(person), page),),
                sources=source_refs(row.citations.all()),
            )
        )
    return items


register_provider("members.membership", memberships)
