"""Tests of the cotscan Python module (run by tests/sh/python_module.sh).

    PYTHONPATH=python /usr/bin/python3 -m unittest discover -s python/tests

COTSCAN names the cotscan binary for the parity tests (default ./cotscan);
SHARED the shared corpus directory (its corpus/ is compared when present).
"""
import csv
import glob
import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest

import cotscan

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COTSCAN = os.environ.get("COTSCAN", os.path.join(ROOT, "cotscan"))
SHARED = os.environ.get("SHARED", os.path.join(os.path.dirname(ROOT), "shared"))

csv.field_size_limit(sys.maxsize)

try:
    import pandas
except ImportError:  # pragma: no cover - Debian's python3-pandas is in setup.sh's test packages
    pandas = None


class TagText(unittest.TestCase):
    t = cotscan.Tagger()

    def test_counts_and_evidence(self):
        r = self.t.tag("Let me verify this. We add the numbers. We multiply them. So 6*4 = 24, which matches the target. Wait, that is wrong.")
        self.assertEqual(r.counts["verification"], 2)
        self.assertEqual(r.counts["backtracking"], 1)
        self.assertEqual(set(r.counts), set(cotscan.BEHAVIOURS))
        self.assertEqual(sum(r.counts.values()), len(r.evidence))
        self.assertEqual([m.start for m in r.evidence], sorted(m.start for m in r.evidence))
        self.assertEqual(r.evidence[0].rule, "ver.lets_check")
        self.assertEqual(r.evidence[0].text, "Let me verify")
        self.assertIsNone(r.skipped)
        self.assertEqual(r.cot_bytes, len(r.text.encode()))

    def test_nothing_found(self):
        r = self.t.tag("The sum is 7.")
        self.assertEqual(r.counts, dict.fromkeys(cotscan.BEHAVIOURS, 0))
        self.assertEqual(r.evidence, [])

    def test_offsets_index_the_str_given(self):
        # non-ASCII before the matches and a <think> section around them
        s = "Ünïcödé → 😀 preamble <think>Schritt 1 😀: Let me check 2+2=4. Wait, that is wrong.</think> Answer: 4"
        r = self.t.tag(s)
        self.assertGreaterEqual(len(r.evidence), 2)
        for m in r.evidence:
            self.assertEqual(s[m.start:m.end], m.text)
        self.assertFalse(r.text.startswith("Ünïcödé"))  # only the section is analysed

    def test_offsets_of_bytes_are_bytes(self):
        s = "😀😀 Let me check 2+2=4."
        b = s.encode()
        rs, rb = self.t.tag(s), self.t.tag(b)
        self.assertEqual([m.text for m in rs.evidence], [m.text for m in rb.evidence])
        for m in rb.evidence:
            self.assertEqual(b[m.start:m.end].decode(), m.text)
        self.assertEqual(rb.evidence[0].start - rs.evidence[0].start, 6)  # two 4-byte emoji

    def test_whole(self):
        s = "Let me check the input. <think>Plain steps.</think>"
        self.assertEqual(self.t.tag(s).counts["verification"], 0)
        self.assertEqual(self.t.tag(s, whole=True).counts["verification"], 1)

    def test_bad_text_is_skipped_as_the_cli_skips_it(self):
        r = self.t.tag(b"Let me check \xff this")
        self.assertEqual(r.skipped, "invalid_utf8")
        self.assertIn("UTF-8", r.why)
        self.assertEqual(r.evidence, [])
        self.assertEqual(self.t.tag("lone \ud800 surrogate").skipped, "invalid_utf8")
        self.assertEqual(self.t.tag("nul \x00 byte").skipped, "nul_byte")

    def test_wrong_types(self):
        with self.assertRaises(TypeError):
            self.t.tag(42)
        with self.assertRaises(TypeError):
            self.t.tag_many(["ok", 3])
        with self.assertRaises(TypeError):
            self.t.tag("x", whole=True, other=1)

    def test_defects(self):
        r = self.t.tag("Let me check. " * 200)
        self.assertIn("repetitive", r.defects)
        self.assertTrue(set(r.defects) <= set(cotscan.DEFECTS))
        r = cotscan.Tagger(min_bytes=100).tag("short")
        self.assertIn("too_short", r.defects)

    def test_rules_and_hash(self):
        out = subprocess.run([COTSCAN, "--version"], capture_output=True, text=True).stdout
        self.assertIn(self.t.rules_hash, out)
        self.assertEqual(len(self.t.rules_hash), 16)
        names = [n for n, _ in self.t.rules]
        self.assertIn("ver.lets_check", names)
        self.assertTrue({b for _, b in self.t.rules} <= set(cotscan.BEHAVIOURS))


