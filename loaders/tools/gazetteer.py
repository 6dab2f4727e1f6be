"""Link the shipped places to the gazetteer (shared/reference/gazetteer/) and write the result as a source file.

    python -m loaders.tools.gazetteer --gazetteer ../shared/reference/gazetteer

reads every curated file in loaders/sources/ (not its own output), matches each city and country to one Natural
Earth row and writes loaders/sources/gazetteer-natural-earth.yaml: per linked place its QID, coordinates (NE's
LATITUDE/LONGITUDE attributes), its names in the gazetteer's languages (as labels in languages the curated files
leave open, as aliases where they already have a label), its country (`contained_in`), each record citing its row.

Matching follows the gazetteer README (3.1): a city matches on name + country (+ admin-1 when the curated name
carries one, "Columbus, Ohio"), never on its name alone; a city whose curated record has a verified QID matches
the row with that QID when the names agree. A country matches on its name or its QID. Nothing ambiguous is
guessed: places with no row, several rows, no stated country or a deliberate exclusion are listed, with the
reason, at the top of the written file and on stdout. Venues are not in Natural Earth.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from loaders.tools.natural_earth import Row, read_countries, read_places
from loaders.yaml_lines import load_yaml

OUTPUT_NAME = "gazetteer-natural-earth.yaml"
SOURCES_DIR = Path(__file__).resolve().parents[1] / "sources"

EXCLUDED: dict[str, str] = {
    "palestine": (
        "NE's row is Q23792 (the region); the curated sources' 'Palestine' (an operating area, a host country) "
        "does not say whether it means that region or the State of Palestine (Q219060): left unlinked on purpose "
        "(gazetteer README 3.7)"
    ),
}
"""Curated ids left unlinked by decision, with the reason."""


def norm(text: str) -> str:
    """A name for comparison: case and diacritics folded, punctuation as spaces, the article 'the' dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^\w]+", " ", plain).split()
    return " ".join(w for w in words if w != "the")


@dataclass
class Curated:
    """One place as the curated files state it, all copies merged."""

    id: str
    kind: str | None = None
    qid: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    contained_in: str | None = None

    def names(self) -> set[str]:
        return {*self.labels.values(), *(a for names in self.aliases.values() for a in names)}


def read_curated(directory: Path, output: Path) -> dict[str, Curated]:
    """Every Place record of the curated files (the generated output excluded)."""
    places: dict[str, Curated] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.resolve() == output.resolve():
            continue
        for record in load_yaml(path.read_text(encoding="utf-8")).get("records") or []:
            if record.get("type") == "Place":
                _merge(places.setdefault(record["id"], Curated(record["id"])), record)
    return places


def _merge(place: Curated, record: dict[str, Any]) -> None:
    place.kind = place.kind or record.get("kind")
    place.qid = place.qid or record.get("qid")
    place.contained_in = place.contained_in or record.get("contained_in")
    label = record.get("label")
    for lang, text in label.items() if isinstance(label, dict) else [("en", label)]:
        place.labels.setdefault(str(lang), str(text).strip())
    aliases = record.get("aliases") or []
    for lang, names in aliases.items() if isinstance(aliases, dict) else [("en", aliases)]:
        place.aliases.setdefault(str(lang), []).extend(str(n).strip() for n in names)


@dataclass
class Linking:
    """The outcome: rows per curated id, countries to add, and what stayed unlinked and why."""

    countries: dict[str, Row] = field(default_factory=dict)
    places: dict[str, Row] = field(default_factory=dict)
    country_of: dict[str, str] = field(default_factory=dict)  # curated place id -> country id
    new_countries: dict[str, Row] = field(default_factory=dict)  # generated id -> row
    unlinked: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # venues: Natural Earth holds cities and countries only


