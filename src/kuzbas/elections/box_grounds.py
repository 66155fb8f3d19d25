"""An election's box as a ground of its register entry: the entry that records the result
covers the digest of the box as counted (receipt and ranking of every paper), and `kuzbas verify`
finds a paper changed, added or removed behind the application's back."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kuzbas.elections.models import Election, ElectionBallot

CHANGED = "the election's ballot box it was counted from was changed"


def election_boxes(motion_ids: Any) -> dict[int, list[list[Any]]]:
    """Return, for each motion that records an election's result, its box sorted by receipt."""
    motion_of = dict(
        Election.objects.filter(motion_id__in=motion_ids).values_list("pk", "motion_id")
    )
    boxes: dict[int, list[list[Any]]] = defaultdict(list)
    for election_id, receipt, marks in ElectionBallot.objects.filter(
        election_id__in=list(motion_of)
    ).values_list("election_id", "receipt", "marks"):
        boxes[motion_of[election_id]].append([receipt, marks])
    return {motion: sorted(boxes[motion]) for motion in motion_of.values()}
