"""Django choices whose values are the statute engine's, so that each list of values is written
once, in the engine (`kuzbas.statute`), and the models add only the labels people read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum

from django.db import models
from django.utils.functional import Promise


def engine_choices(
    name: str, labels: Mapping[Enum | str, Promise], *, engine: Iterable[type[Enum]], module: str
) -> type[models.TextChoices]:
    """Return TextChoices named `name` with the engine enums' values and the labels given.

    Every value of the `engine` enums must have a label: a value added to the engine without
    one fails at import, not as a row the page cannot name. `labels` may add values only the
    record knows (a plain string), and its order is the order of the choices, as the
    migrations have it.
    """
    missing = [m.value for enum in engine for m in enum if m not in labels]
    if missing:
        raise TypeError(f"{name}: no label for the engine's {', '.join(missing)}")
    members = [
        (key.name, (key.value, label)) if isinstance(key, Enum) else (key.upper(), (key, label))
        for key, label in labels.items()
    ]
    return models.TextChoices(name, members, module=module)
