#include "query/executor.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "query/compare.hpp"
#include "query/functions.hpp"
#include "query/matcher.hpp"

namespace bangfu::query {

void ExecContext::check_cancel() const {
  if (options.cancel && options.cancel->load(std::memory_order_relaxed))
    throw QueryError(QueryError::Kind::Cancelled, "query cancelled", 0, 0, "Cancelled");
  if (deadline != std::chrono::steady_clock::time_point::max() && std::chrono::steady_clock::now() > deadline)
    throw QueryError(QueryError::Kind::Limit,
                     "query stopped after its time limit of " + std::to_string(options.timeout.count()) +
                         " ms (--timeout, :timeout)",
                     0, 0, "TimeLimit");
}

void ExecContext::over_budget() const {
  throw QueryError(QueryError::Kind::Limit,
                   "query stopped after visiting " + std::to_string(options.max_expansions) +
                       " relationships and candidate nodes (QueryOptions::max_expansions); bound the pattern, e.g. "
                       "*1..3, join the patterns with a relationship instead of a cartesian product, or add LIMIT",
                   0, 0, "ExpansionLimit");
}

void ExecContext::too_many_rows() const {
  throw QueryError(QueryError::Kind::Limit,
                   "query stopped: more than " + std::to_string(options.max_rows) +
                       " rows held at once (QueryOptions::max_rows); add LIMIT or aggregate",
                   0, 0, "RowLimit");
}

namespace {

struct ValueLess {
  bool operator()(const Value& a, const Value& b) const { return order(a, b) < 0; }
};

// ---- MATCH ------------------------------------------------------------------------------------------

class MatchOp : public Operator {
 public:
  MatchOp(ExecContext& ctx, const plan::Match& m) : ctx_(ctx), m_(m), matcher_(ctx, m) {}
  bool push(Row& row) override {
    ctx_.check_cancel();
    bool found = false;
    bool go_on = matcher_.run(row, [&](Row& r) {
      found = true;
      return next_->push(r);
    });
    if (!go_on) return false;
    if (m_.optional && !found) {
      for (int s : m_.introduced) row[static_cast<std::size_t>(s)] = Value();
      return next_->push(row);
    }
    return true;
  }

 private:
  ExecContext& ctx_;
  const plan::Match& m_;
  Matcher matcher_;
};

// ---- CREATE -----------------------------------------------------------------------------------------

// Buffers its input first, so that the graph does not change under a MATCH that is still iterating.
class CreateOp : public Operator {
 public:
  CreateOp(ExecContext& ctx, const plan::Create& c) : ctx_(ctx), c_(c) {}
  bool push(Row& row) override {
    rows_.push_back(row);
    ctx_.check_rows(rows_.size());
    return true;
  }
  void finish() override {
    // Every row creates, even after a later LIMIT has all it wants: side effects do not depend on it.
    bool wanted = true;
    for (auto& row : rows_) {
      create(row);
      if (wanted) wanted = next_->push(row);
    }
    rows_.clear();
    next_->finish();
  }

 private:
  graph::Properties properties(const std::vector<std::pair<std::string, ast::ExprPtr>>& props, const Row& row) {
    graph::Properties out;
    for (const auto& [key, expr] : props) {
      Value v = evaluate(*expr, ctx_.eval(row));
      if (key.empty()) {
        if (v.is_null()) continue;
        if (!v.is<Map>())
          throw QueryError(QueryError::Kind::Type, "CREATE needs a map of properties, got " + type_name(v), 0, 0,
                           "InvalidArgumentType");
        for (const auto& [k, x] : v.as<Map>())
          if (!x.is_null()) out.emplace_back(k, to_prop(x));
        continue;
      }
      if (!v.is_null()) out.emplace_back(key, to_prop(v));
    }
    ctx_.stats.properties_set += out.size();
    return out;
  }

  Vertex node_of(const plan::NodeStep& n, Row& row, std::vector<char>& made) {
    auto slot = static_cast<std::size_t>(n.slot);
    if (made[slot] || !is_new(n.slot)) {
      if (!row[slot].is<NodeRef>())
        throw QueryError(QueryError::Kind::Semantic, "CREATE cannot use a null node as a relationship end", 0, 0,
                         "InvalidArgumentType");
      return row[slot].as<NodeRef>().v;
    }
    Vertex v = ctx_.graph.add_node(n.labels, properties(n.props, row));
    for (const auto& l : n.labels) ctx_.labels_added.insert(l);
    ++ctx_.stats.nodes_created;
    row[slot] = Value(NodeRef{v});
    made[slot] = 1;
    return v;
  }

