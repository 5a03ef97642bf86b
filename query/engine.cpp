#include "query/engine.hpp"

#include "query/binder.hpp"
#include "query/executor.hpp"
#include "query/parser.hpp"
#include "query/planner.hpp"

namespace bangfu::query {

QueryResult run_query(graph::Graph& graph, std::string_view text, const Params& params, const QueryOptions& options) {
  ast::Statement statement = parse(text);
  plan::Plan plan = bind(statement, text);
  QueryResult result;
  ExecContext ctx{graph, params, options, {}, {}, 0};
  if (!run_fast_path(ctx, plan, result)) execute(ctx, plan, result);
  result.stats = ctx.stats;
  result.stats.labels_added = ctx.labels_added.size();
  return result;
}

}  // namespace bangfu::query
