"""Numbers as sources write them ('90+', 'About 200-250', 'nearly 200 people', 'TBA').

The text is the fact; the parsed value and qualifier are an index for sorting and summing, so a text
that does not parse cleanly keeps no value rather than a guessed one.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


class Qualifier(enum.Enum):
    EXACT = "exact"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"
    ABOUT = "about"
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class Quantity:
    """`value` is a point figure (exact or about); `minimum`/`maximum` bound it where the text gives bounds."""

    text: str
    value: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    qualifier: Qualifier | None = None


_NUMBER = r"(\d{1,3}(?:[,\u202f ]\d{3})+|\d+)"
_ABOUT = r"(?:about|around|approximately|approx\.?|circa|ca\.?|~|nearly|almost|roughly|some|or so)"
_AT_LEAST = r"(?:over|more than|at least|above|\+)"
_AT_MOST = r"(?:up to|at most|limited to|less than|under|fewer than)"
_NOUNS = r"(?:\s+[A-Za-z][A-Za-z ]*)?"


def _int(text: str) -> int:
    return int(re.sub(r"[,\u202f ]", "", text))


def parse_quantity(text: str) -> Quantity:
    """Keep `text`; add a value and qualifier only when the whole text is one number or one range."""
    raw = text.strip()
    lowered = raw.lower()
    patterns: list[tuple[str, Qualifier, bool]] = [
        (rf"^{_NUMBER}\s+or so{_NOUNS}$", Qualifier.ABOUT, False),
        (rf"^{_NUMBER}{_NOUNS}$", Qualifier.EXACT, False),
        (rf"^{_NUMBER}\s*\+{_NOUNS}$", Qualifier.AT_LEAST, False),
        (rf"^{_AT_LEAST}\s+{_NUMBER}{_NOUNS}$", Qualifier.AT_LEAST, False),
        (rf"^{_AT_MOST}\s+(?:about\s+)?{_NUMBER}{_NOUNS}$", Qualifier.AT_MOST, False),
        (rf"^{_ABOUT}\s+{_NUMBER}{_NOUNS}$", Qualifier.ABOUT, False),
        (rf"^{_ABOUT}\s+{_NUMBER}\s*(?:-|–|to)\s*{_NUMBER}{_NOUNS}$", Qualifier.ABOUT, True),
        (rf"^{_NUMBER}\s*(?:-|–|to)\s*{_NUMBER}{_NOUNS}$", Qualifier.RANGE, True),
    ]
    for pattern, qualifier, is_range in patterns:
        match = re.match(pattern, lowered)
        if not match:
            continue
        if is_range:
            low, high = _int(match.group(1)), _int(match.group(2))
            if low > high:
                return Quantity(raw)
            return Quantity(raw, minimum=low, maximum=high, qualifier=qualifier)
        number = _int(match.group(1))
        if qualifier is Qualifier.AT_LEAST:
            return Quantity(raw, minimum=number, qualifier=qualifier)
        if qualifier is Qualifier.AT_MOST:
            return Quantity(raw, maximum=number, qualifier=qualifier)
        return Quantity(raw, value=number, qualifier=qualifier)
    return Quantity(raw)


def parse_decimal(text: str) -> Decimal:
    """A money amount as written ('61740', '41,945', '3,343,160', '115,411.92'): raise ValueError otherwise."""
    cleaned = re.sub(r"[,\u202f ]", "", text.strip())
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} is not an amount (digits with optional thousands commas and decimals)") from exc
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite amount")
    return value