  bool is_new(int slot) const {
    return std::find(c_.introduced.begin(), c_.introduced.end(), slot) != c_.introduced.end();
  }

  void create(Row& row) {
    std::vector<char> made(row.size(), 0);
    for (const auto& p : c_.patterns) {
      Vertex prev = node_of(p.nodes[0], row, made);
      PathValue path;
      path.nodes.push_back(prev);
      for (std::size_t i = 0; i < p.rels.size(); ++i) {
        Vertex cur = node_of(p.nodes[i + 1], row, made);
        const auto& r = p.rels[i];
        Vertex src = r.dir == ast::Dir::Out ? prev : cur, dst = r.dir == ast::Dir::Out ? cur : prev;
        Edge e = ctx_.graph.add_edge(src, dst, r.types[0], properties(r.props, row));
        ++ctx_.stats.relationships_created;
        row[static_cast<std::size_t>(r.slot)] = Value(RelRef{e});
        path.rels.push_back(e);
        path.nodes.push_back(cur);
        prev = cur;
      }
      if (p.path_slot >= 0) row[static_cast<std::size_t>(p.path_slot)] = Value(std::move(path));
    }
  }

  ExecContext& ctx_;
  const plan::Create& c_;
  std::vector<Row> rows_;
};

// ---- SET --------------------------------------------------------------------------------------------

// Applies each row's items as the row passes: a later row sees what earlier rows wrote.
class SetOp : public Operator {
 public:
  SetOp(ExecContext& ctx, const plan::Set& s) : ctx_(ctx), s_(s) {}
  bool push(Row& row) override {
    for (const auto& item : s_.items) apply(item, row);
    return next_->push(row);
  }

 private:
  void apply(const plan::SetItem& item, const Row& row) {
    const Value& target = row[static_cast<std::size_t>(item.slot)];
    if (target.is_null()) return;  // SET on a missed OPTIONAL MATCH does nothing
    if (!target.is<NodeRef>() && !target.is<RelRef>())
      throw QueryError(QueryError::Kind::Type, "SET needs a node or a relationship, got " + type_name(target), 0, 0,
                       "InvalidArgumentType");
    using K = ast::SetItem::Kind;
    if (item.kind == K::Labels) {
      if (!target.is<NodeRef>())
        throw QueryError(QueryError::Kind::Type, "only nodes have labels", 0, 0, "InvalidArgumentType");
      for (const auto& l : item.labels) {
        auto id = ctx_.graph.find_label(l);
        if (id && ctx_.graph.has_label(target.as<NodeRef>().v, *id)) continue;
        ctx_.graph.add_label(target.as<NodeRef>().v, l);
        ctx_.labels_added.insert(l);
      }
      return;
    }
    Value v = evaluate(*item.value, ctx_.eval(row));
    if (item.kind == K::Property) {
      put(target, item.key, v);
      return;
    }
    if (!v.is_null() && !v.is<Map>() && !v.is<NodeRef>() && !v.is<RelRef>())
      throw QueryError(QueryError::Kind::Type, "SET = and += need a map, got " + type_name(v), 0, 0,
                       "InvalidArgumentType");
    Map entries;
    if (v.is<Map>()) {
      entries = v.as<Map>();
    } else if (!v.is_null()) {
      std::vector<Value> args{v};
      entries = call_scalar(scalar_function("properties")->id, args, ctx_.graph).as<Map>();
    }
    if (item.kind == K::Replace) {
      std::vector<Value> args{target};
      Value current = call_scalar(scalar_function("properties")->id, args, ctx_.graph);
      for (const auto& entry : current.as<Map>()) {
        const std::string& k = entry.first;  // a plain reference: clang 14 cannot capture a structured binding
        bool kept = std::any_of(entries.begin(), entries.end(), [&](const auto& kv) { return kv.first == k; });
        if (!kept) put(target, k, Value());
      }
    }
    for (const auto& [k, x] : entries) put(target, k, x);
  }

  void put(const Value& target, const std::string& key, const Value& v) {
    if (!v.is_null()) ++ctx_.stats.properties_set;
    if (target.is<NodeRef>()) ctx_.graph.set_node_property(target.as<NodeRef>().v, key, to_prop(v));
    else ctx_.graph.set_edge_property(target.as<RelRef>().e, key, to_prop(v));
  }

