"""`{{ text|say }}`: a sentence of the statute engine in the reader's language.

The engine writes English (see `kuzbas.statute.phrases`); this filter finds the phrase a text
was made from and writes it again through gettext, so a Russian page reads the quorum, the
majority's arithmetic, the answer to "who decides this?" and the engine's refusals in Russian.
Names and rule keys stay as the statute wrote them.
"""

from __future__ import annotations

from django import template

from kuzbas.governance.words import say as _say

register = template.Library()


@register.filter
def say(text: object) -> str:
    """Return an engine text (a line or several) in the active language."""
    return _say(text)
