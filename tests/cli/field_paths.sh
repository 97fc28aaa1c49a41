# --cot-field/--model-field/--id-field with dotted paths and negative indexes
$COTSCAN --cot-field sample.trace.-1 --model-field sample.who --id-field id data/shapes.jsonl
echo "exit $?"
$COTSCAN --cot-field sample.trace.0 --model-field sample.who -q data/shapes.jsonl | tail -n 1
$COTSCAN --model fallback-name --id-field meta.step data/shapes.jsonl | cut -d, -f2-4
