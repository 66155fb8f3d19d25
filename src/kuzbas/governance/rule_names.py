"""The statute's keys as a person reads them: `matter.technical` is "Technical questions".

Pages show the name and keep the key on request (`{% rule_name %}` in `statute_names`): the key is
what the statute file and the API say, the name is what a member understands.
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kuzbas.core.clock import colony_today
from kuzbas.governance.statutes import NoStatute, stored_history
from kuzbas.statute import Statute
from kuzbas.statute.errors import NotInForce
from kuzbas.statute.procedures import Base, Majority, Threshold
from kuzbas.statute.versions import statute_as_of


def statute_today() -> Statute | None:
    """Return the statute in force on the colony's date (read once a request), if one is loaded."""
    try:
        return statute_as_of(stored_history(), colony_today())
    except (NoStatute, NotInForce):  # none loaded, or none yet in force: the keys stand alone
        return None


def words(key: str) -> str:
    """Return a key's last part as words: `mass_meeting_vote` → "mass meeting vote"."""
    return key.rsplit(".", 1)[-1].replace("_", " ").strip()


def rule_name(rule: str, statute: Statute | None) -> str:
    """Return the readable name of a rule key, or "" where the key is all there is to say."""
    kind, _dot, rest = rule.partition(".")
    head = rest.split(".", 1)[0]
    language = get_language() or "en"
    if statute is not None and kind == "matter" and (matter := statute.matter(head)):
        return matter.name_in(language)
    if statute is not None and kind == "body" and (body := statute.body(head)):
        name = body.name_in(language)
        return name if rest == head else f"{name}: {words(rest)}"
    if kind == "procedure" and head:
        return _("the procedure “%(name)s”") % {"name": words(head)}
    if kind == "matter" and head:
        return _("the matter “%(name)s”") % {"name": words(head)}
    return ""


def majority_words(majority: Majority) -> str:
    """Return what carries a motion in words, translated: "more than half of the votes cast"."""
    if majority.threshold is Threshold.UNANIMITY:
        return {
            Base.VOTES_CAST: _("every vote cast"),
            Base.PRESENT: _("every vote present"),
            Base.MEMBERS: _("every vote in the body"),
        }[majority.base]
    share = {
        Threshold.SIMPLE: _("more than half"),
        Threshold.ABSOLUTE: _("more than half"),
        Threshold.TWO_THIRDS: _("at least two thirds"),
        Threshold.THREE_QUARTERS: _("at least three quarters"),
    }.get(majority.threshold) or _("at least %(fraction)s") % {"fraction": majority.fraction}
    base = {
        Base.VOTES_CAST: _("of the votes cast"),
        Base.PRESENT: _("of the votes present"),
        Base.MEMBERS: _("of all the votes in the body"),
    }[majority.base]
    return f"{share} {base}"


def reader_names(statute: Statute | None) -> dict[str, str]:
    """Return the statute's English names of bodies and matters, each to the reader's name."""
    if statute is None:
        return {}
    language = get_language() or "en"
    names = {}
    for clause in (*statute.bodies, *statute.matters):
        shown = clause.name_in(language)
        if shown != clause.name:
            names[clause.name] = shown
            # Inside a sentence the engine writes a matter's name in lower case.
            names[_lower_first(clause.name)] = _lower_first(shown)
    return names


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
