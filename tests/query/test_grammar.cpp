// Grammar: every construct parses into the expected tree.
#include <catch2/catch.hpp>

#include "query/parser.hpp"

using namespace bangfu::query;
using namespace bangfu::query::ast;

namespace {

const Clause& only_clause(const Statement& s, std::size_t i) { return s.clauses.at(i); }

}  // namespace

TEST_CASE("keywords are case-insensitive and clauses come in order", "[grammar]") {
  auto s = parse("match (n) where n.x = 1 with n return n order by n.x desc skip 1 limit 2;");
  REQUIRE(s.clauses.size() == 3);
  CHECK(s.clauses[0].kind == ClauseKind::Match);
  CHECK(s.clauses[0].where);
  CHECK(s.clauses[1].kind == ClauseKind::With);
  CHECK(s.clauses[2].kind == ClauseKind::Return);
  const auto& p = s.clauses[2].projection;
  REQUIRE(p.order.size() == 1);
  CHECK(p.order[0].desc);
  CHECK(p.skip->value.as<std::int64_t>() == 1);
  CHECK(p.limit->value.as<std::int64_t>() == 2);
}

TEST_CASE("node patterns: variable, several labels, properties", "[grammar]") {
  auto s = parse("MATCH (n:A:B {name: 'x', k: 2}), (), (:C) RETURN n");
  const auto& ps = only_clause(s, 0).patterns;
  REQUIRE(ps.size() == 3);
  CHECK(ps[0].nodes[0].var == "n");
  CHECK(ps[0].nodes[0].labels == std::vector<std::string>{"A", "B"});
  REQUIRE(ps[0].nodes[0].props);
  CHECK(ps[0].nodes[0].props->keys == std::vector<std::string>{"name", "k"});
  CHECK(ps[1].nodes[0].var.empty());
  CHECK(ps[2].nodes[0].labels == std::vector<std::string>{"C"});
}

TEST_CASE("relationship directions and details", "[grammar]") {
  auto s = parse("MATCH (a)-[r:T1|T2|:T3 {k: 1}]->(b)<-[:U]-(c)-[]-(d)-->(e)<--(f)--(g)<-->(h) RETURN a");
  const auto& rels = only_clause(s, 0).patterns[0].rels;
  REQUIRE(rels.size() == 7);
  CHECK(rels[0].dir() == Dir::Out);
  CHECK(rels[0].var == "r");
  CHECK(rels[0].types == std::vector<std::string>{"T1", "T2", "T3"});
  CHECK(rels[0].props);
  CHECK(rels[1].dir() == Dir::In);
  CHECK(rels[2].dir() == Dir::Both);
  CHECK(rels[3].dir() == Dir::Out);
  CHECK(rels[4].dir() == Dir::In);
  CHECK(rels[5].dir() == Dir::Both);
  CHECK(rels[6].dir() == Dir::Both);
  CHECK(rels[6].left);
  CHECK(rels[6].right);
}

TEST_CASE("variable-length ranges", "[grammar]") {
  auto rel = [](const char* q) { return parse(q).clauses[0].patterns[0].rels[0]; };
  auto r = rel("MATCH (a)-[*]->(b) RETURN a");
  CHECK(r.var_length);
  CHECK(!r.min);
  CHECK(!r.max);
  r = rel("MATCH (a)-[*2]->(b) RETURN a");
  CHECK(*r.min == 2);
  CHECK(*r.max == 2);
  r = rel("MATCH (a)-[:T*1..3]->(b) RETURN a");
  CHECK(*r.min == 1);
  CHECK(*r.max == 3);
  r = rel("MATCH (a)-[*..3]->(b) RETURN a");
  CHECK(!r.min);
  CHECK(*r.max == 3);
  r = rel("MATCH (a)-[*2..]->(b) RETURN a");
  CHECK(*r.min == 2);
  CHECK(!r.max);
  r = rel("MATCH (a)-[r*0..]->(b) RETURN a");
  CHECK(*r.min == 0);
  CHECK(r.var == "r");
}

TEST_CASE("named paths and shortest paths", "[grammar]") {
  auto s = parse("MATCH p = (a)-->(b), q = shortestPath((a)-[*]-(c)), allShortestPaths((a)-[*..4]->(d)) RETURN p");
  const auto& ps = s.clauses[0].patterns;
  REQUIRE(ps.size() == 3);
  CHECK(ps[0].path_var == "p");
  CHECK(ps[0].kind == PathKind::Plain);
  CHECK(ps[1].path_var == "q");
  CHECK(ps[1].kind == PathKind::Shortest);
  CHECK(ps[2].kind == PathKind::AllShortest);
}

