"""Finding items without guessing: sitelinks for local pages, then bounded discovery rules from what is known.

Sitelinks are exact (a page belongs to at most one item), so a title resolves or it does not; nothing is
matched by label. Discovery follows only the configured rules (series editions, organized or sponsored
events, instances of configured classes) for a configured number of rounds and items.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from eventgraph.model import WD, Iri, Term, qid_of
from loaders.wikidata.client import SparqlExecutor
from loaders.wikidata.config import WikidataConfig
from loaders.wikidata.queries import batches, bind, valid_iri

# characters MediaWiki's wfUrlencode leaves as they are in titles
_TITLE_SAFE = ";@$!*(),/~:"
_WIKI_PATH = re.compile(r"^/wiki/(.+)$")


def page_spellings(url: str) -> list[str]:
    """The ways Wikidata may spell the sitelink of this page URL: https, no mobile host, `_` for spaces,
    percent-encoded like MediaWiki, first letter upper-case; the URL as given comes first."""
    spellings = [url]
    parts = urlsplit(url.strip())
    match = _WIKI_PATH.match(parts.path)
    if parts.netloc and match:
        host = parts.netloc.lower().replace(".m.", ".")
        title = unquote(match.group(1)).replace(" ", "_")
        for variant in (title, title[:1].upper() + title[1:]):
            spellings.append(f"https://{host}/wiki/{quote(variant, safe=_TITLE_SAFE)}")
    return [s for s in dict.fromkeys(spellings) if valid_iri(s)]


@dataclass(slots=True)
class SitelinkResult:
    """Which page resolved to which item; pages of no item; pages of several items (ambiguous)."""

    items: dict[str, str] = field(default_factory=dict)  # page URL as given -> QID
    unresolved: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)


def resolve_pages(executor: SparqlExecutor, config: WikidataConfig, pages: Iterable[str]) -> SitelinkResult:
    """Resolve page URLs through `schema:about` sitelinks, a batch of pages per query."""
    result = SitelinkResult()
    wanted = sorted(set(pages))
    for batch in batches(wanted, config.client.batch_size):
        spelled: dict[str, str] = {}
        for page in batch:
            for spelling in page_spellings(page):
                spelled.setdefault(spelling, page)
        terms: list[Term] = [Iri(s) for s in spelled]
        found: dict[str, set[str]] = defaultdict(set)
        if terms:
            for row in executor.select(bind(config.queries_dir, "sitelinks", {"page": terms})):
                page_term, item = row.get("page"), row.get("item")
                if isinstance(page_term, Iri) and isinstance(item, Iri) and page_term.value in spelled:
                    qid = qid_of(item.value)
                    if qid:
                        found[spelled[page_term.value]].add(qid)
        for page in batch:
            qids = sorted(found.get(page, ()), key=lambda q: int(q[1:]))
            if len(qids) == 1:
                result.items[page] = qids[0]
            elif qids:
                result.ambiguous[page] = qids
            else:
                result.unresolved.append(page)
    return result


@dataclass(slots=True)
class Discovery:
    """Items found by the rules, each with why (`edition of <series>`, `organizer <org>`, `instance of <class>`)."""

    reasons: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    rule_counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    truncated: bool = False


def discover(
    executor: SparqlExecutor,
    config: WikidataConfig,
    known: Iterable[str],
    on_batch: Callable[[int], None],
) -> Discovery:
    """Apply the discovery rules from `known` QIDs; return what they find beyond `known`."""
    rules = config.discovery
    seen = set(known)
    found = Discovery()
    directory, size = config.queries_dir, config.client.batch_size

    def add(qid: str | None, reason: str, rule: str) -> bool:
        """Record why `qid` was found; True only the first time a new item is found."""
        if not qid:
            return False
        if qid in found.reasons:
            if reason not in found.reasons[qid]:
                found.reasons[qid].append(reason)
            return False
        if qid in seen:
            return False
        if len(seen) >= rules.max_items:
            found.truncated = True
            return False
        seen.add(qid)
        found.reasons[qid].append(reason)
        found.rule_counts[rule] += 1
        return True

    frontier = sorted(seen, key=_order)
    if rules.classes:
        classes: list[Term] = [Iri(WD + c) for c in rules.classes]
        fresh: list[str] = []
        for row in executor.select(bind(directory, "discover-class-instances", {"class": classes})):
            item, cls = _qid(row.get("item")), _qid(row.get("class"))
            if item and cls and add(item, f"instance of {cls}", "class"):
                fresh.append(item)
        on_batch(len(found.reasons))
        frontier = sorted(set(frontier) | set(fresh), key=_order)
    for _ in range(max(rules.rounds, 0)):
        fresh = []
        for batch in batches(frontier, size):
            terms: list[Term] = [Iri(WD + q) for q in batch]
            if rules.series:
                for row in executor.select(bind(directory, "discover-series-editions", {"series": terms})):
                    item, series = _qid(row.get("item")), _qid(row.get("series"))
                    if item and series and add(item, f"edition of {series}", "series"):
                        fresh.append(item)
            if rules.organizers:
                for row in executor.select(bind(directory, "discover-organized-events", {"org": terms})):
                    item, org = _qid(row.get("item")), _qid(row.get("org"))
                    prop = row.get("property")
                    role = "sponsor" if isinstance(prop, Iri) and prop.value.endswith("P859") else "organizer"
                    if item and org and add(item, f"{role} {org}", role):
                        fresh.append(item)
            on_batch(len(found.reasons))
        if not fresh:
            break
        frontier = sorted(set(fresh), key=_order)
    return found


def class_ancestors(
    executor: SparqlExecutor, config: WikidataConfig, classes: Iterable[str], on_batch: Callable[[], None]
) -> Mapping[str, set[str]]:
    """For classes outside the class table: the table classes each is a (transitive) subclass of."""
    table: list[Term] = [Iri(WD + rule.qid) for rule in config.classes]
    wanted = sorted({c for c in classes if config.class_rule(c) is None}, key=_order)
    ancestors: dict[str, set[str]] = defaultdict(set)
    if not table:
        return ancestors
    for batch in batches(wanted, config.client.batch_size):
        terms: list[Term] = [Iri(WD + c) for c in batch]
        for row in executor.select(bind(config.queries_dir, "class-ancestors", {"class": terms, "mapped": table})):
            cls, mapped = _qid(row.get("class")), _qid(row.get("mapped"))
            if cls and mapped:
                ancestors[cls].add(mapped)
        on_batch()
    return ancestors


def _qid(term: Term | None) -> str | None:
    return qid_of(term.value) if isinstance(term, Iri) else None


def _order(qid: str) -> int:
    return int(qid[1:])