class Matcher:
    """Matches curated places to gazetteer rows (see the module docstring for the rules)."""

    def __init__(self, curated: dict[str, Curated], places: Sequence[Row], countries: Sequence[Row]) -> None:
        self.curated = curated
        self.places = places
        self.countries = countries
        self.place_by_qid = {r.qid: r for r in places}
        self.country_by_qid = {r.qid: r for r in countries}
        self.result = Linking()

    def run(self) -> Linking:
        for place in sorted(self.curated.values(), key=lambda p: p.id):
            if place.kind == "country":
                self._country(place)
        for place in sorted(self.curated.values(), key=lambda p: p.id):
            if place.kind == "city":
                self._city(place)
            elif place.kind != "country":
                self.result.skipped.append(place.id)
        return self.result

    def _country(self, place: Curated) -> None:
        if place.id in EXCLUDED:
            self.result.unlinked[place.id] = EXCLUDED[place.id]
            return
        names = {norm(n) for n in place.names()}
        if place.qid:
            row = self.country_by_qid.get(place.qid)
            if row is None:
                self.result.unlinked[place.id] = f"its QID {place.qid} is no country in the gazetteer"
            elif not names & {norm(n) for n in row.matching_names}:
                self.result.unlinked[place.id] = f"the gazetteer's {place.qid} is named {row.country_name!r}"
            else:
                self.result.countries[place.id] = row
            return
        found = [r for r in self.countries if names & {norm(n) for n in r.matching_names}]
        self._take(place, found, self.result.countries, "country")

    def _city(self, place: Curated) -> None:
        country = self._curated_country(place)
        if place.qid:
            row = self.place_by_qid.get(place.qid)
            if row is None:
                self.result.unlinked[place.id] = f"{place.qid} is not in Natural Earth"
            elif not self._names_match(place, row):
                self.result.unlinked[place.id] = f"the gazetteer's {place.qid} is named {row.ne_name!r}"
            elif country is not None and not self._in_country(row, country):
                self.result.unlinked[place.id] = f"the gazetteer puts {place.qid} in {row.country_name}, not {country}"
            else:
                self.result.places[place.id] = row
            return
        if country is None:
            self.result.unlinked[place.id] = "no country stated by the sources (a city matches on name + country)"
            return
        found = [r for r in self.places if self._names_match(place, r) and self._in_country(r, country)]
        self._take(place, found, self.result.places, f"city in {country}")

    def _take(self, place: Curated, found: list[Row], into: dict[str, Row], what: str) -> None:
        if len(found) == 1:
            into[place.id] = found[0]
        elif not found:
            self.result.unlinked[place.id] = f"no {what} of this name in Natural Earth"
        else:
            qids = ", ".join(f"{r.qid} ({r.ne_name}, {r.admin1 or r.country_name})" for r in found)
            self.result.unlinked[place.id] = f"ambiguous: {qids}"

    def _curated_country(self, place: Curated) -> str | None:
        """The curated country id a city lies in (any depth), if the sources state one."""
        seen = {place.id}
        current = place.contained_in
        while current and current not in seen:
            seen.add(current)
            parent = self.curated.get(current)
            if parent is None:
                return None
            if parent.kind == "country":
                return parent.id
            current = parent.contained_in
        return None

    def _in_country(self, row: Row, country_id: str) -> bool:
        linked = self.result.countries.get(country_id)
        if linked is not None:
            return row.country_code == linked.country_code
        return norm(row.country_name) in {norm(n) for n in self.curated[country_id].names()}

    def _names_match(self, place: Curated, row: Row) -> bool:
        row_names = {norm(n) for n in row.matching_names}
        for name in place.names():
            if norm(name) in row_names:
                return True
            head, _, admin1 = name.partition(",")
            if admin1 and norm(head) in row_names and norm(admin1) == norm(row.admin1):
                return True
        return False


def resolve_countries(linking: Linking, curated: dict[str, Curated], countries: Sequence[Row]) -> None:
    """Each linked city's country: the curated one it states, else the one the gazetteer row names (added when new)."""
    curated_by_qid = {row.qid: cid for cid, row in linking.countries.items()}
    taken = set(curated)
    for place_id, row in sorted(linking.places.items()):
        stated = Matcher(curated, (), ())._curated_country(curated[place_id])
        if stated is not None:
            linking.country_of[place_id] = stated
            continue
        candidates = [c for c in countries if c.country_code == row.country_code]
        if len(candidates) > 1:
            candidates = [c for c in candidates if not c.even_if_code]
        if len(candidates) != 1 or candidates[0].qid == row.qid:
            continue  # no single country row, or the place is its own country (Singapore, Hong Kong)
        country = candidates[0]
        target = curated_by_qid.get(country.qid)
        if target is None:
            target = _new_id(country, taken)
            taken.add(target)
            linking.new_countries[target] = country
            curated_by_qid[country.qid] = target
        linking.country_of[place_id] = target


