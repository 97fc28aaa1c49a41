# An RL reward in TRL's reward_funcs shape: verification is rewarded (up to
# three checks), a degenerate loop or padding is penalised.
#   trainer = GRPOTrainer(..., reward_funcs=[cotscan_reward])
import cotscan

_tagger = cotscan.Tagger()


def cotscan_reward(completions, **kwargs):
    # completions: strings, or (conversational) lists of {"role", "content"} messages
    texts = [c if isinstance(c, str) else c[-1]["content"] for c in completions]
    rewards = []
    for r in _tagger.tag_many(texts):
        score = min(r.counts["verification"], 3) / 3
        if "repetitive" in r.defects or "padded" in r.defects:
            score -= 1.0
        rewards.append(score)
    return rewards