TEST_CASE("literals: strings with escapes, numbers, booleans, null, lists, maps", "[grammar]") {
  auto item = [](const char* q) { return parse(q).clauses[0].projection.items[0].expr; };
  CHECK(item("RETURN 'it\\'s'")->value.as<std::string>() == "it's");
  CHECK(item("RETURN \"a\\tb\\n\"")->value.as<std::string>() == "a\tb\n");
  CHECK(item("RETURN '\\u5E2E'")->value.as<std::string>() == "帮");
  CHECK(item("RETURN '对口支援'")->value.as<std::string>() == "对口支援");
  CHECK(item("RETURN 0x1F")->value.as<std::int64_t>() == 31);
  CHECK(item("RETURN -42")->value.as<std::int64_t>() == -42);
  CHECK(item("RETURN 4611686018427387905")->value.as<std::int64_t>() == 4611686018427387905LL);
  CHECK(item("RETURN 1.5e3")->value.as<double>() == 1500.0);
  CHECK(item("RETURN .5")->value.as<double>() == 0.5);
  CHECK(item("RETURN TRUE")->value.as<bool>());
  CHECK(item("RETURN null")->value.is_null());
  CHECK(item("RETURN [1, 'a', [2]]")->args.size() == 3);
  auto m = item("RETURN {a: 1, `b c`: 'x'}");
  CHECK(m->keys == std::vector<std::string>{"a", "b c"});
}

TEST_CASE("operator precedence", "[grammar]") {
  auto e = parse("RETURN 1 + 2 * 3 ^ 2 AS x").clauses[0].projection.items[0].expr;
  REQUIRE(e->kind == ExprKind::Binary);
  CHECK(e->op == Op::Add);
  CHECK(e->args[1]->op == Op::Mul);
  CHECK(e->args[1]->args[1]->op == Op::Pow);
  e = parse("RETURN NOT a = b OR c AND d XOR e").clauses[0].projection.items[0].expr;
  CHECK(e->op == Op::Or);
  CHECK(e->args[0]->kind == ExprKind::Unary);
  CHECK(e->args[0]->op == Op::Not);
  CHECK(e->args[1]->op == Op::Xor);
  CHECK(e->args[1]->args[0]->op == Op::And);
}

TEST_CASE("predicates, postfix operators, calls and CASE", "[grammar]") {
  auto e = [](const char* q) { return parse(q).clauses[0].projection.items[0].expr; };
  CHECK(e("RETURN a STARTS WITH 'x'")->op == Op::StartsWith);
  CHECK(e("RETURN a ENDS WITH 'x'")->op == Op::EndsWith);
  CHECK(e("RETURN a CONTAINS 'x'")->op == Op::Contains);
  CHECK(e("RETURN a IN [1]")->op == Op::In);
  CHECK(e("RETURN a IS NULL")->op == Op::IsNull);
  CHECK(e("RETURN a IS NOT NULL")->op == Op::IsNotNull);
  CHECK(e("RETURN a <> b")->op == Op::Ne);
  CHECK(e("RETURN a.b.c")->kind == ExprKind::Property);
  CHECK(e("RETURN l[0]")->kind == ExprKind::Index);
  CHECK(e("RETURN l[1..2]")->kind == ExprKind::Slice);
  CHECK(e("RETURN l[..2]")->args[1] == nullptr);
  CHECK(e("RETURN n:A:B")->keys.size() == 2);
  CHECK(e("RETURN $p")->kind == ExprKind::Parameter);
  CHECK(e("RETURN $1")->name == "1");
  CHECK(e("RETURN count(*)")->kind == ExprKind::CountStar);
  auto c = e("RETURN count(DISTINCT n)");
  CHECK(c->kind == ExprKind::Call);
  CHECK(c->distinct);
  CHECK(e("RETURN coalesce(a, b, 1)")->args.size() == 3);
  CHECK(e("RETURN CASE WHEN a THEN 1 ELSE 2 END")->kind == ExprKind::Case);
  CHECK(e("RETURN CASE x WHEN 1 THEN 'a' END")->args[0]);
}

TEST_CASE("return items keep their text as column name, aliases override", "[grammar]") {
  auto p = parse("MATCH (n) RETURN *, n.name ,  count( n ) AS c").clauses[1].projection;
  CHECK(p.star);
  REQUIRE(p.items.size() == 2);
  CHECK(p.items[0].text == "n.name");
  CHECK(p.items[1].alias == "c");
}

TEST_CASE("Chinese: string literals, backquoted and bare CJK identifiers", "[grammar]") {
  auto s = parse("MATCH (医院:`医院`)-[关系:帮扶]->(b {名称: '县医院'}) RETURN 医院.名称 AS 名称");
  const auto& p = s.clauses[0].patterns[0];
  CHECK(p.nodes[0].var == "医院");
  CHECK(p.nodes[0].labels[0] == "医院");
  CHECK(p.rels[0].var == "关系");
  CHECK(p.rels[0].types[0] == "帮扶");
  CHECK(p.nodes[1].props->keys[0] == "名称");
  CHECK(s.clauses[1].projection.items[0].alias == "名称");
}

TEST_CASE("comments and a full-width space are whitespace", "[grammar]") {
  auto s = parse("// who supports whom\nMATCH (a)/* any */-->(b)\u3000RETURN a");
  CHECK(s.clauses.size() == 2);
}

TEST_CASE("CREATE, UNWIND and OPTIONAL MATCH clauses", "[grammar]") {
  auto s = parse("UNWIND [1, 2] AS x OPTIONAL MATCH (n {k: x}) CREATE (m:L {k: x})-[:R]->(n) RETURN m");
  REQUIRE(s.clauses.size() == 4);
  CHECK(s.clauses[0].kind == ClauseKind::Unwind);
  CHECK(s.clauses[0].unwind_var == "x");
  CHECK(s.clauses[1].kind == ClauseKind::OptionalMatch);
  CHECK(s.clauses[2].kind == ClauseKind::Create);
}
