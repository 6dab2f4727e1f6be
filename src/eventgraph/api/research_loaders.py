"""Per-request DataLoaders of the research fields (profiles, organization links), next to the core `Loaders`.

They live on the request's `Context`, so they are shared by every resolver of one request and dropped with it:
a list of 100 organizations asking for `degree` costs one store call, and all `relatedEvents` of a request share
one read of every event's profile.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from eventgraph.api.batching import Batches, Loader
from eventgraph.model import EventProfile, LinkQuery, OneOf, OrganizationLink
from eventgraph.store.protocols import GraphReader

if TYPE_CHECKING:
    from eventgraph.api.context import Info


class ResearchLoaders:
    def __init__(self, store: GraphReader, batches: Batches | None = None) -> None:
        self.store = store
        batches = batches or Batches()
        self.profiles: Loader[str, EventProfile | None] = Loader(batches, self._profiles)
        self.links: Loader[str, list[OrganizationLink]] = Loader(batches, self._links)
        self._all: list[EventProfile] | None = None
        self._all_by_iri: dict[str, EventProfile] | None = None
        self.memo: dict[str, Any] = {}
        """What resolvers derive once per request from these answers (e.g. related events' profile sets)."""

    def release(self) -> None:
        """Drop this request's answers (see `Loaders.release`)."""
        self.profiles.clear()
        self.links.clear()
        self._all = None
        self._all_by_iri = None
        self.memo.clear()

    async def all_profiles(self) -> list[EventProfile]:
        """Every event's profile, read once per request (later loads of single profiles answer from it)."""
        if self._all is None:
            self._all = self.store.event_profiles(None)
        return self._all

    async def _profiles(self, iris: Sequence[str]) -> list[EventProfile | None]:
        if self._all is not None:
            if self._all_by_iri is None:
                self._all_by_iri = {p.iri: p for p in self._all}
            return [self._all_by_iri.get(iri) for iri in iris]
        found = {p.iri: p for p in self.store.event_profiles(list(iris))}
        return [found.get(iri) for iri in iris]

    async def _links(self, iris: Sequence[str]) -> list[list[OrganizationLink]]:
        by_end: dict[str, list[OrganizationLink]] = defaultdict(list)
        wanted = set(iris)
        for link in self.store.organization_links(LinkQuery(organizations=(OneOf(tuple(iris)),))):
            for end in {link.source, link.target} & wanted:
                by_end[end].append(link)
        return [by_end.get(iri, []) for iri in iris]


def research_loaders(info: Info) -> ResearchLoaders:
    """This request's research loaders."""
    return info.context.research
