#!/usr/bin/python3
"""py_tag.py - the Python module's throughput for `make bench`: a JSONL file
read in blocks of 1,000 lines (the batch size of datasets.map), each block tagged with Tagger.tag_many
(records=True, on JOBS threads), one CSV row of counts per trace written to
standard output, as `cotscan tag` writes its table.

usage: PYTHONPATH=python py_tag.py JOBS FILE
"""
import sys

import cotscan

BLOCK = 1000


def main():
    jobs, path = int(sys.argv[1]), sys.argv[2]
    t = cotscan.Tagger()
    out = sys.stdout
    out.write("line," + ",".join(cotscan.BEHAVIOURS) + ",defects\n")
    n = 0
    with open(path, "rb") as f:
        while True:
            block = [line for _, line in zip(range(BLOCK), f)]
            if not block:
                break
            rows = []
            for r in t.tag_many(block, jobs=jobs, records=True):
                n += 1
                if r.skipped is None:
                    c = r.counts
                    rows.append("%d,%d,%d,%d,%d,%s\n" % (n, c["backtracking"], c["verification"],
                                                         c["subgoal_setting"], c["backward_chaining"],
                                                         ";".join(r.defects)))
            out.write("".join(rows))


if __name__ == "__main__":
    main()
