"""Related events: scored neighbours of an event, each score explained by its components."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from eventgraph.api.context import Info

if TYPE_CHECKING:
    from eventgraph.api.types.event import Event
    from eventgraph.api.types.organization import Organization

EventRef = Annotated["Event", strawberry.lazy("eventgraph.api.types.event")]
OrganizationRef = Annotated["Organization", strawberry.lazy("eventgraph.api.types.organization")]


@strawberry.enum(description="What relates two events.")
class RelatedBy(enum.Enum):
    TIME = "time"
    PLACE = "place"
    ORGANIZER = "organizer"
    SERIES = "series"


@strawberry.type(description="One part of a relatedness score and why it has that value.")
class ScoreComponent:
    by: RelatedBy = strawberry.field(description="The component.")
    score: float = strawberry.field(
        description=(
            "Between 0 and 1. SERIES: 1 for a shared series. ORGANIZER: shared organizers / all organizers of the two. "
            "TIME: 1 / (1 + days apart / 365). PLACE: 1 / (1 + km apart / 500) with coordinates, else 1 for the same "
            "city or venue, 0.5 for the same country."
        )
    )
    explanation: str = strawberry.field(description="The facts behind the score, e.g. '12 days apart'.")


@strawberry.type(description="An event related to another, with its score and the score's components.")
class RelatedEvent:
    score: float = strawberry.field(description="The sum of the component scores (each 0 to 1).")
    components: list[ScoreComponent] = strawberry.field(description="The non-zero components, in `by` order.")
    same_series: bool = strawberry.field(description="True when the two share a series.")
    days_apart: int | None = strawberry.field(
        description="Days between the two date spans (0 when they may overlap); null when either is undated."
    )
    km_apart: float | None = strawberry.field(
        description="Great-circle distance between their places, when both have coordinates (own or their city's)."
    )
    event_iri: strawberry.Private[str]
    shared_organizer_iris: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="The related event.")
    async def event(self, info: Info) -> EventRef | None:
        from eventgraph.api.types.event import Event
        from eventgraph.api.types.refs import one

        return await one(info, self.event_iri, Event)

    @strawberry.field(description="Organizers the two events share.")
    async def shared_organizers(self, info: Info) -> list[OrganizationRef]:
        from eventgraph.api.types.organization import Organization
        from eventgraph.api.types.refs import many

        return await many(info, self.shared_organizer_iris, Organization)
