"""Every request body is read here, before any route sees it: at most `max_bytes`, within `timeout_s`.

A body above the limit (declared by Content-Length, or growing past it while streaming) is refused with 413
before any route sees it; a client that sends its body too slowly is refused (408). Each refusal closes the
connection. Before a 413 the rest of the body is read and dropped, up to `DRAIN_FACTOR` times the limit and
within the time limit: closing a socket with unread data resets it, and the client would lose the answer. The
route then reads the buffered body as usual.
"""

from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventgraph.api.failures import respond
from eventgraph.errors import ClientError, PayloadTooLargeError, RequestTimeoutError

DRAIN_FACTOR = 8
"""A refused body is read and dropped up to this many times the limit (8 MiB for 1 MiB), then the socket closes."""


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
        chunks: list[bytes] = []
        size = 0
        try:
            with anyio.fail_after(self.timeout_s):
                if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
                    await self._drain(receive, 0)
                    raise PayloadTooLargeError(f"the body is {int(declared)} bytes; the limit is {self.max_bytes}")
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return None
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    more = bool(message.get("more_body", False))
                    if size > self.max_bytes:
                        if more:
                            await self._drain(receive, size)
                        raise PayloadTooLargeError(f"the body is over the limit of {self.max_bytes} bytes")
                    chunks.append(chunk)
                    if not more:
                        return b"".join(chunks)
        except TimeoutError:
            raise RequestTimeoutError(f"the body did not arrive within {self.timeout_s:g} s") from None

    async def _drain(self, receive: Receive, size: int) -> None:
        """Read and drop the rest of a refused body, up to `DRAIN_FACTOR` times the limit."""
        while size <= self.max_bytes * DRAIN_FACTOR:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if not message.get("more_body", False):
                return
