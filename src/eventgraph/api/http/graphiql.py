"""GraphiQL for browsers, from pinned local assets so it works offline.

`make web-assets` installs graphiql 3.x and react/react-dom 18 (UMD builds) from the npm registry into
web/node_modules (git-ignored). When those files are missing the page falls back to strawberry's own page,
which loads the same libraries from a CDN.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from strawberry.http.ides import get_graphql_ide_html

from eventgraph.api.http.headers import inline_script_sources

ASSET_PREFIX = "/graphiql/"
ASSETS: dict[str, tuple[str, str]] = {
    # served name: (path under the assets folder, media type)
    "react.production.min.js": ("react/umd/react.production.min.js", "text/javascript"),
    "react-dom.production.min.js": ("react-dom/umd/react-dom.production.min.js", "text/javascript"),
    "graphiql.min.js": ("graphiql/graphiql.min.js", "text/javascript"),
    "graphiql.min.css": ("graphiql/graphiql.min.css", "text/css"),
}

_PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>eventgraph · GraphiQL</title>
    <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="{prefix}graphiql.min.css">
    <script src="{prefix}react.production.min.js"></script>
    <script src="{prefix}react-dom.production.min.js"></script>
    <script src="{prefix}graphiql.min.js"></script>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script>
      const url = window.location.href.split("?")[0];
      const params = new URLSearchParams(window.location.search);
      const fetcher = GraphiQL.createFetcher({ url });
      const start = `# The editions of a series, in order, with where they were held and how many came.
{
  node(id: "eg:turkic-wikimedia-conference") {
    ... on EventSeries {
      label
      events { label startDate location { label } attendance { text } }
    }
  }
}
`;
      const root = ReactDOM.createRoot(document.getElementById("graphiql"));
      root.render(React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: start,
        query: params.get("query") || undefined,
        variables: params.get("variables") || undefined,
        defaultEditorToolsVisibility: true,
      }));
    </script>
  </body>
</html>
"""


_CSP = (
    "default-src 'none'; script-src 'self' {scripts}; style-src 'self' 'unsafe-inline'{cdn}; "
    "img-src 'self' data:; font-src 'self' data:{cdn}; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
_CDN = "https://unpkg.com"
"""Where strawberry's fallback page loads GraphiQL from (with subresource integrity)."""


def _policy(html: str, cdn: bool) -> str:
    """The page's CSP: its own inline scripts by hash, assets from here (or the CDN), queries to here only."""
    scripts = inline_script_sources(html) + (f" {_CDN}" if cdn else "")
    return _CSP.format(scripts=scripts, cdn=f" {_CDN}" if cdn else "")


class GraphiQLPage:
    """The page and its four asset files."""

    def __init__(self, assets: Path) -> None:
        self.assets = assets
        self._local = _PAGE.replace("{prefix}", ASSET_PREFIX)
        self._fallback = get_graphql_ide_html("graphiql")

    @property
    def local(self) -> bool:
        return all((self.assets / path).is_file() for path, _ in ASSETS.values())

    def page(self) -> HTMLResponse:
        local = self.local
        html = self._local if local else self._fallback
        return HTMLResponse(html, headers={"content-security-policy": _policy(html, cdn=not local)})

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return PlainTextResponse("not found", status_code=404)
        path, media = ASSETS[name]
        if not (self.assets / path).is_file():
            return PlainTextResponse("GraphiQL assets are not installed: run `make web-assets`", status_code=404)
        # pinned versions: the file under one name never changes until the pin does
        return FileResponse(self.assets / path, media_type=media, headers={"cache-control": "public, max-age=86400"})
