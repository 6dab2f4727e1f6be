"""The Wikidata loader's settings, read from `loaders/wikidata.toml` so discovery and mapping change without code.

Validated on load: a typo in the class table or a QID that is not a QID fails here, naming the key, rather
than silently mapping nothing.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import SPARQLWrapper

from eventgraph import __version__
from eventgraph.errors import LoaderError
from eventgraph.model import EntityClass
from eventgraph.resources import queries_dir
from loaders.local_schema import EVENT_KINDS, ORG_KINDS, PLACE_KINDS

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "wikidata.toml"
CONTACT_ENV = "EVENTGRAPH_WIKIDATA_CONTACT"
_QID = re.compile(r"^Q[1-9]\d*$")
_KINDS: dict[EntityClass, tuple[str, ...]] = {
    EntityClass.EVENT: EVENT_KINDS,
    EntityClass.EVENT_SERIES: EVENT_KINDS,
    EntityClass.ORGANIZATION: ORG_KINDS,
    EntityClass.PLACE: PLACE_KINDS,
}


class ConfigError(LoaderError):
    """The Wikidata loader's configuration is invalid; names the file and key."""


@dataclass(frozen=True, slots=True)
class ClassRule:
    """One row of the class table: items of class `qid` become `entity_class`, with `kind` when given."""

    qid: str
    label: str
    entity_class: EntityClass
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class ClientSettings:
    timeout_s: float = 55.0
    max_attempts: int = 5
    backoff_base_s: float = 2.0
    backoff_max_s: float = 60.0
    jitter: float = 0.5
    retry_after_default_s: float = 60.0
    retry_after_max_s: float = 900.0
    post_above_chars: int = 2000
    batch_size: int = 100


@dataclass(frozen=True, slots=True)
class DiscoverySettings:
    series: bool = True
    organizers: bool = True
    classes: tuple[str, ...] = ("Q22337472",)
    rounds: int = 2
    hops: int = 2
    max_items: int = 3000
    seeds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WikidataConfig:
    """Everything the loader needs besides the store; build with `load_config` or `replace` in tests."""

    endpoint: str = "https://query.wikidata.org/sparql"
    project_url: str = "https://w3id.org/eventgraph/"
    contact: str = ""
    user_agent_override: str = ""
    client: ClientSettings = field(default_factory=ClientSettings)
    languages: tuple[str, ...] = ("en",)
    discovery: DiscoverySettings = field(default_factory=DiscoverySettings)
    classes: tuple[ClassRule, ...] = ()
    snapshot_file: Path = DEFAULT_PATH.parent / "snapshots" / "wikidata.ttl"
    snapshot_items: tuple[str, ...] = ()
    queries_dir: Path = field(default_factory=lambda: queries_dir("wikidata"))

    @property
    def user_agent(self) -> str:
        """The descriptive User-Agent the Wikimedia policy asks for; never a library default alone."""
        if self.user_agent_override:
            return self.user_agent_override
        contact = self.contact or os.environ.get(CONTACT_ENV, "")
        details = "; ".join(part for part in (self.project_url, contact) if part)
        return f"eventgraph/{__version__} ({details}) SPARQLWrapper/{SPARQLWrapper.__version__}"

    def with_endpoint(self, endpoint: str | None) -> WikidataConfig:
        return self if not endpoint else replace(self, endpoint=endpoint)

    def class_rule(self, qid: str) -> ClassRule | None:
        for rule in self.classes:
            if rule.qid == qid:
                return rule
        return None


def load_config(path: Path | str | None = None) -> WikidataConfig:
    """Read and validate the TOML file (default: `loaders/wikidata.toml`)."""
    file = Path(path) if path else DEFAULT_PATH
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{file}: {exc}") from exc
    return parse_config(data, file)


def parse_config(data: dict[str, Any], file: Path) -> WikidataConfig:
    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{file}: {key}: {message}")

    endpoint = _table(data, "endpoint", fail)
    client = _table(data, "client", fail)
    labels = _table(data, "labels", fail)
    discovery = _table(data, "discovery", fail)
    snapshot = _table(data, "snapshot", fail)
    defaults = ClientSettings()
    client_settings = ClientSettings(
        **{
            name: _number(client, name, getattr(defaults, name), fail)
            for name in (f.name for f in fields(ClientSettings))
        }
    )
    if client_settings.max_attempts < 1 or client_settings.batch_size < 1:
        raise fail("client", "max_attempts and batch_size must be at least 1")
    rules = tuple(_class_rule(i, row, fail) for i, row in enumerate(data.get("classes", [])))
    seen: set[str] = set()
    for rule in rules:
        if rule.qid in seen:
            raise fail("classes", f"{rule.qid} appears twice")
        seen.add(rule.qid)
    dd = DiscoverySettings()
    defaults_config = WikidataConfig()
    return WikidataConfig(
        endpoint=str(endpoint.get("url", defaults_config.endpoint)),
        project_url=str(endpoint.get("project_url", defaults_config.project_url)),
        contact=str(endpoint.get("contact", "")),
        user_agent_override=str(endpoint.get("user_agent", "")),
        client=client_settings,
        languages=tuple(str(x) for x in labels.get("languages", ["en"])),
        discovery=DiscoverySettings(
            series=bool(discovery.get("series", dd.series)),
            organizers=bool(discovery.get("organizers", dd.organizers)),
            classes=_qids(discovery, "classes", dd.classes, "discovery.classes", fail),
            rounds=int(discovery.get("rounds", dd.rounds)),
            hops=int(discovery.get("hops", dd.hops)),
            max_items=int(discovery.get("max_items", dd.max_items)),
            seeds=_qids(discovery, "seeds", (), "discovery.seeds", fail),
        ),
        classes=rules,
        snapshot_file=file.parent / str(snapshot.get("file", "snapshots/wikidata.ttl")),
        snapshot_items=_qids(snapshot, "items", (), "snapshot.items", fail),
        queries_dir=queries_dir("wikidata"),
    )


def _table(data: dict[str, Any], key: str, fail: Any) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise fail(key, "must be a table")
    return value


def _number(table: dict[str, Any], name: str, default: float | int, fail: Any) -> Any:
    value = table.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise fail(f"client.{name}", f"must be a non-negative number, got {value!r}")
    return type(default)(value)


def _qids(table: dict[str, Any], name: str, default: tuple[str, ...], key: str, fail: Any) -> tuple[str, ...]:
    values = table.get(name, list(default))
    if not isinstance(values, list) or not all(isinstance(v, str) and _QID.match(v) for v in values):
        raise fail(key, "must be a list of QIDs like 'Q22337472'")
    return tuple(values)


def _class_rule(index: int, row: Any, fail: Any) -> ClassRule:
    key = f"classes[{index}]"
    if not isinstance(row, dict):
        raise fail(key, "must be a table")
    qid = row.get("qid")
    if not isinstance(qid, str) or not _QID.match(qid):
        raise fail(f"{key}.qid", f"not a QID: {qid!r}")
    try:
        entity_class = EntityClass(row.get("type"))
    except ValueError as exc:
        raise fail(f"{key}.type", f"unknown type {row.get('type')!r}") from exc
    kind = row.get("kind")
    allowed = _KINDS.get(entity_class, ())
    if kind is not None and kind not in allowed:
        raise fail(f"{key}.kind", f"{kind!r} is not a kind of {entity_class.value} ({', '.join(allowed)})")
    return ClassRule(qid=qid, label=str(row.get("label", "")), entity_class=entity_class, kind=kind)
