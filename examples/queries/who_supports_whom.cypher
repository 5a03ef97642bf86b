// Who supports whom: each pairing with the sentence that states it, then the busiest supporters.
// Run it with: bangfu repl -g GRAPH < examples/queries/who_supports_whom.cypher
// or, inside the shell: :read examples/queries/who_supports_whom.cypher

MATCH (a)-[r:帮扶]->(b)
RETURN a.name AS supporter, b.name AS supported, r.evidence AS evidence
ORDER BY supporter, supported;

// Every kind of help counts here: pairing, co-building, dispatching teams, funding.
MATCH (a)-[:supports|co_builds|dispatches|funds]->(b)
RETURN a.name AS supporter, count(DISTINCT b) AS beneficiaries
ORDER BY beneficiaries DESC, supporter
LIMIT 10;
