"""Serving the app with uvicorn, hardened: a header timeout for slow clients and no `server` header.

uvicorn bounds the wait between requests on a kept-alive connection (5 s) but not the time a client takes to
send a request's head: a client sending one header byte at a time, or one byte of its next request, held the
connection open indefinitely. `GuardedH11Protocol` gives every request head `header_timeout` seconds from its
first byte (or from the connection's start), then answers 408 and closes. Bodies are timed by
`eventgraph.api.http.intake.BodyLimits`.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from eventgraph.api.http.settings import HttpSettings

_TIMEOUT_BODY = b"REQUEST_TIMEOUT: the request head did not arrive in time\n"
_TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
    + f"content-length: {len(_TIMEOUT_BODY)}\r\n\r\n".encode("ascii")
    + _TIMEOUT_BODY
)


@functools.cache
def _configured_header_timeout() -> float:
    return HttpSettings.from_env().header_timeout


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request head.

    `eventgraph serve` names this class to uvicorn by import path (its worker processes import it), so the
    deadline comes from `EVENTGRAPH_HEADER_TIMEOUT` (which the serve flag sets), read once per process;
    `protocol(seconds)` makes a subclass with a fixed deadline for an in-process server.
    """

    header_timeout: float | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and not self._busy():
            self._arm()  # the first byte of a new request on a kept-alive connection
        super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._disarm()  # between requests uvicorn's keep-alive timeout applies
        super().on_response_complete()

    def _busy(self) -> bool:
        """A request's head has arrived and its response is not finished: the head deadline no longer applies."""
        return self.cycle is not None and not self.cycle.response_complete

    def _arm(self) -> None:
        self._disarm()
        deadline = self.header_timeout if self.header_timeout is not None else _configured_header_timeout()
        self._head_timer = self.loop.call_later(deadline, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._busy() or self.transport.is_closing():
            return
        if self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE:
            self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()


def protocol(header_timeout: float) -> type[GuardedH11Protocol]:
    """The protocol class with this deadline (uvicorn instantiates it per connection)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"header_timeout": header_timeout})


def config(app: Any, settings: HttpSettings, host: str, port: int, **options: Any) -> uvicorn.Config:
    """The uvicorn configuration for `app` under `settings` (more uvicorn `options` pass through)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol(settings.header_timeout),
        server_header=False,
        **({"access_log": settings.access_log} | options),
    )
