#include "query/binder.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "query/aliases.hpp"
#include "query/parser.hpp"

namespace bangfu::query {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;

namespace {

// Value: certainly not a graph element (a literal, a list, arithmetic); Unknown: decided at run time
// (a list element, a property, a function's result).
enum class Kind { Node, Rel, RelList, Path, Value, Unknown };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Node: return "a node";
    case Kind::Rel: return "a relationship";
    case Kind::RelList: return "a list of relationships";
    case Kind::Path: return "a path";
    default: return "a value";
  }
}

struct Var {
  int slot = -1;
  Kind kind = Kind::Value;
};
using Scope = std::map<std::string, Var>;

bool contains_aggregate(const Expr& e) {
  if (e.kind == ExprKind::CountStar) return true;
  if (e.kind == ExprKind::Call && aggregate_kind(e.name)) return true;
  for (const auto& a : e.args)
    if (a && contains_aggregate(*a)) return true;
  return false;
}

bool contains_variable(const Expr& e) {
  if (e.kind == ExprKind::Variable) return true;
  for (const auto& a : e.args)
    if (a && contains_variable(*a)) return true;
  return false;
}

class Binder {
 public:
  explicit Binder(std::string_view text) : text_(text) {}

  plan::Plan run(ast::Statement& st) {
    plan::Plan out;
    for (std::size_t i = 0; i < st.clauses.size(); ++i) {
      auto& c = st.clauses[i];
      bool last = i + 1 == st.clauses.size();
      switch (c.kind) {
        case ast::ClauseKind::Match:
        case ast::ClauseKind::OptionalMatch: out.steps.emplace_back(bind_match(c)); break;
        case ast::ClauseKind::Create: out.steps.emplace_back(bind_create(c)); break;
        case ast::ClauseKind::Unwind: out.steps.emplace_back(bind_unwind(c)); break;
        case ast::ClauseKind::Set:
        case ast::ClauseKind::Remove: out.steps.emplace_back(bind_set(c)); break;
        case ast::ClauseKind::With: out.steps.emplace_back(bind_projection(c, false)); break;
        case ast::ClauseKind::Return: {
          if (!last)
            fail(st.clauses[i + 1].pos, "RETURN must be the last clause of a query", "InvalidClauseComposition");
          auto p = bind_projection(c, true);
          for (const auto& item : p.items) out.columns.push_back(item.column);
          out.steps.emplace_back(std::move(p));
          break;
        }
      }
      if (last && c.kind != ast::ClauseKind::Return && c.kind != ast::ClauseKind::Create && c.kind != ast::ClauseKind::Set &&
          c.kind != ast::ClauseKind::Remove)
        fail(c.pos, "a query cannot end with this clause; finish it with RETURN", "InvalidClauseComposition");
    }
    out.slot_count = slots_;
    return out;
  }

 private:
  [[noreturn]] void fail(std::size_t pos, const std::string& message, const std::string& code) {
    throw error_at(QueryError::Kind::Semantic, text_, pos, message, code);
  }

  int new_slot() { return static_cast<int>(slots_++); }

  // ---- expressions -------------------------------------------------------------------------------

