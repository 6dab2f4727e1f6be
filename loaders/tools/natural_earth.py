"""The rows of shared/reference/gazetteer/ (Natural Earth places and countries), with the citation of each row.

Only what the gazetteer's README (sections 2-4) says a row states is read: the QID, NE's own names for matching,
the admin-0 and admin-1 names, the LATITUDE/LONGITUDE attributes (never the point geometry, pitfall 3.4) and the
26 `NAME_xx` columns, which are Wikidata labels as of the NE release (pitfall 3.2).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = (
    "ar bn de el en es fa fr he hi hu id it ja ko nl pl pt ru sv tr uk ur vi zh zht".split()  # noqa: SIM905
)
"""The gazetteer's name columns (`name_<code>`)."""

V4 = "ne_10m_populated_places v4.x"
UNUSABLE_QIDS = frozenset({"Q92381"})
"""Pitfall 3.5: the row's QID and labels name Baicheng, its NE name and point name Bose."""
SUSPECT_ENGLISH = "NAME_EN_disagrees_with_NE_NAME_and_other_labels"
"""Pitfall 3.2: such a NAME_EN is never shown as the English name."""
LABEL_NOTE = "labels from Wikidata via Natural Earth's tools/wikidata pipeline, as of the NE release"


def language_tag(column: str, layer: str) -> str:
    """BCP 47 tag of a name column: NE v5 `zh` is Simplified and `zht` Traditional; v4 `zh` mixes both."""
    if column == "zh":
        return "zh" if layer == V4 else "zh-Hans"
    return "zh-Hant" if column == "zht" else column


@dataclass(frozen=True, slots=True)
class Row:
    """One gazetteer row: a populated place (`is_place`) or an admin-0 country."""

    qid: str
    is_place: bool
    ne_name: str
    matching_names: tuple[str, ...]
    names: dict[str, str]  # BCP 47 tag -> name, suspect English left out
    country_code: str  # ISO 3166-1 alpha-2 (a place's country; a country's own, NE's "even if" code as fallback)
    even_if_code: bool  # a country whose code is only NE's ISO_A2_EH (France, Norway, two Australian territories)
    country_name: str  # a place's ADM0NAME; a country's ADMIN
    admin1: str
    latitude: str
    longitude: str
    layer: str
    ne_id: str
    record_index: str
    repo: str
    commit: str
    archive: str

    @property
    def url(self) -> str:
        """The archive the row was read from, at the pinned commit."""
        return f"https://github.com/{self.repo}/blob/{self.commit}/{self.archive}"

    def citation(self) -> str:
        """The row as the gazetteer README (section 4) says to cite it."""
        layer_name, version = self.layer.split(" ")
        where = f"NE_ID {self.ne_id}" if self.ne_id else f"feature {self.record_index}"
        head = f"Natural Earth {version} {layer_name} {where}: WIKIDATAID={self.qid}, NAME={self.ne_name}"
        if self.is_place:
            admin1 = f", ADM1NAME={self.admin1}" if self.admin1 else ""
            body = (
                f"{head}, ADM0NAME={self.country_name}, ISO_A2={self.country_code}{admin1}, "
                f"LATITUDE={self.latitude}, LONGITUDE={self.longitude}"
            )
        else:
            body = f"{head}, ADMIN={self.country_name}, ISO_A2={self.country_code}"
        return f"{body} (copy: {self.repo}@{self.commit[:7]} {self.archive}); NAME_xx {LABEL_NOTE}"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _names(raw: dict[str, str], layer: str, suspect_english: bool) -> dict[str, str]:
    names: dict[str, str] = {}
    for column in LANGUAGES:
        value = raw.get(f"name_{column}", "").strip()
        if value and not (column == "en" and suspect_english):
            names[language_tag(column, layer)] = value
    return names


def read_places(directory: Path) -> list[Row]:
    """Every usable row of places.csv."""
    found = []
    for raw in _rows(directory / "places.csv"):
        if raw["qid"] in UNUSABLE_QIDS:
            continue
        suspect = SUSPECT_ENGLISH in raw["qa_flags"].split(";")
        names = _names(raw, raw["ne_layer"], suspect)
        matching = [raw["ne_name"], raw["name_ascii"]] + ([] if suspect else [raw["name_en"]])
        found.append(_row(raw, True, names, matching, raw["country_iso2"], raw["country_name"], raw["admin1"], False))
    return found


def read_countries(directory: Path) -> list[Row]:
    """Every row of countries.csv; a country has no coordinates in the gazetteer (none are made up)."""
    found = []
    for raw in _rows(directory / "countries.csv"):
        names = _names(raw, raw["ne_layer"], False)
        matching = [raw["admin"], raw["ne_name"], raw["name_long"], raw["formal_en"], raw["name_en"]]
        code = raw["iso_a2"] or raw["iso_a2_eh"]
        found.append(_row(raw, False, names, matching, code, raw["admin"], "", not raw["iso_a2"]))
    return found


def _row(
    raw: dict[str, str],
    is_place: bool,
    names: dict[str, str],
    matching: list[str],
    code: str,
    country: str,
    admin1: str,
    even_if_code: bool,
) -> Row:
    archive = raw["source_path"].split(":", 1)[0]
    return Row(
        qid=raw["qid"],
        is_place=is_place,
        ne_name=raw["ne_name"],
        matching_names=tuple(dict.fromkeys(n for n in matching if n)),
        names=names,
        country_code=code,
        even_if_code=even_if_code,
        country_name=country,
        admin1=admin1,
        latitude=raw.get("latitude", ""),
        longitude=raw.get("longitude", ""),
        layer=raw["ne_layer"],
        ne_id=raw["ne_id"],
        record_index=raw["source_record_index"],
        repo=raw["source_repo"],
        commit=raw["source_commit"],
        archive=archive,
    )
