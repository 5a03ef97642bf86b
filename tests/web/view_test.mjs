// The HTML view in a real browser: builds the example graph with `bangfu`, exports it as a page, and
// drives Debian's headless Chromium through playwright-core (from build/web/node_modules, pinned by
// web/package-lock.json). Checks what a person sees: the node count `bangfu stats` reports, a search
// for a hospital that focuses it, a click on an edge that shows the edge's evidence sentence, and the
// relation labels switching language. Writes screenshots to OUT/view-*.png.
//
// node tests/web/view_test.mjs BANGFU CORPUS WEB_DIR OUT_DIR
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const [bangfu, corpus, webDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node view_test.mjs BANGFU CORPUS WEB_DIR OUT_DIR");
  process.exit(2);
}
const chromiumPath = process.env.BANGFU_CHROMIUM || "/usr/bin/chromium";
if (!fs.existsSync(chromiumPath)) {
  // scripts/deps.sh installs Debian's chromium: a missing browser is a broken setup, not a reason to skip.
  console.error(`no Chromium at ${chromiumPath}: run scripts/deps.sh (or set BANGFU_CHROMIUM)`);
  process.exit(1);
}
const { chromium } = createRequire(path.join(webDir, "package.json"))("playwright-core");

let passed = 0, failed = 0;
function check(ok, what, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${ok || !detail ? "" : `\n     ${detail}`}`);
}
function run(...args) {
  return execFileSync(bangfu, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bangfu-view-"));
const graph = path.join(work, "examples.graph.json");
const page = path.join(work, "view.html");
run("ingest", corpus, "-g", graph);
const stats = run("stats", "-g", graph);
const nodes = Number(/^nodes: (\d+)$/m.exec(stats)[1]);
const edges = Number(/^edges: (\d+)$/m.exec(stats)[1]);
run("export", "-g", graph, "--format", "html", "-o", page);

// The edge to click, and the sentence it must show, asked of the graph independently of the page: an
// edge into 凤凰县人民医院 (the README's example), else into the first hospital that has one.
function edgeInto(where) {
  const out = run("query", "-g", graph, "--format", "jsonl",
    `MATCH (a)-[r]->(b:Hospital) ${where} RETURN a.name AS a, b.name AS b, type(r) AS rel, r.evidence AS ev ` +
    "ORDER BY b, a, rel LIMIT 1");
  return out.trim() ? JSON.parse(out.trim().split("\n")[0]) : null;
}
const target = edgeInto("WHERE b.name = '凤凰县人民医院'") || edgeInto("");
if (!target) throw new Error("the example graph has no edge into a hospital");

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "bangfu-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const tab = context.pages()[0] || (await context.newPage());
  const requests = [];
  tab.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url()); });
  const errors = [];
  tab.on("pageerror", (e) => errors.push(String(e)));
  await tab.goto("file://" + page);
  await tab.waitForSelector("body[data-ready=true]", { timeout: 30000 });

  const count = await tab.textContent("#count");
  check(count.includes(`${nodes} nodes`) && count.includes(`${edges} edges`),
        `the page shows the node and edge counts of bangfu stats (${nodes} nodes, ${edges} edges)`, `shown: ${count}`);
  const drawn = await tab.evaluate(() => [bangfuView.cy.nodes().length, bangfuView.cy.edges().length]);
  check(drawn[0] === nodes && drawn[1] === edges, "every node and edge is drawn", `drawn: ${drawn}`);
  const labelled = await tab.evaluate(() => bangfuView.cy.nodes().filter((n) => n.renderedWidth() > 0).length);
  check(labelled === nodes, "the nodes have a size on screen");
  await tab.screenshot({ path: path.join(outDir, "view-graph.png") });

  // Search for the hospital: it is selected, its panel opens and the view centres on it.
  await tab.fill("#search", target.b);
  await tab.press("#search", "Enter");
  const focused = await tab.evaluate((name) => {
    const cy = bangfuView.cy;
    const sel = cy.$("node:selected");
    const box = document.getElementById("cy").getBoundingClientRect();
    const p = sel.length ? sel.renderedPosition() : { x: -1e9, y: -1e9 };
    return { selected: sel.map((n) => n.data("name")), heading: document.querySelector("#info h2")?.textContent,
             dx: Math.abs(p.x - box.width / 2), dy: Math.abs(p.y - box.height / 2), zoom: cy.zoom() };
  }, target.b);
  check(focused.selected.length === 1 && focused.selected[0] === target.b, `searching '${target.b}' selects it`,
        JSON.stringify(focused));
  check(focused.heading === target.b, "its panel opens", `panel heading: ${focused.heading}`);
  check(focused.dx < 5 && focused.dy < 5, "the view is centred on it", JSON.stringify(focused));
  await tab.screenshot({ path: path.join(outDir, "view-search.png") });

  // Click the edge a -> b where it is drawn, as a person would with the mouse.
  const spot = await tab.evaluate(([a, b, rel]) => {
    const cy = bangfuView.cy;
    const edge = cy.edges().filter((e) => e.source().data("name") === a && e.target().data("name") === b &&
                                          e.data("rel") === rel)[0];
    if (!edge) return null;
    cy.elements().removeClass("faded");
    cy.fit(edge.connectedNodes(), 150);
    const box = document.getElementById("cy").getBoundingClientRect();
    const m = edge.renderedMidpoint();
    return { id: edge.id(), x: box.left + m.x, y: box.top + m.y };
  }, [target.a, target.b, target.rel]);
  check(spot !== null, `the edge ${target.a} -[${target.rel}]-> ${target.b} is drawn`);
  if (spot) {
    await tab.mouse.click(spot.x, spot.y);
    const shown = await tab.evaluate(() => ({ kind: document.getElementById("info").dataset.kind,
                                              id: document.getElementById("info").dataset.id,
                                              text: document.getElementById("info").innerText }));
    check(shown.kind === "edge" && shown.id === spot.id, "a click on the edge opens its panel", JSON.stringify(shown));
    check(shown.text.includes(target.ev), "the panel shows the edge's evidence sentence",
          `expected: ${target.ev}\n     panel: ${shown.text}`);
    await tab.screenshot({ path: path.join(outDir, "view-edge.png") });
  }

  // Relation labels: Chinese first, English after the toggle.
  const before = await tab.evaluate((id) => bangfuView.cy.getElementById(id).data("label"), spot && spot.id);
  await tab.click("#lang");
  const after = await tab.evaluate((id) => bangfuView.cy.getElementById(id).data("label"), spot && spot.id);
  check(after === target.rel && before !== after, "the language toggle switches relation labels",
        `before: ${before}, after: ${after}`);

  const missing = await (async () => { await tab.fill("#search", "不存在的名字xyz"); await tab.press("#search", "Enter");
                                       return tab.textContent("#search-status"); })();
  check(missing.includes("not found"), "a search for an unknown name says so", `status: ${missing}`);
  check(errors.length === 0, "no script errors", errors.join("\n"));
  check(requests.length === 0, "the page fetches nothing from the network", requests.join("\n"));
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
