"""The timeline page, its image and PDF, an event's page, and the form that enters an event."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kuzbas.core.dates import format_partial
from kuzbas.core.errors import Invalid, NotFound
from kuzbas.core.http import answer_for
from kuzbas.core.rights import Right, has_right, require
from kuzbas.record import access, event_services
from kuzbas.record.chronology import Filters, Timeline, timeline_for
from kuzbas.record.event_forms import EventForm
from kuzbas.record.event_items import events_query, item_of, linked
from kuzbas.record.models import EventKind
from kuzbas.record.timeline import Window
from kuzbas.record.timeline_pdf import render as render_pdf
from kuzbas.record.timeline_pdf import to_png
from kuzbas.record.timeline_svg import draw

IMAGE_TYPES = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}


def _query(filters: Filters, **changes: str) -> str:
    """Return the query string of the filters with some changed (empty values left out)."""
    values = {
        "kind": filters.kind,
        "person": filters.person,
        "body": filters.body,
        "source": filters.source,
        "from": filters.start,
        "to": filters.end,
    } | changes
    return urlencode({k: v for k, v in values.items() if v})


def _zoom(filters: Filters):
    def link(start: dt.date, end: dt.date) -> str:
        query = _query(filters, **{"from": start.isoformat(), "to": end.isoformat()})
        return f"{reverse('record:timeline')}?{query}"

    return link


def _zooms(timeline: Timeline, filters: Filters) -> list[tuple[str, str, bool]]:
    """The zoom links: the whole life, then each year in it; (label, href, current)."""
    whole, window = timeline.whole, timeline.window
    base = reverse("record:timeline")
    links = [
        (_("Whole life"), f"{base}?{_query(filters, **{'from': '', 'to': ''})}", window == whole)
    ]
    for year in range(whole.start.year, whole.end.year + 1):
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        query = _query(filters, **{"from": str(year), "to": str(year)})
        links.append((str(year), f"{base}?{query}", window == Window(start, end)))
    return links


@require_GET
def timeline_page(request: HttpRequest) -> HttpResponse:
    """The timeline: periodizations as bands, the items drawn and listed, filters and zoom."""
    filters = Filters.read(request.GET)
    timeline = timeline_for(request.user, filters)
    query = _query(filters)
    context = {
        "timeline": timeline,
        "filters": filters,
        "svg": draw(timeline, _zoom(filters)),
        "zooms": _zooms(timeline, filters),
        "kinds": EventKind.choices,
        "query": query,
        "window_label": f"{format_partial(timeline.window.start, 'month')} – "
        f"{format_partial(timeline.window.end, 'month')}",
        "can_add": has_right(request.user, Right.RECORD_EDIT),
    }
    return render(request, "record/timeline.html", context)


@require_GET
def timeline_image(request: HttpRequest, fmt: str) -> HttpResponse:
    """The timeline as shown (same filters and window) as SVG, PNG or PDF."""
    if fmt not in IMAGE_TYPES:
        raise NotFound(_("The timeline is drawn as SVG, PNG or PDF."))
    filters = Filters.read(request.GET)
    timeline = timeline_for(request.user, filters)
    # Links in a file point back to this server's pages.
    svg = draw(timeline, _zoom(filters), standalone=True).replace(
        'href="/', f'href="{request.build_absolute_uri("/")}'
    )
    if fmt == "svg":
        body = svg.encode("utf-8")
    elif fmt == "png":
        body = to_png(svg)
    else:
        heading = (
            _("The record: a timeline") + f", {format_partial(timeline.window.start, 'month')}"
        )
        heading += f" – {format_partial(timeline.window.end, 'month')}"
        body = render_pdf(timeline, svg, heading=heading)
    response = HttpResponse(body, content_type=IMAGE_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="kuzbas-timeline.{fmt}"'
    return response


@require_GET
def event_detail(request: HttpRequest, key: str) -> HttpResponse:
    """An event entered by hand: its date, links, sources, and the other sources' versions."""
    event = access.event_for_user(request.user, key)
    first = event.version_of or event
    first = events_query().get(pk=first.pk)
    item = item_of(first, linked(list(first.links.all())))
    context = {
        "event": event,
        "first": first,
        "item": item,
        "timeline_link": f"{reverse('record:timeline')}?"
        + urlencode({"from": f"{first.date:%Y}", "to": f"{item.last_day:%Y}"}),
    }
    return render(request, "record/event.html", context)


def event_new(request: HttpRequest) -> HttpResponse:
    """Enter an event by hand (clerks and administrators); a refusal shows at its field."""
    require(request.user, Right.RECORD_EDIT)
    form = EventForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                event = event_services.create_event(actor=request.user, **form.service_arguments())
            except (Invalid, NotFound) as error:
                form.show(error)
                status = answer_for(error).status
            else:
                messages.success(request, _("The event was added to the record."))
                return redirect("record:event", key=event.key)
    return render(request, "record/event_form.html", {"form": form}, status=status)
