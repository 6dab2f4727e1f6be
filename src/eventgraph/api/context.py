"""The typed per-request context: the store (one data version), this request's loaders and the api limits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from graphql import DocumentNode
from strawberry.extensions import SchemaExtension
from strawberry.types import Info as _Info

from eventgraph.api.dataloaders import Loaders
from eventgraph.api.research_loaders import ResearchLoaders
from eventgraph.store.protocols import GraphReader


@dataclass(frozen=True, slots=True)
class Limits:
    """Request guards; the defaults suit the public read-only service."""

    max_page_size: int = 100
    default_page_size: int = 20
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 3000
    max_list_items: int = 5_000
    """Items of all lists in one answer together (nested lists multiply); beyond it: RESULT_LIMIT, no data."""


@dataclass
class Context:
    store: GraphReader
    limits: Limits = field(default_factory=Limits)
    document: DocumentNode | None = None
    """The document already parsed and guarded by the HTTP layer; the schema then does not parse again."""
    version: str = ""
    """The store's dataset version when the caller already read it (the HTTP layer does, for ETags)."""
    loaders: Loaders = field(init=False)
    research: ResearchLoaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.store)
        self.research = ResearchLoaders(self.store, self.loaders.batches)  # one level, one batch of each

    def dataset_version(self) -> str:
        """The request's data version, read from the store at most once (keys of `api.derived`)."""
        if not self.version:
            self.version = self.store.dataset_version()
        return self.version

    def derived_version(self) -> str:
        """The data version qualified by the backend answering: the key of `api.derived`. Two backends holding the
        same data have the same version, yet each computes its own answers (tests compare them)."""
        return self._qualified(self.dataset_version())

    def derived_version_now(self) -> str:
        """`derived_version` read from the store again (`DerivedCache.get`'s check that nothing changed)."""
        return self._qualified(self.store.dataset_version())

    def _qualified(self, version: str) -> str:
        answering = getattr(self.store.dataset_version, "__self__", self.store)
        return f"{type(answering).__module__}.{type(answering).__qualname__}:{version}"

    def release(self) -> None:
        """Drop what the request's loaders hold; a later load asks the store again."""
        self.loaders.release()
        self.research.release()


class ReleaseLoaders(SchemaExtension):
    """When an operation ends, its loaders' answers are dropped, so its entities are freed at once instead of at
    the next full garbage collection (which then walks every request's leftovers: ~5 ms of a map page)."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context.context
        if isinstance(context, Context):
            context.release()


Info = _Info[Context, None]