  void bind_expr(ExprPtr& e, const Scope& scope, std::vector<plan::Aggregate>* aggs, const char* where) {
    if (!e) return;
    switch (e->kind) {
      case ExprKind::Variable: {
        auto it = scope.find(e->name);
        if (it == scope.end()) fail(e->pos, "variable `" + e->name + "` is not defined", "UndefinedVariable");
        e->slot = it->second.slot;
        return;
      }
      case ExprKind::Property:
        if (e->args[0]->kind == ExprKind::Variable) {
          auto it = scope.find(e->args[0]->name);
          if (it != scope.end() && (it->second.kind == Kind::Path || it->second.kind == Kind::RelList))
            fail(e->pos, "`" + e->args[0]->name + "` is " + kind_name(it->second.kind) + " and has no properties",
                 "InvalidArgumentType");
        }
        break;
      case ExprKind::CountStar:
      case ExprKind::Call: {
        if (e->kind == ExprKind::Call && lower(e->name) == "exists" && e->args.size() == 1 && e->args[0] &&
            e->args[0]->kind == ExprKind::PatternPredicate) {
          e = e->args[0];  // exists((a)-->()) is the pattern predicate itself
          bind_expr(e, scope, aggs, where);
          return;
        }
        auto agg = e->kind == ExprKind::CountStar ? std::optional(AggregateKind::Count) : aggregate_kind(e->name);
        if (agg) {
          if (!aggs)
            fail(e->pos, std::string("aggregate functions are not allowed in ") + where, "InvalidAggregation");
          plan::Aggregate a;
          a.kind = *agg;
          a.distinct = e->distinct;
          if (e->kind == ExprKind::Call) {
            bool percentile = *agg == AggregateKind::PercentileDisc || *agg == AggregateKind::PercentileCont;
            if (e->args.size() != (percentile ? 2u : 1u))
              fail(e->pos, e->name + "() takes exactly " + (percentile ? "two arguments" : "one argument"),
                   "InvalidNumberOfArguments");
            if (percentile) {
              a.param = e->args[1];
              bind_expr(a.param, scope, nullptr, "an aggregate's argument");
            }
            a.arg = e->args[0];
            if (contains_aggregate(*a.arg))
              fail(e->pos, "aggregate functions cannot be nested", "NestedAggregation");
            if (calls_rand(*a.arg))
              fail(e->pos, "an aggregate's argument cannot use rand()", "NonConstantExpression");
            bind_expr(a.arg, scope, nullptr, "an aggregate's argument");
          }
          a.slot = new_slot();
          auto slot = ast::make_expr(ExprKind::Slot, e->pos);
          slot->slot = a.slot;
          aggs->push_back(std::move(a));
          e = slot;
          return;
        }
        auto fn = scalar_function(e->name);
        if (!fn) fail(e->pos, "unknown function '" + e->name + "'", "UnknownFunction");
        if (e->args.size() < fn->min_args || e->args.size() > fn->max_args)
          fail(e->pos, "wrong number of arguments for " + e->name + "()", "InvalidNumberOfArguments");
        if (e->distinct) fail(e->pos, "DISTINCT is only allowed in aggregate functions", "InvalidArgumentType");
        e->fn = fn->id;
        break;
      }
      case ExprKind::ListComp:
      case ExprKind::Quantifier: {
        bind_expr(e->args[0], scope, aggs, where);
        Scope inner = scope;
        e->slot = new_slot();
        inner[e->name] = Var{e->slot, Kind::Unknown};
        for (std::size_t i = 1; i < e->args.size(); ++i) bind_expr(e->args[i], inner, nullptr, "a list comprehension");
        return;
      }
      case ExprKind::PatternComp: {
        // Like a MATCH in an inner scope: its new variables are seen by its WHERE and projection only.
        ast::Clause c;
        c.kind = ast::ClauseKind::Match;
        c.pos = e->pos;
        c.patterns = {*e->pattern};
        c.where = e->args[0];
        Scope saved = scope_;
        scope_ = scope;
        auto m = bind_match(c);
        bind_expr(e->args[1], scope_, nullptr, "a pattern comprehension");
        scope_ = std::move(saved);
        e->match = std::make_shared<plan::Match>(std::move(m));
        return;
      }
      case ExprKind::PatternPredicate: {
        // Bound like a MATCH in the current scope; it may use variables but not introduce named ones.
        ast::Clause c;
        c.kind = ast::ClauseKind::Match;
        c.pos = e->pos;
        c.patterns = {*e->pattern};
        Scope saved = scope_;
        scope_ = scope;
        auto m = bind_match(c);
        for (const auto& [name, var] : scope_)
          if (!scope.count(name))
            fail(e->pos, "a pattern predicate cannot introduce the new variable `" + name + "`", "UndefinedVariable");
        scope_ = std::move(saved);
        e->match = std::make_shared<plan::Match>(std::move(m));
        return;
      }
      case ExprKind::Reduce: {
        bind_expr(e->args[0], scope, aggs, where);
        bind_expr(e->args[1], scope, aggs, where);
        Scope inner = scope;
        e->slot2 = new_slot();
        inner[e->keys[0]] = Var{e->slot2, Kind::Unknown};
        e->slot = new_slot();
        inner[e->name] = Var{e->slot, Kind::Unknown};
        bind_expr(e->args[2], inner, nullptr, "reduce()");
        return;
      }
      default: break;
    }
    for (auto& a : e->args) bind_expr(a, scope, aggs, where);
  }

