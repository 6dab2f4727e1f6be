"""The HTML page of an entity, for people: labels, facts with their sources, relations as links, Wikidata.

Plain string building with `html.escape` on every value: one small page needs no template engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from eventgraph.api.facts import label, lang_strings, pick_language
from eventgraph.model import (
    EG,
    EG_ID,
    RDF_TYPE,
    RDFS_LABEL,
    SCHEMA_DESCRIPTION,
    SKOS_ALT_LABEL,
    WD,
    Fact,
    Iri,
    Literal,
    P,
    Resource,
    SourceInfo,
    qid_of,
    short_id,
)

WIKIDATA_PAGE = "https://www.wikidata.org/wiki/"
_SHOWN_APART = {RDF_TYPE, RDFS_LABEL, SKOS_ALT_LABEL, SCHEMA_DESCRIPTION, P.citation}
_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#202122}
h1{margin:.2rem 0}.kind{color:#54595d;text-transform:uppercase;font-size:.8rem;letter-spacing:.05em}
.id{color:#54595d;font-size:.9rem}table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-top:1px solid #eaecf0}
th{width:12rem;font-weight:600}sup a{text-decoration:none}dl.node{margin:0}dl.node dt{float:left;margin-right:.4rem;
color:#54595d}dl.node dd{margin:0}.lang{color:#72777d;font-size:.8rem}blockquote{margin:.2rem 0 .6rem 1rem;
color:#54595d}ul.values{margin:0;padding-left:1.1rem}
"""


@dataclass(frozen=True, slots=True)
class EntityPage:
    """What the page shows; gathered by the route (a few store round-trips), rendered here without I/O."""

    resource: Resource
    chain: list[str]
    labels: Mapping[str, Resource]  # linked entities, for their labels
    inbound: Sequence[tuple[str, str]]  # (predicate, subject IRI) pointing at this entity
    sources: Mapping[str, SourceInfo]  # by graph IRI
    link: Callable[[str], str]  # entity IRI -> URL of its page
    formats: Sequence[tuple[str, str, str]]  # (name, media type, URL) of this entity in other formats


def _name(predicate: str) -> str:
    local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return "".join(" " + c.lower() if c.isupper() else c for c in local).strip()


