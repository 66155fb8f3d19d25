"""Elections to seats: plurality, approval and the single transferable vote (Scottish rules)."""

from __future__ import annotations

from kuzbas.statute.elections.lot import Lot, LotNeeded, LotSource, draw_lot
from kuzbas.statute.elections.marks import MarkResult, Method, count_approval, count_plurality
from kuzbas.statute.elections.stv import count_scottish_stv
from kuzbas.statute.elections.stv_result import DecidedBy, Stage, StageKind, StvResult

__all__ = [
    "DecidedBy",
    "Lot",
    "LotNeeded",
    "LotSource",
    "MarkResult",
    "Method",
    "Stage",
    "StageKind",
    "StvResult",
    "count_approval",
    "count_plurality",
    "count_scottish_stv",
    "draw_lot",
]