class Hostile(unittest.TestCase):
    """Random and malformed input never crashes the interpreter and always gives a Result."""

    def test_random_inputs(self):
        import random
        rnd = random.Random(7)
        t = cotscan.Tagger()
        pieces = [b"<think>", b"</think>", b"Wait,", b" let me check ", b"\xff", b"\xc3", b"\x00", b"{", b"}",
                  b'"response": "', b'"', b"\\u00e9", b"\\ud800", b"\n", "é😀".encode(), b"answer: 4"]
        items = []
        for _ in range(1500):
            items.append(b"".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 40))))
        for x in items:
            for r in (t.tag(x), t.tag_record(x), t.tag(x, whole=True)):
                self.assertIsInstance(r, cotscan.Result)
                for m in r.evidence:
                    self.assertLessEqual(m.start, m.end)
            try:
                s = x.decode("utf-8", "surrogateescape")
            except UnicodeDecodeError:  # pragma: no cover
                continue
            self.assertIsInstance(t.tag(s), cotscan.Result)
        self.assertEqual(len(t.tag_many(items, records=True, jobs=2)), len(items))

    def test_uninitialised_and_reinitialised(self):
        t = cotscan.Tagger.__new__(cotscan.Tagger)
        with self.assertRaises(RuntimeError):
            t.tag("x")
        t.__init__()
        self.assertEqual(t.tag("Let me check.").counts["verification"], 1)


class Rules(unittest.TestCase):
    def test_rule_file(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "mine.rules")
            with open(p, "w") as f:
                f.write("backtracking  my.scrap  -  \\bscrap that\\b\n")
            t = cotscan.Tagger(rules=p)
            self.assertEqual(t.rules, [("my.scrap", "backtracking")])
            r = t.tag("Scrap that, start over.")
            self.assertEqual(r.counts["backtracking"], 1)
            self.assertEqual(r.evidence[0].rule, "my.scrap")
            self.assertEqual(cotscan.Tagger(rules=d).rules, t.rules)

    def test_bad_rule_file_raises_with_file_and_line(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "bad.rules")
            with open(p, "w") as f:
                f.write("# comment\nbacktracking  my.ok  -  fine\nverification  my.bad  -  (unclosed\n")
            with self.assertRaises(cotscan.RuleError) as cm:
                cotscan.Tagger(rules=p)
            self.assertEqual(cm.exception.file, p)
            self.assertEqual(cm.exception.line, 3)
            self.assertIn("my.bad", str(cm.exception))
            self.assertIsInstance(cm.exception, ValueError)
        with self.assertRaises(cotscan.RuleError) as cm:
            cotscan.Tagger(rules="/nonexistent/rules")
        self.assertIsNone(cm.exception.line)


class Records(unittest.TestCase):
    t = cotscan.Tagger()

    def test_dict_and_line_agree(self):
        rec = {"id": "r1", "model": "demo/m",
               "messages": [{"role": "user", "content": "Q"},
                            {"role": "assistant", "content": "Let me verify: 3*4 = 12. Correct."}]}
        a = self.t.tag_record(rec)
        b = self.t.tag_record(json.dumps(rec))
        c = self.t.tag_record(json.dumps(rec).encode())
        self.assertEqual(a, b)
        self.assertEqual(a, c)
        self.assertEqual((a.id, a.model), ("r1", "demo/m"))
        self.assertGreaterEqual(a.counts["verification"], 1)
        for m in a.evidence:
            self.assertEqual(a.text[m.start:m.end], m.text)

    def test_skips(self):
        self.assertEqual(self.t.tag_record("{not json").skipped, "bad_json")
        self.assertEqual(self.t.tag_record("[1, 2]").skipped, "not_object")
        self.assertEqual(self.t.tag_record({"id": "x"}).skipped, "no_cot")
        self.assertEqual(self.t.tag_record({"response": 3}).skipped, "cot_not_string")

    def test_field_options(self):
        t = cotscan.Tagger(cot_field="trace.steps", id_field="meta.key")
        r = t.tag_record({"meta": {"key": "k9"}, "trace": {"steps": "Let me check this."}})
        self.assertEqual(r.id, "k9")
        self.assertEqual(r.counts["verification"], 1)