  static bool is_aggregate_call(const Expr& e) {
    return e.kind == ExprKind::CountStar || (e.kind == ExprKind::Call && aggregate_kind(e.name));
  }

  // Beside an aggregate, an operand that reads variables must be a grouping key: a projected variable
  // or the same property read. Map and list entries without aggregates group rows themselves.
  void check_ambiguous(const ExprPtr& e, const std::set<std::string>& key_names, const std::set<std::string>& key_exprs) {
    if (!e || is_aggregate_call(*e) || !contains_aggregate(*e)) return;
    bool container = e->kind == ExprKind::Map || e->kind == ExprKind::List;
    for (const auto& a : e->args) {
      if (!a) continue;
      if (contains_aggregate(*a)) {
        check_ambiguous(a, key_names, key_exprs);
        continue;
      }
      if (container || grouped_by_keys(*a, key_names, key_exprs)) continue;
      fail(a->pos, "this expression beside an aggregate must also be projected on its own as a grouping key",
           "AmbiguousAggregationExpression");
    }
  }

  // Every variable the operand reads is a grouping key, or is read as a property that is one.
  static bool grouped_by_keys(const Expr& a, const std::set<std::string>& key_names,
                              const std::set<std::string>& key_exprs) {
    if (a.kind == ExprKind::Variable) return key_names.count(a.name) > 0;
    if (a.kind == ExprKind::Property && a.args[0]->kind == ExprKind::Variable && key_exprs.count(ast::expr_key(a)))
      return true;
    for (const auto& x : a.args)
      if (x && !grouped_by_keys(*x, key_names, key_exprs)) return false;
    return true;
  }

  // rand() inside an aggregate would make its result depend on evaluation order.
  static bool calls_rand(const Expr& e) {
    if (e.kind == ExprKind::Call && lower(e.name) == "rand") return true;
    for (const auto& a : e.args)
      if (a && calls_rand(*a)) return true;
    return false;
  }

  // The largest parts of an aggregating item that use variables but no aggregate: they group rows.
  static void free_parts(const ExprPtr& e, std::vector<ExprPtr>& out) {
    if (!e || e->kind == ExprKind::CountStar || (e->kind == ExprKind::Call && aggregate_kind(e->name))) return;
    if (!contains_aggregate(*e)) {
      if (contains_variable(*e)) out.push_back(e);
      return;
    }
    for (const auto& a : e->args) free_parts(a, out);
  }

  // ---- patterns ----------------------------------------------------------------------------------

  std::vector<std::pair<std::string, ExprPtr>> property_list(const ExprPtr& props) {
    std::vector<std::pair<std::string, ExprPtr>> out;
    if (!props) return out;
    if (props->kind == ExprKind::Parameter)
      fail(props->pos, "a parameter cannot be used as a property map in MATCH; write {key: $param}",
           "InvalidParameterUse");
    for (std::size_t i = 0; i < props->args.size(); ++i) out.emplace_back(props->keys[i], props->args[i]);
    return out;
  }

