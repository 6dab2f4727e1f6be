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


class GraphiQLPage:
    """The page and its four asset files."""

    def __init__(self, assets: Path) -> None:
        self.assets = assets

    @property
    def local(self) -> bool:
        return all((self.assets / path).is_file() for path, _ in ASSETS.values())

    def page(self) -> HTMLResponse:
        html = _PAGE.replace("{prefix}", ASSET_PREFIX) if self.local else get_graphql_ide_html("graphiql")
        return HTMLResponse(html)

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return PlainTextResponse("not found", status_code=404)
        path, media = ASSETS[name]
        if not (self.assets / path).is_file():
            return PlainTextResponse("GraphiQL assets are not installed: run `make web-assets`", status_code=404)
        # pinned versions: the file under one name never changes until the pin does
        return FileResponse(self.assets / path, media_type=media, headers={"cache-control": "public, max-age=86400"})
