// Executor: runs a Plan as a push pipeline of operators (match, create, unwind, project, aggregate,
// sort, limit) over the graph, stopping early when a LIMIT is satisfied.
#pragma once
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

  // Called for every relationship a traversal looks at: enforces max_expansions and cancellation.
  void tick() {
    if (++expansions > options.max_expansions) over_budget();
    if ((expansions & 1023) == 0) check_cancel();
  }
  void check_cancel() const;
  [[noreturn]] void over_budget() const;
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
