// Experts sent to the supported side: who they are, where they come from, the post they took.
// Run it with: bangfu repl -g GRAPH < examples/queries/dispatched_experts.cypher

MATCH (p:人)-[s:担任]->(post)
OPTIONAL MATCH (p)-[:就职]->(home)
RETURN p.name AS expert, home.name AS sent_from, s.role AS role, post.name AS serves_at
ORDER BY serves_at, expert;

// Medical teams dispatched from one organisation to another.
MATCH (a)-[:派驻]->(b)
RETURN a.name AS sender, labels(b) AS receiver_kind, b.name AS receiver
ORDER BY sender, receiver;
