"""Reading a GraphQL-over-HTTP request: query, variables, operationName and extensions, from GET or POST.

Anything malformed is a `RequestError` carrying the HTTP status the specification asks for; nothing here
executes GraphQL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request


@dataclass(frozen=True, slots=True)
class RequestError(Exception):
    """A request that is not a well-formed GraphQL request, or is refused before execution."""

    status: int
    message: str
    code: str = "BAD_REQUEST"
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GraphQLParams:
    query: str | None
    variables: dict[str, Any] | None = None
    operation_name: str | None = None
    extensions: dict[str, Any] | None = None


def _json_param(raw: str | None, name: str) -> Any:
    if raw is None or raw == "":
        return None
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise RequestError(400, f"{name}: not valid JSON ({exc})") from exc


def from_mapping(body: Mapping[str, Any]) -> GraphQLParams:
    """Check the types of the four parameters (null counts as absent)."""
    query = body.get("query")
    variables = body.get("variables")
    operation_name = body.get("operationName")
    extensions = body.get("extensions")
    if query is not None and not isinstance(query, str):
        raise RequestError(400, "query: must be a string")
    if variables is not None and not isinstance(variables, dict):
        raise RequestError(400, "variables: must be a map (JSON object)")
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestError(400, "operationName: must be a string")
    if extensions is not None and not isinstance(extensions, dict):
        raise RequestError(400, "extensions: must be a map (JSON object)")
    if query is None and not (extensions and "persistedQuery" in extensions):
        raise RequestError(400, "query: missing (send a GraphQL document, or extensions.persistedQuery)")
    return GraphQLParams(query, variables, operation_name, extensions)


def from_query_string(params: Mapping[str, str], *, require_query: bool = True) -> GraphQLParams:
    """GET parameters: variables and extensions are URL-encoded JSON."""
    body = {
        "query": params.get("query"),
        "variables": _json_param(params.get("variables"), "variables"),
        "operationName": params.get("operationName") or None,
        "extensions": _json_param(params.get("extensions"), "extensions"),
    }
    if not require_query and body["query"] is None:
        body["query"] = ""
    return from_mapping(body)


async def from_post(request: Request) -> GraphQLParams:
    """A POST body must be `application/json` (UTF-8) holding a JSON object."""
    content_type = request.headers.get("content-type")
    if not content_type:
        raise RequestError(
            415, "POST needs Content-Type: application/json", headers={"accept-post": "application/json"}
        )
    media, _, rest = content_type.partition(";")
    if media.strip().lower() != "application/json":
        raise RequestError(
            415,
            f"unsupported Content-Type {media.strip()!r}: send application/json",
            headers={"accept-post": "application/json"},
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
        raise RequestError(415, f"unsupported charset {charset!r}: send UTF-8")
    raw = await request.body()
    if not raw.strip():
        raise RequestError(400, "empty body: send a JSON object with a query")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RequestError(400, f"the body is not valid JSON ({exc})") from exc
    if not isinstance(body, dict):
        raise RequestError(400, "the body must be a JSON object")
    return from_mapping(body)
