# per-model frequency table over data/
$COTSCAN report data/*.jsonl
