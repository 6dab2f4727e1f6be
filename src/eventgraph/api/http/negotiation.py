"""Content negotiation for /graphql, as the GraphQL-over-HTTP specification asks.

`application/graphql-response+json` when the client names it, `application/json` for `*/*` or no Accept header
(the specification's default), `application/ld+json` only when named; None means 406.
"""

from __future__ import annotations

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
JSON_LD = "application/ld+json"
HTML = "text/html"

SUPPORTED = (GRAPHQL_RESPONSE, JSON, JSON_LD)


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """(q, specificity) of the most specific range that matches `media`; (0, -1) when none does."""
    major = media.split("/")[0]
    best = (0.0, -1)
    for candidate, quality in ranges:
        if candidate == media:
            specificity = 2
        elif candidate == f"{major}/*":
            specificity = 1
        elif candidate == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best[1]:
            best = (quality, specificity)
    return best


def choose(accept: str | None, offered: tuple[str, ...] = SUPPORTED) -> str | None:
    """The media type to answer with, or None when the client accepts none we offer."""
    if not accept or not accept.strip():
        return JSON
    ranges = _ranges(accept)
    scored = []
    for preference, media in enumerate(offered):
        quality, specificity = _quality(media, ranges)
        if quality > 0 and (specificity == 2 or media == JSON):
            # wildcards select plain JSON only: the specification's default, and what old clients parse
            scored.append((quality, specificity, -preference, media))
    if not scored:
        return None
    return max(scored)[3]


def wants_html(accept: str | None) -> bool:
    """A browser navigating to /graphql: it names text/html and prefers it to JSON."""
    if not accept:
        return False
    ranges = _ranges(accept)
    html, html_specific = _quality(HTML, ranges)
    json_q, json_specific = _quality(JSON, ranges)
    return html_specific == 2 and html > 0 and (json_specific < 2 or html >= json_q)
