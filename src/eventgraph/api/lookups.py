"""Entities by id, one or many: `node`/`nodes` by global id, `entity`/`entities` by QID.

Every id of a request is resolved in one batch per step (describe, then owl:sameAs for the ids that describe
nothing, then describe their targets), so a list of 100 ids costs three store round-trips at most.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventgraph.api.context import Info
from eventgraph.api.types.common import Entity
from eventgraph.api.types.registry import wrap
from eventgraph.errors import InvalidArgumentError
from eventgraph.model import EG_ID, WD, P, iri_of


def check_count(argument: str, count: int, maximum: int) -> None:
    """A batch look-up takes at most a page of ids."""
    if count > maximum:
        raise InvalidArgumentError(f"{argument}: at most {maximum} per request (the page cap), got {count}")


def qid_iri(qid: str) -> str:
    """The Wikidata IRI of a QID; a text that is no QID is a client error."""
    if not (qid[:1] == "Q" and qid[1:].isascii() and qid[1:].isdigit()):
        raise InvalidArgumentError(f"qid: {qid[:100]!r} is not a Wikidata item id like 'Q180'")
    return WD + qid


def node_iri(short: str) -> str | None:
    """The IRI of a global id ('Q180', 'eg:slug'), or None when the text is no id of ours (the look-up answers
    null). A text written as our id that cannot be one, being no valid IRI (`eg:x> } ; DROP ALL`), is a client
    error, INVALID_ARGUMENT, as in every id-taking filter."""
    iri = iri_of(short)
    if iri is None and short.startswith(("eg:", WD, EG_ID)):
        raise InvalidArgumentError(
            f"id: {short[:100]!r} is not an id: after 'eg:' only letters, digits and '-', '.', '_', '~' may follow"
        )
    return iri


async def resolve(info: Info, iris: Sequence[str | None]) -> list[Entity | None]:
    """The entity of each IRI, in order (None in place of an unknown one or of None).

    An IRI that describes nothing may be a source's record id for an entity known by its QID
    (eg:wikimedia-cee-meeting -> Q18694077): the entity stating owl:sameAs to it answers instead.
    """
    loaders = info.context.loaders
    wanted = list(dict.fromkeys(i for i in iris if i is not None))
    found = {i: wrap(r) for i, r in zip(wanted, await loaders.resources.load_many(wanted), strict=True)}
    missing = [i for i in wanted if found[i] is None]
    if missing:
        linked = await loaders.referrers.load_many([(i, P.same_as) for i in missing])
        targets = {i: subjects[0] for i, subjects in zip(missing, linked, strict=True) if subjects}
        resources = await loaders.resources.load_many(list(targets.values()))
        for (iri, _), resource in zip(targets.items(), resources, strict=True):
            found[iri] = wrap(resource)
    return [found.get(i) if i is not None else None for i in iris]
