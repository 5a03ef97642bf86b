#!/usr/bin/env python3
"""CTest (and by hand on big graphs): `bangfu export --format csv` loaded into Kùzu answers the same Cypher
queries as bangfu: node count per label, edge count per relation type, totals, and the nodes a `*1..3`
pattern reaches from a named node (the node with most outgoing edges, and a second one), plus the sum of
edge weights and a name filter.

usage: kuzu_roundtrip.py BANGFU SOURCE_DIR KUZU_NODE_DIR [--graph G] [--keep DIR]
Without --graph it ingests examples/corpus. Exits 4 (skipped) when node or the kuzu npm package is missing
(scripts/install_kuzu.sh installs it, pinned). Prints the figures (export and load times, file sizes).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


def run(cmd, **kw):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=1800, **kw)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout.decode() + proc.stderr.decode())
        raise SystemExit(f"FAIL: {' '.join(cmd[:4])}… exited {proc.returncode}")
    return proc.stdout.decode()


def ident(name):
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else "`" + name.replace("`", "``") + "`"


def literal(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def bangfu_rows(bangfu, graph, query):
    out = run([bangfu, "query", "-g", graph, "--format", "jsonl", "--max-rows", "0", query])
    return [list(json.loads(line).values()) for line in out.splitlines() if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bangfu")
    ap.add_argument("source")
    ap.add_argument("kuzu_node_dir")
    ap.add_argument("--graph")
    ap.add_argument("--keep")
    a = ap.parse_args()
    bangfu = os.path.abspath(a.bangfu)
    kuzu_dir = os.path.abspath(a.kuzu_node_dir)
    if not shutil.which("node") or not os.path.exists(os.path.join(kuzu_dir, "node_modules", "kuzu", "package.json")):
        print(f"SKIP: node or the kuzu npm package in {kuzu_dir} is missing (run scripts/install_kuzu.sh {kuzu_dir})")
        return 4
    work = a.keep or tempfile.mkdtemp(prefix="bangfu-kuzu-test-")
    os.makedirs(work, exist_ok=True)
    try:
        graph = a.graph
        if not graph:
            graph = os.path.join(work, "examples.graph.json")
            run([bangfu, "ingest", os.path.join(a.source, "examples", "corpus"), "-g", graph])
        out = os.path.join(work, "csv")
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.monotonic()
        run(["/usr/bin/time", "-f", "%e s %M KB", "-o", os.path.join(work, "export.time"), bangfu, "export", "-g",
             graph, "--format", "csv", "-o", out])
        export_s = time.monotonic() - t0
        with open(os.path.join(out, "kuzu-schema.cypher"), encoding="utf-8") as f:
            schema = f.read()
        labels = [m.replace("``", "`") for m in re.findall(r"CREATE NODE TABLE `((?:[^`]|``)+)`", schema)]
        types = [m.replace("``", "`") for m in re.findall(r"CREATE REL TABLE `((?:[^`]|``)+)`", schema)]

        queries = ["MATCH (n) RETURN count(*) AS c", "MATCH ()-[r]->() RETURN count(*) AS c",
                   # sum() over no values is 0 in bangfu (and Neo4j), null in Kùzu: compared through coalesce.
                   "MATCH ()-[r]->() RETURN coalesce(sum(r.weight), 0) AS w, count(r.weight) AS n",
                   "MATCH (n) WHERE n.name CONTAINS '人民医院' RETURN count(*) AS c"]
        queries += [f"MATCH (n:{ident(l)}) RETURN count(*) AS c" for l in labels]
        queries += [f"MATCH ()-[r:{ident(t)}]->() RETURN count(*) AS c" for t in types]
        hubs = bangfu_rows(bangfu, graph, "MATCH (a)-[r]->() WHERE a.name IS NOT NULL "
                                          "RETURN a.name AS name, count(*) AS c ORDER BY c DESC, name LIMIT 2")
        for name, _ in hubs:
            queries.append(f"MATCH (a {{name: {literal(name)}}})-[*1..3]->(b) RETURN count(DISTINCT b) AS c")
            queries.append(f"MATCH (a {{name: {literal(name)}}})-[*1..3]->(b) RETURN DISTINCT b.name AS name "
                           "ORDER BY name")
        qfile = os.path.join(work, "queries.txt")
        with open(qfile, "w", encoding="utf-8") as f:
            f.write("\n".join(queries) + "\n")

        db = os.path.join(work, "kuzu.db")
        shutil.rmtree(db, ignore_errors=True)
        if os.path.exists(db):
            os.remove(db)
        t0 = time.monotonic()
        kuzu_out = run(["node", os.path.join(a.source, "tests", "cli", "kuzu_query.mjs"), out, db, qfile],
                       env=dict(os.environ, KUZU_NODE_DIR=kuzu_dir))
        kuzu_s = time.monotonic() - t0
        kuzu_answers = [json.loads(line) for line in kuzu_out.splitlines() if line.strip()]
        if len(kuzu_answers) != len(queries):
            raise SystemExit(f"FAIL: Kùzu answered {len(kuzu_answers)} of {len(queries)} queries")

        failed = 0
        for q, k in zip(queries, kuzu_answers):
            b = bangfu_rows(bangfu, graph, q)
            same = b == k
            failed += not same
            shown = b if len(json.dumps(b, ensure_ascii=False)) < 80 else f"{len(b)} rows"
            print(f"{'ok  ' if same else 'DIFF'} {q}  ->  {shown}" + ("" if same else f"  (Kùzu: {k})"))
        size = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
        with open(os.path.join(work, "export.time")) as f:
            export_time = f.read().strip()
        print(f"export: {export_s:.2f} s wall ({export_time}, incl. graph load), {len(os.listdir(out))} files, "
              f"{size / 1e6:.1f} MB; Kùzu load + {len(queries)} queries: {kuzu_s:.2f} s")
        if failed:
            raise SystemExit(f"FAIL: {failed} of {len(queries)} answers differ")
        if not hubs:
            raise SystemExit("FAIL: the graph has no edges to test reach on")
        return 0
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
