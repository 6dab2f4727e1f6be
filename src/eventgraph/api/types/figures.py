"""Figures: counts of one kind (participants, countries, scholarships...), actual, planned or a target."""

from __future__ import annotations

import strawberry

from eventgraph.api.types.common import Citation, Quantity, citations_of
from eventgraph.api.types.enums import FigureKind, FigureStatus
from eventgraph.model import P, Resource, Vocabulary


@strawberry.type(
    description=(
        "A count of one kind as the source states it (e.g. 142 countries, 51 scholarships, about 80 scholarships "
        "planned), with its own citation. Attendance stays on `attendance`."
    )
)
class Figure:
    node: strawberry.Private[Resource]

    @strawberry.field(description="What it counts.")
    def kind(self) -> FigureKind:
        return FigureKind(self.node.literal(P.figure_kind))

    @strawberry.field(description="Actual (what happened), planned (before the fact) or target (a goal).")
    def status(self) -> FigureStatus:
        return FigureStatus(self.node.literal(P.figure_status))

    @strawberry.field(description="The figure as written ('70+', 'about 80') and as parsed.")
    def quantity(self) -> Quantity:
        return Quantity(resource=self.node)

    @strawberry.field(description="A note about the figure (what exactly was counted), when the transcriber gave one.")
    def note(self) -> str | None:
        return self.node.literal(P.note)

    @strawberry.field(description="The pages that state the figure, with their quotes.")
    def citations(self) -> list[Citation]:
        return citations_of(self.node)


def figures_of(resource: Resource, kind: FigureKind | None, status: FigureStatus | None) -> list[Figure]:
    """The figures of an entity, optionally of one kind and status, in the order kind, status, text."""
    found = []
    for node in resource.nodes(P.figure):
        if node.literal(P.figure_kind) not in Vocabulary.FIGURE_KINDS.values:
            continue
        if node.literal(P.figure_status) not in Vocabulary.FIGURE_STATUSES.values:
            continue
        if kind is not None and node.literal(P.figure_kind) != kind.value:
            continue
        if status is not None and node.literal(P.figure_status) != status.value:
            continue
        found.append(Figure(node=node))
    kinds = Vocabulary.FIGURE_KINDS.values
    statuses = Vocabulary.FIGURE_STATUSES.values
    return sorted(
        found,
        key=lambda f: (
            kinds.index(f.node.literal(P.figure_kind) or ""),
            statuses.index(f.node.literal(P.figure_status) or ""),
            f.node.literal(P.text) or "",
        ),
    )
