"""Who acted, carried into a task: a task's arguments are JSON, so an account goes by its id
and the operator at the command line by its label."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from kuzbas.core.actor import Operator


def actor_ref(actor) -> dict:
    """Return the actor as JSON a task can take."""
    if getattr(actor, "pk", None):
        return {"user": actor.pk}
    return {"operator": str(getattr(actor, "label", "operator"))}


def actor_from(ref: dict):
    """Return the actor a task was given (`actor_ref`)."""
    if "user" in ref:
        return get_user_model().objects.get(pk=ref["user"])
    return Operator(ref.get("operator", "operator"))
