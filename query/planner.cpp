#include "query/planner.hpp"

namespace bangfu::query {

bool run_fast_path(ExecContext&, const plan::Plan&, QueryResult&) { return false; }

}  // namespace bangfu::query
