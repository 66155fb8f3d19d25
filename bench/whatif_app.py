"""What if the ballot path did not recompute the electorate for every ballot? A bench-only WSGI app.

The product's WSGI application with one change made from outside, to measure the gain of the
change suggested in the benchmark's note before anyone makes it in src/: the electorate of a
vote is computed once per worker and kept (standing in for a roll stored when the vote opens).
It is NOT correct in general (a registry edit would not be seen) and is served only by
`bench/vote_load.py --what-if`, with the same gunicorn arguments as `kuzbas serve`.
With `--what-if roll+share` a ballot also locks the motion FOR SHARE instead of FOR UPDATE, so
ballots no longer wait for one another (closing the vote still takes FOR UPDATE and waits).
"""

from __future__ import annotations

import os
import sys

# isort: off
# The WSGI module sets Django up; the models can be imported only after it.
from kuzbas.web.wsgi import application  # noqa: F401 - gunicorn serves this
from kuzbas.governance.services import ballots, motions
from kuzbas.governance.voters import electorate_on

# isort: on

_rolls: dict = {}


def electorate_once(statute, *, body: str, matter: str, as_of):
    """Return the electorate, computed on the first ballot of a vote and kept."""
    key = (statute.id, statute.version, body, matter, as_of)
    if key not in _rolls:
        _rolls[key] = electorate_on(statute, body=body, matter=matter, as_of=as_of)
    return _rolls[key]


ballots.electorate_on = electorate_once

_locked_for_update = motions.locked


def locked_shared(motion):
    """Lock the motion FOR SHARE when a ballot is cast: ballots then overlap; close still waits."""
    if sys._getframe(1).f_code.co_name != "_cast_ballot":
        return _locked_for_update(motion)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM governance_motion WHERE id = %s FOR SHARE", [motion.pk])
    return motions.Motion.objects.select_related("body").get(pk=motion.pk)


if os.environ.get("BENCH_WHATIF") == "roll+share":
    motions.locked = locked_shared