def _new_id(row: Row, taken: Iterable[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", norm(row.names.get("en", row.country_name))).strip("-")
    candidate, n = base, 1
    while candidate in set(taken):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# ---------------------------------------------------------------- writing


def _names_for(row: Row, place: Curated | None) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Labels in the languages the curated files leave open; other spellings as aliases."""
    labels: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    known = place.labels if place else {}
    for lang, name in row.names.items():
        if lang not in known:
            labels[lang] = name
        elif name != known[lang] and name not in (place.aliases.get(lang, []) if place else []):
            aliases.setdefault(lang, []).append(name)
    english = {
        labels.get("en"),
        known.get("en"),
        *aliases.get("en", []),
        *(place.aliases.get("en", []) if place else []),
    }
    if row.ne_name not in english:
        aliases.setdefault("en", []).append(row.ne_name)
    if not labels:
        labels = {"en": known["en"]}
    return labels, aliases


def _record(
    record_id: str, row: Row, place: Curated | None, linking: Linking, places: dict[str, Row]
) -> dict[str, Any]:
    labels, aliases = _names_for(row, place)
    record: dict[str, Any] = {
        "id": record_id,
        "type": "Place",
        "qid": row.qid,
        "qid_source": f"shared/reference/gazetteer/{'places' if row.is_place else 'countries'}.csv",
        "label": labels,
    }
    if aliases:
        record["aliases"] = aliases
    if place is None:
        record["kind"] = "country"
    sources = [row]
    point = row if row.is_place else places.get(row.qid)
    if record_id in linking.country_of:
        record["contained_in"] = linking.country_of[record_id]
    if point is not None:
        record["coordinates"] = {"latitude": float(point.latitude), "longitude": float(point.longitude)}
        if point is not row:
            sources.append(point)
    record["sources"] = [{"url": r.url, "quote": r.citation()} for r in sources]
    return record


def render(linking: Linking, curated: dict[str, Curated], places: Sequence[Row], transcribed: str) -> str:
    """The source file: provenance, then countries and cities in id order; unlinked places listed on top."""
    by_qid = {r.qid: r for r in places}
    records = [
        _record(cid, row, curated.get(cid), linking, by_qid)
        for cid, row in sorted({**linking.countries, **linking.new_countries}.items())
    ]
    records += [_record(pid, row, curated[pid], linking, by_qid) for pid, row in sorted(linking.places.items())]
    document = {
        "provenance": {
            "title": "Natural Earth populated places and countries, as linked to the shipped places",
            "url": "https://github.com/gtitov/geojson-leaflet-map/tree/2e0cf415c8ea2022e26b14844f087ee5a375214d/geojson",
            "transcribed": transcribed,
            "licence": "public domain (Natural Earth); NAME_xx columns are Wikidata labels (CC0)",
            "note": (
                "Generated by loaders/tools/gazetteer.py from shared/reference/gazetteer/ (places.csv, countries.csv; "
                "Natural Earth v5.0.0 1:50m, six v4.x 1:10m rows): do not edit by hand, re-run the tool "
                "(docs/gazetteer.md). Coordinates are NE's LATITUDE/LONGITUDE attributes, not the point geometry. "
                "Names are Wikidata labels via Natural Earth's tools/wikidata pipeline as of the NE release; v5 zh is "
                "tagged zh-Hans and zht zh-Hant, v4 zh (mixed scripts) plain zh. Each record cites its row."
            ),
        },
        "records": records,
    }
    header = ["# Generated by loaders/tools/gazetteer.py: do not edit by hand (see docs/gazetteer.md).", "#"]
    header.append(f"# Left unlinked ({len(linking.unlinked)}):")
    header += [f"#   {pid}: {reason}" for pid, reason in sorted(linking.unlinked.items())]
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)
    return "\n".join(header) + "\n" + body


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.tools.gazetteer", description=__doc__.split("\n")[0])
    parser.add_argument("--gazetteer", type=Path, required=True, help="the shared/reference/gazetteer folder")
    parser.add_argument("--sources", type=Path, default=SOURCES_DIR, help="the curated source files")
    parser.add_argument("--out", type=Path, help=f"where to write (default: SOURCES/{OUTPUT_NAME})")
    parser.add_argument("--date", default=date.today().isoformat(), help="the 'transcribed' date to record")
    args = parser.parse_args(argv)
    out: Path = args.out or args.sources / OUTPUT_NAME
    curated = read_curated(args.sources, out)
    places, countries = read_places(args.gazetteer), read_countries(args.gazetteer)
    linking = Matcher(curated, places, countries).run()
    resolve_countries(linking, curated, countries)
    out.write_text(render(linking, curated, places, args.date), encoding="utf-8")
    sys.stdout.write(
        f"{out}: {len(linking.places)} cities and {len(linking.countries)} countries linked, "
        f"{len(linking.new_countries)} countries added, {len(linking.unlinked)} left unlinked, "
        f"{len(linking.skipped)} venues not looked up\n"
    )
    for place_id, reason in sorted(linking.unlinked.items()):
        sys.stdout.write(f"  unlinked {place_id}: {reason}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