  ExecContext& ctx_;
  const plan::Set& s_;
};

// ---- UNWIND -----------------------------------------------------------------------------------------

class UnwindOp : public Operator {
 public:
  UnwindOp(ExecContext& ctx, const plan::Unwind& u) : ctx_(ctx), u_(u) {}
  bool push(Row& row) override {
    auto slot = static_cast<std::size_t>(u_.slot);
    // range() is walked without building the list: UNWIND range(1, 100000000) needs no memory.
    auto go_on = for_each_element(*u_.list, ctx_.eval(row), nullptr, [&](Value x) {
      ctx_.step();
      row[slot] = std::move(x);
      return next_->push(row);
    });
    return go_on.value_or(true);  // UNWIND null gives no rows
  }

 private:
  ExecContext& ctx_;
  const plan::Unwind& u_;
};

// ---- projection -------------------------------------------------------------------------------------

class ProjectOp : public Operator {
 public:
  ProjectOp(ExecContext& ctx, const plan::Projection& p) : ctx_(ctx), p_(p) {}
  bool push(Row& row) override {
    values_.clear();
    for (const auto& item : p_.items) values_.push_back(evaluate(*item.expr, ctx_.eval(row)));
    for (std::size_t i = 0; i < values_.size(); ++i) row[static_cast<std::size_t>(p_.items[i].slot)] = values_[i];
    return next_->push(row);
  }

