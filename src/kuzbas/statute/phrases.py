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
from collections.abc import Callable, Iterable

_BLANK = re.compile(r"\{(\w+)\}")


class Phrase:
    """One sentence of the engine: `Phrase("quorum: {present} present")(present="5")`."""

    registry: list[Phrase] = []  # every phrase, most specific first (see `_sorted`)

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
                pattern += f"(?P={part})" if part in seen else f"(?P<{part}>.+?)"
                seen.add(part)
        self.pattern = re.compile(pattern, re.DOTALL)
        self.literal = len("".join(parts[::2]))
        Phrase.registry.append(self)
        Phrase.registry.sort(key=lambda p: -p.literal)

    def __call__(self, **values: object) -> str:
        return self.template.format(**{k: str(v) for k, v in values.items()})

    def __repr__(self) -> str:
        return f"Phrase({self.template!r})"

    def read(self, text: str) -> dict[str, str] | None:
        """Return the values in this phrase's blanks if `text` was made from it, else None."""
        found = self.pattern.fullmatch(text)
        return found.groupdict() if found else None


def translate(text: str, gettext: Callable[[str], str]) -> str:
    """Return an engine text (one or many lines) in the language `gettext` translates into."""
    return "\n".join(_line(line, gettext) for line in text.split("\n"))


def _line(text: str, gettext: Callable[[str], str], depth: int = 0) -> str:
    if not text or depth > 6:
        return text
    whole = _phrase(text, gettext, depth)
    if whole is not None:
        return whole
    sentences = _sentences(text, gettext, depth)
    if sentences is not None:
        return sentences
    return gettext(text) if _is_word(text) else text


def _phrase(text: str, gettext: Callable[[str], str], depth: int) -> str | None:
    """Return the text in the reader's language if one phrase makes the whole of it."""
    for phrase in Phrase.registry:
        values = phrase.read(text)
        if values is None:
            continue
        translated = gettext(phrase.template)
        if set(_BLANK.findall(translated)) != set(phrase.blanks):
            translated = phrase.template  # a translation that lost or invented a blank
        inner = {
            k: _line(v, gettext, depth + 1) if k in phrase.nested else v for k, v in values.items()
        }
        return translated.format(**inner)
    return None


def _sentences(text: str, gettext: Callable[[str], str], depth: int) -> str | None:
    """Return the text translated sentence by sentence, if each sentence is a phrase.

    The engine joins sentences with a space ("This is ...: the Board decides it. You may
    appeal ..."); a name may hold ". " too ("S.J. Rutgers"), so the split that works is searched.
    """
    pieces = _SENTENCE_END.split(text)
    if len(pieces) < 2:
        return None
    # done[i]: the translation of pieces[:i], when they split into whole phrases.
    done: dict[int, str] = {0: ""}
    for end in range(1, len(pieces) + 1):
        for start in range(end - 1, -1, -1):
            if start not in done:
                continue
            said = _phrase(" ".join(pieces[start:end]), gettext, depth + 1)
            if said is not None:
                done[end] = f"{done[start]} {said}".strip()
                break
    return done.get(len(pieces))


_SENTENCE_END = re.compile(r"(?<=\.) (?=[A-Z])")


def _is_word(text: str) -> bool:
    """A bare word or short expression of the engine ("met", "carried"), not a name or key."""
    return bool(re.fullmatch(r"[a-z][a-z ]*", text))


def templates() -> Iterable[str]:
    """Every template, for the catalogue's completeness test."""
    return (p.template for p in Phrase.registry)
