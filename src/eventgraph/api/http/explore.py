"""The researchers' explorer: /explore and its files, as `make web-assets` built them (web/build.mjs).

The page is static: it talks to the public GraphQL API (persisted queries under /queries) from the browser, so
this module only serves files. Every view keeps its state in the query string, and /explore answers the same page
whatever the query string is. Nothing here executes GraphQL.
"""

from __future__ import annotations

import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from eventgraph.api.http.caching import none_match

EXPLORE_PATH = "/explore"
PAGE = "index.html"
NOT_BUILT = "The explorer is not built here: run `make web-assets` (make serve and make test do)."

_MEDIA = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
}
# a flat folder of plain names: no dot first, no separators, a known extension
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,120}$")
# files change when the build runs again: revalidate each time, cheaply, through the ETag
_REVALIDATE = "public, max-age=0, must-revalidate"


class ExplorerPage:
    """/explore (the page) and /explore/{name} (its script, style, map shapes and notices)."""

    def __init__(self, assets: Path) -> None:
        self.assets = assets

    @property
    def built(self) -> bool:
        return (self.assets / PAGE).is_file()

    async def page(self, request: Request) -> Response:
        return self._file(PAGE, request)

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if not _NAME.match(name) or Path(name).suffix not in _MEDIA or name == PAGE:
            return PlainTextResponse("not found", status_code=404)
        return self._file(name, request)

    def _file(self, name: str, request: Request) -> Response:
        path = self.assets / name
        if not path.is_file():
            return PlainTextResponse(NOT_BUILT if not self.built else "not found", status_code=404)
        response = FileResponse(path, media_type=_MEDIA[path.suffix], headers={"cache-control": _REVALIDATE})
        response.set_stat_headers(path.stat())
        if none_match(request.headers.get("if-none-match"), response.headers["etag"]):
            return Response(status_code=304, headers={"etag": response.headers["etag"], "cache-control": _REVALIDATE})
        return response
