#!/usr/bin/env python3
"""Builds degenerate variants of real traces, as Gandhi et al. did, and checks
that cotscan's defect detectors catch each one and leave the originals clean.

usage: degenerate.py COTSCAN TMPDIR N SEED SRC.jsonl...

Takes up to N traces (seeded sample) from the sources that cotscan finds
free of every text defect (empty, padded, repetitive, truncated, duplicate),
writes them and their variants to TMPDIR/variants.jsonl (generated on the
fly, never kept), runs `cotscan tag --jsonl` over it and compares:

  emptied     reasoning replaced by a space (<think> </think>)    -> empty
  filled      reasoning replaced by " ." to the same length (at least 16) -> padded (and empty)
  cut         cut at a random point inside the reasoning           -> truncated
  looped      a sentence of it repeated at the end, the loop as long
              as the reasoning before it (a run to the token limit) -> repetitive, truncated
  looped_in   the same loop inside a closed section, answer kept   -> repetitive
  duplicated  the same record again, whitespace changed             -> duplicate
  original    the trace as it was                                   -> none of those

Prints one line per kind (caught/total) and exits 1 when any variant is
missed or any original is flagged.
"""
import json, random, re, subprocess, sys

TEXT_DEFECTS = {"empty", "padded", "repetitive", "truncated", "duplicate"}
DELIMS = [("<think>", "</think>"), ("<thinking>", "</thinking>"),
          ("<|begin_of_thought|>", "<|end_of_thought|>"), ("<Thought>", "</Thought>"),
          ("<thought>", "</thought>")]
MARKER = re.compile(r"</?answer>|\banswers?\s+(?:would|could|should|will|might)\s+be\b|\\boxed\s*\{|\\fbox\s*\{|\bfinal\s+answer\b|\banswers?[\s*_`\"'\\]*(?:is|are|:|=)"
                    r"|\"answer\"\s*:|<output>|<\|begin_of_solution\|>|\bno\s+(?:\w+\s+)?solutions?\b", re.I)


def cotscan(binary, args, path):
    out = subprocess.run([binary] + args + ["-q", path], stdout=subprocess.PIPE, check=False)
    if out.returncode not in (0, 1):
        sys.exit("cotscan exited %d on %s" % (out.returncode, path))
    return out.stdout.decode("utf-8")


def split(cot):
    """(prefix, reasoning, suffix) for a one-section trace, or (None, cot, None)."""
    for o, c in DELIMS:
        i, j = cot.find(o), cot.find(c)
        if i >= 0 and j > i and cot.count(o) == 1:
            return cot[:i + len(o)], cot[i + len(o):j], cot[j:]
        if i >= 0 or j >= 0:
            return None, None, None  # other shapes are not varied
    return None, cot, None


def sentence(text, rng):
    parts = [p for p in re.split(r"(?<=[.!?])\s+|\n+", text) if len(p.split()) >= 6]
    return rng.choice(parts) if parts else None


def main():
    binary, tmp, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    pool = []
    for src in sys.argv[5:]:
        rows = cotscan(binary, [], src).splitlines()[1:]
        clean = set()
        for row in __import__("csv").reader(rows):
            if not (set(row[9].split(";")) & TEXT_DEFECTS):
                clean.add(int(row[1]))
        with open(src, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if lineno not in clean:
                    continue
                rec = json.loads(line)
                cot = rec.get("cot")
                if not isinstance(cot, str):
                    continue
                pre, reasoning, post = split(cot)
                if reasoning is None or len(reasoning.split()) < 12:
                    continue
                pool.append((src, lineno, rec, pre, reasoning, post))
    rng.shuffle(pool)
    pool = pool[:n]
    if not pool:
        sys.exit("no usable traces")

    out, expect = [], []

    def add(kind, rec, cot, want, origin):
        r = dict(rec)
        r["cot"] = cot
        r["id"] = "%s:%s" % (kind, rec.get("id"))
        out.append(r)
        expect.append((kind, want, origin))

    for src, lineno, rec, pre, reasoning, post in pool:
        origin = "%s:%d" % (src, lineno)
        tagged = pre is not None
        add("original", rec, rec["cot"], set(), origin)
        wrap = (lambda r: pre + r + post) if tagged else (lambda r: r)
        add("emptied", rec, wrap(" "), {"empty"}, origin)
        add("filled", rec, wrap(" ." * max(16, len(reasoning) // 2)), {"padded"}, origin)
        # cut: inside the reasoning; a tag-less trace is cut mid-word before its answer
        if tagged:
            k = rng.randrange(1, len(reasoning))
            add("cut", rec, pre + reasoning[:k], {"truncated"}, origin)
        else:
            m = MARKER.search(reasoning)
            limit = m.start() if m else len(reasoning)
            # past a second line or a fourth word: a shorter text is taken for a bare answer ("wife")
            first = re.match(r"\s*(?:\S+[ \t]+){3}\S|\s*[^\n]*\S[^\n]*\n\s*\S", reasoning)
            start = first.end() if first else limit
            spots = [i for i in range(max(1, start), limit) if reasoning[i - 1].isalpha() and reasoning[i].isalpha()]
            if spots:
                add("cut", rec, reasoning[:rng.choice(spots)], {"truncated"}, origin)
        # looped: one sentence repeated until the generation limit (no answer after)
        s = sentence(reasoning, rng)
        if s:
            # 600 words or as long as the reasoning before it: a run to the token limit
            times = max(8, 600 // len(s.split()), len(reasoning.split()) // len(s.split()) + 1)
            loop = reasoning + (" " + s) * times
            add("looped", rec, (pre + loop) if tagged else loop, {"repetitive", "truncated"}, origin)
            if tagged:  # one more turn, so that it is no duplicate of "looped"
                add("looped_in", rec, pre + loop + " " + s + post, {"repetitive"}, origin)
    # duplicates last, so that every original comes first
    for src, lineno, rec, pre, reasoning, post in pool:
        r = dict(rec)
        r["cot"] = "  " + rec["cot"].replace(" ", "  ", 3) + "\n"
        out.append(r)
        expect.append(("duplicated", {"duplicate"}, "%s:%d" % (src, lineno)))

    path = tmp + "/variants.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    got = [set(json.loads(l)["cotscan"]["defects"]) for l in cotscan(binary, ["--jsonl"], path).splitlines()]
    assert len(got) == len(expect), (len(got), len(expect))

    tally, bad = {}, 0
    for (kind, want, origin), defects in zip(expect, got):
        t = tally.setdefault(kind, [0, 0])
        t[1] += 1
        if kind == "original":
            ok = not (defects & TEXT_DEFECTS)
        else:
            ok = want <= defects
        t[0] += ok
        if not ok:
            bad += 1
            if bad <= 20:
                print("MISS %s of %s: want %s, got %s" % (kind, origin, sorted(want) or "clean", sorted(defects)))
    for kind in ("original", "emptied", "filled", "cut", "looped", "looped_in", "duplicated"):
        if kind in tally:
            c, t = tally[kind]
            print("%-10s %s %d/%d" % (kind, "clean" if kind == "original" else "caught", c, t))
    sys.exit(1 if bad else 0)


main()
