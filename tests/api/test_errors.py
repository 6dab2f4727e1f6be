"""One mapping from exceptions to statuses and codes, walking the class hierarchy; every code documented."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import GraphQLError, parse
from starlette.exceptions import HTTPException

from eventgraph import errors
from eventgraph.api import failures
from eventgraph.api.context import Limits
from eventgraph.api.guards import check, measure

DOC = Path(__file__).resolve().parents[2] / "docs" / "errors.md"


def _subclasses(cls: type[errors.EventGraphError]) -> list[type[errors.EventGraphError]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_code_is_documented() -> None:
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE))
    codes = {cls.code for cls in _subclasses(errors.ClientError)}
    codes |= {cls.code for cls in _subclasses(errors.UnavailableError)} | {"UNAVAILABLE", "NOT_IMPLEMENTED"}
    codes |= set(failures._CODES.values()) | {"CLIENT_DISCONNECTED", "HTTP_ERROR", "INTERNAL_SERVER_ERROR"}
    codes |= {"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "TOKEN_LIMIT"}
    shape_errors = check(measure(parse("{ a: b { c { d } } }")), Limits(max_depth=0, max_aliases=0))
    codes |= {e.extensions["code"] for e in shape_errors if e.extensions}
    assert codes - documented == set()


def test_no_client_error_is_a_5xx_and_every_class_has_a_status() -> None:
    for cls in _subclasses(errors.ClientError):
        assert 400 <= cls.http_status < 500, cls
    assert errors.EventGraphError.http_status == 500


def test_the_lookup_walks_the_class_hierarchy() -> None:
    class Special(errors.PayloadTooLargeError):
        code = "SPECIAL"

    failure = failures.classify(Special("too big"))
    assert (failure.status, failure.code, failure.message) == (413, "SPECIAL", "too big")
    assert failures.classify(errors.StoreError("/secret/path")).message == failures.MASKED
    assert failures.classify(KeyError("x")).status == 500
    assert failures.classify(HTTPException(405)).code == "METHOD_NOT_ALLOWED"
    wrapped = GraphQLError("bad cursor", original_error=errors.InvalidCursorError("zzz"))
    assert failures.classify(wrapped).code == "INVALID_CURSOR"
    assert failures.classify(GraphQLError("boom", original_error=RuntimeError("x"))).message == failures.MASKED
    busy = failures.classify(errors.SparqlBusyError("all busy"))
    assert (busy.status, busy.code, busy.headers) == (503, "BUSY", {"retry-after": "5"})


def test_log_lines_cannot_be_forged_or_flooded() -> None:
    line = failures.one_line("evil\nERROR forged line " + "x" * 10_000)
    assert "\n" not in line
    assert len(line) < 400
