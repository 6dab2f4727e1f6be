"""Golden answers: what every example and benchmark query answered before the speed work, on data that stays put.

The datasets are frozen copies (benchmarks/data/ and tests/golden/data/), not the shipped sources or the loader's
output of today's fixtures, so that better data or a loader change never shows up here: only a change in what
the api answers does. Regenerate (only for an intended change of answers, or of the frozen data):
    .venv/bin/python -m tests.golden --update          (answers)
    .venv/bin/python -m tests.golden --freeze-fixtures (the fixtures' frozen copies, then --update)
"""
