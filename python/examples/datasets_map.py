# Behaviour counts as new columns of a Hugging Face dataset, in batches.
#   ds = datasets.load_dataset("json", data_files="traces.jsonl", split="train")
#   ds = ds.map(add_cotscan, batched=True, batch_size=1000)
#   rich = ds.filter(lambda x: x["verification"] > 0 and x["cotscan_defects"] == "")
import cotscan

_tagger = cotscan.Tagger()


def add_cotscan(batch, column="response"):
    results = _tagger.tag_many(batch[column])
    out = {b: [r.counts[b] for r in results] for b in cotscan.BEHAVIOURS}
    out["cotscan_defects"] = [";".join(r.defects) for r in results]
    return out
