#!/usr/bin/python3
"""py_tag.py - the Python module's throughput for `make bench`: a JSONL file
read in blocks of 1,000 lines (the batch size of datasets.map), each block
tagged with Tagger.tag_many (records=True, on JOBS threads), and per
behaviour the traces with it and its instances summed, as `cotscan report`
sums them; the sums are printed at the end.

usage: PYTHONPATH=python py_tag.py JOBS FILE
"""
import sys

import cotscan

BLOCK = 1000


def main():
    jobs, path = int(sys.argv[1]), sys.argv[2]
    t = cotscan.Tagger()
    traces = 0
    with_ = dict.fromkeys(cotscan.BEHAVIOURS, 0)
    total = dict.fromkeys(cotscan.BEHAVIOURS, 0)
    with open(path, "rb") as f:
        while True:
            block = [line for _, line in zip(range(BLOCK), f)]
            if not block:
                break
            for r in t.tag_many(block, jobs=jobs, records=True):
                if r.skipped is None:
                    traces += 1
                    for b, c in r.counts.items():
                        if c:
                            with_[b] += 1
                            total[b] += c
    print("traces", traces)
    for b in cotscan.BEHAVIOURS:
        print(b, with_[b], total[b])


if __name__ == "__main__":
    main()
