# Share of traces showing each behaviour, per model, from a JSONL dump.
#   PYTHONPATH=python /usr/bin/python3 python/examples/pandas_rates.py data/math.jsonl
import sys

import pandas as pd

import cotscan

tagger = cotscan.Tagger()
rows = []
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        for r in tagger.tag_many(f.read().splitlines(), records=True):
            if r.skipped is None:
                rows.append({"model": r.model, **r.counts, "words": r.words, "defects": ";".join(r.defects)})
df = pd.DataFrame(rows)
rates = df.groupby("model")[list(cotscan.BEHAVIOURS)].agg(lambda c: (c > 0).mean())
print(rates.round(4).to_csv(), end="")