  static std::vector<std::string> canonical(const std::vector<std::string>& names, bool labels) {
    std::vector<std::string> out;
    for (const auto& n : names) {
      auto c = labels ? resolve_label(n) : resolve_type(n);
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
  }

  void set_range(plan::RelStep& step, const ast::RelPattern& r) {
    step.var_length = r.var_length;
    if (!r.var_length) return;
    step.min = r.min.value_or(1);
    step.unbounded = !r.max.has_value();
    step.max = r.max.value_or(step.min);
    if (!step.unbounded && step.max < step.min) step.max = step.min - 1;  // matches nothing, as in Cypher
  }

  plan::Match bind_match(ast::Clause& c) {
    plan::Match m;
    m.optional = c.kind == ast::ClauseKind::OptionalMatch;
    std::set<std::string> rels_here;
    std::vector<std::pair<plan::PatternStep*, ast::Pattern*>> deferred;
    m.patterns.reserve(c.patterns.size());
    for (auto& p : c.patterns) {
      plan::PatternStep ps;
      ps.kind = p.kind;
      if (!p.path_var.empty() && scope_.count(p.path_var))
        fail(p.pos, "variable `" + p.path_var + "` is already bound; a path needs a new name", "VariableAlreadyBound");
      for (auto& n : p.nodes) {
        plan::NodeStep ns;
        ns.slot = node_slot(n.var, n.pos, p.path_var, m.introduced);
        ns.labels = canonical(n.labels, true);
        ps.nodes.push_back(std::move(ns));
      }
      for (auto& r : p.rels) {
        plan::RelStep rs;
        rs.dir = r.dir();
        rs.types = canonical(r.types, false);
        set_range(rs, r);
        rs.needs_list = !r.var.empty() || !p.path_var.empty();
        if (r.var.empty()) {
          rs.slot = new_slot();
          m.introduced.push_back(rs.slot);
        } else {
          if (r.var == p.path_var)
            fail(r.pos, "variable `" + r.var + "` is already bound as a path", "VariableAlreadyBound");
          if (rels_here.count(r.var))
            fail(r.pos, "relationship variable `" + r.var + "` is used twice in one MATCH",
                 "RelationshipUniquenessViolation");
          rels_here.insert(r.var);
          auto it = scope_.find(r.var);
          if (it == scope_.end()) {
            rs.slot = new_slot();
            scope_[r.var] = Var{rs.slot, r.var_length ? Kind::RelList : Kind::Rel};
            m.introduced.push_back(rs.slot);
          } else {
            Kind k = it->second.kind;
            bool ok = k == Kind::Unknown || (r.var_length ? (k == Kind::RelList || k == Kind::Value) : k == Kind::Rel);
            if (!ok)
              fail(r.pos, "variable `" + r.var + "` is " + kind_name(k) + ", not a relationship",
                   "VariableTypeConflict");
            rs.slot = it->second.slot;
          }
        }
        ps.rels.push_back(std::move(rs));
      }
      if (p.kind != ast::PathKind::Plain) {
        if (p.rels.size() != 1)
          fail(p.pos, "shortestPath needs a pattern with exactly one relationship", "InvalidArgument");
        if (p.rels[0].var_length && p.rels[0].min && *p.rels[0].min > 1)
          fail(p.rels[0].pos, "shortestPath allows a minimal length of 0 or 1", "InvalidArgument");
        ps.rels[0].needs_list = true;
      }
      if (!p.path_var.empty()) {
        ps.path_slot = new_slot();
        scope_[p.path_var] = Var{ps.path_slot, Kind::Path};
        m.introduced.push_back(ps.path_slot);
      }
      m.patterns.push_back(std::move(ps));
      deferred.emplace_back(&m.patterns.back(), &p);
    }
    // Inline properties may refer to any variable of the clause, so bind them once all are declared.
    for (auto& [ps, p] : deferred) {
      for (std::size_t i = 0; i < p->nodes.size(); ++i) {
        ps->nodes[i].props = property_list(p->nodes[i].props);
        for (auto& kv : ps->nodes[i].props) bind_expr(kv.second, scope_, nullptr, "MATCH");
      }
      for (std::size_t i = 0; i < p->rels.size(); ++i) {
        ps->rels[i].props = property_list(p->rels[i].props);
        for (auto& kv : ps->rels[i].props) bind_expr(kv.second, scope_, nullptr, "MATCH");
      }
    }
    if (c.where) {
      bind_expr(c.where, scope_, nullptr, "WHERE");
      m.where = c.where;
    }
    return m;
  }

  Kind static_kind(const Expr& e) const {
    switch (e.kind) {
      case ExprKind::Variable: {
        auto found = scope_.find(e.name);
        return found != scope_.end() ? found->second.kind : Kind::Value;
      }
      case ExprKind::Literal:
      case ExprKind::List:
      case ExprKind::Map:
      case ExprKind::Unary:
      case ExprKind::Binary:
      case ExprKind::HasLabels:
      case ExprKind::CountStar: return Kind::Value;
      default: return Kind::Unknown;
    }
  }

  int node_slot(const std::string& var, std::size_t pos, const std::string& path_var, std::vector<int>& introduced) {
    if (var.empty()) {
      introduced.push_back(new_slot());
      return introduced.back();
    }
    if (var == path_var) fail(pos, "variable `" + var + "` is already bound as a path", "VariableAlreadyBound");
    auto it = scope_.find(var);
    if (it == scope_.end()) {
      int slot = new_slot();
      scope_[var] = Var{slot, Kind::Node};
      introduced.push_back(slot);
      return slot;
    }
    if (it->second.kind != Kind::Node && it->second.kind != Kind::Unknown)
      fail(pos, "variable `" + var + "` is " + kind_name(it->second.kind) + ", not a node", "VariableTypeConflict");
    return it->second.slot;
  }

  plan::Create bind_create(ast::Clause& c) {
    plan::Create out;
    for (auto& p : c.patterns) {
      plan::PatternStep ps;
      if (!p.path_var.empty() && scope_.count(p.path_var))
        fail(p.pos, "variable `" + p.path_var + "` is already bound", "VariableAlreadyBound");
      for (auto& n : p.nodes) {
        plan::NodeStep ns;
        auto it = n.var.empty() ? scope_.end() : scope_.find(n.var);
        if (it != scope_.end()) {
          if (it->second.kind != Kind::Node && it->second.kind != Kind::Unknown)
            fail(n.pos, "variable `" + n.var + "` is " + kind_name(it->second.kind) + ", not a node",
                 "VariableTypeConflict");
          if (!n.labels.empty() || n.props || p.nodes.size() == 1)
            fail(n.pos, "variable `" + n.var + "` is already bound; CREATE cannot create it again",
                 "VariableAlreadyBound");
          ns.slot = it->second.slot;
        } else {
          ns.slot = node_slot(n.var, n.pos, p.path_var, out.introduced);
          ns.labels = canonical(n.labels, true);
          if (n.props && n.props->kind == ExprKind::Parameter) {
            ns.props.emplace_back("", n.props);  // the whole map comes from the parameter
          } else if (n.props) {
            for (std::size_t i = 0; i < n.props->args.size(); ++i) ns.props.emplace_back(n.props->keys[i], n.props->args[i]);
          }
          for (auto& kv : ns.props) bind_expr(kv.second, scope_, nullptr, "CREATE");
        }
        ps.nodes.push_back(std::move(ns));
      }
      for (auto& r : p.rels) {
        plan::RelStep rs;
        if (!r.var.empty() && scope_.count(r.var))
          fail(r.pos, "variable `" + r.var + "` is already bound; CREATE cannot create it again",
               "VariableAlreadyBound");
        if (r.types.size() != 1)
          fail(r.pos, "CREATE needs exactly one relationship type, e.g. -[:supports]->", "NoSingleRelationshipType");
        if (r.dir() == ast::Dir::Both)
          fail(r.pos, "CREATE needs a directed relationship (-> or <-)", "RequiresDirectedRelationship");
        if (r.var_length) fail(r.pos, "CREATE cannot create a variable-length relationship", "CreatingVarLength");
        rs.dir = r.dir();
        rs.types = canonical(r.types, false);
        if (r.var.empty()) {
          rs.slot = new_slot();
        } else {
          if (scope_.count(r.var))
            fail(r.pos, "variable `" + r.var + "` is already bound; CREATE cannot create it again",
                 "VariableAlreadyBound");
          rs.slot = new_slot();
          scope_[r.var] = Var{rs.slot, Kind::Rel};
          out.introduced.push_back(rs.slot);
        }
        if (r.props && r.props->kind == ExprKind::Parameter) {
          rs.props.emplace_back("", r.props);
        } else if (r.props) {
          for (std::size_t i = 0; i < r.props->args.size(); ++i) rs.props.emplace_back(r.props->keys[i], r.props->args[i]);
        }
        for (auto& kv : rs.props) bind_expr(kv.second, scope_, nullptr, "CREATE");
        ps.rels.push_back(std::move(rs));
      }
      if (!p.path_var.empty()) {
        ps.path_slot = new_slot();
        scope_[p.path_var] = Var{ps.path_slot, Kind::Path};
      }
      out.patterns.push_back(std::move(ps));
    }
    return out;
  }

  plan::Set bind_set(ast::Clause& c) {
    plan::Set out;
    for (auto& it : c.set_items) {
      auto found = scope_.find(it.var);
      if (found == scope_.end()) fail(it.pos, "variable `" + it.var + "` is not defined", "UndefinedVariable");
      Kind k = found->second.kind;
      bool labels = it.kind == ast::SetItem::Kind::Labels;
      if (labels && c.kind == ast::ClauseKind::Remove)
        fail(it.pos, "REMOVE of labels is not supported: the graph keeps the labels a node was given", "UnsupportedClause");
      if (k != Kind::Unknown && k != Kind::Node && (labels || k != Kind::Rel))
        fail(it.pos, "SET needs " + std::string(labels ? "a node" : "a node or a relationship") + ", `" + it.var +
                         "` is " + kind_name(k), "InvalidArgumentType");
      plan::SetItem item;
      item.kind = it.kind;
      item.slot = found->second.slot;
      item.key = it.key;
      item.labels = canonical(it.labels, true);
      bind_expr(it.value, scope_, nullptr, "SET");
      item.value = it.value;
      out.items.push_back(std::move(item));
    }
    return out;
  }

  plan::Unwind bind_unwind(ast::Clause& c) {
    plan::Unwind u;
    bind_expr(c.unwind, scope_, nullptr, "UNWIND");
    u.list = c.unwind;
    if (scope_.count(c.unwind_var))
      fail(c.pos, "variable `" + c.unwind_var + "` is already bound", "VariableAlreadyBound");
    u.slot = new_slot();
    scope_[c.unwind_var] = Var{u.slot, Kind::Unknown};
    return u;
  }

  // ---- projections -------------------------------------------------------------------------------

  void substitute(ExprPtr& e, const std::vector<std::string>& keys, const std::vector<plan::Item>& items) {
    if (!e) return;
    std::string key = ast::expr_key(*e);
    for (std::size_t i = 0; i < items.size(); ++i) {
      bool alias_hit = e->kind == ExprKind::Variable && e->name == items[i].column;
      if (alias_hit || key == keys[i]) {
        auto slot = ast::make_expr(ExprKind::Slot, e->pos);
        slot->slot = items[i].slot;
        e = slot;
        return;
      }
    }
    for (auto& a : e->args) substitute(a, keys, items);
  }

  void check_count(const ExprPtr& e, const char* what) {
    if (!e) return;
    if (contains_variable(*e))
      fail(e->pos, std::string(what) + " must be a constant or a parameter", "NonConstantExpression");
    if (e->kind == ExprKind::Literal) {
      if (e->value.is<std::int64_t>() && e->value.as<std::int64_t>() < 0)
        fail(e->pos, std::string(what) + " must not be negative", "NegativeIntegerArgument");
      if (!e->value.is<std::int64_t>())
        fail(e->pos, std::string(what) + " must be an integer", "InvalidArgumentType");
    }
    ExprPtr copy = e;
    bind_expr(copy, Scope{}, nullptr, what);
  }

  plan::Projection bind_projection(ast::Clause& c, bool is_return) {
    auto& pr = c.projection;
    plan::Projection out;
    out.is_return = is_return;
    out.distinct = pr.distinct;
    std::vector<ast::ReturnItem> items;
    if (pr.star) {
      std::vector<std::string> names;
      for (const auto& [name, var] : scope_) names.push_back(name);
      if (names.empty())
        fail(c.pos, std::string(is_return ? "RETURN" : "WITH") + " * needs at least one variable in scope",
             "NoVariablesInScope");
      for (const auto& name : names) {
        ast::ReturnItem it;
        it.expr = ast::make_expr(ExprKind::Variable, c.pos);
        it.expr->name = name;
        it.text = name;
        items.push_back(std::move(it));
      }
    }
    items.insert(items.end(), pr.items.begin(), pr.items.end());

    std::set<std::string> key_names, key_exprs;
    for (const auto& it : items) {
      if (contains_aggregate(*it.expr)) continue;
      key_exprs.insert(ast::expr_key(*it.expr));
      if (it.expr->kind == ExprKind::Variable) key_names.insert(it.alias.empty() ? it.expr->name : it.alias);
      if (!it.alias.empty()) key_names.insert(it.alias);
    }
    for (const auto& it : items) check_ambiguous(it.expr, key_names, key_exprs);

    Scope next;
    std::vector<std::string> keys;
    for (auto& it : items) {
      plan::Item item;
      keys.push_back(ast::expr_key(*it.expr));
      item.column = it.alias.empty() ? it.text : it.alias;
      if (!is_return && it.alias.empty() && it.expr->kind != ExprKind::Variable)
        fail(it.expr->pos, "expression in WITH must be aliased (use AS)", "NoExpressionAlias");
      Kind kind = static_kind(*it.expr);
      item.has_aggregate = contains_aggregate(*it.expr);
      if (item.has_aggregate) free_parts(it.expr, out.hidden_keys);
      bind_expr(it.expr, scope_, &out.aggregates, "this expression");
      item.expr = it.expr;
      item.slot = new_slot();
      if (next.count(item.column))
        fail(it.expr->pos, "column name `" + item.column + "` is used twice", "ColumnNameConflict");
      next[item.column] = Var{item.slot, kind};
      out.items.push_back(std::move(item));
    }

    bool grouped = !out.aggregates.empty();
    Scope order_scope = next;
    if (!grouped && !pr.distinct)
      for (const auto& kv : scope_) order_scope.emplace(kv);
    for (auto& s : pr.order) {
      substitute(s.expr, keys, out.items);
      if (!grouped && contains_aggregate(*s.expr))
        fail(s.expr->pos, "ORDER BY can only use aggregates when the projection aggregates", "InvalidAggregation");
      bind_expr(s.expr, order_scope, grouped ? &out.aggregates : nullptr, "ORDER BY");
      out.order.push_back(plan::SortKey{s.expr, s.desc});
    }
    check_count(pr.skip, "SKIP");
    check_count(pr.limit, "LIMIT");
    out.skip = pr.skip;
    out.limit = pr.limit;
    scope_ = std::move(next);
    if (c.where) {
      // Without grouping or DISTINCT each row keeps its earlier variables, and WITH … WHERE may read them.
      bind_expr(c.where, grouped || pr.distinct ? scope_ : order_scope, nullptr, "WHERE");
      out.where = c.where;
    }
    return out;
  }

  std::string_view text_;
  std::size_t slots_ = 0;
  Scope scope_;
};

}  // namespace

plan::Plan bind(ast::Statement& statement, std::string_view text) { return Binder(text).run(statement); }

}  // namespace bangfu::query
