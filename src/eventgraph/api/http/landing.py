"""`/`: a small page for people, linking the explorer, GraphiQL and the other doors; a redirect for programs.

A browser (it names text/html) gets the page. Any other client keeps what `/` always did: a redirect to /graphql,
with the query string kept, so scripts that followed it still land on the GraphQL endpoint.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from eventgraph import __version__
from eventgraph.api.http.negotiation import wants_html

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>eventgraph</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; color: #1d2733; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  .lead { color: #4a5868; margin-top: 0; }
  ul { padding: 0; list-style: none; }
  li { margin: .9rem 0; padding: .7rem 1rem; border: 1px solid #d5dce4; border-radius: 6px; }
  li a { font-weight: 600; font-size: 1.05rem; }
  a { color: #0b5cad; }
  code { background: #f1f4f7; padding: 0 .25rem; border-radius: 3px; }
  footer { color: #5f6d7c; font-size: .85rem; margin-top: 2rem; }
</style>
</head>
<body>
<h1>eventgraph</h1>
<p class="lead">A knowledge graph of Wikimedia movement events, the affiliates that organize them, their places and
partners, linked to Wikidata. Every fact carries its source.</p>
<ul>
  <li><a href="/explore">Explorer</a>: search, entity views, the co-organization network, series timelines, a map
  of events and facet charts, for looking rather than querying.</li>
  <li><a href="/graphql">GraphiQL</a>: write GraphQL queries; its <em>Docs</em> pane is the schema reference.</li>
  <li><a href="/queries">Persisted queries</a>: named queries for dashboards, e.g.
  <a href="/queries/series-editions">/queries/series-editions</a>.</li>
  <li><a href="/sparql">SPARQL</a>: the read-only SPARQL 1.1 endpoint; entities as linked data at
  <code>/entity/{id}</code>, whole-graph exports at <code>/export/{format}</code>.</li>
  <li><a href="/healthz">Health</a>: the dataset version and the store's counts.</li>
</ul>
<p>Documentation lives with the source: <code>README.md</code> and <code>docs/</code> (dashboards and GraphQL over
HTTP, research questions, linked data, the source format).</p>
<footer>eventgraph {version}</footer>
</body>
</html>
"""


async def root(request: Request) -> Response:
    if wants_html(request.headers.get("accept")):
        return HTMLResponse(_PAGE.replace("{version}", __version__))
    query = request.url.query
    return RedirectResponse("/graphql" + (f"?{query}" if query else ""))
