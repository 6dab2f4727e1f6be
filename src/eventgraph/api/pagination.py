"""Opaque offset cursors and page-size checks shared by every connection."""

from __future__ import annotations

import base64
import binascii

from eventgraph.errors import InvalidCursorError, PageSizeError

_PREFIX = "offset:"


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidCursorError(cursor) from exc
    if not text.startswith(_PREFIX) or not text[len(_PREFIX) :].isdigit():
        raise InvalidCursorError(cursor)
    return int(text[len(_PREFIX) :])


def page_window(first: int | None, after: str | None, default: int, maximum: int) -> tuple[int, int]:
    """(offset, limit) for `first`/`after`; an absurd page size is an error that names the cap."""
    size = default if first is None else first
    if size < 0 or size > maximum:
        raise PageSizeError(size, maximum)
    offset = decode_cursor(after) + 1 if after is not None else 0
    return offset, size
