"""Whether an entity's property values agree with a reconciliation query's condition on that property."""

from __future__ import annotations

from collections.abc import Sequence

from eventgraph.api.reconcile.requests import Condition, EntityRef, Value
from eventgraph.api.reconcile.values import Linked, PropertyValue
from eventgraph.api.reconcile.vocabulary import BY_ID, ValueKind
from eventgraph.model import iri_of
from eventgraph.store.search import fold


def _date(text: str) -> str:
    """A date as the client sends it ('2019', '2019-08-14', OpenRefine's '2019-08-14T00:00:00Z') to the day."""
    return text.strip()[:10]


def _same(wanted: Value, have: PropertyValue, kind: ValueKind) -> bool:
    if isinstance(have, Linked):
        if isinstance(wanted, EntityRef):
            return wanted.id == have.id or iri_of(wanted.id) == have.iri
        text = str(wanted)
        return iri_of(text.strip()) == have.iri or fold(text) in have.names or fold(text) == fold(have.name)
    if isinstance(wanted, EntityRef):
        wanted = wanted.name or wanted.id
    if kind is ValueKind.NUMBER:
        try:
            return int(str(wanted)) == have
        except ValueError:
            return False
    if kind is ValueKind.DATE:
        asked, stated = _date(str(wanted)), str(have)
        return bool(asked) and (asked.startswith(stated) or stated.startswith(asked))  # '2019' agrees with '2019-08'
    return fold(str(wanted)) == fold(str(have))


def agrees(condition: Condition, values: Sequence[PropertyValue]) -> bool | None:
    """True when one of the wanted values matches one of the entity's; False when none does; None when the
    entity has no value for the property (nothing to compare)."""
    if not values:
        return None
    kind = BY_ID[condition.pid].kind
    return any(_same(wanted, have, kind) for wanted in condition.values for have in values)
