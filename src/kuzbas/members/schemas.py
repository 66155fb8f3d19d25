"""The members API's input schemas for the clerk's acts, and the answer of an act referred to
a body: the intervals, their ends, their citations."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from kuzbas.core.dates import Precision


class SourceCitationIn(Schema):
    source: str = Field(min_length=1, description="the source's key in the record")
    locator: str = Field("", max_length=120, description="page, sheet or item")


class IntervalIn(Schema):
    valid_from: dt.date = Field(description="the first day")
    from_precision: Precision = Precision.DAY
    valid_to: dt.date | None = Field(None, description="the last day, if known")
    to_precision: Precision = Precision.DAY
    citations: list[SourceCitationIn] = []


class MembershipIn(IntervalIn):
    status: str
    category: str


class EmploymentIn(IntervalIn):
    category: str
    title: str = ""
    site: str = Field("", description="the site's key")


class IntervalEndIn(Schema):
    valid_to: dt.date = Field(description="the last day")
    to_precision: Precision = Precision.DAY
    citations: list[SourceCitationIn] = []


class MembershipEndIn(IntervalEndIn):
    resigned: bool = Field(
        False,
        description="the member left of their own accord: no body decides, even where"
        " the statute makes expulsion a body's matter",
    )


class ReferredOut(Schema):
    kind: str = Field(description="admission or expulsion")
    motion: int = Field(description="the number of the motion that decides it")
    title: str
    body: str
    status: str
    url: str
    message: str
