"""The production app's models, by concern.

- `catalogue`: units, transfer acts, products
- `statistics`: output records, plans, headcount snapshots (the raw rows)
- `totals`: monthly output (kept in step with the raw rows), the colony's monthly output and
  the units' totals (kept from it), and the statistics' version
- `decisions`: decisions of the register linked to a unit and a KPI
- `import_jobs`: progress of an import, for the page that polls it

Callers import from those modules. Django loads an app's models by importing this package,
so it imports every model here; `_generation` is named by migration 0003 as a default.
"""

from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.production.models.decisions import DecisionLink
from kuzbas.production.models.import_jobs import ImportJob
from kuzbas.production.models.statistics import HeadcountSnapshot, OutputRecord, Plan
from kuzbas.production.models.totals import (
    ColonyMonthlyOutput,
    MonthlyOutput,
    StatisticsVersion,
    UnitOutputTotal,
    _generation,
)

__all__ = [
    "ColonyMonthlyOutput",
    "DecisionLink",
    "HeadcountSnapshot",
    "ImportJob",
    "MonthlyOutput",
    "OutputRecord",
    "Plan",
    "Product",
    "StatisticsVersion",
    "TransferAct",
    "Unit",
    "UnitOutputTotal",
    "_generation",
]
