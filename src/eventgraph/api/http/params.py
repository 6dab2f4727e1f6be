"""Reading a GraphQL-over-HTTP request: query, variables, operationName and extensions, from GET or POST.

Anything malformed is a `ClientError` carrying the HTTP status the specification asks for; nothing here
executes GraphQL. JSON is read defensively: nesting deeper than `MAX_JSON_DEPTH` and strings that cannot be
UTF-8 (a lone surrogate escaped as "\\ud800") are refused here, so nothing later hashes, stores or echoes them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from starlette.requests import Request

from eventgraph.errors import ClientError, InvalidJsonError, InvalidTextError, UnsupportedMediaTypeError

MAX_JSON_DEPTH = 32
"""Arrays and objects nested deeper than this are refused (the schema's inputs nest a few levels at most)."""


@dataclass(frozen=True, slots=True)
class GraphQLParams:
    query: str | None
    variables: dict[str, Any] | None = None
    operation_name: str | None = None
    extensions: dict[str, Any] | None = None


def check_text(text: str, where: str) -> str:
    """`text` unchanged when it can be UTF-8; an `InvalidTextError` naming `where` when it holds a lone surrogate."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidTextError(
                f"{where}: contains {text[exc.start]!r}, a lone surrogate that is not text (send UTF-8)"
            ) from None
    return text


def _non_standard(constant: str) -> NoReturn:
    raise ValueError(f"{constant} is not JSON")


def parse_json(raw: str | bytes, where: str) -> Any:
    """JSON text -> value; refuses invalid JSON, NaN/Infinity, deep nesting and lone surrogates, naming `where`."""
    try:
        value = json.loads(raw, parse_constant=_non_standard)
    except RecursionError:
        raise InvalidJsonError(f"{where}: nested deeper than {MAX_JSON_DEPTH} levels") from None
    except UnicodeDecodeError as exc:
        raise InvalidTextError(f"{where}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except ValueError as exc:
        raise InvalidJsonError(f"{where}: not JSON ({str(exc)[:200]})") from None
    check_json(value, where)
    return value


def check_json(value: Any, where: str) -> None:
    """Walk a decoded JSON value without recursion: depth and text checked everywhere, keys included."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            check_text(item, where)
        elif isinstance(item, dict | list):
            if depth >= MAX_JSON_DEPTH:
                raise InvalidJsonError(f"{where}: nested deeper than {MAX_JSON_DEPTH} levels")
            if isinstance(item, dict):
                for key, child in item.items():
                    check_text(key, where)
                    stack.append((child, depth + 1))
            else:
                stack.extend((child, depth + 1) for child in item)


def _json_param(raw: str | None, name: str) -> Any:
    if raw is None or raw == "":
        return None
    return parse_json(raw, name)


def from_mapping(body: Mapping[str, Any]) -> GraphQLParams:
    """Check the types of the four parameters (null counts as absent)."""
    query = body.get("query")
    variables = body.get("variables")
    operation_name = body.get("operationName")
    extensions = body.get("extensions")
    if query is not None and not isinstance(query, str):
        raise ClientError("query: must be a string")
    if variables is not None and not isinstance(variables, dict):
        raise ClientError("variables: must be a map (JSON object)")
    if operation_name is not None and not isinstance(operation_name, str):
        raise ClientError("operationName: must be a string")
    if extensions is not None and not isinstance(extensions, dict):
        raise ClientError("extensions: must be a map (JSON object)")
    if query is None and not (extensions and "persistedQuery" in extensions):
        raise ClientError("query: missing (send a GraphQL document, or extensions.persistedQuery)")
    return GraphQLParams(query, variables, operation_name, extensions)


def from_query_string(params: Mapping[str, str], *, require_query: bool = True) -> GraphQLParams:
    """GET parameters: variables and extensions are URL-encoded JSON."""
    query = params.get("query")
    operation_name = params.get("operationName") or None
    body = {
        "query": check_text(query, "query") if query is not None else None,
        "variables": _json_param(params.get("variables"), "variables"),
        "operationName": check_text(operation_name, "operationName") if operation_name else None,
        "extensions": _json_param(params.get("extensions"), "extensions"),
    }
    if not require_query and body["query"] is None:
        body["query"] = ""
    return from_mapping(body)


async def from_post(request: Request) -> GraphQLParams:
    """A POST body must be `application/json` (UTF-8) holding a JSON object."""
    content_type = request.headers.get("content-type")
    if not content_type:
        raise UnsupportedMediaTypeError("POST needs Content-Type: application/json", accept_post="application/json")
    media, _, rest = content_type.partition(";")
    if media.strip().lower() != "application/json":
        raise UnsupportedMediaTypeError(
            f"unsupported Content-Type {media.strip()[:100]!r}: send application/json", accept_post="application/json"
        )
    charset = next(
        (
            p.split("=", 1)[1].strip().strip('"').lower()
            for p in rest.split(";")
            if "=" in p and p.split("=", 1)[0].strip().lower() == "charset"
        ),
        "utf-8",
    )
    if charset not in {"utf-8", "utf8"}:
        raise UnsupportedMediaTypeError(f"unsupported charset {charset[:40]!r}: send UTF-8")
    raw = await request.body()
    if not raw.strip():
        raise ClientError("empty body: send a JSON object with a query")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidTextError(f"the body is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    body = parse_json(text, "the body")
    if not isinstance(body, dict):
        raise ClientError("the body must be a JSON object")
    return from_mapping(body)