 private:
  ExecContext& ctx_;
  const plan::Projection& p_;
  std::vector<Value> values_;
};

struct AggState {
  std::int64_t count = 0;
  bool saw_float = false;
  __int128 isum = 0;
  double dsum = 0;
  Value best;
  List items;
  std::set<Value, ValueLess> seen;
  double param = 0;  // percentileDisc/percentileCont
};

double percentile_of(const Value& v) {
  double p = v.is<double>() ? v.as<double>() : v.is<std::int64_t>() ? static_cast<double>(v.as<std::int64_t>()) : -1;
  if (!(p >= 0 && p <= 1))
    throw QueryError(QueryError::Kind::Type, "a percentile must be a number between 0.0 and 1.0", 0, 0,
                     "NumberOutOfRange");
  return p;
}

double number(const Value& v) { return v.is<double>() ? v.as<double>() : static_cast<double>(v.as<std::int64_t>()); }

// Sorted numbers of a percentile or deviation aggregate.
List sorted_numbers(const AggState& s) {
  List l = s.items;
  std::sort(l.begin(), l.end(), [](const Value& a, const Value& b) { return number(a) < number(b); });
  return l;
}

Value percentile(const AggState& s, bool discrete) {
  if (s.items.empty()) return {};
  List l = sorted_numbers(s);
  auto n = static_cast<double>(l.size());
  if (discrete) {
    double at = s.param * n;
    auto whole = static_cast<std::size_t>(at);
    std::size_t i = (at != static_cast<double>(whole) || whole == 0) ? whole : whole - 1;
    return l[std::min(i, l.size() - 1)];
  }
  double at = s.param * (n - 1);
  auto lo = static_cast<std::size_t>(std::floor(at)), hi = static_cast<std::size_t>(std::ceil(at));
  double a = number(l[lo]), b = number(l[hi]);
  return Value(a + (b - a) * (at - static_cast<double>(lo)));
}

Value deviation(const AggState& s, bool population) {
  auto n = static_cast<double>(s.items.size());
  if (n < 2) return Value(0.0);
  double mean = 0;
  for (const auto& v : s.items) mean += number(v);
  mean /= n;
  double sq = 0;
  for (const auto& v : s.items) sq += (number(v) - mean) * (number(v) - mean);
  return Value(std::sqrt(sq / (population ? n : n - 1)));
}

void accumulate(const plan::Aggregate& a, AggState& s, Value v, const QueryOptions& options) {
  if (!a.arg) {  // count(*)
    ++s.count;
    return;
  }
  if (v.is_null()) return;
  if (a.distinct && !s.seen.insert(v).second) return;
  ++s.count;
  if (s.items.size() >= options.max_list) list_too_long(options);
  switch (a.kind) {
    case AggregateKind::Count: break;
    case AggregateKind::Collect: s.items.push_back(std::move(v)); break;
    case AggregateKind::Min:
      if (s.best.is_null() || order(v, s.best) < 0) s.best = std::move(v);
      break;
    case AggregateKind::Max:
      if (s.best.is_null() || order(v, s.best) > 0) s.best = std::move(v);
      break;
    case AggregateKind::PercentileDisc:
    case AggregateKind::PercentileCont:
    case AggregateKind::StDev:
    case AggregateKind::StDevP:
      if (!v.is<std::int64_t>() && !v.is<double>())
        throw QueryError(QueryError::Kind::Type, "percentiles and deviations need numbers, got " + type_name(v), 0, 0,
                         "InvalidArgumentType");
      s.items.push_back(std::move(v));
      break;
    case AggregateKind::Sum:
    case AggregateKind::Avg:
      if (v.is<std::int64_t>()) {
        // Summed in 128 bits: only a total that leaves int64 is an error (as `+` is), and a float anywhere
        // makes it a float sum.
        s.isum += v.as<std::int64_t>();
        s.dsum += static_cast<double>(v.as<std::int64_t>());
      } else if (v.is<double>()) {
        s.saw_float = true;
        s.dsum += v.as<double>();
      } else {
        throw QueryError(QueryError::Kind::Type, "sum() and avg() need numbers, got " + type_name(v), 0, 0,
                         "InvalidArgumentType");
      }
      break;
  }
}

Value result_of(const plan::Aggregate& a, const AggState& s) {
  switch (a.kind) {
    case AggregateKind::Count: return Value(s.count);
    case AggregateKind::Collect: return Value(s.items);
    case AggregateKind::Min:
    case AggregateKind::Max: return s.best;
    case AggregateKind::Sum:
      if (s.saw_float) return Value(s.dsum);
      if (s.isum > INT64_MAX || s.isum < INT64_MIN)
        throw QueryError(QueryError::Kind::Type, "integer overflow in sum()", 0, 0, "IntegerOverflow");
      return Value(static_cast<std::int64_t>(s.isum));
    case AggregateKind::Avg: return s.count ? Value(s.dsum / static_cast<double>(s.count)) : Value();
    case AggregateKind::PercentileDisc: return percentile(s, true);
    case AggregateKind::PercentileCont: return percentile(s, false);
    case AggregateKind::StDev: return deviation(s, false);
    case AggregateKind::StDevP: return deviation(s, true);
  }
  return {};
}

// Groups by the items without aggregates; the first row of a group stands for it when the other items
// (which mix aggregates with grouping expressions) are evaluated.
class AggregateOp : public Operator {
 public:
  AggregateOp(ExecContext& ctx, const plan::Projection& p) : ctx_(ctx), p_(p) {
    for (std::size_t i = 0; i < p.items.size(); ++i)
      (p.items[i].has_aggregate ? computed_ : keys_).push_back(i);
  }
  bool push(Row& row) override {
    std::size_t group = 0;
    if (keys_.empty() && p_.hidden_keys.empty()) {
      // One group for all rows (RETURN count(x)): no key to build or look up, which was most of the cost
      // of UNWIND range(1, 100000000) AS x RETURN count(x).
      if (groups_.empty()) groups_.push_back(Group{row, {}, std::vector<AggState>(p_.aggregates.size())});
    } else {
      std::vector<Value> key;
      key.reserve(keys_.size());
      for (auto i : keys_) key.push_back(evaluate(*p_.items[i].expr, ctx_.eval(row)));
      for (const auto& h : p_.hidden_keys) key.push_back(evaluate(*h, ctx_.eval(row)));
      auto [it, inserted] = index_.try_emplace(key, groups_.size());
      if (inserted) {
        groups_.push_back(Group{row, key, std::vector<AggState>(p_.aggregates.size())});
        ctx_.check_rows(groups_.size());
      }
      group = it->second;
    }
    auto& g = groups_[group];
    for (std::size_t k = 0; k < p_.aggregates.size(); ++k) {
      const auto& a = p_.aggregates[k];
      if (a.param && g.states[k].count == 0 && g.states[k].items.empty())
        g.states[k].param = percentile_of(evaluate(*a.param, ctx_.eval(row)));
      accumulate(a, g.states[k], a.arg ? evaluate(*a.arg, ctx_.eval(row)) : Value(), ctx_.options);
    }
    return true;
  }
  void finish() override {
    if (groups_.empty() && keys_.empty() && p_.hidden_keys.empty()) {
      Row empty(first_row_size(), Value());
      groups_.push_back(Group{empty, {}, std::vector<AggState>(p_.aggregates.size())});
    }
    for (auto& g : groups_) {
      Row& row = g.first;
      for (std::size_t k = 0; k < p_.aggregates.size(); ++k)
        row[static_cast<std::size_t>(p_.aggregates[k].slot)] = result_of(p_.aggregates[k], g.states[k]);
      for (std::size_t k = 0; k < keys_.size(); ++k) row[static_cast<std::size_t>(p_.items[keys_[k]].slot)] = g.key[k];
      for (auto i : computed_)
        row[static_cast<std::size_t>(p_.items[i].slot)] = evaluate(*p_.items[i].expr, ctx_.eval(row));
      if (!next_->push(row)) break;
    }
    groups_.clear();
    next_->finish();
  }
  void set_row_size(std::size_t n) { row_size_ = n; }

