"""The README's Python recipes (python/examples/) are in the README as they
are here, and do what the README says."""
import csv
import glob
import io
import os
import subprocess
import sys
import unittest

import cotscan

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "python", "examples")
COTSCAN = os.environ.get("COTSCAN", os.path.join(ROOT, "cotscan"))
sys.path.insert(0, EXAMPLES)

try:
    import pandas
except ImportError:  # pragma: no cover
    pandas = None


class InReadme(unittest.TestCase):
    def test_recipes_are_in_the_readme_verbatim(self):
        with open(os.path.join(ROOT, "README.md")) as f:
            readme = f.read()
        files = sorted(glob.glob(os.path.join(EXAMPLES, "*.py")))
        self.assertEqual(len(files), 3)
        for p in files:
            with open(p) as f:
                self.assertTrue("```python\n" + f.read() + "```\n" in readme, "%s is not in the README as it is" % p)


class Recipes(unittest.TestCase):
    @unittest.skipIf(pandas is None, "pandas (Debian python3-pandas) is not installed")
    def test_pandas_rates_equal_the_cli_report(self):
        files = sorted(glob.glob(os.path.join(ROOT, "data", "*.jsonl")))
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        got = subprocess.run([sys.executable, os.path.join(EXAMPLES, "pandas_rates.py")] + files,
                             capture_output=True, text=True, env=env, check=True).stdout
        mine = {(row["model"], b): float(row[b]) for row in csv.DictReader(io.StringIO(got))
                for b in cotscan.BEHAVIOURS}
        rep = subprocess.run([COTSCAN, "report", "-q"] + files, capture_output=True, text=True).stdout
        cli = {(row["model"], row["behaviour"]): float(row["rate"]) for row in csv.DictReader(io.StringIO(rep))}
        self.assertGreater(len(mine), 8)
        # the CLI names a record without a model after its file; the recipe keeps ''
        self.assertEqual({k: v for k, v in mine.items() if k[0]}, {k: v for k, v in cli.items() if k in mine})

    def test_reward(self):
        from reward import cotscan_reward
        checks = "Let me verify: 3*8 = 24. We add them. We compare. So 24 = 24, which matches the target."
        plain = "3*8 = 24. The answer is 24."
        loop = "Let me think. " * 300
        r = cotscan_reward([checks, plain, loop])
        self.assertEqual(len(r), 3)
        self.assertGreater(r[0], r[1])
        self.assertLess(r[2], r[1])
        conv = cotscan_reward([[{"role": "assistant", "content": checks}], [{"role": "assistant", "content": plain}]])
        self.assertEqual(conv, r[:2])

    def test_datasets_map(self):
        from datasets_map import add_cotscan
        batch = {"response": ["Let me check: 2+2=4.", "Wait, that is wrong. Let me try again.", "plain"]}
        out = add_cotscan(batch)
        self.assertEqual(set(out), set(cotscan.BEHAVIOURS) | {"cotscan_defects"})
        self.assertEqual(out["verification"][0], 1)
        self.assertEqual(out["backtracking"][1], 1)
        self.assertTrue(all(len(v) == 3 for v in out.values()))


if __name__ == "__main__":
    unittest.main()
