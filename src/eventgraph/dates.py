"""Partial dates ('2025', '2025-04', '2025-04-20'): parsed, validated, and bounded by days.

Sources give dates to the year or month; the precision is part of the fact and must survive a round
trip, while filters need the earliest and latest day a partial date can mean.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date

from eventgraph.model import XSD_DATE, XSD_GYEAR, XSD_GYEARMONTH

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Precision(enum.Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_DATATYPE = {Precision.YEAR: XSD_GYEAR, Precision.MONTH: XSD_GYEARMONTH, Precision.DAY: XSD_DATE}


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError naming what is wrong."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r}: month {month} is not between 1 and 12")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text!r}: day {day} is not between 1 and {last}")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def datatype(self) -> str:
        return _DATATYPE[self.precision]

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
