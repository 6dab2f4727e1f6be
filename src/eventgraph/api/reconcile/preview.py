"""The preview of an entity OpenRefine shows in a small frame: its name, type, description and key values.

Static HTML (no script, styles inline), every text escaped; served with a Content-Security-Policy that allows
nothing but those styles, so a value from a source can never run in the client.
"""

from __future__ import annotations

from html import escape

from eventgraph.api.reconcile.values import Linked, PropertyValue, ValueReader, description, entity_class, label, qid
from eventgraph.api.reconcile.vocabulary import BY_ID, TYPE_NAMES, properties_of
from eventgraph.model import Resource, short_id
from eventgraph.store.protocols import GraphReader

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_SHOWN = ("kind", "shortName", "founded", "startDate", "endDate", "location", "country", "series", "eventCount")


def _text(values: list[PropertyValue]) -> str:
    return ", ".join(escape(v.name if isinstance(v, Linked) else str(v)) for v in values)


def render(store: GraphReader, resource: Resource, base: str) -> str:
    """The preview page of one described entity; `base` is the service root for the link to its full page."""
    cls = entity_class(resource)
    shown = [p for p in _SHOWN if cls is not None and BY_ID[p] in properties_of(cls)]
    values = ValueReader(store).read([resource], shown)[resource.iri]
    rows = "".join(f"<tr><th>{escape(BY_ID[p].name)}</th><td>{_text(values[p])}</td></tr>" for p in shown if values[p])
    ident = short_id(resource.iri)
    name = escape(label(resource))
    parts = [
        f'<a href="{escape(base)}entity/{escape(ident)}" target="_blank" style="font-weight:bold;font-size:15px">'
        f"{name}</a>",
        f'<div style="color:#555">{escape(TYPE_NAMES[cls]) if cls else ""} · {escape(ident)}',
    ]
    found = qid(resource)
    if found:
        parts.append(f' · <a href="https://www.wikidata.org/wiki/{escape(found)}" target="_blank">{escape(found)}</a>')
    parts.append("</div>")
    about = description(resource)
    if about:
        parts.append(f'<p style="margin:4px 0">{escape(about)}</p>')
    parts.append(f'<table style="border-collapse:collapse;text-align:left">{rows}</table>')
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title></head>'
        f'<body style="font:13px/1.4 system-ui,sans-serif;margin:6px">{"".join(parts)}</body></html>'
    )
