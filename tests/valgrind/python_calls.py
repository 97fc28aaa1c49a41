"""A short run of the Python module for `make valgrind`: every entry point,
bad input and a bad rule path, three times over data/."""
import cotscan
t = cotscan.Tagger()
lines = open("data/math.jsonl","rb").read().splitlines() + open("data/degenerate.jsonl","rb").read().splitlines()
for _ in range(3):
    rs = t.tag_many(lines, records=True, jobs=2)
    for l in lines:
        t.tag_record(l); t.tag(l); t.tag(l.decode(), whole=True)
    t.tag(b"\xff"); t.tag("a\ud800")
    try: cotscan.Tagger(rules="/nonexistent")
    except cotscan.RuleError: pass
    t2 = cotscan.Tagger(rules="rules"); t2.tag("Let me check.")
    del t2
