// Support that reaches its beneficiary through someone else, and how far provinces reach.
// Run it with: bangfu repl -g GRAPH < examples/queries/multi_hop.cypher

// Chains of two or three directed relations, shortest first.
MATCH p = (a)-[*2..3]->(b)
RETURN a.name AS start, b.name AS reaches, length(p) AS hops
ORDER BY hops, start, reaches
LIMIT 20;

// For each province, the hospitals within three hops in either direction.
MATCH (prov:省)-[*1..3]-(h:医院)
RETURN prov.name AS province, count(DISTINCT h) AS hospitals_nearby
ORDER BY hospitals_nearby DESC, province;

// Money: who funds whom, and how much.
MATCH (a)-[r:资助]->(b)
RETURN a.name AS funder, r.amount AS amount, b.name AS recipient
ORDER BY funder, recipient;
