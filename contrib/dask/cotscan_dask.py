#!/usr/bin/python3
"""cotscan_dask.py - run cotscan over a Dask distributed cluster.

    cotscan_dask.py --scheduler tcp://HOST:PORT [--chunk 256M] report [cotscan options] FILES...

Splits every FILE into byte ranges cut at line boundaries (no line is split
or read twice), runs `cotscan report --partial` on each range on a worker,
and merges the partials with `cotscan merge`.  The table is byte for byte the
one `cotscan report [cotscan options] FILES...` writes on one machine,
whatever the chunk size and the number of workers: each range is fed to
cotscan on standard input with --label FILE and --first-line N, so file
names, line numbers and fallback model names are those of the whole file.

A worker that dies loses nothing: Dask runs its ranges again elsewhere, and
the driver accepts exactly one partial per range, checked against the
range's byte and line count.  A range that fails on every try (cotscan exits
2 or 3, or the worker dies too often) fails the whole run, naming the range
and cotscan's message; no smaller table is ever written.

Debian: apt-get install python3-distributed (dask-scheduler, dask-worker).
Uses Debian's /usr/bin/python3.  See README.md, "Running on a cluster".
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

PROG = "cotscan_dask"
COMMANDS = ("report",)
# options the driver sets itself on every range
RESERVED = ("--label", "--first-line")
# options of `cotscan merge` (-o, --format, --level, --svg, --partial: they
# shape the table) go to the merge, not to the workers, which always write
# partials; these few go to both
BOTH = ("-q", "--quiet")
BLOCK = 1 << 20


def die(msg, code=2):
    sys.stderr.write("%s: %s\n" % (PROG, msg))
    sys.exit(code)


def parse_size(s):
    """'256M' -> bytes (K, M, G: powers of 1024)."""
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    t = s.strip().upper().rstrip("B")
    m = 1
    if t and t[-1] in mult:
        m = mult[t[-1]]
        t = t[:-1]
    if not t.isdigit() or int(t) * m <= 0:
        raise argparse.ArgumentTypeError("bad size '%s' (e.g. 256M, 64K, 1G)" % s)
    return int(t) * m


def cotscan_options(cotscan, cmd):
    """Options of `cotscan CMD`, read from its --help: (all names, names
    that take an argument)."""
    try:
        out = subprocess.run([cotscan, cmd, "--help"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        die("cannot run '%s %s --help': %s" % (cotscan, cmd, e))
    every, takes = set(), set()
    for line in out.splitlines():
        # "  -o, --output FILE   help": every name before an upper-case word
        words = line.replace(",", " ").split()
        names = []
        for w in words:
            if not w.startswith("-"):
                break
            names.append(w)
        every.update(names)
        if names and len(words) > len(names) and words[len(names)][:1].isupper():
            takes.update(names)
    return every, takes


def split_command_line(cotscan, cmd, args):
    """Splits `[cotscan options] FILES` into (worker options, merge options, files)."""
    _, takes = cotscan_options(cotscan, cmd)
    merge_opts, _ = cotscan_options(cotscan, "merge")
    merge_opts -= {"-h", "--help", "-V", "--version"}
    worker, merge, files = [], [], []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            files += args[i + 1:]
            break
        if a == "-" or not a.startswith("-"):
            files.append(a)
            i += 1
            continue
        name, eq, _ = a.partition("=")
        opt = [a]
        if not eq and name in takes:
            if i + 1 >= len(args):
                die("option '%s' needs an argument" % name)
            opt.append(args[i + 1])
            i += 1
        i += 1
        if name in RESERVED:
            die("option '%s' is set by %s for every range" % (name, PROG))
        if name in merge_opts:
            merge += opt
        if name not in merge_opts or name in BOTH:
            worker += opt
    if not files:
        die("no input files (standard input cannot be split; give file names)")
    if "-" in files:
        die("standard input cannot be split; give file names")
    for f in files:
        kind = compression(f)
        if kind:
            die("'%s' is %s-compressed: byte ranges cannot be cut inside a compressed stream; "
                "decompress it first, or run 'cotscan report' on it in one process" % (f, kind))
    return worker, merge, files


# the magic bytes cotscan recognises (src/decompress.c)
MAGIC = ((b"\x1f\x8b", "gzip"), (b"\x28\xb5\x2f\xfd", "zstd"), (b"\xfd7zXZ\x00", "xz"))


def compression(path):
    """The compression of the file at path ("gzip", "zstd", "xz", "bzip2"), or None."""
    try:
        with open(path, "rb") as f:
            head = f.read(6)
    except OSError:
        return None          # cotscan reports it when it reads the file
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if head[:3] == b"BZh" and head[3:4].isdigit() and head[3:4] != b"0":
        return "bzip2"
    return None


def count_lines(data):
    """Lines in a block of whole lines (a last line without LF counts)."""
    n = data.count(b"\n")
    return n + (1 if data and not data.endswith(b"\n") else 0)


def cut_ranges(path, chunk):
    """Yields (start, end, first_line, lines) for each range of path: about
    chunk bytes, ending just after an LF (or at the end of the file).  Reads
    the file once, sequentially.  With ship, also yields the bytes."""
    with open(path, "rb") as f:
        start, line = 0, 1
        while True:
            data = f.read(chunk)
            if not data:
                return
            if not data.endswith(b"\n"):
                # extend to the end of the line
                rest = []
                while True:
                    b = f.readline(BLOCK)
                    if not b:
                        break
                    rest.append(b)
                    if b.endswith(b"\n"):
                        break
                data += b"".join(rest)
            n = count_lines(data)
            yield start, start + len(data), line, n, data
            start += len(data)
            line += n


class RangeError(Exception):
    """cotscan failed on a range: args are (message, exit code for the run)."""


def run_range(cotscan, cmd, worker_opts, label, first_line, path, start, end, lines, data):
    """Runs on a worker: feeds bytes [start, end) of path (or the shipped data)
    to `cotscan CMD --partial` on standard input.  Returns (partial, messages,
    exit code, lines fed, worker address).  Raises RangeError when cotscan
    fails, so that Dask tries the range again."""
    import distributed

    argv = [cotscan, cmd, "--partial", "-q"] + list(worker_opts) + [
        "--label", label, "--first-line", str(first_line), "-"]
    where = "%s: bytes %d-%d (lines %d-%d)" % (label, start, end, first_line, first_line + lines - 1)
    fed = nl = 0
    last = b"\n"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=out, stderr=err)
        except OSError as e:
            raise RangeError("%s: cannot run '%s': %s" % (where, cotscan, e), 3)
        try:
            src = open(path, "rb") if data is None else None
            try:
                if src:
                    src.seek(start)
                while fed < end - start:
                    if src:
                        b = src.read(min(BLOCK, end - start - fed))
                    else:
                        b = data[fed:fed + BLOCK]
                    if not b:
                        break
                    fed += len(b)
                    nl += b.count(b"\n")
                    last = b[-1:]
                    p.stdin.write(b)
            finally:
                if src:
                    src.close()
            p.stdin.close()
        except BrokenPipeError:
            pass  # cotscan stopped reading: its exit code says why
        except OSError as e:
            p.kill()
            p.wait()
            raise RangeError("%s: cannot read '%s': %s" % (where, path, e), 3)
        rc = p.wait()
        out.seek(0)
        err.seek(0)
        partial, msgs = out.read(), err.read()
    if rc not in (0, 1):
        text = msgs.decode("utf-8", "replace").strip() or "(no message)"
        how = "exited %d" % rc if rc > 0 else "was killed by signal %d" % -rc
        raise RangeError("%s: cotscan %s: %s" % (where, how, text), rc if rc in (2, 3) else 3)
    got = nl + (1 if fed and last != b"\n" else 0)
    if fed != end - start or got != lines:
        raise RangeError("%s: read %d bytes and %d lines, expected %d and %d (file changed?)"
                         % (where, fed, got, end - start, lines), 3)
    try:
        addr = distributed.get_worker().address
    except ValueError:
        addr = "?"
    return partial, msgs, rc, got, addr


def task_history(dask_scheduler, keys):
    """On the scheduler, from its transition log: for each key, [runs that
    ended without a result (the worker running it died), runs, runs that
    finished].  The driver releases a task once it has its partial."""
    out = {k: [0, 0, 0] for k in keys}
    for t in dask_scheduler.transition_log:
        h = out.get(t.key)
        if h is None:
            continue
        if t.finish == "processing":
            h[1] += 1
        elif t.finish == "memory":
            h[2] += 1
        elif t.start == "processing" and t.finish == "released":
            h[0] += 1
    return out


def main():
    ap = argparse.ArgumentParser(
        prog="cotscan_dask.py",
        usage="%(prog)s --scheduler ADDRESS|--scheduler-file FILE|--local N [options] report "
        "[cotscan options] FILES...",
        description="Run cotscan over a Dask distributed cluster: split FILES into byte ranges at "
        "line boundaries, run 'cotscan report --partial' on each range on a worker, merge the "
        "partials with 'cotscan merge'. The table equals 'cotscan report FILES...' byte for byte.",
        epilog="Exit status: as cotscan's (0 ok, 1 lines skipped, 2 usage or rules, 3 I/O); "
        "a range that fails on every try ends the run with cotscan's exit code, or 3.")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDRESS", help="scheduler address, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--scheduler-file", metavar="FILE", help="JSON file written by dask-scheduler --scheduler-file")
    where.add_argument("--local", type=int, metavar="N",
                       help="start a LocalCluster of N one-thread worker processes on 127.0.0.1 (a laptop)")
    ap.add_argument("--chunk", type=parse_size, default=parse_size("256M"), metavar="SIZE",
                    help="bytes per range, cut at the next line end (default 256M)")
    ap.add_argument("--cotscan", default="cotscan", metavar="PATH",
                    help="cotscan binary on the workers (default: cotscan on their PATH)")
    ap.add_argument("--local-cotscan", metavar="PATH",
                    help="cotscan binary here, for --help and merge (default: --cotscan)")
    ap.add_argument("--ship", action="store_true",
                    help="send each range's bytes from here to the workers (for workers that do not "
                    "see FILES at the same path); default: workers read their range from FILES")
    ap.add_argument("--retries", type=int, default=2, metavar="N",
                    help="tries after a failure of cotscan on a range (default 2); a lost worker's "
                    "ranges are rerun by Dask up to distributed.scheduler.allowed-failures times")
    ap.add_argument("--wait-workers", type=int, default=1, metavar="N",
                    help="wait for N workers before starting (default 1)")
    ap.add_argument("--timeout", type=float, default=120, metavar="SECONDS",
                    help="give up connecting or waiting for workers after this long (default 120)")
    ap.add_argument("--in-flight", type=int, default=0, metavar="N",
                    help="with --ship, ranges held in memory at once (default 2 per worker thread + 2)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print the run's figures (ranges, lines, workers, reruns, wall time) on stderr")
    ap.add_argument("command", choices=COMMANDS, help="the cotscan subcommand")
    ap.add_argument("args", nargs=argparse.REMAINDER, help="cotscan options and FILES")
    a = ap.parse_args()
    local = a.local_cotscan or a.cotscan
    worker_opts, merge_opts, files = split_command_line(local, a.command, a.args)
    for f in files:
        if not os.path.isfile(f):
            die("cannot open '%s': not a regular file" % f, 3)

    t0 = time.monotonic()
    try:
        import distributed
    except ImportError:
        die("python3-distributed is not installed (apt-get install python3-distributed)")
    cluster = None
    try:
        if a.local:
            if a.local < 1:
                die("--local needs 1 or more workers")
            cluster = distributed.LocalCluster(n_workers=a.local, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None)
            a.wait_workers = a.local
        client = distributed.Client(cluster or a.scheduler, scheduler_file=a.scheduler_file,
                                    timeout=a.timeout)
    except (OSError, TimeoutError, ValueError) as e:
        die("cannot reach the scheduler: %s" % e, 3)
    try:
        rc = drive(a, client, local, worker_opts, merge_opts, files, t0)
    finally:
        client.close()
        if cluster:
            cluster.close()
    sys.exit(rc)


def drive(a, client, local, worker_opts, merge_opts, files, t0):
    import distributed

    try:
        client.wait_for_workers(a.wait_workers, timeout=a.timeout)
    except (TimeoutError, OSError) as e:
        die("fewer than %d workers after %gs: %s" % (a.wait_workers, a.timeout, e), 3)
    workers_seen = set(client.nthreads())
    nthreads = sum(client.nthreads().values())
    nworkers = len(client.nthreads())
    in_flight = a.in_flight or 2 * nthreads + 2
    tag = "cotscan-%d-%d" % (os.getpid(), int(time.time() * 1000))

    ranges = []          # (label, start, end, first_line, lines)
    keys = []
    results = {}         # range index -> (partial, msgs, rc, lines, worker)
    futures = distributed.as_completed()
    pending = {}         # key -> range index, for ranges not yet accepted
    live = {}            # key -> future, for ranges not yet accepted

    def accept(fut):
        i = pending.pop(fut.key)
        live.pop(fut.key)
        try:
            res = fut.result()
        except RangeError as e:
            fail(e.args[0], e.args[1])
        except distributed.KilledWorker as e:
            lab, s, en, fl, n = ranges[i]
            fail("%s: bytes %d-%d (lines %d-%d): the workers running it died too often (%s)"
                 % (lab, s, en, fl, fl + n - 1, e), 3)
        # let the scheduler forget the task: a worker lost from now on holds
        # nothing of this range, so it is not run again
        fut.release()
        if i in results:     # cannot happen with one key per range; never count twice
            sys.stderr.write("%s: range %d delivered twice; second copy ignored\n" % (PROG, i))
            return
        results[i] = res

    def fail(msg, code):
        sys.stderr.write("%s: %s\n" % (PROG, msg))
        client.cancel(list(live.values()))
        sys.exit(code)

    for path in files:
        for start, end, first, lines, data in cut_ranges(path, a.chunk):
            i = len(ranges)
            ranges.append((path, start, end, first, lines))
            key = "%s-%d" % (tag, i)
            keys.append(key)
            # workers run elsewhere: they read the absolute path, cotscan names the file as given
            fut = client.submit(run_range, a.cotscan, a.command, worker_opts, path, first,
                                os.path.abspath(path), start, end,
                                lines, data if a.ship else None, key=key, retries=a.retries, pure=False)
            pending[key] = i
            live[key] = fut
            futures.add(fut)
            del data
            # take every partial as soon as it is ready; with --ship hold at
            # most in_flight ranges in memory
            while futures.has_ready() or (a.ship and len(pending) >= in_flight):
                accept(next(futures))
    for fut in futures:
        accept(fut)

    assert sorted(results) == list(range(len(ranges))), "a range is missing"
    history = client.run_on_scheduler(task_history, keys=keys)
    strict = "--strict" in worker_opts
    worst = 0
    for i in range(len(ranges)):
        partial, msgs, rc, lines, worker = results[i]
        sys.stderr.buffer.write(msgs)
        worst = max(worst, rc)
        if lines != ranges[i][4]:
            die("%s: range %d gave %d lines, expected %d" % (ranges[i][0], i, lines, ranges[i][4]), 3)
    sys.stderr.flush()
    if strict and worst:
        # as `cotscan --strict`: stopped at a bad line, no table
        return worst

    # merge the partials in range order: exactly one per range
    with tempfile.TemporaryFile() as cat:
        for i in range(len(ranges)):
            cat.write(results[i][0])
        cat.seek(0)
        m = subprocess.run([local, "merge"] + merge_opts, stdin=cat)
    if m.returncode not in (0, 1):
        die("cotscan merge exited %d" % m.returncode, m.returncode if m.returncode in (2, 3) else 3)
    if a.verbose:
        by_worker = {}
        for r in results.values():
            by_worker[r[4]] = by_worker.get(r[4], 0) + 1
        rerun = [i for i, k in enumerate(keys) if history[k][1] > 1 or history[k][2] > 1]
        total_lines = sum(r[4] for r in ranges)
        total_bytes = sum(r[2] - r[1] for r in ranges)
        sys.stderr.write("%s: %d lines, %d bytes, %d ranges of %d bytes, %d workers (%d threads), "
                         "%.2f s\n" % (PROG, total_lines, total_bytes, len(ranges), a.chunk, nworkers,
                                       nthreads, time.monotonic() - t0))
        sys.stderr.write("%s: partials accepted per worker: %s\n"
                         % (PROG, ", ".join("%s %d" % kv for kv in sorted(by_worker.items()))))
        lost = sorted(set(workers_seen) - set(client.nthreads()))
        sys.stderr.write("%s: workers lost during the run (of those at its start): %s\n"
                         % (PROG, " ".join(lost) or "none"))
        sys.stderr.write("%s: %d ranges run more than once, %d partials accepted (one per range)\n"
                         % (PROG, len(rerun), len(results)))
        for i in rerun:
            lab, st, en, fl, n = ranges[i]
            died, runs, done = history[keys[i]]
            why = []
            if died:
                why.append("assigned to a worker that died, %d time(s)" % died)
            if done > 1:
                why.append("its finished partial was lost with its worker before it was fetched")
            sys.stderr.write("%s:   range %d, %s bytes %d-%d (lines %d-%d): run %d times (%s); "
                             "partial accepted once, from %s\n"
                             % (PROG, i, lab, st, en, fl, fl + n - 1, runs, "; ".join(why) or "retried",
                                results[i][4]))
    return max(worst, m.returncode)


if __name__ == "__main__":
    main()
