from datetime import date

import pytest

from eventgraph.dates import PartialDate, Precision
from eventgraph.model import XSD_GYEAR


def test_year_keeps_its_precision() -> None:
    d = PartialDate.parse("2025")
    assert (str(d), d.precision, d.datatype) == ("2025", Precision.YEAR, XSD_GYEAR)
    assert (d.earliest(), d.latest()) == (date(2025, 1, 1), date(2025, 12, 31))


def test_month_bounds_cover_the_whole_month() -> None:
    d = PartialDate.parse("2024-02")
    assert (d.earliest(), d.latest()) == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.parametrize(("text", "message"), [("2023-13-40", "month 13"), ("2023-02-30", "day 30"), ("23", "YYYY")])
def test_bad_dates_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)
