"""The home page's items of contracts: obligations overdue, and those due soon."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.contracts import selectors
from kuzbas.core.home import HomeItem, register_home_items
from kuzbas.core.rights import Right, has_right


def due_items(user, today: dt.date) -> list[HomeItem]:
    """Return the open obligations overdue or due within `DUE_SOON_DAYS`, for a reader."""
    if not getattr(user, "is_authenticated", False) or not has_right(user, Right.CONTRACTS_VIEW):
        return []
    due = selectors.due(today)
    items = []
    for obligation in due.overdue + due.soon:
        days = (obligation.due - today).days
        if days < 0:
            note = ngettext("overdue by %(n)s day", "overdue by %(n)s days", -days) % {"n": -days}
        elif days == 0:
            note = _("due today")
        else:
            note = ngettext("due in %(n)s day", "due in %(n)s days", days) % {"n": days}
        items.append(
            HomeItem(
                title=_("%(what)s (%(contract)s)")
                % {"what": obligation.title, "contract": obligation.contract.title},
                url=reverse("contracts:obligation", args=[obligation.pk]),
                note=f"{note}: {obligation.due_label}",
                urgent=days < 0,
            )
        )
    return items


register_home_items(due_items)