 private:
  std::size_t first_row_size() const { return row_size_; }
  struct Group {
    Row first;
    std::vector<Value> key;
    std::vector<AggState> states;
  };
  ExecContext& ctx_;
  const plan::Projection& p_;
  std::vector<std::size_t> keys_, computed_;
  std::map<std::vector<Value>, std::size_t, RowLess> index_;
  std::vector<Group> groups_;
  std::size_t row_size_ = 0;
};

class DistinctOp : public Operator {
 public:
  DistinctOp(ExecContext& ctx, const plan::Projection& p) : ctx_(ctx), p_(p) {}
  bool push(Row& row) override {
    std::vector<Value> key;
    for (const auto& item : p_.items) key.push_back(row[static_cast<std::size_t>(item.slot)]);
    if (!seen_.insert(std::move(key)).second) return true;
    ctx_.check_rows(seen_.size());
    return next_->push(row);
  }

 private:
  ExecContext& ctx_;
  const plan::Projection& p_;
  std::set<std::vector<Value>, RowLess> seen_;
};

class FilterOp : public Operator {
 public:
  FilterOp(ExecContext& ctx, const ast::ExprPtr& where) : ctx_(ctx), where_(where) {}
  bool push(Row& row) override {
    if (!is_true(evaluate(*where_, ctx_.eval(row)))) return true;
    return next_->push(row);
  }

 private:
  ExecContext& ctx_;
  ast::ExprPtr where_;
};

class SkipLimitOp : public Operator {
 public:
  SkipLimitOp(std::size_t skip, std::optional<std::size_t> limit) : skip_(skip), limit_(limit) {}
  bool push(Row& row) override {
    if (limit_ && *limit_ == 0) return false;
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    bool go_on = next_->push(row);
    if (limit_ && --*limit_ == 0) return false;
    return go_on;
  }

 private:
  std::size_t skip_;
  std::optional<std::size_t> limit_;
};

class SortOp : public Operator {
 public:
  SortOp(ExecContext& ctx, const plan::Projection& p, std::size_t skip, std::optional<std::size_t> limit)
      : ctx_(ctx), p_(p), skip_(skip), limit_(limit) {}
  bool push(Row& row) override {
    if (limit_ && *limit_ == 0) return false;
    std::vector<Value> keys;
    for (const auto& k : p_.order) keys.push_back(evaluate(*k.expr, ctx_.eval(row)));
    rows_.emplace_back(std::move(keys), row);
    ctx_.check_rows(rows_.size());
    return true;
  }
  void finish() override {
    std::stable_sort(rows_.begin(), rows_.end(), [&](const auto& a, const auto& b) {
      for (std::size_t i = 0; i < p_.order.size(); ++i) {
        int c = order(a.first[i], b.first[i]);
        if (c != 0) return p_.order[i].desc ? c > 0 : c < 0;
      }
      return false;
    });
    std::size_t emitted = 0;
    for (std::size_t i = skip_; i < rows_.size(); ++i) {
      if (limit_ && emitted == *limit_) break;
      ++emitted;
      if (!next_->push(rows_[i].second)) break;
    }
    rows_.clear();
    next_->finish();
  }

