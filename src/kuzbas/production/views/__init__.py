"""Production pages, one module per concern.

`statistics` shows the figures (dashboard, a unit, comparisons, charts, exports, the monthly
report); `imports` checks and imports files; `links` ties decisions to figures; `setup` keeps
the catalogue and the plans (units, products, transfer acts, plans).
"""
