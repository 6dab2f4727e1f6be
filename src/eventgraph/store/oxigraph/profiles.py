"""Event profiles: the few facts relating and measuring events need, for many events in one query.

The backend keeps every event's profiles until the data changes: related events score one event against all of
them, on every request that asks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from eventgraph.model import EntityClass, EventProfile
from eventgraph.store.oxigraph.points import points
from eventgraph.store.oxigraph.sparql_text import Select, fill, values

_LINKS = {
    "series": "series",
    "organizer": "organizers",
    "partner": "partners",
    "place": "places",
    "country": "countries",
}


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def event_profiles(select: Select, iris: Sequence[str] | None) -> list[EventProfile]:
    """Profiles of these events (of every event when `iris` is None), sorted by IRI; unknown IRIs are absent."""
    rows = select(fill("store/event-profiles.rq", values=values("s", iris) if iris is not None else ""))
    links: dict[str, dict[str, dict[str, None]]] = defaultdict(lambda: defaultdict(dict))
    starts: dict[str, list[date]] = defaultdict(list)
    ends: dict[str, list[date]] = defaultdict(list)
    for row in rows:
        subject, key, value = row["s"], row["key"], row.get("value", "")
        entry = links[subject]  # every event has its "event" row, so each gets an entry
        if key in _LINKS and value:
            entry[_LINKS[key]].setdefault(value, None)
        elif key in ("start", "end") and (day := _day(value)) is not None:
            (starts if key == "start" else ends)[subject].append(day)
    where = points(select, EntityClass.EVENT, list(links)) if links else {}
    profiles = []
    for subject in sorted(links):
        found = links[subject]
        profiles.append(
            EventProfile(
                iri=subject,
                series=tuple(sorted(found["series"])),
                organizers=tuple(sorted(found["organizers"])),
                partners=tuple(sorted(found["partners"])),
                places=tuple(sorted(found["places"])),
                countries=tuple(sorted(found["countries"])),
                start=min(starts[subject]) if starts[subject] else None,
                end=max(ends[subject]) if ends[subject] else None,
                points=where.get(subject, ()),
            )
        )
    return profiles
