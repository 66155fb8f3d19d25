"""The recruitment figures: the funnel by call and by source and retention by arrival group and by
nationality.

The funnel counts each application once at every step it reached:

- applied: every application;
- screened: every one whose screening ended (refused, recommended, admitted, dispatched,
  arrived); one still in screening or withdrawn is not;
- admitted: admitted on a day (admitted, dispatched or arrived);
- dispatched: its group departed (dispatched or arrived);
- arrived: arrived on a day;
- still a member after 6, 12 and 24 months: of those who arrived at least that long before
  today (`of`), how many hold a membership as a member on that day (`still`).

`tests/recruitment/test_figures.py` checks every figure against a count in raw SQL.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kuzbas.core.clock import colony_today
from kuzbas.members.models import Membership, MembershipStatus
from kuzbas.record.models import Citation
from kuzbas.recruitment.models import Application
from kuzbas.recruitment.models.applications import ApplicationSource, ApplicationState

S = ApplicationState
HORIZONS = (6, 12, 24)
SCREENED = (S.REFUSED, S.RECOMMENDED, S.ADMITTED, S.DISPATCHED, S.ARRIVED)
ADMITTED = (S.ADMITTED, S.DISPATCHED, S.ARRIVED)
DISPATCHED = (S.DISPATCHED, S.ARRIVED)


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the day `months` later (the month's last day where it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class Retained:
    """Of `of` arrivals old enough to tell, `still` were members after the horizon."""

    still: int = 0
    of: int = 0

    @property
    def share(self) -> int | None:
        return round(100 * self.still / self.of) if self.of else None


@dataclass
class Funnel:
    label: str
    key: str = ""
    applied: int = 0
    screened: int = 0
    admitted: int = 0
    dispatched: int = 0
    arrived: int = 0
    retained: dict[int, Retained] = field(default_factory=lambda: {h: Retained() for h in HORIZONS})
    illustrative: bool = False

    def steps(self) -> list[int]:
        return [self.applied, self.screened, self.admitted, self.dispatched, self.arrived]


def _is_member_on(memberships: Iterable[Membership], day: dt.date) -> bool:
    return any(m.status == MembershipStatus.MEMBER and m.covers(day) for m in memberships)


def _count(funnel: Funnel, application: Application, today: dt.date) -> None:
    funnel.applied += 1
    funnel.screened += application.state in SCREENED
    funnel.admitted += application.state in ADMITTED
    funnel.dispatched += application.state in DISPATCHED
    if application.arrived_on is None or application.person is None:
        return
    funnel.arrived += 1
    for horizon in HORIZONS:
        day = add_months(application.arrived_on, horizon)
        if day <= today:
            funnel.retained[horizon].of += 1
            memberships = application.person.memberships.all()
            funnel.retained[horizon].still += _is_member_on(memberships, day)


def _applications(applications=None):
    qs = Application.objects.all() if applications is None else applications
    return qs.select_related("call", "dispatch_group", "person").prefetch_related(
        Prefetch("person__memberships", queryset=Membership.objects.order_by("valid_from"))
    )


def _illustrative_ids() -> set[int]:
    ct = ContentType.objects.get_for_model(Application)
    return set(
        Citation.objects.filter(content_type=ct, status="illustrative").values_list(
            "object_id", flat=True
        )
    )


def _grouped(key_of, label_of, applications=None, today=None) -> list[Funnel]:
    today = today or colony_today()
    illustrative = _illustrative_ids()
    rows: dict[object, Funnel] = {}
    for application in _applications(applications):
        key = key_of(application)
        if key is None:
            continue
        funnel = rows.setdefault(key, Funnel(label=label_of(application), key=str(key)))
        _count(funnel, application, today)
        funnel.illustrative |= application.pk in illustrative
    return list(rows.values())


def funnel_by_call(applications=None, today=None) -> list[Funnel]:
    """Return the funnel of each call, newest call first."""
    rows = _grouped(lambda a: a.call.key, lambda a: a.call.heading, applications, today)
    return rows


def funnel_by_source(applications=None, today=None) -> list[Funnel]:
    """Return the funnel of each source (public form, paper, referral...)."""
    labels = dict(ApplicationSource.choices)
    rows = _grouped(
        lambda a: a.source, lambda a: str(labels.get(a.source, a.source)), applications, today
    )
    return sorted(rows, key=lambda f: f.key)


def retention_by_group(applications=None, today=None) -> list[Funnel]:
    """Return retention of those who arrived, by the group they arrived with."""
    rows = _grouped(
        lambda a: a.dispatch_group_id if a.arrived_on else None,
        lambda a: str(a.dispatch_group) if a.dispatch_group else _("no group"),
        applications,
        today,
    )
    return sorted(rows, key=lambda f: f.label)


def retention_by_nationality(applications=None, today=None) -> list[Funnel]:
    """Return retention of those who arrived, by the nationality they gave."""
    rows = _grouped(
        lambda a: (a.nationality or "—") if a.arrived_on else None,
        lambda a: a.nationality or _("not given"),
        applications,
        today,
    )
    return sorted(rows, key=lambda f: f.label)


def retention_points(rows: list[Funnel], series_title: str) -> list[dict]:
    """Return the points of a retention chart: a share per row and horizon, where known."""
    points = []
    for row in rows:
        for horizon, kept in row.retained.items():
            if kept.share is None:
                continue
            points.append(
                {
                    series_title: row.label,
                    "months": horizon,
                    "share": kept.share,
                    "still": kept.still,
                    "of": kept.of,
                }
            )
    return points
