"""Choosing a person by name where a form wants their registry key.

`{% person_field "holder" _("Give the vote to") %}` (`people` template tags) draws a text box tied
to a list of suggestions; typing a name asks `members:choices` (htmx) for the people it matches,
each offered by name with the key as the value the form sends. Without JavaScript the box still
takes a key typed by hand.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kuzbas.core.rights import Right, require
from kuzbas.members import selectors

SHOWN = 15  # enough to find a name on a phone; typing more narrows it


@require_GET
def choices(request: HttpRequest) -> HttpResponse:
    """Answer the suggestions for a person box: `field` names the parameter holding the text."""
    require(request.user, Right.MEMBERS_VIEW)
    text = request.GET.get(request.GET.get("field", "q"), "").strip()
    people = selectors.people(search=text)[:SHOWN] if len(text) >= 2 else []
    return render(request, "members/_choices.html", {"people": people})


class PersonInput(forms.TextInput):
    """A form field's person box: the `{% person_field %}` box for a Django form.

    The suggestions list is named after the field's id, so several forms on one page (a seat
    each) keep their own.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"people-for-{attrs.get('id') or name}"
        attrs.update(
            {
                "list": list_id,
                "autocomplete": "off",
                "placeholder": _("Start typing a name"),
                "hx-get": f"{reverse('members:choices')}?field={name}",
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{list_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        box = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="{}"></datalist>', box, list_id)
