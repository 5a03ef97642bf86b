// Executor: runs a Plan as a push pipeline of operators (match, create, unwind, project, aggregate,
// sort, limit) over the graph, stopping early when a LIMIT is satisfied.
#pragma once
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "query/engine.hpp"
#include "query/expression.hpp"
#include "query/plan.hpp"

namespace bangfu::query {

// State shared by the operators of one run: the graph, the budget and the statistics.
struct ExecContext {
  graph::Graph& graph;
  const Params& params;
  const QueryOptions& options;
  QueryStats stats;
  std::set<std::string> labels_added;
  std::size_t expansions = 0;
  std::size_t steps = 0;  // elements walked by UNWIND, comprehensions, reduce …: when to look at the clock
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();

  ExecContext(graph::Graph& g, const Params& p, const QueryOptions& o) : graph(g), params(p), options(o) {
    if (o.timeout.count() > 0) deadline = std::chrono::steady_clock::now() + o.timeout;
  }

  // Called for every relationship a traversal looks at and every node a scan tries: enforces
  // max_expansions, the time limit and cancellation.
  void tick() {
    if (++expansions > options.max_expansions) over_budget();
    if ((expansions & 1023) == 0) check_cancel();
  }
  // Called for each element of a list walked or row passed on; only checks the clock and Ctrl-C now and then.
  void step() {
    if ((++steps & 1023) == 0) check_cancel();
  }
  // Throws QueryError{Cancelled} when asked to stop, QueryError{Limit} past the deadline.
  void check_cancel() const;
  [[noreturn]] void over_budget() const;
  // Throws QueryError{Limit} when an operator holds more than max_rows rows.
  void check_rows(std::size_t held) const {
    if (held > options.max_rows) too_many_rows();
  }
  [[noreturn]] void too_many_rows() const;
  EvalContext eval(const Row& row) const { return EvalContext{graph, row, params, const_cast<ExecContext*>(this)}; }
};

// An operator receives rows one by one; push() returns false when no more rows are wanted.
class Operator {
 public:
  virtual ~Operator() = default;
  virtual bool push(Row& row) = 0;
  virtual void finish() {
    if (next_) next_->finish();
  }
  void set_next(Operator* next) { next_ = next; }

 protected:
  Operator* next_ = nullptr;
};

std::unique_ptr<Operator> make_match(ExecContext& ctx, const plan::Match& m);
std::unique_ptr<Operator> make_create(ExecContext& ctx, const plan::Create& c);
std::unique_ptr<Operator> make_unwind(ExecContext& ctx, const plan::Unwind& u);
// A projection becomes several operators; they are appended to `ops` already chained.
// `row_size` is the plan's slot count (an aggregate over no rows still needs a row to fill).
void make_projection(ExecContext& ctx, const plan::Projection& p, QueryResult* result,
                     std::vector<std::unique_ptr<Operator>>& ops, std::size_t row_size);

// Runs the whole plan; rows of the final RETURN go to `result`.
void execute(ExecContext& ctx, const plan::Plan& plan, QueryResult& result);

}  // namespace bangfu::query
