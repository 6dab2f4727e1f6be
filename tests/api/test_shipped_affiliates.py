"""Shipped affiliates carry the kind and website their pages state (issue 12)."""

from __future__ import annotations

from eventgraph.store.oxigraph import OxigraphStore
from tests.conftest import data_of

ORG = """query($id: ID!) { node(id: $id) { ... on Organization { kind website founded } } }"""


def test_the_affiliates_the_issue_names_have_their_stated_kind(loaded_store: OxigraphStore) -> None:
    def org(node_id: str) -> dict[str, str | None]:
        node = data_of(loaded_store, ORG, {"id": node_id})["node"]
        assert isinstance(node, dict)
        return node

    # Wikimedia UK: "approved as a Wikimedia chapter in January 2009"; Wikipedia: "Homepage: https://wikimedia.org.uk"
    assert org("Q7999857") == {"kind": "CHAPTER", "website": "https://wikimedia.org.uk", "founded": "2008-11"}
    # Wikimedia Argentina: "serves as the local Wikimedia chapter in Argentina"; inaugural meeting 1 September 2007
    assert org("Q18559618") == {"kind": "CHAPTER", "website": None, "founded": "2007-09-01"}
    # afroCROWD: Meta page "AfroCROWD User Group"; "an initiative founded in 2015"
    assert org("eg:afrocrowd") == {"kind": "USER_GROUP", "website": "https://afrocrowd.org/", "founded": "2015"}
    # Wikimedia NYC: "a chapter of the Wikimedia Foundation ... Established in 2009"
    assert org("eg:wikimedia-new-york-city") == {
        "kind": "CHAPTER",
        "website": "https://nyc.wikimedia.org",
        "founded": "2009",
    }
    # Shared Knowledge: "recognized as Wikimedia User Group" on 20 February 2015; "established in March 2014"
    assert org("eg:shared-knowledge") == {"kind": "USER_GROUP", "website": None, "founded": "2014-03"}
