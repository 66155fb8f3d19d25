"""Export of recruitment to CSV and XLSX: groups, the funnel and retention for readers; the
applications, their contributions and instalments and onboarding for those who read
applications. Political affiliation is in no table: it is read only as counts per group.

Every cell goes through `spreadsheet_safe`, as production's exports do.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from kuzbas.core.rights import Right
from kuzbas.core.text import spreadsheet_safe
from kuzbas.record.models import Citation
from kuzbas.recruitment import figures
from kuzbas.recruitment.models import (
    Application,
    Contribution,
    DispatchGroup,
    Instalment,
    OnboardingDone,
)

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _iso(day) -> str:
    return day.isoformat() if day else ""


def _money(value) -> list[str]:
    return ["", ""] if value is None else [str(value.amount), value.currency.code]


def _illustrative(model) -> set[int]:
    ct = ContentType.objects.get_for_model(model)
    return set(
        Citation.objects.filter(content_type=ct, status="illustrative").values_list(
            "object_id", flat=True
        )
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _groups() -> tuple[tuple[str, ...], Iterator[list[str]]]:
    header = (
        "bureau",
        "number",
        "name",
        "capacity",
        "port",
        "departs_on",
        "route",
        "arrives_on",
        "status",
        "aboard",
    )
    rows = (
        [
            g.bureau.key,
            str(g.number),
            g.name,
            "" if g.capacity is None else str(g.capacity),
            g.port,
            _iso(g.departs_on),
            g.route,
            _iso(g.arrives_on),
            g.status,
            str(g.aboard),
        ]
        for g in DispatchGroup.objects.select_related("bureau")
        .annotate(aboard=Count("applications"))
        .order_by("bureau__key", "number")
    )
    return header, rows


def _funnel() -> tuple[tuple[str, ...], Iterator[list[str]]]:
    horizons = [f"{kind}_{h}m" for h in figures.HORIZONS for kind in ("still", "of")]
    header = (
        "by",
        "key",
        "applied",
        "screened",
        "admitted",
        "dispatched",
        "arrived",
        *horizons,
        "illustrative",
    )

    def rows():
        for by, funnels in (
            ("call", figures.funnel_by_call()),
            ("source", figures.funnel_by_source()),
            ("group", figures.retention_by_group()),
            ("nationality", figures.retention_by_nationality()),
        ):
            for f in funnels:
                kept = [
                    str(v)
                    for h in figures.HORIZONS
                    for v in (f.retained[h].still, f.retained[h].of)
                ]
                yield [by, f.key, *map(str, f.steps()), *kept, _yes(f.illustrative)]

    return header, rows()


def _applications() -> tuple[tuple[str, ...], Iterator[list[str]]]:
    # Every column of an application but its affiliation, which lives in another table.
    header = (
        "reference",
        "call",
        "name",
        "nationality",
        "country",
        "trade",
        "source",
        "channel",
        "submitted_at",
        "state",
        "admitted_on",
        "group",
        "arrived_on",
        "person",
        "illustrative",
    )
    made_up = _illustrative(Application)
    rows = (
        [
            a.reference,
            a.call.key,
            a.name,
            a.nationality,
            a.country,
            a.trade,
            a.source,
            a.channel,
            a.submitted_at.isoformat(),
            a.state,
            _iso(a.admitted_on),
            str(a.dispatch_group.number) if a.dispatch_group else "",
            _iso(a.arrived_on),
            a.person.key if a.person else "",
            _yes(a.pk in made_up),
        ]
        for a in Application.objects.select_related("call", "dispatch_group", "person").order_by(
            "id"
        )
    )
    return header, rows


def _contributions() -> tuple[tuple[str, ...], Iterator[list[str]]]:
    header = (
        "id",
        "application",
        "kind",
        "amount",
        "currency",
        "description",
        "quantity",
        "unit",
        "appraised_value",
        "appraised_currency",
        "appraised_on",
        "appraised_by",
        "illustrative",
    )
    made_up, made_up_applications = _illustrative(Contribution), _illustrative(Application)
    rows = (
        [
            str(c.pk),
            c.application.reference,
            c.kind,
            *_money(c.amount),
            c.description,
            "" if c.quantity is None else str(c.quantity.normalize()),
            c.unit,
            *_money(c.appraised_value),
            _iso(c.appraised_on),
            c.appraised_by.key if c.appraised_by else c.appraised_by_name,
            _yes(c.pk in made_up or c.application_id in made_up_applications),
        ]
        for c in Contribution.objects.select_related("application", "appraised_by").order_by("id")
    )
    return header, rows


def _instalments() -> tuple[tuple[str, ...], Iterator[list[str]]]:
    header = ("contribution", "application", "amount", "currency", "due", "paid_on")
    rows = (
        [
            str(i.contribution_id),
            i.contribution.application.reference,
            *_money(i.amount),
            _iso(i.due),
            _iso(i.paid_on),
        ]
        for i in Instalment.objects.select_related("contribution__application").order_by("id")
    )
    return header, rows


def _onboarding() -> tuple[tuple[str, ...], Iterator[list[str]]]:
    header = ("person", "step", "done_on", "recorded_by")
    rows = (
        [
            d.person.key,
            d.item.key,
            _iso(d.done_on),
            d.recorded_by.get_username() if d.recorded_by else "",
        ]
        for d in OnboardingDone.objects.select_related("person", "item", "recorded_by").order_by(
            "id"
        )
    )
    return header, rows


Table = Callable[[], tuple[tuple[str, ...], Iterator[list[str]]]]
# Each table with the right that reads it.
TABLES: dict[str, tuple[Table, Right]] = {
    "groups": (_groups, Right.RECRUITMENT_VIEW),
    "funnel": (_funnel, Right.RECRUITMENT_VIEW),
    "applications": (_applications, Right.RECRUITMENT_APPLICATIONS),
    "contributions": (_contributions, Right.RECRUITMENT_APPLICATIONS),
    "instalments": (_instalments, Right.RECRUITMENT_APPLICATIONS),
    "onboarding": (_onboarding, Right.RECRUITMENT_APPLICATIONS),
}


def _safe(row) -> list[str]:
    return [spreadsheet_safe(v) for v in row]


def to_csv(table: str) -> bytes:
    header, body = TABLES[table][0]()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_safe(header))
    writer.writerows(_safe(row) for row in body)
    return out.getvalue().encode("utf-8")


def to_xlsx(table: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cells(row) -> list[str]:
        return [ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) for v in _safe(row)]

    header, body = TABLES[table][0]()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(table)
    sheet.append(cells(header))
    for row in body:
        sheet.append(cells(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
