#!/usr/bin/python3
"""py_calls.py - the Python module's per-call cost and memory for `make bench`:
the time of Tagger.tag("") (median of 5 rounds of 200,000 calls), then CALLS
calls of Tagger.tag on the chains of thought of FILE's first 2,000 records
(cycled), with the resident memory after a tenth of them and at the end.

usage: PYTHONPATH=python py_calls.py CALLS FILE
prints: empty_us CALLS rss_warm_kb rss_end_kb seconds
"""
import json
import sys
import time

import cotscan


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 // 1024


def main():
    calls, path = int(sys.argv[1]), sys.argv[2]
    t = cotscan.Tagger()
    tag = t.tag
    rounds = []
    for _ in range(5):
        a = time.perf_counter()
        for _ in range(200000):
            tag("")
        rounds.append((time.perf_counter() - a) / 200000 * 1e6)
    empty_us = sorted(rounds)[2]
    texts = []
    with open(path, "rb") as f:
        for line in f:
            r = t.tag_record(line)
            if r.skipped is None and r.text:
                texts.append(r.text)
            if len(texts) == 2000:
                break
    warm = calls // 10
    a = time.perf_counter()
    rss_warm = 0
    for i in range(calls):
        tag(texts[i % len(texts)])
        if i + 1 == warm:
            rss_warm = rss_kb()
    secs = time.perf_counter() - a
    print("%.3f %d %d %d %.1f" % (empty_us, calls, rss_warm, rss_kb(), secs))


if __name__ == "__main__":
    main()
