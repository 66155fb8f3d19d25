"""Production on the record's timeline (`kuzbas.record.timeline`): transfers of enterprises,
works opened, and the documented headcounts of the whole colony."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kuzbas.core.rights import Right, has_right
from kuzbas.production.models.catalogue import TransferAct, Unit
from kuzbas.production.models.statistics import HeadcountSnapshot
from kuzbas.record.models import Citation, Evidence
from kuzbas.record.selectors import citations_prefetch
from kuzbas.record.timeline import Item, Ref, Window, register_provider, source_refs


def production(user, window: Window) -> list[Item]:
    """Transfers, openings and documented colony-wide headcounts in the window."""
    if not has_right(user, Right.PRODUCTION_VIEW):
        return []
    span = (window.start, window.end)
    items = []
    acts = TransferAct.objects.filter(date__range=span).prefetch_related(
        citations_prefetch(), "units"
    )
    for act in acts:
        units = sorted(act.units.all(), key=lambda u: u.key)
        items.append(
            Item(
                uid=f"production.transferact:{act.key}",
                kind="transfer",
                title=act.title,
                date=act.date,
                precision="day",
                url=reverse("production:transfers"),
                origin=_("transfer act"),
                description=act.note,
                records=tuple(_unit_ref(u) for u in units),
                sources=source_refs(act.citations.all()),
            )
        )
    for unit in Unit.objects.filter(opened__range=span).prefetch_related(citations_prefetch()):
        items.append(
            Item(
                uid=f"production.unit:{unit.key}",
                kind="opening",
                title=_("%(unit)s opens") % {"unit": unit.name},
                date=unit.opened,
                precision="day",
                url=reverse("production:unit", args=[unit.key]),
                origin=_("unit"),
                records=(_unit_ref(unit),),
                sources=source_refs(unit.citations.all()),
            )
        )
    documented = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(HeadcountSnapshot),
        status=Evidence.DOCUMENTED,
    ).values("object_id")
    counts = HeadcountSnapshot.objects.filter(
        unit=None, category="all", on__range=span, pk__in=documented
    ).prefetch_related(citations_prefetch())
    for row in counts:
        items.append(
            Item(
                uid=f"production.headcountsnapshot:{row.pk}",
                kind="figure",
                title=_("Workforce: %(n)s") % {"n": number_format(row.count, force_grouping=True)},
                # A headcount is the month's figure: the day is the series' convention.
                date=row.on.replace(day=1),
                precision="month",
                url=reverse("production:dashboard"),
                origin=_("headcount"),
                sources=source_refs(row.citations.all()),
            )
        )
    return items


def _unit_ref(unit: Unit) -> Ref:
    return Ref(unit.key, unit.name, reverse("production:unit", args=[unit.key]))


register_provider("production", production)
