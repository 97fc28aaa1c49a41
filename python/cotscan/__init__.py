"""cotscan: tag the cognitive behaviours of chains of thought from Python.

    import cotscan
    t = cotscan.Tagger()                  # the built-in rules; Tagger(rules="my_rules/")
    r = t.tag("... Wait, that gives 30, not 24. Let me try 6*4 ...")
    r.counts      # {'backtracking': 1, 'verification': 0, ...}
    r.evidence    # [Match(behaviour, rule, start, end, text), ...]
    r.defects     # ['truncated', ...]

The tagging is libcotscan's, the C library the cotscan command is built on:
the same rules, field detection, matching and defects, the same results.

A text is analysed as the CLI analyses a trace's chain of thought: its
reasoning sections (<think> ... and the other delimiters of the README's
"Where cotscan looks") only, unless whole=True.  Offsets: for a str,
Match.start and Match.end index the str given; for bytes, they are byte
offsets into the bytes given; for a record, they index Result.text.

A text that is not valid UTF-8 (bytes), holds lone surrogates (str) or a
NUL is not tagged: Result.skipped says why, as the CLI's summary would.

Threads: tag() and tag_record() hold the GIL; tag_many() releases it and
tags on its own threads (jobs=0: one per CPU), marking the duplicate
defect in input order as the CLI does over one input.
"""
import json as _json

from ._cotscan import BEHAVIOURS, DEFECTS, Match, Result, RuleError, version
from ._cotscan import Tagger as _CTagger

__all__ = ["Tagger", "Match", "Result", "RuleError", "BEHAVIOURS", "DEFECTS", "version", "tag_frame"]
__version__ = version


def _line(record):
    if isinstance(record, (str, bytes, bytearray)):
        return record
    return _json.dumps(record)


class Tagger(_CTagger):
    """Tagger(rules=None, *, cot_field=None, model_field=None, id_field=None,
    answer_field=None, min_bytes=0, max_bytes=0)

    rules: a rule file or a directory of *.rules (None: the built-in rules);
    a rule file that does not load raises RuleError with .file and .line.
    The field options are the CLI's --cot-field, --model-field, --id-field
    and --answer-field; min_bytes and max_bytes its --min-bytes and
    --max-bytes (defects too_short and too_long; 0: off).
    """

    __slots__ = ()

    def tag_record(self, record, *, whole=False):
        """Tags one record (a dict, or its JSON text as str or bytes) with the
        CLI's field detection: the chain of thought from messages, response,
        output, ... as `cotscan tag` finds it; Result.model and Result.id too."""
        return self.tag_json(_line(record), whole=whole)

    def tag_many(self, items, *, jobs=0, whole=False, records=False):
        """Tags a list of texts (str or bytes), or with records=True of records
        (dicts or JSON lines), on jobs threads without the GIL; returns one
        Result per item, in order, duplicates marked as the CLI marks them."""
        if records:
            items = [_line(x) for x in items]
        return super().tag_many(items, jobs=jobs, whole=whole, records=records)


def tag_frame(df, column="cot", *, tagger=None, jobs=0, whole=False, records=False):
    """A pandas DataFrame of cotscan's results for df[column], with df's index:
    one column per behaviour (counts), cot_bytes, defects (separated by ';', as
    in the CLI's CSV) and skipped (None, or why the text was not tagged).
    With records=True the column holds records (dicts or JSON lines)."""
    import pandas as pd

    t = tagger if tagger is not None else Tagger()
    values = list(df[column])
    # a missing value (None, NaN) or another type is a row the CLI would skip as cot_not_string
    other = [i for i, v in enumerate(values)
             if not isinstance(v, (str, bytes, bytearray)) and not (records and isinstance(v, dict))]
    for i in other:
        values[i] = ""
    results = t.tag_many(values, jobs=jobs, whole=whole, records=records)
    data = {b: [r.counts[b] for r in results] for b in BEHAVIOURS}
    data["cot_bytes"] = [r.cot_bytes for r in results]
    data["defects"] = [";".join(r.defects) for r in results]
    data["skipped"] = [r.skipped for r in results]
    for i in other:
        for b in BEHAVIOURS:
            data[b][i] = 0
        data["defects"][i] = ""
        data["skipped"][i] = "cot_not_string"
    return pd.DataFrame(data, index=df.index)