 private:
  ExecContext& ctx_;
  const plan::Projection& p_;
  std::size_t skip_;
  std::optional<std::size_t> limit_;
  std::vector<std::pair<std::vector<Value>, Row>> rows_;
};

class SinkOp : public Operator {
 public:
  SinkOp(ExecContext& ctx, const plan::Projection& p, QueryResult* result) : ctx_(ctx), p_(p), result_(result) {}
  bool push(Row& row) override {
    if (!result_) return true;
    std::vector<Value> out;
    out.reserve(p_.items.size());
    for (const auto& item : p_.items) out.push_back(row[static_cast<std::size_t>(item.slot)]);
    result_->rows.push_back(std::move(out));
    ctx_.check_rows(result_->rows.size());
    return true;
  }
  void finish() override {}

 private:
  ExecContext& ctx_;
  const plan::Projection& p_;
  QueryResult* result_;
};

class DiscardOp : public Operator {
 public:
  bool push(Row&) override { return true; }
  void finish() override {}
};

std::size_t count_value(ExecContext& ctx, const ast::ExprPtr& e, const char* what) {
  Row empty;
  Value v = evaluate(*e, ctx.eval(empty));
  if (v.is<std::int64_t>()) {
    if (v.as<std::int64_t>() < 0)
      throw QueryError(QueryError::Kind::Semantic, std::string(what) + " must not be negative", 0, 0,
                       "NegativeIntegerArgument");
    return static_cast<std::size_t>(v.as<std::int64_t>());
  }
  throw QueryError(QueryError::Kind::Type, std::string(what) + " must be an integer, got " + type_name(v), 0, 0,
                   "InvalidArgumentType");
}

}  // namespace

std::unique_ptr<Operator> make_match(ExecContext& ctx, const plan::Match& m) { return std::make_unique<MatchOp>(ctx, m); }
std::unique_ptr<Operator> make_create(ExecContext& ctx, const plan::Create& c) {
  return std::make_unique<CreateOp>(ctx, c);
}
std::unique_ptr<Operator> make_unwind(ExecContext& ctx, const plan::Unwind& u) {
  return std::make_unique<UnwindOp>(ctx, u);
}

void make_projection(ExecContext& ctx, const plan::Projection& p, QueryResult* result,
                     std::vector<std::unique_ptr<Operator>>& ops, std::size_t row_size) {
  auto add = [&](std::unique_ptr<Operator> op) {
    if (!ops.empty()) ops.back()->set_next(op.get());
    ops.push_back(std::move(op));
  };
  std::size_t skip = p.skip ? count_value(ctx, p.skip, "SKIP") : 0;
  std::optional<std::size_t> limit;
  if (p.limit) limit = count_value(ctx, p.limit, "LIMIT");
  if (!p.aggregates.empty()) {
    auto agg = std::make_unique<AggregateOp>(ctx, p);
    agg->set_row_size(row_size);
    add(std::move(agg));
  } else {
    add(std::make_unique<ProjectOp>(ctx, p));
  }
  if (p.distinct) add(std::make_unique<DistinctOp>(ctx, p));
  if (!p.order.empty()) add(std::make_unique<SortOp>(ctx, p, skip, limit));
  else if (skip || limit) add(std::make_unique<SkipLimitOp>(skip, limit));
  if (p.where) add(std::make_unique<FilterOp>(ctx, p.where));
  if (p.is_return) add(std::make_unique<SinkOp>(ctx, p, result));
}

void execute(ExecContext& ctx, const plan::Plan& plan, QueryResult& result) {
  std::vector<std::unique_ptr<Operator>> ops;
  auto add = [&](std::unique_ptr<Operator> op) {
    if (!ops.empty()) ops.back()->set_next(op.get());
    ops.push_back(std::move(op));
  };
  for (const auto& step : plan.steps) {
    if (auto m = std::get_if<plan::Match>(&step)) add(make_match(ctx, *m));
    else if (auto c = std::get_if<plan::Create>(&step)) add(make_create(ctx, *c));
    else if (auto u = std::get_if<plan::Unwind>(&step)) add(make_unwind(ctx, *u));
    else if (auto s = std::get_if<plan::Set>(&step)) add(std::make_unique<SetOp>(ctx, *s));
    else make_projection(ctx, std::get<plan::Projection>(step), &result, ops, plan.slot_count);
  }
  if (ops.empty()) return;
  if (!dynamic_cast<SinkOp*>(ops.back().get())) add(std::make_unique<DiscardOp>());
  Row row(plan.slot_count, Value());
  ops.front()->push(row);
  ops.front()->finish();
  result.columns = plan.columns;
}

}  // namespace bangfu::query
