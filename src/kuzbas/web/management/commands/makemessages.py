"""makemessages that also extracts the statute engine's sentences.

The engine (pure Python, no Django) writes its sentences as `Phrase("...")`; they are msgids of
the catalogue, put into the reader's language when shown (`kuzbas.statute.phrases`). Telling
xgettext that `Phrase` marks a translatable string keeps them in the catalogue whenever it is
extracted afresh.
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=Phrase"]
