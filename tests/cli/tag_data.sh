# every sample in data/, default columns
$COTSCAN data/*.jsonl