class _Renderer:
    def __init__(self, page: EntityPage) -> None:
        self.page = page
        self.graphs = sorted({f.graph for f in page.resource.facts})

    def entity_link(self, iri: str) -> str:
        linked = self.page.labels.get(iri)
        text = (label(linked, self.page.chain) if linked else None) or short_id(iri)
        return f'<a href="{escape(self.page.link(iri))}">{escape(text)}</a>'

    def value(self, fact: Fact) -> str:
        if fact.node is not None:
            return self.node(fact.node)
        value = fact.value
        if isinstance(value, Iri):
            if value.value.startswith((WD, EG_ID)):
                return self.entity_link(value.value)
            if value.value.startswith(EG):
                return escape(_name(value.value))
            return f'<a href="{escape(value.value)}">{escape(value.value)}</a>'
        if isinstance(value, Literal):
            lang = f' <span class="lang">{escape(value.language)}</span>' if value.language else ""
            return escape(value.lexical) + lang
        return escape("_:" + value.id)

    def node(self, node: Resource) -> str:
        rows = [
            f"<dt>{escape(_name(f.predicate))}</dt><dd>{self.value(f)}</dd>"
            for f in sorted(node.facts, key=lambda f: _name(f.predicate))
            if f.predicate not in (RDF_TYPE, P.citation)
        ]
        return '<dl class="node">' + "".join(rows) + "</dl>"

    def cite(self, graphs: Sequence[str]) -> str:
        numbers = sorted(self.graphs.index(g) + 1 for g in graphs)
        marks = [f'<a href="#source-{n}">{n}</a>' for n in numbers]
        return f"<sup>[{', '.join(marks)}]</sup>"

    def facts(self) -> str:
        grouped: dict[str, dict[str, tuple[str, list[str]]]] = {}
        for fact in self.page.resource.facts:
            if fact.predicate in _SHOWN_APART:
                continue
            html = self.value(fact)
            shown = grouped.setdefault(fact.predicate, {}).setdefault(html, (html, []))
            if fact.graph not in shown[1]:
                shown[1].append(fact.graph)
        rows = []
        for predicate in sorted(grouped, key=_name):
            items = "".join(f"<li>{html} {self.cite(graphs)}</li>" for html, graphs in grouped[predicate].values())
            rows.append(f'<tr><th>{escape(_name(predicate))}</th><td><ul class="values">{items}</ul></td></tr>')
        return "<h2>Facts</h2><table>" + "".join(rows) + "</table>" if rows else ""

    def names(self) -> str:
        rows = []
        for predicate, title in ((RDFS_LABEL, "Labels"), (SKOS_ALT_LABEL, "Also known as")):
            values = sorted(lang_strings(self.page.resource, predicate), key=lambda v: (v.language or "", v.lexical))
            if values:
                items = ", ".join(
                    f"{escape(v.lexical)} <span class='lang'>{escape(v.language or '')}</span>" for v in values
                )
                rows.append(f"<tr><th>{title}</th><td>{items}</td></tr>")
        return "<table>" + "".join(rows) + "</table>" if rows else ""

    def inbound(self) -> str:
        if not self.page.inbound:
            return ""
        grouped: dict[str, list[str]] = {}
        for predicate, subject in self.page.inbound:
            grouped.setdefault(predicate, []).append(subject)
        rows = []
        for predicate in sorted(grouped, key=_name):
            links = sorted((self.entity_link(s) for s in dict.fromkeys(grouped[predicate])), key=str.casefold)
            rows.append(f"<tr><th>as {escape(_name(predicate))} of</th><td>{', '.join(links)}</td></tr>")
        return "<h2>Referenced by</h2><table>" + "".join(rows) + "</table>"

    def sources(self) -> str:
        items = []
        for number, graph in enumerate(self.graphs, 1):
            info = self.page.sources.get(graph)
            if info is None:
                items.append(f'<li id="source-{number}">{escape(graph)}</li>')
                continue
            extra = ", ".join(escape(x) for x in (info.licence, info.retrieved and f"retrieved {info.retrieved}") if x)
            items.append(
                f'<li id="source-{number}"><a href="{escape(info.url)}">{escape(info.title)}</a>'
                + (f" ({extra})" if extra else "")
                + "</li>"
            )
        citations = []
        for citation in self.page.resource.nodes(P.citation):
            url = citation.literal(P.url) or next(iter(citation.iris(P.url)), None)
            quote = citation.literal(P.quote)
            if url or quote:
                link = f'<a href="{escape(url)}">{escape(url)}</a>' if url else ""
                quoted = f"<blockquote>{escape(quote)}</blockquote>" if quote else ""
                citations.append(f"<li>{link}{quoted}</li>")
        unique = list(dict.fromkeys(citations))
        cited = "<h3>Citations</h3><ul>" + "".join(unique) + "</ul>" if unique else ""
        return "<h2>Sources</h2><ol>" + "".join(items) + "</ol>" + cited

    def header(self) -> str:
        resource = self.page.resource
        title = label(resource, self.page.chain) or short_id(resource.iri)
        kinds = ", ".join(sorted(_name(t) for t in resource.types if t.startswith(EG))) or "entity"
        ids = [escape(short_id(resource.iri)), f'<a href="{escape(resource.iri)}">{escape(resource.iri)}</a>']
        wikidata = [qid_of(resource.iri)] + [qid_of(i) for i in resource.iris(P.same_as)]
        for qid in dict.fromkeys(q for q in wikidata if q):
            ids.append(f'Wikidata: <a href="{WIKIDATA_PAGE}{qid}">{qid}</a>')
        described = pick_language(lang_strings(resource, SCHEMA_DESCRIPTION), self.page.chain)
        description = f"<p>{escape(described.lexical)}</p>" if described else ""
        return (
            f'<p class="kind">{escape(kinds)}</p><h1>{escape(title)}</h1>'
            f'<p class="id">{" · ".join(ids)}</p>{description}'
        )

    def render(self) -> str:
        title = label(self.page.resource, self.page.chain) or short_id(self.page.resource.iri)
        alternates = "".join(
            f'<link rel="alternate" type="{escape(media)}" href="{escape(url)}">' for _, media, url in self.page.formats
        )
        formats = " · ".join(f'<a href="{escape(url)}">{escape(name)}</a>' for name, _, url in self.page.formats)
        return (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} · eventgraph</title>{alternates}<style>{_STYLE}</style></head><body>"
            f"<header>{self.header()}</header><main>{self.names()}{self.facts()}{self.inbound()}{self.sources()}"
            f"</main><footer><p>Also as {formats}; query it at <a href='/graphql'>/graphql</a> or "
            "<a href='/sparql'>/sparql</a>.</p></footer></body></html>\n"
        )


def render(page: EntityPage) -> str:
    return _Renderer(page).render()
