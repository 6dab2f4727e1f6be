"""Every request body is read here, before any route sees it: at most `max_bytes`, within `timeout_s`.

A declared Content-Length above the limit is refused (413) without reading a byte; a body that grows past it
while streaming is refused as soon as it does; a client that sends its body too slowly is refused (408). Each
refusal closes the connection. The route then reads the buffered body as usual.
"""

from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventgraph.api.failures import respond
from eventgraph.errors import ClientError, PayloadTooLargeError, RequestTimeoutError


class BodyLimits:
    """Pure ASGI middleware: bounded, timed body reading on every HTTP route."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._read(scope, receive)
        except ClientError as exc:
            response = respond(scope["path"], scope["method"], exc)
            response.headers["connection"] = "close"
            await response(scope, receive, send)
            return
        if body is None:
            return  # the client went away: nobody to answer
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: only http.disconnect can come

        await self.app(scope, replay, send)

    async def _read(self, scope: Scope, receive: Receive) -> bytes | None:
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            raise PayloadTooLargeError(f"the body is {int(declared)} bytes; the limit is {self.max_bytes}")
        chunks: list[bytes] = []
        size = 0
        try:
            with anyio.fail_after(self.timeout_s):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return None
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise PayloadTooLargeError(f"the body is over the limit of {self.max_bytes} bytes")
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        return b"".join(chunks)
        except TimeoutError:
            raise RequestTimeoutError(f"the body did not arrive within {self.timeout_s:g} s") from None
