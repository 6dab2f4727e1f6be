"""Regenerate the golden answers (`--update`) or the fixtures' frozen copies (`--freeze-fixtures`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tests.golden.answers import freeze_fixtures, take_all, write_answers

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--update", action="store_true")
parser.add_argument("--freeze-fixtures", action="store_true")
parser.add_argument("--take", type=Path, help="(internal) write this process's answers to a file")
args = parser.parse_args()
if args.take:
    args.take.write_text(json.dumps(take_all(), ensure_ascii=False), encoding="utf-8")
if args.freeze_fixtures:
    freeze_fixtures()
if args.update:
    write_answers()
