// HTML view: what the page's data holds and how it is escaped; which nodes a large graph or a
// neighbourhood shows, and that the page says so. (The page in a browser: tests/web/view_test.mjs.)
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "graph/html_view.hpp"
#include "tests/graph/test_util.hpp"

using namespace bangfu::graph;
using namespace bangfu::testing;

namespace {

const std::string kTemplate =
    "<title>{{BANGFU_TITLE}}</title><script>{{BANGFU_LIBRARY}}</script>"
    "<script type=\"application/json\">{{BANGFU_DATA}}</script>";

std::string render(const Graph& g, const HtmlViewOptions& options = {}, HtmlViewSummary* summary = nullptr,
                   std::string_view library = "var lib;") {
  std::ostringstream out;
  auto s = write_html_view(g, out, {kTemplate, library}, options);
  if (summary) *summary = s;
  return out.str();
}

std::string data_of(const std::string& page) {
  auto begin = page.find("application/json\">") + 18;
  return page.substr(begin, page.rfind("</script>") - begin);
}

// A star: one hub with `n` spokes, plus a chain hub - a - b - c.
Graph star(int n) {
  Graph g;
  auto hub = g.upsert_entity("中心医院", EntityType::Hospital, {}, "d");
  for (int i = 0; i < n; ++i) {
    auto s = g.upsert_entity("县" + std::to_string(i), EntityType::County, {}, "d");
    g.upsert_relation(hub, s, RelType::supports, {}, {"d", "中心医院支援县" + std::to_string(i) + "。", 0, 1, "r", 1.0f});
  }
  auto a = g.upsert_entity("甲医院", EntityType::Hospital, {"甲院"}, "d");
  auto b = g.upsert_entity("乙医院", EntityType::Hospital, {}, "d");
  auto c = g.upsert_entity("丙医院", EntityType::Hospital, {}, "d");
  g.upsert_relation(hub, a, RelType::co_builds, {}, {"d", "共建。", 0, 1, "r", 1.0f});
  g.upsert_relation(b, a, RelType::dispatches, {}, {"d", "派驻。", 0, 1, "r", 1.0f});
  g.upsert_relation(b, c, RelType::funds, {}, {"d", "资助。", 0, 1, "r", 1.0f});
  return g;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("JSON strings for a script element cannot end it, and stay valid UTF-8", "[graph][html]") {
  CHECK(json_string_for_script("abc") == "\"abc\"");
  CHECK(json_string_for_script("医院") == "\"医院\"");
  CHECK(json_string_for_script("</script><!--") == "\"\\u003c/script\\u003e\\u003c!--\"");
  CHECK(json_string_for_script("a&b") == "\"a\\u0026b\"");
  CHECK(json_string_for_script("q\"\\") == "\"q\\\"\\\\\"");
  CHECK(json_string_for_script("l\xE2\x80\xA8p\xE2\x80\xA9") == "\"l\\u2028p\\u2029\"");
  CHECK(json_string_for_script(std::string("\x01\n\t\x7F", 4)) == "\"\\u0001\\n\\t\\u007f\"");
  CHECK(json_string_for_script("bad\xFF\xC3") == "\"bad\\ufffd\\ufffd\"");
  CHECK(json_string_for_script("\xED\xA0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // a surrogate is not UTF-8
  CHECK(json_string_for_script("\xC0\xAF") == "\"\\ufffd\\ufffd\"");              // nor an overlong '/'
  CHECK(json_string_for_script("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");   // 4-byte sequences pass
}

TEST_CASE("hostile names and sentences stay inside the page's data", "[graph][html]") {
  Graph g;
  auto a = g.upsert_entity("</script><script>alert(1)</script>", EntityType::Hospital, {"<!--"}, "d");
  auto b = g.upsert_entity("县\xE2\x80\xA8医院\xFF", EntityType::Hospital, {}, "d");
  g.upsert_relation(a, b, RelType::supports, {{"role", PropValue("</SCRIPT>")}},
                    {"d", "</script>支援\xE2\x80\xA9。", 0, 1, "r", 1.0f});
  HtmlViewOptions options;
  options.title = "<b>&title";
  std::string page = render(g, options, nullptr, "var s = '</script>';");
  CHECK(count_of(page, "</script>") == 2);  // the template's own two closing tags, nothing else
  CHECK(page.find("<script>alert") == std::string::npos);
  CHECK(page.find("<!--") == std::string::npos);
  CHECK(page.find("</SCRIPT>") == std::string::npos);
  CHECK(page.find("\xE2\x80\xA8") == std::string::npos);
  CHECK(page.find("\xE2\x80\xA9") == std::string::npos);
  CHECK(page.find("\xFF") == std::string::npos);
  CHECK(page.find("<title>&lt;b&gt;&amp;title</title>") != std::string::npos);
  CHECK(page.find("var s = '<\\/script>';") != std::string::npos);  // the library, made safe the same way
}

TEST_CASE("a small graph is shown whole, with evidence, documents and type colours", "[graph][html]") {
  Graph g = star(3);
  DocumentInfo info;
  info.id = "d";
  info.title = "标题";
  g.add_document(info);
  HtmlViewSummary s;
  std::string data = data_of(render(g, {}, &s));
  CHECK(s.scope == "all");
  CHECK(s.note.empty());
  CHECK(s.nodes == g.node_count());
  CHECK(s.edges == g.edge_count());
  CHECK(data.find("\"scope\":\"all\"") != std::string::npos);
  CHECK(count_of(data, "\"name\":") == g.node_count());
  CHECK(count_of(data, "\"rel\":") == g.edge_count());
  CHECK(data.find("\"ev\":[[\"中心医院支援县0。\",0]]") != std::string::npos);
  CHECK(data.find("{\"id\":\"d\",\"title\":\"标题\"}") != std::string::npos);
  CHECK(data.find("\"Hospital\":\"#d62728\"") != std::string::npos);
  CHECK(data.find("\"aliases\":[\"甲院\"]") != std::string::npos);
  CHECK(std::regex_search(data, std::regex("\"name\":\"中心医院\"[^}]*\"degree\":4")));
}

TEST_CASE("a large graph shows its nodes of highest degree and says so", "[graph][html]") {
  Graph g = star(50);  // 54 nodes; the hub has degree 51, 甲医院 and 乙医院 2
  HtmlViewOptions options;
  options.max_nodes = 3;
  HtmlViewSummary s;
  std::string data = data_of(render(g, options, &s));
  CHECK(s.scope == "top");
  CHECK(s.nodes == 3);
  CHECK(s.note.find("Showing the 3 nodes of highest degree of 54") != std::string::npos);
  CHECK(data.find("Showing the 3 nodes of highest degree") != std::string::npos);
  for (auto name : {"中心医院", "甲医院", "乙医院"}) CHECK(data.find(std::string("\"name\":\"") + name) != std::string::npos);
  CHECK(data.find("\"name\":\"丙医院\"") == std::string::npos);
  CHECK(s.edges == 2);  // only edges between shown nodes: hub-甲, 乙-甲
  CHECK(data.find("\"graph\":{\"nodes\":54,\"edges\":53}") != std::string::npos);

  options.max_edges = 1;
  render(g, options, &s);
  CHECK(s.edges == 1);
  CHECK(s.note.find("Of the 2 edges between them, the 1 stated most often are drawn.") != std::string::npos);
}

TEST_CASE("around: a neighbourhood by hops, either direction, nearest first", "[graph][html]") {
  Graph g = star(5);
  HtmlViewOptions options;
  options.around = "甲院";  // an alias finds it
  options.hops = 1;
  HtmlViewSummary s;
  std::string data = data_of(render(g, options, &s));
  CHECK(s.scope == "around");
  CHECK(s.nodes == 3);  // 甲医院, the hub (edge into it), 乙医院 (edge into it)
  CHECK(s.note == "Showing the neighbourhood of 甲医院 within 1 hop: 3 of 9 nodes.");
  CHECK(data.find("\"name\":\"丙医院\"") == std::string::npos);

  options.hops = 2;
  render(g, options, &s);
  CHECK(s.nodes == 9);  // hub's spokes and 丙医院 are two away

  options.max_nodes = 4;  // cut inside the second hop: the nearest stay
  data = data_of(render(g, options, &s));
  CHECK(s.nodes == 4);
  CHECK(s.note.find("(the nearest 4, by degree within the farthest hop)") != std::string::npos);
  for (auto name : {"甲医院", "中心医院", "乙医院"}) CHECK(data.find(std::string("\"name\":\"") + name) != std::string::npos);

  options.around = "甲医";
  CHECK_THROWS_WITH(render(g, options), Catch::Contains("no node named '甲医'") && Catch::Contains("甲医院"));
}

TEST_CASE("evidence per edge is bounded; a template without its markers is an error", "[graph][html]") {
  Graph g;
  auto a = g.upsert_entity("甲医院", EntityType::Hospital, {}, "d");
  auto b = g.upsert_entity("乙医院", EntityType::Hospital, {}, "d");
  for (int i = 0; i < 30; ++i)
    g.upsert_relation(a, b, RelType::supports, {}, {"d" + std::to_string(i), "第" + std::to_string(i) + "句。", 0, 1, "r", 1.0f});
  HtmlViewOptions options;
  options.max_evidence = 5;
  std::string data = data_of(render(g, options));
  CHECK(count_of(data, "句。\",") == 5);
  CHECK(data.find("\"evCount\":30") != std::string::npos);

  std::ostringstream out;
  CHECK_THROWS_WITH(write_html_view(g, out, {"<html>{{BANGFU_DATA}}</html>", ""}), Catch::Contains("marker"));
}
