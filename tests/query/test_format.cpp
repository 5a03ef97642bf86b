// Rendering of hand-made results: table alignment with CJK widths, truncation, JSON, JSONL, CSV.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include "query/format.hpp"

using namespace bangfu;
using query::Value;

namespace {

struct Fixture {
  graph::Graph g;
  graph::Graph::Vertex a, b;
  graph::Graph::Edge e;
  Fixture() {
    a = g.add_node({"Hospital"}, {{"name", "江北市人民医院"}, {"beds", 1200}});
    b = g.add_node({"County"}, {{"name", "南岭县"}});
    e = g.add_edge(a, b, "supports", {{"role", "牵头"}});
  }
};

}  // namespace

TEST_CASE("display width counts CJK as two columns", "[format]") {
  CHECK(query::display_width("abc") == 3);
  CHECK(query::display_width("医院") == 4);
  CHECK(query::display_width("A医院B") == 6);
  CHECK(query::display_width("ＡＢ") == 4);  // full-width letters
  CHECK(query::display_width("e\xCC\x81") == 1);  // e + combining acute
}

TEST_CASE("truncation ends with an ellipsis inside the width", "[format]") {
  CHECK(query::truncate_to_width("abcdef", 10) == "abcdef");
  CHECK(query::truncate_to_width("abcdef", 4) == "abc…");
  // 4 wide characters = 8 columns; in 5 columns only two fit before the ellipsis.
  auto cut = query::truncate_to_width("江北市人", 5);
  CHECK(cut == "江北…");
  CHECK(query::display_width(cut) <= 5);
}

TEST_CASE("values render in TCK notation", "[format]") {
  Fixture f;
  CHECK(query::value_text(f.g, Value()) == "null");
  CHECK(query::value_text(f.g, Value(1.0)) == "1.0");
  CHECK(query::value_text(f.g, Value(0.5)) == "0.5");
  CHECK(query::value_text(f.g, Value("it's")) == "'it\\'s'");
  CHECK(query::value_text(f.g, Value("bare"), false) == "bare");
  CHECK(query::value_text(f.g, Value(query::List{1, "a", Value()})) == "[1, 'a', null]");
  CHECK(query::value_text(f.g, Value(query::Map{{"k", 1}, {"two words", true}})) == "{k: 1, `two words`: true}");
  CHECK(query::value_text(f.g, Value(query::NodeRef{f.a})) == "(:Hospital {name: '江北市人民医院', beds: 1200})");
  CHECK(query::value_text(f.g, Value(query::RelRef{f.e})) == "[:supports {role: '牵头'}]");
  auto plain = f.g.add_node({}, {{"name", "X"}});
  CHECK(query::value_text(f.g, Value(query::NodeRef{plain})) == "({name: 'X'})");
  CHECK(query::value_text(f.g, Value(query::NodeRef{f.g.add_node({}, {})})) == "()");
  query::PathValue forward{{f.a, f.b}, {f.e}};
  CHECK(query::value_text(f.g, Value(forward)) ==
        "<(:Hospital {name: '江北市人民医院', beds: 1200})-[:supports {role: '牵头'}]->(:County {name: '南岭县'})>");
  query::PathValue backward{{f.b, f.a}, {f.e}};
  CHECK(query::value_text(f.g, Value(backward)).find("(:County {name: '南岭县'})<-[:supports") == 1);
}

TEST_CASE("table aligns columns by display width and counts rows", "[format]") {
  Fixture f;
  query::QueryResult r;
  r.columns = {"name", "n"};
  r.rows = {{Value("江北市人民医院"), Value(1)}, {Value("abc"), Value(22)}};
  auto text = query::format_result(f.g, r);
  CHECK(text ==
        "+----------------+----+\n"
        "| name           | n  |\n"
        "+----------------+----+\n"
        "| 江北市人民医院 | 1  |\n"
        "| abc            | 22 |\n"
        "+----------------+----+\n"
        "2 rows\n");
}

TEST_CASE("table truncates long cells, caps rows with a note and reports updates", "[format]") {
  Fixture f;
  query::QueryResult r;
  r.columns = {"s"};
  for (int i = 0; i < 5; ++i) r.rows.push_back({Value(std::string(30, 'x'))});
  r.stats.nodes_created = 2;
  r.notes.push_back("truncated at LIMIT");
  query::FormatOptions o;
  o.max_rows = 2;
  o.max_col_width = 10;
  auto text = query::format_result(f.g, r, o);
  CHECK(text.find("| xxxxxxxxx… |") != std::string::npos);
  CHECK(text.find("showing 2 of 5 rows (:maxrows 2)") != std::string::npos);
  CHECK(text.find("created 2 nodes") != std::string::npos);
  CHECK(text.find("note: truncated at LIMIT") != std::string::npos);
  query::QueryResult empty;
  empty.columns = {"a"};
  CHECK(query::format_result(f.g, empty).ends_with("(no rows)\n"));
}

TEST_CASE("JSON renders an array of row objects with nodes as objects", "[format]") {
  Fixture f;
  query::QueryResult r;
  r.columns = {"h", "r", "x"};
  r.rows = {{Value(query::NodeRef{f.a}), Value(query::RelRef{f.e}), Value(0.0 / 0.0)}};
  auto text = query::format_result(f.g, r, {query::Format::Json});
  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE_FALSE(d.HasParseError());
  REQUIRE(d.IsArray());
  REQUIRE(d.Size() == 1);
  const auto& h = d[0]["h"];
  CHECK(std::string(h["labels"][0].GetString()) == "Hospital");
  CHECK(std::string(h["properties"]["name"].GetString()) == "江北市人民医院");
  CHECK(h["properties"]["beds"].GetInt() == 1200);
  const auto& rel = d[0]["r"];
  CHECK(std::string(rel["type"].GetString()) == "supports");
  CHECK(rel["start"].GetUint() == f.g.node(f.a).id);
  CHECK(rel["end"].GetUint() == f.g.node(f.b).id);
  CHECK(d[0]["x"].IsNull());  // NaN is not JSON
  query::QueryResult none;
  none.columns = {"a"};
  CHECK(query::format_result(f.g, none, {query::Format::Json}) == "[]\n");
}

TEST_CASE("JSONL writes one parseable object per row", "[format]") {
  Fixture f;
  query::QueryResult r;
  r.columns = {"a"};
  r.rows = {{Value("第一")}, {Value(query::List{1, 2})}};
  auto text = query::format_result(f.g, r, {query::Format::Jsonl});
  CHECK(text == "{\"a\":\"第一\"}\n{\"a\":[1,2]}\n");
}

TEST_CASE("CSV follows RFC 4180 quoting with CRLF", "[format]") {
  Fixture f;
  query::QueryResult r;
  r.columns = {"name", "note"};
  r.rows = {{Value("江北, \"市\""), Value()}, {Value("a\nb"), Value(3)}};
  auto text = query::format_result(f.g, r, {query::Format::Csv});
  CHECK(text == "name,note\r\n\"江北, \"\"市\"\"\",\r\n\"a\nb\",3\r\n");
}

TEST_CASE("format names parse", "[format]") {
  CHECK(query::parse_format("csv") == query::Format::Csv);
  CHECK(query::parse_format("jsonl") == query::Format::Jsonl);
  CHECK_FALSE(query::parse_format("xml"));
  CHECK(query::to_string(query::Format::Json) == "json");
}
