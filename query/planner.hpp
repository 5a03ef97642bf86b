// Planner: recognises query shapes with a cheaper exact evaluation than the general pipeline
// (e.g. counting distinct nodes reachable within n hops by breadth-first search).
#pragma once
#include "query/executor.hpp"

namespace bangfu::query {

// True when the plan was answered here; `result` then holds the rows.
bool run_fast_path(ExecContext& ctx, const plan::Plan& plan, QueryResult& result);

}  // namespace bangfu::query