class Many(unittest.TestCase):
    t = cotscan.Tagger()
    texts = ["Let me check: 2+2=4.", "Wait, that is wrong. Let me try again.", "", "plain",
             "Let me check: 2+2=4.", "😀 We need to find x first. Working backwards from 24.", b"bytes \xff"]

    def test_equals_tag_and_marks_duplicates(self):
        many = self.t.tag_many(self.texts, jobs=2)
        self.assertEqual(len(many), len(self.texts))
        for i, (x, r) in enumerate(zip(self.texts, many)):
            one = self.t.tag(x)
            self.assertEqual(r.counts, one.counts)
            self.assertEqual(r.evidence, one.evidence)
            want = list(one.defects)
            if i == 4:
                want = sorted(want + ["duplicate"], key=cotscan.DEFECTS.index)
            self.assertEqual(r.defects, want, i)
        self.assertEqual(many[6].skipped, "invalid_utf8")

    def test_jobs_do_not_change_results(self):
        texts = [t for t in self.texts] * 50
        self.assertEqual(self.t.tag_many(texts, jobs=1), self.t.tag_many(texts, jobs=2))
        self.assertEqual(self.t.tag_many(iter(texts), jobs=0), self.t.tag_many(texts, jobs=1))
        self.assertEqual(self.t.tag_many([]), [])

    def test_records(self):
        recs = [{"id": str(i), "response": x} for i, x in enumerate(["Let me verify.", "Wait, no.", "Let me verify."])]
        rs = self.t.tag_many(recs, records=True)
        self.assertEqual([r.id for r in rs], ["0", "1", "2"])
        self.assertEqual(rs[2].defects, ["duplicate"] + [d for d in rs[0].defects])

    def test_threads_share_a_tagger(self):
        out = {}

        def work(k):
            out[k] = [self.t.tag_many(self.texts, jobs=2) for _ in range(20)]

        th = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for x in th:
            x.start()
        for x in th:
            x.join()
        want = self.t.tag_many(self.texts, jobs=1)
        for k in out:
            for got in out[k]:
                self.assertEqual(got, want)


@unittest.skipIf(pandas is None, "pandas (Debian python3-pandas) is not installed")
class Frame(unittest.TestCase):
    def test_tag_frame(self):
        df = pandas.DataFrame({"cot": ["Let me check: 2+2=4.", None, "Wait, that is wrong."], "model": ["a", "b", "a"]},
                              index=[10, 20, 30])
        out = cotscan.tag_frame(df, "cot")
        self.assertEqual(list(out.index), [10, 20, 30])
        self.assertEqual(list(out.columns), list(cotscan.BEHAVIOURS) + ["cot_bytes", "defects", "skipped"])
        self.assertEqual(out.loc[10, "verification"], 1)
        self.assertEqual(out.loc[30, "backtracking"], 1)
        self.assertEqual(out.loc[20, "skipped"], "cot_not_string")
        self.assertIsNone(out.loc[10, "skipped"])
        rates = df.join(out).groupby("model")[list(cotscan.BEHAVIOURS)].apply(lambda g: (g > 0).mean())
        self.assertEqual(rates.loc["a", "verification"], 0.5)


def cli_rows(path):
    """cotscan tag --evidence over path: {line number: CSV row}."""
    p = subprocess.run([COTSCAN, "tag", "--evidence", "-q", path], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise AssertionError("%s: exit %d: %s" % (path, p.returncode, p.stderr))
    return {int(row["line"]): row for row in csv.DictReader(p.stdout.splitlines(keepends=True))}


class Parity(unittest.TestCase):
    """Counts, defects and evidence from Python equal the CLI's, line by line."""

    t = cotscan.Tagger()

    def compare(self, path):
        with open(path, "rb") as f:
            lines = f.read().split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        lines = [x[:-1] if x.endswith(b"\r") else x for x in lines]
        rows = cli_rows(path)
        got = self.t.tag_many(lines, records=True)
        tagged = 0
        for i, r in enumerate(got, 1):
            row = rows.get(i)
            if r.skipped:
                self.assertIsNone(row, "%s:%d: skipped here (%s), tagged by the CLI" % (path, i, r.skipped))
                continue
            self.assertIsNotNone(row, "%s:%d: tagged here, not by the CLI" % (path, i))
            tagged += 1
            where = "%s:%d" % (path, i)
            self.assertEqual({b: int(row[b]) for b in cotscan.BEHAVIOURS}, r.counts, where)
            self.assertEqual(row["defects"], ";".join(r.defects), where)
            self.assertEqual(int(row["cot_bytes"]), r.cot_bytes, where)
            if r.id:
                self.assertEqual(row["id"], r.id, where)
            ev = json.loads(row["evidence"]) if row["evidence"] else []
            mine = [{"behaviour": m.behaviour, "rule": m.rule,
                     "start": len(r.text[:m.start].encode()), "end": len(r.text[:m.end].encode()),
                     "text": m.text} for m in r.evidence]
            self.assertEqual(ev, mine, where)
        self.assertEqual(tagged, len(rows), path)
        return tagged

    def test_data(self):
        files = sorted(glob.glob(os.path.join(ROOT, "data", "*.jsonl")))
        self.assertGreater(len(files), 3)
        self.assertGreater(sum(self.compare(f) for f in files), 50)

    @unittest.skipUnless(os.path.isdir(os.path.join(SHARED, "corpus")), "no shared corpus")
    def test_corpus(self):
        files = sorted(glob.glob(os.path.join(SHARED, "corpus", "*.jsonl")))
        self.assertGreater(sum(self.compare(f) for f in files), 10000)


if __name__ == "__main__":
    unittest.main()
