from decimal import Decimal

import pytest

from eventgraph.quantities import Qualifier, Quantity, parse_decimal, parse_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("38", Quantity("38", value=38, qualifier=Qualifier.EXACT)),
        ("90+", Quantity("90+", minimum=90, qualifier=Qualifier.AT_LEAST)),
        ("About 200-250", Quantity("About 200-250", minimum=200, maximum=250, qualifier=Qualifier.ABOUT)),
        ("nearly 200 people", Quantity("nearly 200 people", value=200, qualifier=Qualifier.ABOUT)),
        ("700 persons", Quantity("700 persons", value=700, qualifier=Qualifier.EXACT)),
        ("4,000+", Quantity("4,000+", minimum=4000, qualifier=Qualifier.AT_LEAST)),
        ("60 or so participants", Quantity("60 or so participants", value=60, qualifier=Qualifier.ABOUT)),
        ("TBA", Quantity("TBA")),
        ("Hundreds of participants, including over 100 scholarship holders", None),
    ],
)
def test_numbers_as_written(text: str, expected: Quantity | None) -> None:
    parsed = parse_quantity(text)
    if expected is None:
        assert parsed == Quantity(text), "a text that is not one figure keeps no guessed value"
    else:
        assert parsed == expected


def test_amounts() -> None:
    assert parse_decimal("3,343,160") == Decimal(3343160)
    assert parse_decimal("115,411.92") == Decimal("115411.92")
    with pytest.raises(ValueError, match="not an amount"):
        parse_decimal("$15,000")
