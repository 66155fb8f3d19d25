"""Russian dates and numbers: "1 сентября 1924", "Сентябрь 1924", "6 802,5" (a no-break space
groups the thousands), one way on every page and PDF (`kuzbas.core.formats`).

Django's own Russian date ends in "г." ("1 сентября 1924 г."), which doubles the full stop of
every sentence that ends with a date ("напечатан 1 ноября 1922 г.."); the year is left bare.
"""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
