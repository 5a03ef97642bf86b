#!/usr/bin/python3
"""CTest: a real Dask cluster on loopback runs scripts/cluster_ingest.py; its graph must be the one a single
`bangfu ingest` builds (canonical dump and `bangfu stats` equal), with shared paths and with --ship.

usage: dask_cluster_test.py BANGFU SOURCE_DIR
Starts one dask-scheduler and two dask-worker processes on 127.0.0.1 (free ports, own process groups,
killed on exit or failure), bounded by a deadline. Exits 4 (skipped) when python3-distributed is missing.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

DEADLINE = time.monotonic() + 240  # the whole test; each wait below is bounded by what is left


def left():
    return max(1.0, DEADLINE - time.monotonic())


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, **kw):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=left(), **kw)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout.decode() + proc.stderr.decode())
        raise SystemExit(f"FAIL: {' '.join(cmd)} exited {proc.returncode}")
    return proc.stdout.decode()


def dump(bangfu, graph, out):
    run([bangfu, "export", "-g", graph, "--format", "json", "-o", out])
    with open(out, encoding="utf-8") as f:
        return f.read()


def stats(bangfu, graph):
    # The first line names the file, which differs.
    return run([bangfu, "stats", "-g", graph]).split("\n", 1)[1]


def main():
    bangfu, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    try:
        import distributed  # noqa: F401
        from distributed import Client
    except ImportError:
        print("SKIP: python3-distributed is not installed (scripts/deps.sh installs it)")
        return 4

    work = tempfile.mkdtemp(prefix="bangfu-dask-test-")
    procs = []
    try:
        # The corpus: the examples plus a small generated one (txt files and jsonl records), so shards
        # cut across formats and the same names recur across shards.
        corpus = os.path.join(work, "corpus")
        shutil.copytree(os.path.join(source, "examples", "corpus"), os.path.join(corpus, "examples"))
        gen = os.path.join(os.path.dirname(bangfu), "bench", "bench_gen_corpus")
        if os.path.exists(gen):
            run([gen, "--mb", "0.3", "--out", os.path.join(corpus, "generated")])

        single = os.path.join(work, "single.graph.json")
        run([bangfu, "ingest", corpus, "-g", single])
        expected_dump, expected_stats = dump(bangfu, single, os.path.join(work, "single.json")), stats(bangfu, single)

        port = free_port()
        address = f"tcp://127.0.0.1:{port}"
        py = sys.executable
        log = open(os.path.join(work, "cluster.log"), "wb")
        common = dict(stdout=log, stderr=subprocess.STDOUT, cwd=work, start_new_session=True)
        procs.append(subprocess.Popen([py, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
                                       str(port), "--no-dashboard", "--idle-timeout", "300"], **common))
        for i in range(2):
            procs.append(subprocess.Popen([py, "-m", "distributed.cli.dask_worker", address, "--host", "127.0.0.1",
                                           "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--death-timeout",
                                           "60", "--local-directory", os.path.join(work, f"worker{i}"),
                                           "--name", f"w{i}"], **common))
        with Client(address, timeout=min(60, left())) as client:
            client.wait_for_workers(2, timeout=min(120, left()))
            workers = client.scheduler_info()["workers"]
            assert len(workers) == 2, workers
            assert all(w.split("://")[1].startswith("127.0.0.1:") for w in workers), workers

        script = os.path.join(source, "scripts", "cluster_ingest.py")
        for mode in ([], ["--ship"]):
            out = os.path.join(work, "cluster.graph.json")
            run([py, script, "--scheduler", address, "--bangfu", bangfu, "--partitions", "4", corpus, "-g", out] + mode)
            got_dump, got_stats = dump(bangfu, out, os.path.join(work, "cluster.json")), stats(bangfu, out)
            if got_dump != expected_dump or got_stats != expected_stats:
                subprocess.run(["diff", os.path.join(work, "single.json"), os.path.join(work, "cluster.json")])
                raise SystemExit(f"FAIL: the cluster's graph {mode} differs from the single ingest's")
            print(f"ok: cluster ingest {' '.join(mode) or '(shared paths)'} == single ingest "
                  f"({expected_dump.count(chr(10))} dump lines)")
        return 0
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
