"""English dates as a person reads them: "1 September 1924", day first as in Russian.

Django's own English formats say "Sept. 1, 1924"; the colony's record reads one way in each
language (`kuzbas.core.formats`). Inputs keep their ISO values (`core/widgets.DateInput`).
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
