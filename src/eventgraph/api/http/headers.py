"""Hardened response headers: no MIME sniffing, no framing, no referrer, and a strict CSP on HTML pages.

Pages that need more (GraphiQL's scripts) set their own Content-Security-Policy; this middleware only fills in
what a response lacks, so a route stays free to be stricter or to name its exact needs.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HTML_CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""For pages without a policy of their own (/, /explore, the /sparql form, entity pages): scripts only as files from
this origin (no inline script, no eval), requests to this origin, same-origin forms."""

_ALWAYS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def inline_script_sources(html: str) -> str:
    """CSP source expressions ('sha256-...') allowing exactly the inline scripts of `html`."""
    digests = (hashlib.sha256(body.encode("utf-8")).digest() for body in _INLINE_SCRIPT.findall(html))
    return " ".join(f"'sha256-{base64.b64encode(d).decode('ascii')}'" for d in digests)


class SecurityHeaders:
    """Pure ASGI middleware adding the headers above to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _ALWAYS.items():
                    headers.setdefault(name, value)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("content-security-policy", HTML_CSP)
            await send(message)

        await self.app(scope, receive, send_hardened)
