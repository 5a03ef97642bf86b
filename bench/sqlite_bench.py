#!/usr/bin/env python3
"""SQLite side of bench/compare: loads nodes.csv/edges.csv into a database with the sqlite3 CLI and
times the comparison queries warm in one process through Python's sqlite3 module (the same
libsqlite3 the CLI uses), excluding the load.

Prints one line per query: name <TAB> median ms <TAB> min ms <TAB> max ms <TAB> answer.
"""
import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time

SCHEMA = """
CREATE TABLE nodes(id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE edges(src INTEGER NOT NULL, dst INTEGER NOT NULL, rel TEXT NOT NULL);
"""
INDEXES = """
CREATE UNIQUE INDEX nodes_name ON nodes(name);
CREATE INDEX edges_src ON edges(src, rel, dst);
CREATE INDEX edges_dst ON edges(dst, rel, src);
ANALYZE;
"""


def reach(start, depth, rel):
    """Nodes reachable in 1..depth hops: UNION keeps (node, depth) pairs unique, a level-by-level BFS."""
    cond = f" AND e.rel = '{rel}'" if rel else ""
    return (f"WITH RECURSIVE r(n, d) AS ("
            f"SELECT e.dst, 1 FROM nodes a JOIN edges e ON e.src = a.id{cond} WHERE a.name = '{start}' "
            f"UNION SELECT e.dst, r.d + 1 FROM r JOIN edges e ON e.src = r.n{cond} WHERE r.d < {depth}) "
            f"SELECT count(DISTINCT n) FROM r;")


def shortest(a, b):
    """Undirected BFS: the recursive queue is FIFO, so the first row reaching b has the least depth and
    LIMIT 1 stops the recursion there."""
    return (f"WITH RECURSIVE bfs(n, d) AS (SELECT id, 0 FROM nodes WHERE name = '{a}' "
            f"UNION SELECT e.dst, bfs.d + 1 FROM bfs JOIN edges e ON e.src = bfs.n WHERE bfs.d < 30 "
            f"UNION SELECT e.src, bfs.d + 1 FROM bfs JOIN edges e ON e.dst = bfs.n WHERE bfs.d < 30) "
            f"SELECT d FROM bfs WHERE n = (SELECT id FROM nodes WHERE name = '{b}') LIMIT 1;")


def queries(args):
    return {
        "one_hop": f"SELECT count(*) FROM nodes a JOIN edges e ON e.src = a.id "
                   f"WHERE a.name = '{args.start}' AND e.rel = 'supports';",
        "reach3": reach(args.start, 3, "supports"),
        "reach5": reach(args.start, 5, "supports"),
        "reach3_any": reach(args.start, 3, None),
        "shortest": shortest(args.from_node, args.to_node),
        "two_hop_all": "SELECT count(*) FROM edges e1 JOIN edges e2 ON e2.src = e1.dst;",
    }


def sqlite_cli(db, script, timeout):
    proc = subprocess.run(["sqlite3", "-batch", "-bail", db], input=script, text=True,
                          capture_output=True, timeout=timeout)
    if proc.returncode != 0:
        sys.exit(f"sqlite_bench: sqlite3 failed: {proc.stderr.strip()}")
    return proc.stdout


def load(args):
    if os.path.exists(args.db) and not args.reload:
        return
    if os.path.exists(args.db):
        os.remove(args.db)
    t0 = time.perf_counter()
    sqlite_cli(args.db, "PRAGMA journal_mode=OFF;\nPRAGMA synchronous=OFF;\n" + SCHEMA +
           f".import --csv --skip 1 {args.dir}/nodes.csv nodes\n"
           f".import --csv --skip 1 {args.dir}/edges.csv edges\n" + INDEXES, timeout=3600)
    print(f"# sqlite load+index: {time.perf_counter() - t0:.1f} s -> {args.db} "
          f"({os.path.getsize(args.db) / 1e6:.0f} MB)", file=sys.stderr)


def floor(args):
    """What the timing loop costs around a statement that does nothing (Python call, cached statement
    lookup, fetch): the part of each SQLite figure that is harness, not query."""
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    con.execute("SELECT 1").fetchall()
    times = []
    for _ in range(max(args.repeat, 1000)):
        t0 = time.perf_counter()
        con.execute("SELECT 1").fetchall()
        times.append((time.perf_counter() - t0) * 1000)
    con.close()
    print(f"# sqlite harness floor (SELECT 1 in the same loop): {statistics.median(times):.4f} ms", file=sys.stderr)


def run(args, name, sql):
    # The CLI's .timer only has millisecond resolution, so the timed runs go through Python's sqlite3
    # module, which links the same libsqlite3 as the CLI; one connection, one warm-up run, then `repeat`.
    # The module's statement cache prepares the SQL once; later runs only reset and step it.
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    con.execute("PRAGMA cache_size=-1000000")
    answer = con.execute(sql).fetchall()
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        rows = con.execute(sql).fetchall()
        times.append((time.perf_counter() - t0) * 1000)
        if rows != answer:
            sys.exit(f"sqlite_bench: {name} gave {rows} then {answer}")
    con.close()
    value = answer[0][0] if answer and answer[0] else ""
    print(f"{name}\t{statistics.median(times):.4f}\t{min(times):.4f}\t{max(times):.4f}\t{value}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dir", required=True, help="folder with nodes.csv and edges.csv")
    p.add_argument("--db", required=True, help="database file (built once, reused)")
    p.add_argument("--reload", action="store_true", help="rebuild the database even if it exists")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--timeout", type=float, default=600, help="seconds per query batch")
    p.add_argument("--start", default="n0")
    p.add_argument("--from-node", default="n1")
    p.add_argument("--to-node", default="n2")
    p.add_argument("names", nargs="*", help="queries to run (default: all)")
    args = p.parse_args()
    load(args)
    qs = queries(args)
    floor(args)
    for name in args.names or qs:
        if name not in qs:
            sys.exit(f"sqlite_bench: unknown query {name!r}; known: {', '.join(qs)}")
        run(args, name, qs[name])


if __name__ == "__main__":
    main()
