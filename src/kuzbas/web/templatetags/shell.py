"""The site shell's filters: the browser tab's title."""

from __future__ import annotations

from django import template

register = template.Library()

SITE = "Kuzbas"


@register.filter(is_safe=True)
def tab_title(page_title: str) -> str:
    """Return the tab's title: the page's own title, a separator, the site ("Home · Kuzbas")."""
    page_title = " ".join(str(page_title).split())
    return f"{page_title} · {SITE}" if page_title else SITE
