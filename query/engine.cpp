#include "query/engine.hpp"

#include <variant>

#include "query/executor.hpp"
#include "query/plan_cache.hpp"
#include "query/planner.hpp"

namespace bangfu::query {

QueryResult run_query(graph::Graph& graph, std::string_view text, const Params& params, const QueryOptions& options) {
  // The cache's plans were parsed under the default depth limit; another limit parses afresh.
  std::shared_ptr<const plan::Plan> prepared = options.plan_cache && options.max_depth == kDefaultMaxDepth
                                                   ? plan_cache().get(text)
                                                   : prepare(text, options.max_depth);
  const plan::Plan& plan = *prepared;
  QueryResult result;
  temporal::StatementClock clock;  // date(), datetime() … read one instant for the whole statement
  // A statement that may write turns a graph read in place into the editable one before it starts, so
  // that no row holds a relationship of both kinds (graph/graph.hpp, InPlace).
  for (const auto& step : plan.steps)
    if (std::holds_alternative<plan::Create>(step) || std::holds_alternative<plan::Set>(step)) {
      graph.thaw();
      break;
    }
  ExecContext ctx(graph, params, options);
  if (!run_fast_path(ctx, plan, result)) execute(ctx, plan, result);
  result.stats = ctx.stats;
  result.stats.labels_added = ctx.labels_added.size();
  return result;
}

}  // namespace bangfu::query
