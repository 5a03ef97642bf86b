// Kùzu side of bench/compare: loads nodes.csv/edges.csv into an on-disk Kùzu database (one node table,
// one relationship table per relation type, name as primary key so lookups by name use Kùzu's index)
// and times the comparison queries warm inside this process, excluding the load.
//
// usage: node kuzu_bench.mjs --dir DIR --db DBDIR [--repeat N] [--start n0] [--from n1] [--to n2] [names...]
// Prints one line per query: name <TAB> median ms <TAB> min ms <TAB> max ms <TAB> answer.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

// The package is installed outside the repo (bench/compare puts it in its work folder): resolve it
// from KUZU_NODE_DIR, the folder holding node_modules/kuzu, else from here.
const kuzu = createRequire(path.join(process.env.KUZU_NODE_DIR || import.meta.dirname || '.', 'noop.js'))('kuzu');

function parseArgs(argv) {
  const a = { repeat: 5, start: 'n0', from: 'n1', to: 'n2', names: [] };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    const take = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    if (k === '--dir') a.dir = take();
    else if (k === '--db') a.db = take();
    else if (k === '--repeat') a.repeat = Number(take());
    else if (k === '--start') a.start = take();
    else if (k === '--from') a.from = take();
    else if (k === '--to') a.to = take();
    else if (k.startsWith('--')) throw new Error(`unknown option ${k}`);
    else a.names.push(k);
  }
  if (!a.dir || !a.db) throw new Error('--dir and --db are required');
  return a;
}

// Kùzu copies relationships per table and wants the end points by primary key: split edges.csv by
// relation type into FROM,TO files of node names.
async function splitEdges(dir, work) {
  const nameOf = (id) => `n${id}`;
  const outs = new Map();
  const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, 'edges.csv')) });
  let first = true;
  for await (const line of lines) {
    if (first) { first = false; continue; }
    if (!line) continue;
    const [src, dst, rel] = line.split(',');
    if (!/^[a-z_]+$/.test(rel)) throw new Error(`edges.csv: unexpected relation ${JSON.stringify(rel)}`);
    if (!outs.has(rel)) outs.set(rel, { file: path.join(work, `${rel}.csv`), buf: [] });
    const o = outs.get(rel);
    o.buf.push(`${nameOf(src)},${nameOf(dst)}\n`);
  }
  for (const o of outs.values()) fs.writeFileSync(o.file, o.buf.join(''));
  return [...outs.keys()].sort();
}

async function load(a) {
  if (fs.existsSync(a.db)) return;
  const t0 = performance.now();
  const work = `${a.db}.csv`;
  fs.mkdirSync(work, { recursive: true });
  const rels = await splitEdges(a.dir, work);
  const db = new kuzu.Database(a.db);
  const conn = new kuzu.Connection(db);
  await conn.query('CREATE NODE TABLE N(name STRING, id INT64, type STRING, PRIMARY KEY(name))');
  // nodes.csv is id,name,type; Kùzu maps CSV columns by position, so reorder into name,id,type.
  const nodes = fs.readFileSync(path.join(a.dir, 'nodes.csv'), 'utf8').split('\n').slice(1)
    .filter(Boolean).map((l) => { const [id, name, type] = l.split(','); return `${name},${id},${type}`; });
  fs.writeFileSync(path.join(work, 'nodes.csv'), nodes.join('\n') + '\n');
  await conn.query(`COPY N FROM '${path.join(work, 'nodes.csv')}' (HEADER=false)`);
  for (const rel of rels) {
    await conn.query(`CREATE REL TABLE ${rel}(FROM N TO N)`);
    await conn.query(`COPY ${rel} FROM '${path.join(work, rel + '.csv')}' (HEADER=false)`);
  }
  await conn.close?.();
  await db.close?.();
  fs.rmSync(work, { recursive: true, force: true });
  process.stderr.write(`# kuzu load: ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${a.db}\n`);
}

function queries(a) {
  return {
    one_hop: `MATCH (a:N {name: '${a.start}'})-[:supports]->(b:N) RETURN count(b) AS n`,
    reach3: `MATCH (a:N {name: '${a.start}'})-[:supports*1..3]->(b:N) RETURN count(DISTINCT b) AS n`,
    reach5: `MATCH (a:N {name: '${a.start}'})-[:supports*1..5]->(b:N) RETURN count(DISTINCT b) AS n`,
    reach3_any: `MATCH (a:N {name: '${a.start}'})-[*1..3]->(b:N) RETURN count(DISTINCT b) AS n`,
    shortest: `MATCH p = (a:N {name: '${a.from}'})-[* SHORTEST 1..30]-(b:N {name: '${a.to}'}) RETURN length(p) AS n`,
    two_hop_all: 'MATCH (a:N)-[*2..2]->(b:N) RETURN count(*) AS n',
  };
}

// Statements are prepared once and executed each run, as bangfu reuses a plan and SQLite a statement.
async function answer(conn, statement) {
  const result = await conn.execute(statement);
  const rows = await result.getAll();
  return rows.length ? String(Object.values(rows[0])[0]) : '';
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  await load(a);
  const db = new kuzu.Database(a.db);
  const conn = new kuzu.Connection(db);
  const qs = queries(a);
  for (const name of a.names.length ? a.names : Object.keys(qs)) {
    if (!qs[name]) throw new Error(`unknown query ${name}; known: ${Object.keys(qs).join(', ')}`);
    const statement = await conn.prepare(qs[name]);
    if (!statement.isSuccess()) throw new Error(`${name}: ${statement.getErrorMessage()}`);
    const expected = await answer(conn, statement);  // warm-up
    const times = [];
    for (let i = 0; i < a.repeat; ++i) {
      const t0 = performance.now();
      const got = await answer(conn, statement);
      times.push(performance.now() - t0);
      if (got !== expected) throw new Error(`${name} gave ${expected} then ${got}`);
    }
    times.sort((x, y) => x - y);
    const median = times.length % 2 ? times[(times.length - 1) / 2]
      : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
    console.log([name, median.toFixed(3), times[0].toFixed(3), times.at(-1).toFixed(3), expected].join('\t'));
  }
}

main().catch((e) => {
  process.stderr.write(`kuzu_bench: ${e.message}\n`);
  process.exit(1);
});
