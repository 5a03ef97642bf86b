// Fuzz target: parse, bind and run a query on a small fixed graph under tight limits. Any text must give
// a result or a QueryError within the limits; results must be valid UTF-8 in JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "graph/graph.hpp"
#include "query/engine.hpp"
#include "query/format.hpp"
#include "query/utf8.hpp"

namespace {

using namespace bangfu;

const graph::Graph& base_graph() {
  static const graph::Graph g = [] {
    graph::Graph built;
    query::QueryOptions o;
    query::run_query(built,
                     "CREATE (a:Hospital {name: '湖南省人民医院', beds: 3000}), (b:Hospital {name: '凤凰县人民医院'}), "
                     "(c:County {name: '凤凰县', code: 433123}), (d:University {name: '中南大学', tags: ['a', 'b']}), "
                     "(a)-[:supports {year: 2019}]->(b), (b)-[:located_in]->(c), (d)-[:co_builds]->(a), "
                     "(a)-[:supports]->(c), (c)-[:partners_with]->(c)",
                     {}, o);
    return built;
  }();
  return g;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  graph::Graph g = base_graph();  // CREATE and SET in the input must not leak into the next run
  query::QueryOptions o;
  o.max_expansions = 20'000;
  o.max_var_length = 4;
  o.max_rows = 2'000;
  o.max_list = 10'000;
  o.max_string = 1 << 16;
  o.timeout = std::chrono::milliseconds(2000);
  o.plan_cache = false;
  query::Params params{{"n", query::Value(std::int64_t{2})}, {"s", query::Value("县")}};
  try {
    auto result = query::run_query(g, text, params, o);
    query::FormatOptions f;
    f.format = query::Format::Json;
    std::string json = query::format_result(g, result, f);
    if (query::first_invalid_utf8(json)) std::abort();  // invalid UTF-8 must never reach the output
  } catch (const query::QueryError&) {
  } catch (const graph::GraphError&) {
  }
  return 0;
}
