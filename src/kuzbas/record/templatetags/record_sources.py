"""`{% sources_panel obj %}`: the "Sources" panel of a citable record, on its own page."""

from __future__ import annotations

from django import template

from kuzbas.record.panel import panel_context

register = template.Library()


@register.inclusion_tag("record/_sources.html", takes_context=True)
def sources_panel(context, obj) -> dict:
    panel = panel_context(context["request"], obj)
    panel["csrf_token"] = context.get("csrf_token")
    return panel
