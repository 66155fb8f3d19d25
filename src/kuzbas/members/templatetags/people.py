"""`{% person_field name label %}`: a box that finds a person by name (`members/choosing.py`)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("members/_person_field.html")
def person_field(name: str, label: str, required: bool = True, testid: str = "") -> dict:
    return {
        "name": name,
        "label": label,
        "required": required,
        "testid": testid,
        "list_id": f"people-for-{name}",
    }
