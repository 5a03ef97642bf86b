// Kùzu side of the CSV export round trip (kuzu_roundtrip.py): creates a database in DB from the export
// folder's kuzu-schema.cypher and kuzu-copy.cypher, then answers each query of QUERIES (one per line)
// and prints one JSON line per query: the rows as arrays of values.
//
// usage: KUZU_NODE_DIR=DIR node kuzu_query.mjs EXPORT_DIR DB QUERIES_FILE
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const kuzu = createRequire(path.join(process.env.KUZU_NODE_DIR || '.', 'noop.js'))('kuzu');

function statements(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('//'));
}

const [dir, dbPath, queriesFile] = process.argv.slice(2);
const queries = fs.readFileSync(queriesFile, 'utf8').split('\n').filter((l) => l.trim());
const db = new kuzu.Database(dbPath);
const conn = new kuzu.Connection(db);
process.chdir(dir);  // the COPY statements name the files relative to the export folder
for (const s of [...statements('kuzu-schema.cypher'), ...statements('kuzu-copy.cypher')]) await conn.query(s);
for (const q of queries) {
  const result = await conn.query(q);
  const rows = await result.getAll();
  console.log(JSON.stringify(rows.map((r) => Object.values(r).map((v) => (typeof v === 'bigint' ? Number(v) : v)))));
}
await conn.close?.();
await db.close?.();
