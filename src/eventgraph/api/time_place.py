"""Time and place inputs of `EventFilter`: a range of partial dates, and a circle around a point."""

from __future__ import annotations

import strawberry

from eventgraph.api.types.common import PartialDate
from eventgraph.dates import PartialDate as ParsedDate
from eventgraph.errors import InvalidArgumentError
from eventgraph.model import Near, Overlaps
from eventgraph.store.geo import HALF_CIRCUMFERENCE_KM


def _parse(value: str | None, argument: str) -> ParsedDate | None:
    if value is None:
        return None
    try:
        return ParsedDate.parse(str(value))
    except ValueError as exc:
        raise InvalidArgumentError(f"during.{argument}: {exc}") from exc


@strawberry.input(
    description=(
        "A span of days given as partial dates: 'from' counts from its earliest day, 'to' up to its latest "
        "('2025' to '2025' is the whole year). An event matches when its possible days touch the span: an event "
        "dated only '2025' overlaps any range that touches 2025."
    )
)
class DateRange:
    from_: PartialDate | None = strawberry.field(
        default=None, name="from", description="Start: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (open when omitted)."
    )
    to: PartialDate | None = strawberry.field(
        default=None, description="End: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (open when omitted)."
    )

    def criterion(self) -> Overlaps:
        start, end = _parse(self.from_, "from"), _parse(self.to, "to")
        if start is None and end is None:
            raise InvalidArgumentError("during: give from, to or both")
        if start is not None and end is not None and start.earliest() > end.latest():
            raise InvalidArgumentError("during: from must not be after to")
        return Overlaps(start.earliest() if start else None, end.latest() if end else None)


@strawberry.input(
    description=(
        "Within `km` of a point, by great-circle distance. An event's point is its own coordinates, else its "
        "venue's, else its city's; events with none of these never match."
    )
)
class NearInput:
    latitude: float = strawberry.field(description="Degrees north, -90 to 90.")
    longitude: float = strawberry.field(description="Degrees east, -180 to 180.")
    km: float = strawberry.field(description="Radius in kilometres (more than 0).")

    def criterion(self) -> Near:
        if not -90 <= self.latitude <= 90:
            raise InvalidArgumentError(f"near.latitude: {self.latitude} is not between -90 and 90")
        if not -180 <= self.longitude <= 180:
            raise InvalidArgumentError(f"near.longitude: {self.longitude} is not between -180 and 180")
        if not 0 < self.km <= HALF_CIRCUMFERENCE_KM + 1:
            raise InvalidArgumentError(f"near.km: {self.km} is not between 0 and {HALF_CIRCUMFERENCE_KM:.0f}")
        return Near(self.latitude, self.longitude, self.km)
