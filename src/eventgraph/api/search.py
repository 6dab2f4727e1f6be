"""The `search` root field: names in every loaded language, folded for case and diacritics, ranked."""

from __future__ import annotations

from eventgraph.api.context import Info
from eventgraph.api.pagination import page_window
from eventgraph.api.types.common import LangString
from eventgraph.api.types.registry import wrap
from eventgraph.api.types.search import EntityType, MatchKind, NameField, SearchResult
from eventgraph.errors import InvalidArgumentError
from eventgraph.model import SearchQuery

MAX_TEXT = 200


async def search(
    info: Info, text: str, types: list[EntityType] | None, lang: str | None, first: int | None
) -> list[SearchResult]:
    """One store call for the hits, one batched describe for their entities."""
    if not text.strip():
        raise InvalidArgumentError("text: give at least one letter or digit to search for")
    if len(text) > MAX_TEXT:
        raise InvalidArgumentError(f"text: at most {MAX_TEXT} characters")
    limits = info.context.limits
    _, limit = page_window(first, None, limits.default_page_size, limits.max_page_size)
    query = SearchQuery(text, tuple(t.entity_class for t in types or []), lang or None, limit)
    hits = info.context.store.search(query)
    resources = await info.context.loaders.resources.load_many([h.iri for h in hits])
    results = []
    for hit, resource in zip(hits, resources, strict=True):
        entity = wrap(resource)
        if entity is None:
            continue
        results.append(
            SearchResult(
                entity=entity,
                type=EntityType(hit.entity_class.value),
                matched=LangString(value=hit.matched.lexical, lang=hit.matched.language),
                field=NameField(hit.field),
                match=MatchKind(hit.match.value),
                score=hit.score,
            )
        )
    return results
