"""The engine's sentences: English with named blanks, put into the reader's language on display.

The engine writes plain English strings, and the register keeps them as written: the words
are part of what its hashes cover, and a decision recorded in 1922 must read the same in 2026.
Every sentence the engine can write is made from a `Phrase`, so that a page (or a PDF) can take
any stored line, find the phrase it was made from and the values in its blanks, and write it
again in the reader's language with gettext: `translate(text, gettext)`. The values in the blanks
a phrase declares `nested` are translated the same way (a majority's description inside the
majority's line); the others (names, rule keys, numbers, dates) pass through as written.

The templates are msgids of the product's catalogue (`django.po`), with `{name}` blanks that a
translation may reorder but must keep.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

_BLANK = re.compile(r"\{(\w+)\}")


class Phrase:
    """One sentence of the engine: `Phrase("quorum: {present} present")(present="5")`."""

    registry: list[Phrase] = []  # every phrase the engine has

    def __init__(self, template: str, *, nested: tuple[str, ...] = ()) -> None:
        self.template = template
        self.nested = nested  # the blanks that hold engine words themselves, not names
        self.blanks = tuple(dict.fromkeys(_BLANK.findall(template)))
        parts = _BLANK.split(template)  # literal, blank, literal, blank, ..., literal
        pattern, seen = "", set()
        for i, part in enumerate(parts):
            if i % 2 == 0:
                pattern += re.escape(part)
            else:  # a blank; the same blank twice must hold the same value
                # A nested blank holds a sentence that may itself contain the literal
                # after it ("{head}; {names} reached the quota"): it takes all it can.
                greedy = "" if part in nested else "?"
                pattern += f"(?P={part})" if part in seen else f"(?P<{part}>.+{greedy})"
                seen.add(part)
        self.pattern = re.compile(pattern, re.DOTALL)
        self.literal = len("".join(parts[::2]))
        Phrase.registry.append(self)

    def __call__(self, **values: object) -> str:
        return self.template.format(**{k: str(v) for k, v in values.items()})

    def __repr__(self) -> str:
        return f"Phrase({self.template!r})"

    def read(self, text: str) -> dict[str, str] | None:
        """Return the values in this phrase's blanks if `text` was made from it, else None."""
        found = self.pattern.fullmatch(text)
        return found.groupdict() if found else None


def translate(
    text: str, gettext: Callable[[str], str], names: Mapping[str, str] | None = None
) -> str:
    """Return an engine text (one or many lines) in the language `gettext` translates into.

    `names` gives the reader's name for a statute's own (a body's, a matter's): a blank that
    holds one of them exactly is written in the reader's language too.
    """
    known = names or {}
    return "\n".join(_read(line, gettext, 0, known)[1] for line in text.split("\n"))


def _read(
    text: str, gettext: Callable[[str], str], depth: int, names: Mapping[str, str]
) -> tuple[int, str]:
    """Return the best reading of a text: how many of its characters are the engine's own
    fixed words, and the text written again in the reader's language.

    Several phrases may fit one text ("a quorum of {count}" fits any text that starts so); the
    reading that explains the most of it with fixed words wins, so a sentence is taken by the
    phrase it was made from, not by one whose blank happens to swallow the rest.
    """
    best = (0, gettext(text) if _is_word(text) else names.get(text, text))
    if not text or depth > 6:
        return best
    for reading in (
        _phrase(text, gettext, depth, names),
        _sentences(text, gettext, depth, names),
    ):
        if reading is not None and reading[0] > best[0]:
            best = reading
    return best


def _phrase(
    text: str, gettext: Callable[[str], str], depth: int, names: Mapping[str, str]
) -> tuple[int, str] | None:
    """Return the best reading of the whole text as one phrase, if any phrase fits it."""
    best: tuple[int, str] | None = None
    for phrase in Phrase.registry:
        values = phrase.read(text)
        if values is None:
            continue
        score, inner = phrase.literal, {}
        for name, value in values.items():
            if name in phrase.nested:
                found, inner[name] = _read(value, gettext, depth + 1, names)
                score += found
            else:
                inner[name] = names.get(value, value)
        if best is not None and score <= best[0]:
            continue
        translated = gettext(phrase.template)
        if set(_BLANK.findall(translated)) != set(phrase.blanks):
            translated = phrase.template  # a translation that lost or invented a blank
        best = (score, translated.format(**inner))
    return best


def _sentences(
    text: str, gettext: Callable[[str], str], depth: int, names: Mapping[str, str]
) -> tuple[int, str] | None:
    """Return the text read sentence by sentence, if each sentence is a phrase.

    The engine joins sentences with a space ("This is ...: the Board decides it. You may
    appeal ..."); a name may hold ". " too ("S.J. Rutgers"), so the split that works is searched.
    """
    pieces = _SENTENCE_END.split(text)
    if len(pieces) < 2:
        return None
    # done[i]: the best reading of pieces[:i] as whole phrases.
    done: dict[int, tuple[int, str]] = {0: (0, "")}
    for end in range(1, len(pieces) + 1):
        for start in range(end):
            if start not in done:
                continue
            said = _phrase(" ".join(pieces[start:end]), gettext, depth + 1, names)
            if said is None:
                continue
            score = done[start][0] + said[0]
            if end not in done or score > done[end][0]:
                done[end] = (score, f"{done[start][1]} {said[1]}".strip())
    return done.get(len(pieces))


_SENTENCE_END = re.compile(r"(?<=\.) (?=[A-Z])")


def _is_word(text: str) -> bool:
    """A bare word or short expression of the engine ("met", "carried"), not a name or key."""
    return bool(re.fullmatch(r"[a-z][a-z ]*", text))


def templates() -> Iterable[str]:
    """Every template, for the catalogue's completeness test."""
    return (p.template for p in Phrase.registry)
