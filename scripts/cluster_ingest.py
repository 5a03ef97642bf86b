#!/usr/bin/python3
"""Sharded ingest on a Dask cluster: the graph one `bangfu ingest CORPUS...` would build.

    scripts/cluster_ingest.py --scheduler tcp://HOST:PORT CORPUS... -g OUT.graph.json

1. Lists the corpus's document files in ingest's reading order (`bangfu extract --list-files`, run here).
2. Cuts that list into runs of consecutive files of about equal size (--partitions, default: two per
   worker thread) and gives each run to a Dask task, which runs the mapper `bangfu extract --jsonl -`
   on a worker and returns its fact lines.
3. Writes the runs' fact lines to WORK/part-NNNNN.jsonl in run order and runs `bangfu merge` on them,
   which replays every document through ingest's graph builder in that order: the graph is the one a
   single ingest of the corpus builds.

Workers need the bangfu binary (--bangfu, same path on every worker) and its data/ folder (--data-dir,
else the folder the binary was built with). Documents are read by the workers from the same paths, so
they must be on shared storage (NFS, a bind mount); with --ship the driver reads each file and sends its
bytes with the task instead, and the worker writes them to a scratch folder (document ids and recorded
paths stay those of the driver's files).

Needs Debian's python3-distributed (scripts/deps.sh), for /usr/bin/python3. Exit status: 0; 3 when some
documents were unreadable (warnings on stderr, the rest merged); 1 on any other failure.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def bangfu_command(bangfu, data_dir):
    cmd = [bangfu]
    if data_dir:
        cmd += ["--data-dir", data_dir]
    return cmd


def list_files(bangfu, data_dir, corpus):
    proc = subprocess.run(bangfu_command(bangfu, data_dir) + ["extract", "--list-files"] + corpus,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
    if proc.returncode not in (0, 3):
        raise SystemExit(f"cluster_ingest: listing the corpus failed (exit {proc.returncode})")
    files = [line for line in proc.stdout.decode("utf-8", "surrogateescape").split("\n") if line]
    return files, proc.returncode == 3


def partition(files, count):
    """Consecutive runs of `files` of about equal total size; at most `count`, none empty."""
    sizes = []
    for f in files:
        try:
            sizes.append(max(1, os.path.getsize(f)))
        except OSError:
            sizes.append(1)  # the mapper will report it
    total = sum(sizes)
    count = max(1, min(count, len(files)))
    runs, current, acc, target = [], [], 0, total / count
    for f, size in zip(files, sizes):
        current.append(f)
        acc += size
        if acc >= target * (len(runs) + 1) and len(runs) < count - 1:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def extract_run(command, paths, shipped=None):
    """Runs on a worker: the mapper over `paths` (or over `shipped` {path: bytes} written to scratch).

    Returns (exit status, fact lines as bytes, stderr text, wall seconds, mapper CPU seconds)."""
    import resource
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    scratch = None
    try:
        names = paths
        if shipped is not None:
            scratch = tempfile.mkdtemp(prefix="bangfu-ship-")
            names, back = [], {}
            for i, path in enumerate(paths):
                # Same file name (it is the document id), a folder of its own per file.
                local = os.path.join(scratch, str(i), os.path.basename(path))
                os.makedirs(os.path.dirname(local))
                with open(local, "wb") as out:
                    out.write(shipped[path])
                names.append(local)
                back[local] = path
        proc = subprocess.run(command + ["extract", "--jsonl", "-"], input="\n".join(names).encode("utf-8", "surrogateescape") + b"\n",
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        out = proc.stdout
        err = proc.stderr.decode("utf-8", "replace")
        if scratch is not None:
            # Recorded paths are the driver's, as a single ingest there records them.
            lines = []
            for line in out.splitlines():
                facts = json.loads(line)
                path = facts.get("path", "")
                for local, original in back.items():
                    if path == local or path.startswith(local + ":"):
                        facts["path"] = original + path[len(local):]
                        break
                lines.append(json.dumps(facts, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            out = b"".join(line + b"\n" for line in lines)
            for local, original in back.items():
                err = err.replace(local, original)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return proc.returncode, out, err, time.monotonic() - started, cpu
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="+", metavar="CORPUS", help="files or folders, as for bangfu ingest")
    ap.add_argument("--scheduler", required=True, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    ap.add_argument("-g", "--graph", required=True, help="graph file to write (replaced)")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--bangfu", default=os.path.join(here, "..", "build", "bangfu"),
                    help="bangfu binary, at this path on the workers too (default: build/bangfu)")
    ap.add_argument("--data-dir", default="", help="data/ folder on the workers (default: the binary's own)")
    ap.add_argument("--partitions", type=int, default=0, help="runs of documents (default: 2 per worker thread)")
    ap.add_argument("--ship", action="store_true", help="send documents' bytes with the tasks (no shared storage)")
    ap.add_argument("--work", default="", help="folder for the fact files (default: a temporary folder, removed)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds to wait for the cluster (default 3600)")
    args = ap.parse_args()

    try:
        from distributed import Client
    except ImportError:
        sys.exit("cluster_ingest: needs Dask's distributed (Debian: apt-get install python3-distributed)")

    bangfu = os.path.abspath(args.bangfu)
    command = bangfu_command(bangfu, args.data_dir)
    corpus = [os.path.abspath(p) for p in args.corpus] if args.ship else args.corpus
    started = time.monotonic()
    files, listing_problems = list_files(bangfu, args.data_dir, corpus)
    if not files:
        sys.exit("cluster_ingest: no documents under " + ", ".join(args.corpus))

    work = args.work or tempfile.mkdtemp(prefix="bangfu-cluster-")
    os.makedirs(work, exist_ok=True)
    status = 3 if listing_problems else 0
    try:
        with Client(args.scheduler, timeout=min(args.timeout, 60)) as client:
            threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1
            runs = partition(files, args.partitions or 2 * threads)
            futures = []
            for i, run in enumerate(runs):
                shipped = None
                if args.ship:
                    shipped = {}
                    for path in run:
                        try:
                            with open(path, "rb") as f:
                                shipped[path] = f.read()
                        except OSError:
                            shipped[path] = b""  # the mapper reports the empty file
                futures.append(client.submit(extract_run, command, run, shipped, key=f"bangfu-extract-{i:05d}-{started}",
                                             pure=False))
            parts, cpu, busiest = [], 0.0, 0.0
            for i, future in enumerate(futures):  # in run order, each written as soon as it is there
                code, out, err, run_wall, run_cpu = future.result(timeout=args.timeout)
                cpu += run_cpu
                busiest = max(busiest, run_wall)
                future.release()
                sys.stderr.write(err)
                if code == 3:
                    status = 3
                elif code != 0:
                    sys.exit(f"cluster_ingest: the mapper failed on run {i} (exit {code})")
                part = os.path.join(work, f"part-{i:05d}.jsonl")
                with open(part, "wb") as f:
                    f.write(out)
                parts.append(part)
            mapped = time.monotonic()
        proc = subprocess.run(command + ["merge"] + parts + ["-g", args.graph], check=False)
        if proc.returncode not in (0, 3):
            sys.exit(f"cluster_ingest: bangfu merge failed (exit {proc.returncode})")
        if proc.returncode == 3:
            status = 3
        print(f"cluster_ingest: {len(files)} files in {len(runs)} runs on {threads} worker threads: "
              f"map {mapped - started:.2f} s (mappers {cpu:.2f} CPU-s, longest run {busiest:.2f} s), "
              f"merge {time.monotonic() - mapped:.2f} s", file=sys.stderr)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
