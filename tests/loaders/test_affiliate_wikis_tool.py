"""The affiliate-wiki tool: only a wiki whose configured site name is an organization's name is joined to it."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from loaders.tools.affiliate_wikis import main

COLUMNS = [
    "dbname",
    "domain",
    "domain_source",
    "official_name",
    "official_name_source",
    "status",
    "private",
    "source_repo",
    "source_commit",
]


def wiki(dbname: str, domain: str, name: str, *, status: str = "open", private: str = "no") -> dict[str, str]:
    return {
        "dbname": dbname,
        "domain": domain,
        "domain_source": f"derived: {domain}",
        "official_name": name,
        "official_name_source": f"explicit: line 1 wgSitename['{dbname}']",
        "status": status,
        "private": private,
        "source_repo": "wikimedia/operations-mediawiki-config",
        "source_commit": "349dc0945240da7717da209fd55129e04a4c5507",
    }


CURATED = """\
provenance: {title: Synthetic, url: 'https://meta.wikimedia.org/wiki/Synthetic'}
records:
- {id: synth-chapter, type: Organization, label: Wikimedia Synthland}
- {id: synth-group, type: Organization, label: Synthetic Wikimedians User Group, aliases: [Synth UG]}
- {id: synth-other, type: Organization, label: Wikimédia Othérland}
"""


def test_only_stated_site_names_join_and_private_wikis_are_skipped(tmp_path: Path) -> None:
    gazetteer, sources = tmp_path / "gazetteer", tmp_path / "sources"
    gazetteer.mkdir()
    sources.mkdir()
    rows = [
        wiki("slwikimedia", "sl.wikimedia.org", "Wikimedia Synthland"),
        wiki("sgwikimedia", "sg.wikimedia.org", "Synth UG", status="closed"),
        wiki("olwikimedia", "ol.wikimedia.org", "WIKIMEDIA OTHERLAND"),  # case and diacritics aside
        wiki("xxwikimedia", "xx.wikimedia.org", "Викимедия Синтленд"),  # another script: no guess
        wiki("prwikimedia", "pr.wikimedia.org", "Wikimedia Synthland", private="yes"),
    ]
    with (gazetteer / "affiliate-wikis.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    (sources / "page.yaml").write_text(CURATED, encoding="utf-8")
    assert main(["--gazetteer", str(gazetteer), "--sources", str(sources), "--date", "2030-01-01"]) == 0
    document = yaml.safe_load((sources / "affiliate-wikis.yaml").read_text(encoding="utf-8"))
    wikis = {r["id"]: r["wiki"] for r in document["records"]}
    assert wikis == {
        "synth-chapter": "https://sl.wikimedia.org/",
        "synth-group": "https://sg.wikimedia.org/",
        "synth-other": "https://ol.wikimedia.org/",
    }
    closed = next(r for r in document["records"] if r["id"] == "synth-group")
    assert "closed (read-only)" in closed["note"]
    [source] = closed["sources"]
    assert "wgSitename['sgwikimedia'] = 'Synth UG'" in source["quote"]
    assert source["url"].endswith("/wmf-config/InitialiseSettings.php")
