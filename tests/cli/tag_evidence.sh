# --evidence: JSON array of {behaviour,rule,start,end,text}
$COTSCAN tag --evidence data/countdown.jsonl
