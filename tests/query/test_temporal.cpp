// Temporal values in queries: construction, comparison with edge dates, the statement clock, bad
// input, and temporal properties surviving a save and load of the graph file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

#include "graph/storage.hpp"
#include "query/engine.hpp"
#include "query/format.hpp"

using namespace bangfu;

namespace {

std::string one(graph::Graph& g, const std::string& q) {
  auto r = query::run_query(g, q);
  REQUIRE(r.rows.size() == 1);
  REQUIRE(r.rows[0].size() == 1);
  return query::value_text(g, r.rows[0][0]);
}

}  // namespace

TEST_CASE("temporal values construct, compare and compute", "[query][temporal]") {
  graph::Graph g;
  CHECK(one(g, "RETURN date('2023-07-28') + duration('P1M3D')") == "2023-08-31");
  CHECK(one(g, "RETURN date({year: 2024, month: 1, day: 31}) + duration({months: 1})") == "2024-02-29");
  CHECK(one(g, "RETURN duration.between(date('2013-08-01'), date('2023-07-28'))") == "P9Y11M27D");
  CHECK(one(g, "RETURN datetime('2023-07-28T10:00[Asia/Shanghai]').offset") == "'+08:00'");
  CHECK(one(g, "RETURN date('2023-07-28') < date('2023-08-01')") == "true");
  CHECK(one(g, "RETURN date('2023-07-28') = localdatetime('2023-07-28T00:00')") == "false");
  CHECK(one(g, "RETURN date.truncate('month', date('2023-07-28'))") == "2023-07-01");
  CHECK(one(g, "RETURN date() = date.statement()") == "true");
  CHECK(one(g, "RETURN datetime() = datetime()") == "true");  // one clock per statement
}

TEST_CASE("bad temporal input is a clear error", "[query][temporal]") {
  graph::Graph g;
  CHECK_THROWS_AS(query::run_query(g, "RETURN date('2023-13-01')"), query::QueryError);
  CHECK_THROWS_AS(query::run_query(g, "RETURN date({year: 2023, month: 2, day: 30})"), query::QueryError);
  CHECK_THROWS_AS(query::run_query(g, "RETURN datetime({year: 2023, timezone: 'Mars/Olympus'})"), query::QueryError);
  CHECK_THROWS_AS(query::run_query(g, "RETURN date('2023') + date('2024')"), query::QueryError);
  CHECK_THROWS_AS(query::run_query(g, "RETURN duration({years: 1e300})"), query::QueryError);
  CHECK_THROWS_AS(query::run_query(g, "RETURN date('" + std::string(10000, '9') + "')"), query::QueryError);
}

TEST_CASE("temporal properties survive the graph file", "[query][temporal][graph]") {
  graph::Graph g;
  query::run_query(g,
                   "CREATE (:Event {on: date('2023-07-28'), at: datetime('2023-07-28T10:00+02:00[Europe/Berlin]'), "
                   "took: duration('P1DT2H'), times: [localtime('09:30'), localtime('14:00')]})");
  auto path = std::filesystem::temp_directory_path() / ("bangfu-temporal-" + std::to_string(::getpid()) + ".json");
  graph::save_graph(g, path.string());
  auto back = graph::load_graph(path.string());
  std::filesystem::remove(path);
  CHECK(one(back, "MATCH (e:Event) RETURN e.on") == "2023-07-28");
  CHECK(one(back, "MATCH (e:Event) RETURN e.at") == "2023-07-28T10:00+02:00[Europe/Berlin]");
  CHECK(one(back, "MATCH (e:Event) RETURN e.took") == "P1DT2H");
  CHECK(one(back, "MATCH (e:Event) RETURN e.times[1]") == "14:00");
  CHECK(one(back, "MATCH (e:Event) WHERE e.on >= date('2023-01-01') RETURN count(*)") == "1");
}
