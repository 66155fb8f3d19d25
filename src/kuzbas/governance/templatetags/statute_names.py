"""`{{ rule|rule_name }}`: a statute key by its name, the key on request; `majority_words`."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from kuzbas.governance import rule_names

register = template.Library()


@register.filter
def rule_name(rule: str) -> str:
    """Show a rule by its name with the key behind it (a <details>), or the bare key."""
    if not rule:
        return ""
    name = rule_names.rule_name(str(rule), rule_names.statute_today())
    if not name:
        return format_html('<code class="rule-key">{}</code>', rule)
    return format_html(
        '<details class="rule"><summary>{}</summary><code class="rule-key">{}</code></details>',
        name,
        rule,
    )


@register.filter
def named(clause) -> str:
    """Show a statute's body or matter by its name in the reader's language."""
    return clause.name_in(get_language() or "en")


@register.filter
def majority_words(majority) -> str:
    return rule_names.majority_words(majority)
