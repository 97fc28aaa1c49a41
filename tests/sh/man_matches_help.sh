# The man page, rendered by groff with every warning an error, lists exactly
# the options of --help of every command (with the same argument names, and
# for an entry that names its commands, exactly those commands), the same
# commands and the same exit codes.  Skipped without groff or python3.
command -v groff > /dev/null || { echo "no groff"; exit 77; }
command -v python3 > /dev/null || { echo "no python3"; exit 77; }
groff -man -Tutf8 -ww -P-cbou cotscan.1 > $TMPD/man.txt 2> $TMPD/groff.err
if [ -s $TMPD/groff.err ]; then echo "groff warnings:"; cat $TMPD/groff.err; exit 1; fi
cmds=$($COTSCAN --help | sed -n '/^Commands:/,/^$/p' | awk '/^  [a-z]/ {print $1}')
: > $TMPD/help.txt
for c in "" $cmds; do
	$COTSCAN $c --help > $TMPD/h || { echo "cotscan $c --help failed"; exit 1; }
	sed "s/^/${c:-tag}	/" $TMPD/h >> $TMPD/help.txt
done
python3 - $TMPD/man.txt $TMPD/help.txt "$cmds" <<'PY'
import re, sys
man = open(sys.argv[1], encoding="utf-8").read().splitlines()
helplines = [l.split("\t", 1) for l in open(sys.argv[2], encoding="utf-8").read().splitlines()]
cmds = sys.argv[3].split()
fail = []

def section(name):
    out, on = [], False
    for l in man:
        if re.match(r"^[A-Z][A-Z ]+$", l):
            on = l == name
            continue
        if on:
            out.append(l)
    return out

# --help: option -> (argument, commands); exit codes per command
help_opts, help_exit = {}, {}
for cmd, l in helplines:
    m = re.match(r"^  (?:-\w, )?    ?--([a-z][a-z-]*)(\[=\w+\]| \S+)? ", l) or \
        re.match(r"^  (?:-\w, )?--([a-z][a-z-]*)(\[=\w+\]| \S+)? ", l)
    if m:
        arg = (m.group(2) or "").strip()
        help_opts.setdefault(m.group(1), [set(), set()])
        help_opts[m.group(1)][0].add(arg)
        help_opts[m.group(1)][1].add(cmd)
    m = re.match(r"^  ([0-9])  ", l)
    if m:
        help_exit.setdefault(cmd, set()).add(m.group(1))

# the man page's OPTIONS entries: "--name ARG" then the text, maybe "(cmd, cmd)"
man_opts = {}
opts = section("OPTIONS")
for i, l in enumerate(opts):
    m = re.match(r"^       (?:-\w(?: \S+)?, )?--([a-z][a-z-]*)(\[=\w+\]|\s\S+)?", l)
    if not m:
        continue
    arg = (m.group(2) or "").strip()
    rest = l[m.end():].strip()
    text = rest if rest else (opts[i + 1].strip() if i + 1 < len(opts) else "")
    scope = re.match(r"^\(([a-z, ]+)\)", text)
    names = set(scope.group(1).replace(" ", "").split(",")) if scope else None
    if names and not names <= set(cmds):
        names = None          # a scope in words ("every command but tag"): not checked
    # an option of several commands may have one entry per command: their union
    prev = man_opts.get(m.group(1))
    if prev:
        names = None if prev[1] is None or names is None else prev[1] | names
        arg = prev[0] if prev[0] == arg else prev[0] + "|" + arg
    man_opts[m.group(1)] = (arg, names)

for o in sorted(set(help_opts) - set(man_opts)):
    fail.append("cotscan.1 OPTIONS lacks --%s (in --help of %s)" % (o, ", ".join(sorted(help_opts[o][1]))))
for o in sorted(set(man_opts) - set(help_opts)):
    fail.append("cotscan.1 OPTIONS has --%s, which no --help lists" % o)
for o in sorted(set(man_opts) & set(help_opts)):
    args, where = help_opts[o]
    marg, scope = man_opts[o]
    if args != {marg}:
        fail.append("--%s: cotscan.1 writes its argument %r, --help %s" % (o, marg, sorted(args)))
    if scope is not None:
        # merge is not in the tag default; the scope must match where --help lists it
        if scope != where:
            fail.append("--%s: cotscan.1 says (%s), --help lists it for %s"
                        % (o, ", ".join(sorted(scope)), ", ".join(sorted(where))))

# every command is described
desc = "\n".join(section("DESCRIPTION"))
for c in cmds:
    if not re.search(r"^       %s\b" % re.escape(c), desc, re.M):
        fail.append("cotscan.1 DESCRIPTION lacks the command %s" % c)

# exit codes
man_exit = set(re.findall(r"^       ([0-9])\s", "\n".join(section("EXIT STATUS")), re.M))
for cmd, codes in sorted(help_exit.items()):
    if codes != man_exit:
        fail.append("exit codes: cotscan %s --help has %s, cotscan.1 %s" % (cmd, sorted(codes), sorted(man_exit)))
if not man_exit:
    fail.append("cotscan.1 has no EXIT STATUS codes")

print("%d options, %d commands, exit codes %s" % (len(help_opts), len(cmds), " ".join(sorted(man_exit))))
for f in fail:
    print(f)
sys.exit(1 if fail else 0)
PY
