"""What a motion does when it carries: one registry that every kind of act plugs into.

A motion that changes something beyond its own decision (adopts a new statute version, admits
or expels a member, records a condition as met) names its kind in `Motion.proposal["kind"]`.
The kind's `Effect` is asked twice:

- `review`, before the decision is recorded: it may hold the result to a further majority the
  statute asks for (an entrenched clause) and turn a carried vote into a failed one, with the
  arithmetic that says why;
- `record`, for a carried vote, before the decision is recorded: what the register entry records
  of the act (the hash of the statute version it adopts), so the chain holds it;
- `carry`, after a carried decision is appended to the register, in the same transaction: it
  makes the change, auditing it with the actor. An exception there undoes the whole decision.

An act the statute gives to a body outside its competence for matters (a condition recorded as
met by the body the condition names) has an `authorise` too: asked when the motion is filed and
again when it is decided, it returns the statute and the rule that let the body decide it, or
raises the refusal; the matter's competence is not asked then.

Effects are registered by the module that owns the act, imported in `GovernanceConfig.ready`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from kuzbas.statute import Outcome, Result, Statute

Review = Callable[..., Result]  # (motion, statute, result) -> result
Carry = Callable[..., None]
Record = Callable[..., dict]  # (motion, statute, result, decided_on) -> facts for the entry


@dataclass(frozen=True)
class Grant:
    """What lets a body decide a motion: the statute version, its rule, the clauses on the way."""

    statute: Statute
    rule: str
    steps: tuple[dict, ...]


Authorise = Callable[..., Grant]  # (proposal=, body=, on=) -> Grant, or raise the refusal


@dataclass(frozen=True)
class Effect:
    """One kind of act a motion can carry: its review of the vote and its change."""

    kind: str
    carry: Carry
    review: Review | None = None
    record: Record | None = None
    authorise: Authorise | None = None


_EFFECTS: dict[str, Effect] = {}


def register(effect: Effect) -> Effect:
    """Add an effect kind; registering one kind twice is a programming error."""
    if effect.kind in _EFFECTS and _EFFECTS[effect.kind] is not effect:
        raise RuntimeError(f"motion effect {effect.kind!r} is registered twice")
    _EFFECTS[effect.kind] = effect
    return effect


def effect_of(motion) -> Effect | None:
    """Return the effect the motion's proposal names, or None for a motion that only decides."""
    kind = (motion.proposal or {}).get("kind")
    if not kind:
        return None
    try:
        return _EFFECTS[kind]
    except KeyError:
        raise RuntimeError(f"motion {motion.number} names an unknown effect {kind!r}") from None


def known(kind: str) -> bool:
    """Return whether an effect of this kind is registered."""
    return kind in _EFFECTS


def grant(proposal: dict, *, body: str, on: dt.date) -> Grant | None:
    """Return what authorises a body to decide a proposal on a day, where its effect says;
    None where the matter's competence does."""
    effect = _EFFECTS.get((proposal or {}).get("kind", ""))
    if effect is None or effect.authorise is None:
        return None
    return effect.authorise(proposal=proposal, body=body, on=on)


def review(motion, statute: Statute, result: Result) -> Result:
    """Return the result once the effect has held it to any further majority it needs."""
    effect = effect_of(motion)
    if effect is None or effect.review is None or result.outcome is not Outcome.CARRIED:
        return result
    return effect.review(motion, statute, result)


def record(motion, statute: Statute, result: Result, decided_on) -> dict:
    """Return what the register entry of a carried vote records of the act ({} for none)."""
    effect = effect_of(motion)
    if effect is None or effect.record is None or result.outcome is not Outcome.CARRIED:
        return {}
    return effect.record(motion, statute, result, decided_on)


def carry(*, actor, decision) -> None:
    """Make the change a carried decision's motion proposes."""
    effect = effect_of(decision.motion)
    if effect is not None and decision.outcome == Outcome.CARRIED.value:
        effect.carry(actor=actor, decision=decision)
