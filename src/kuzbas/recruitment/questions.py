"""A call's own questions, kept as JSON on the call (no schema change for a new question), and
the answers an application gives to them.

A question is `{"key", "label", "label_ru", "kind", "required", "choices"}`; `kind` is one of
KINDS. `questions_problems` checks a call's list when the bureau saves it; `answers_to` checks
an applicant's answers and returns them keyed by the question, each problem naming the field
the form shows (`q_<key>`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.validation import control_problem
from kuzbas.recruitment.models.bureaus import in_language

KINDS = ("text", "long_text", "yes_no", "choice", "number")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_ANSWER = 2000


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    label_ru: str
    kind: str
    required: bool
    choices: tuple[str, ...]

    @property
    def field(self) -> str:
        return f"q_{self.key}"

    @property
    def title(self) -> str:
        return in_language(self.label, self.label_ru)


def questions_problems(raw: object) -> list[Problem]:
    """Return what is wrong with a call's list of questions (empty when it is right)."""
    if not isinstance(raw, list):
        return [Problem(_("The questions are a list."), field="questions")]
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, item in enumerate(raw, start=1):
        where = f"questions.{n}"
        if not isinstance(item, Mapping):
            problems.append(Problem(_("Each question is an object."), field=where))
            continue
        key = item.get("key")
        if not isinstance(key, str) or not KEY.match(key):
            problems.append(
                Problem(
                    _("A question's key is lower-case letters, digits and _, starting a letter."),
                    field=f"{where}.key",
                )
            )
        elif key in seen:
            problems.append(
                Problem(
                    _("Two questions have the key “%(key)s”.") % {"key": key}, field=f"{where}.key"
                )
            )
        else:
            seen.add(key)
        if not isinstance(item.get("label"), str) or not item["label"].strip():
            problems.append(Problem(_("A question needs its wording."), field=f"{where}.label"))
        if item.get("kind") not in KINDS:
            problems.append(
                Problem(
                    _("The kind of a question is one of: %(kinds)s.") % {"kinds": ", ".join(KINDS)},
                    field=f"{where}.kind",
                )
            )
        choices = item.get("choices", [])
        if item.get("kind") == "choice" and (
            not isinstance(choices, list)
            or not choices
            or not all(isinstance(c, str) and c.strip() for c in choices)
        ):
            problems.append(
                Problem(_("A question to choose from lists its choices."), field=f"{where}.choices")
            )
    return problems


def questions_of(raw: Sequence[Mapping]) -> list[Question]:
    """Return a call's stored questions as objects."""
    return [
        Question(
            key=q["key"],
            label=q["label"],
            label_ru=q.get("label_ru", "") or "",
            kind=q["kind"],
            required=bool(q.get("required", False)),
            choices=tuple(q.get("choices") or ()),
        )
        for q in raw
    ]


def answers_to(questions: Sequence[Question], given: Mapping[str, object]) -> dict[str, object]:
    """Return the answers by question key; Invalid naming each field that is wrong.

    `given` is keyed by the form's field names (`q_<key>`); text answers arrive as strings.
    """
    answers: dict[str, object] = {}
    problems: list[Problem] = []
    for q in questions:
        value = given.get(q.field)
        text = value.strip() if isinstance(value, str) else value
        if text in (None, "") or (q.kind == "yes_no" and text is False and q.required):
            if q.required:
                problems.append(Problem(_("Please answer this question."), field=q.field))
            continue
        if q.kind in ("text", "long_text"):
            text = str(text)
            bad = control_problem(text, field=q.field, multiline=q.kind == "long_text")
            if bad:
                problems.append(bad)
            elif len(text) > MAX_ANSWER:
                problems.append(
                    Problem(_("At most %(n)s characters.") % {"n": MAX_ANSWER}, field=q.field)
                )
            else:
                answers[q.key] = text
        elif q.kind == "yes_no":
            answers[q.key] = text in (True, "yes", "on", "true", "1")
        elif q.kind == "choice":
            if text not in q.choices:
                problems.append(Problem(_("Choose one of the answers given."), field=q.field))
            else:
                answers[q.key] = text
        else:
            try:
                answers[q.key] = int(str(text))
            except ValueError:
                problems.append(Problem(_("Give a whole number."), field=q.field))
    if problems:
        raise Invalid(problems=problems)
    return answers
