#include "query/expression.hpp"

#include <cmath>
#include <optional>

#include "query/aliases.hpp"
#include "query/compare.hpp"
#include "query/functions.hpp"
#include "query/executor.hpp"
#include "query/matcher.hpp"
#include "query/regex.hpp"
#include "query/temporal_functions.hpp"

namespace bangfu::query {

using ast::Expr;
using ast::ExprKind;
using ast::Op;

namespace {

[[noreturn]] void type_error(const std::string& message) {
  throw QueryError(QueryError::Kind::Type, message, 0, 0, "InvalidArgumentType");
}

// Three-valued logic: nullopt is null.
std::optional<bool> as_logic(const Value& v, const char* op) {
  if (v.is_null()) return std::nullopt;
  if (!v.is<bool>()) type_error(std::string(op) + " needs boolean operands, got " + type_name(v));
  return v.as<bool>();
}

Value logic(Op op, const Expr& e, const EvalContext& ctx) {
  auto a = as_logic(evaluate(*e.args[0], ctx), "AND/OR/XOR");
  if (op == Op::And && a == false) return Value(false);
  if (op == Op::Or && a == true) return Value(true);
  auto b = as_logic(evaluate(*e.args[1], ctx), "AND/OR/XOR");
  switch (op) {
    case Op::And:
      if (b == false) return Value(false);
      if (!a || !b) return {};
      return Value(true);
    case Op::Or:
      if (b == true) return Value(true);
      if (!a || !b) return {};
      return Value(false);
    default:
      if (!a || !b) return {};
      return Value(*a != *b);
  }
}

bool is_num(const Value& v) { return v.is<std::int64_t>() || v.is<double>(); }
double dbl(const Value& v) { return v.is<double>() ? v.as<double>() : static_cast<double>(v.as<std::int64_t>()); }

Value arithmetic(Op op, const Value& a, const Value& b, const QueryOptions& limits) {
  if (a.is_null() || b.is_null()) return {};
  if ((a.is<Temporal>() || b.is<Temporal>()) && !a.is<std::string>() && !b.is<std::string>() && !a.is<List>() &&
      !b.is<List>()) {
    char c = op == Op::Add ? '+' : op == Op::Sub ? '-' : op == Op::Mul ? '*' : op == Op::Div ? '/' : '?';
    return temporal_arithmetic(c, a, b);
  }
  if (op == Op::Add) {
    if (a.is<List>() || b.is<List>()) {
      std::size_t n = (a.is<List>() ? a.as<List>().size() : 1) + (b.is<List>() ? b.as<List>().size() : 1);
      if (n > limits.max_list) list_too_long(limits);
      List out;
      out.reserve(n);
      if (a.is<List>()) out = a.as<List>(); else out.push_back(a);
      if (b.is<List>()) out.insert(out.end(), b.as<List>().begin(), b.as<List>().end()); else out.push_back(b);
      return Value(std::move(out));
    }
    if ((a.is<std::string>() || b.is<std::string>()) && (a.is<std::string>() || is_num(a)) &&
        (b.is<std::string>() || is_num(b))) {
      std::string x = scalar_to_string(a), y = scalar_to_string(b);
      if (x.size() + y.size() > limits.max_string) string_too_long(limits);
      x += y;
      return Value(std::move(x));
    }
  }
  if (!is_num(a) || !is_num(b))
    type_error("cannot apply an arithmetic operator to " + type_name(a) + " and " + type_name(b));
  if (op == Op::Pow) return Value(std::pow(dbl(a), dbl(b)));
  if (a.is<std::int64_t>() && b.is<std::int64_t>()) {
    std::int64_t x = a.as<std::int64_t>(), y = b.as<std::int64_t>(), r = 0;
    switch (op) {
      case Op::Add:
        if (__builtin_add_overflow(x, y, &r)) break;
        return Value(r);
      case Op::Sub:
        if (__builtin_sub_overflow(x, y, &r)) break;
        return Value(r);
      case Op::Mul:
        if (__builtin_mul_overflow(x, y, &r)) break;
        return Value(r);
      case Op::Div:
      case Op::Mod:
        if (y == 0) throw QueryError(QueryError::Kind::Type, "division by zero", 0, 0, "DivisionByZero");
        if (x == INT64_MIN && y == -1) break;
        return Value(op == Op::Div ? x / y : x % y);
      default: break;
    }
    throw QueryError(QueryError::Kind::Type, "integer overflow", 0, 0, "IntegerOverflow");
  }
  double x = dbl(a), y = dbl(b);
  switch (op) {
    case Op::Add: return Value(x + y);
    case Op::Sub: return Value(x - y);
    case Op::Mul: return Value(x * y);
    case Op::Div: return Value(x / y);
    default: return Value(std::fmod(x, y));
  }
}

Value comparison(Op op, const Value& a, const Value& b) {
  if (op == Op::Eq) return to_value(equals(a, b));
  if (op == Op::Ne) {
    Tri t = equals(a, b);
    return t == Tri::Null ? Value() : Value(t == Tri::False);
  }
  auto c = compare(a, b);
  if (!c) return {};
  switch (op) {
    case Op::Lt: return Value(*c < 0);
    case Op::Le: return Value(*c <= 0);
    case Op::Gt: return Value(*c > 0);
    default: return Value(*c >= 0);
  }
}

Value string_predicate(Op op, const Value& a, const Value& b) {
  if (!a.is<std::string>() || !b.is<std::string>()) return {};
  const auto& s = a.as<std::string>();
  const auto& t = b.as<std::string>();
  if (op == Op::StartsWith) return Value(s.compare(0, t.size(), t) == 0 && s.size() >= t.size());
  if (op == Op::EndsWith) return Value(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
  return Value(s.find(t) != std::string::npos);
}

Value in_list(const Value& x, const Value& list) {
  if (list.is_null()) return {};
  if (!list.is<List>()) type_error("IN needs a list on its right, got " + type_name(list));
  bool saw_null = false;
  for (const auto& y : list.as<List>()) {
    Tri t = equals(x, y);
    if (t == Tri::True) return Value(true);
    if (t == Tri::Null) saw_null = true;
  }
  return saw_null ? Value() : Value(false);
}

Value property(const Value& base, const std::string& key, const EvalContext& ctx) {
  if (base.is_null()) return {};
  if (base.is<NodeRef>()) return from_prop(ctx.graph.node_property(base.as<NodeRef>().v, key));
  if (base.is<RelRef>()) return from_prop(ctx.graph.edge_property(base.as<RelRef>().e, key));
  if (base.is<Map>()) {
    for (const auto& [k, v] : base.as<Map>())
      if (k == key) return v;
    return {};
  }
  if (base.is<Temporal>()) return temporal_property(base.as<Temporal>(), key);
  throw QueryError(QueryError::Kind::Type, "cannot read property '" + key + "' of a " + type_name(base), 0, 0,
                   "PropertyAccessOnNonMap");
}

std::optional<std::int64_t> list_position(std::int64_t i, std::size_t size) {
  if (i < 0) i += static_cast<std::int64_t>(size);
  if (i < 0 || i >= static_cast<std::int64_t>(size)) return std::nullopt;
  return i;
}

Value index(const Value& base, const Value& idx, const EvalContext& ctx) {
  if (base.is_null() || idx.is_null()) return {};
  if (base.is<List>()) {
    if (!idx.is<std::int64_t>())
      throw QueryError(QueryError::Kind::Type, "a list index must be an integer, got " + type_name(idx), 0, 0,
                       "ListElementAccessByNonInteger");
    const auto& l = base.as<List>();
    auto p = list_position(idx.as<std::int64_t>(), l.size());
    return p ? l[static_cast<std::size_t>(*p)] : Value();
  }
  if (idx.is<std::string>() && (base.is<Map>() || base.is<NodeRef>() || base.is<RelRef>()))
    return property(base, idx.as<std::string>(), ctx);
  type_error("cannot index a " + type_name(base) + " with a " + type_name(idx));
}

Value slice(const Value& base, const Value& from, const Value& to, bool has_from, bool has_to) {
  if (base.is_null() || (has_from && from.is_null()) || (has_to && to.is_null())) return {};
  if (!base.is<List>()) type_error("cannot slice a " + type_name(base));
  const auto& l = base.as<List>();
  auto n = static_cast<std::int64_t>(l.size());
  auto clamp = [n](std::int64_t i) { return i < 0 ? std::max<std::int64_t>(0, i + n) : std::min(i, n); };
  std::int64_t a = has_from ? clamp(from.as<std::int64_t>()) : 0;
  std::int64_t b = has_to ? clamp(to.as<std::int64_t>()) : n;
  if (a >= b) return Value(List{});
  return Value(List(l.begin() + a, l.begin() + b));
}

Value has_labels(const Value& v, const std::vector<std::string>& labels, const EvalContext& ctx) {
  if (v.is_null()) return {};
  if (!v.is<NodeRef>()) type_error("a label test needs a node, got " + type_name(v));
  for (const auto& name : labels) {
    auto id = ctx.graph.find_label(resolve_label(name));
    if (!id || !ctx.graph.has_label(v.as<NodeRef>().v, *id)) return Value(false);
  }
  return Value(true);
}

Value case_of(const Expr& e, const EvalContext& ctx) {
  Value subject = e.args[0] ? evaluate(*e.args[0], ctx) : Value();
  for (std::size_t i = 2; i + 1 < e.args.size(); i += 2) {
    Value when = evaluate(*e.args[i], ctx);
    bool hit = e.args[0] ? equals(subject, when) == Tri::True : is_true(when);
    if (hit) return evaluate(*e.args[i + 1], ctx);
  }
  return e.args[1] ? evaluate(*e.args[1], ctx) : Value();
}

void step(const EvalContext& ctx) {
  if (ctx.exec) ctx.exec->step();
}

Value list_comprehension(const Expr& e, const EvalContext& ctx) {
  Row row = ctx.row;
  EvalContext inner{ctx.graph, row, ctx.params, ctx.exec};
  const auto& limits = limits_of(ctx);
  List out;
  auto walked = for_each_element(*e.args[0], ctx, "a list comprehension needs a list", [&](Value x) {
    step(ctx);
    row[static_cast<std::size_t>(e.slot)] = x;
    if (e.args[1] && !is_true(evaluate(*e.args[1], inner))) return true;
    if (out.size() >= limits.max_list) list_too_long(limits);
    out.push_back(e.args[2] ? evaluate(*e.args[2], inner) : std::move(x));
    return true;
  });
  if (!walked) return {};
  return Value(std::move(out));
}

Value quantifier(const Expr& e, const EvalContext& ctx) {
  Row row = ctx.row;
  EvalContext inner{ctx.graph, row, ctx.params, ctx.exec};
  std::size_t yes = 0, nulls = 0, all = 0;
  auto walked = for_each_element(*e.args[0], ctx, "a list comprehension needs a list", [&](Value x) {
    step(ctx);
    ++all;
    row[static_cast<std::size_t>(e.slot)] = std::move(x);
    auto t = as_logic(evaluate(*e.args[1], inner), "a quantifier's WHERE");
    if (!t) ++nulls;
    else if (*t) ++yes;
    return true;
  });
  if (!walked) return {};
  std::size_t no = all - yes - nulls;
  const std::string& which = e.keys[0];
  if (which == "any") return yes ? Value(true) : nulls ? Value() : Value(false);
  if (which == "all") return no ? Value(false) : nulls ? Value() : Value(true);
  if (which == "none") return yes ? Value(false) : nulls ? Value() : Value(true);
  if (yes > 1) return Value(false);  // single
  return nulls ? Value() : Value(yes == 1);
}

Value reduce(const Expr& e, const EvalContext& ctx) {
  Value acc = evaluate(*e.args[0], ctx);
  Row row = ctx.row;
  EvalContext inner{ctx.graph, row, ctx.params, ctx.exec};
  auto walked = for_each_element(*e.args[1], ctx, "reduce() needs a list", [&](Value x) {
    step(ctx);
    row[static_cast<std::size_t>(e.slot2)] = std::move(acc);
    row[static_cast<std::size_t>(e.slot)] = std::move(x);
    acc = evaluate(*e.args[2], inner);
    return true;
  });
  if (!walked) return {};
  return acc;
}

Value map_projection(const Expr& e, const EvalContext& ctx) {
  Value base = evaluate(*e.args[0], ctx);
  if (base.is_null()) return {};
  if (!base.is<NodeRef>() && !base.is<RelRef>() && !base.is<Map>())
    type_error("a map projection needs a node, relationship or map, got " + type_name(base));
  Map out;
  auto put = [&out](const std::string& k, Value v) {
    for (auto& kv : out)
      if (kv.first == k) {
        kv.second = std::move(v);
        return;
      }
    out.emplace_back(k, std::move(v));
  };
  for (std::size_t i = 0; i < e.keys.size(); ++i) {
    const auto& value = e.args[i + 1];
    if (value) {
      put(e.keys[i], evaluate(*value, ctx));
    } else if (e.keys[i] == "*") {
      std::vector<Value> args{base};
      Value all = call_scalar(scalar_function("properties")->id, args, ctx.graph);
      for (auto& kv : all.as<Map>()) put(kv.first, std::move(kv.second));
    } else {
      put(e.keys[i], property(base, e.keys[i], ctx));
    }
  }
  return Value(std::move(out));
}

Value pattern_predicate(const Expr& e, const EvalContext& ctx) {
  if (!ctx.exec)
    throw QueryError(QueryError::Kind::Semantic, "a pattern predicate can only be used inside a query", 0, 0,
                     "UnexpectedSyntax");
  Matcher matcher(*ctx.exec, *e.match);
  Row row = ctx.row;
  bool found = false;
  matcher.run(row, [&found](Row&) {
    found = true;
    return false;
  });
  return Value(found);
}

Value pattern_comprehension(const Expr& e, const EvalContext& ctx) {
  if (!ctx.exec)
    throw QueryError(QueryError::Kind::Semantic, "a pattern comprehension can only be used inside a query", 0, 0,
                     "UnexpectedSyntax");
  Matcher matcher(*ctx.exec, *e.match);
  Row row = ctx.row;
  List out;
  const auto& limits = limits_of(ctx);
  matcher.run(row, [&](Row& r) {
    if (out.size() >= limits.max_list) list_too_long(limits);
    out.push_back(evaluate(*e.args[1], EvalContext{ctx.graph, r, ctx.params, ctx.exec}));
    return true;
  });
  return Value(std::move(out));
}

Value regex_match(const Value& a, const Value& b) {
  if (!a.is<std::string>() || !b.is<std::string>()) return {};
  return Value(regex_full_match(a.as<std::string>(), b.as<std::string>()));
}

}  // namespace

bool is_true(const Value& v) { return v.is<bool>() && v.as<bool>(); }

const QueryOptions& limits_of(const EvalContext& ctx) { return ctx.exec ? ctx.exec->options : default_limits(); }

std::optional<bool> for_each_element(const Expr& e, const EvalContext& ctx, const char* not_a_list,
                                     const std::function<bool(Value)>& f) {
  static const int range_id = range_function_id();
  if (e.kind == ExprKind::Call && e.fn == range_id) {
    std::vector<Value> args;
    for (const auto& a : e.args) args.push_back(evaluate(*a, ctx));
    if (args[0].is_null()) return std::nullopt;  // range(null, …) is null, as call_scalar has it
    IntRange r = range_of(args);
    for (std::uint64_t k = 0; k < r.size; ++k)
      if (!f(Value(r.at(k)))) return false;
    return true;
  }
  Value l = evaluate(e, ctx);
  if (l.is_null()) return std::nullopt;
  if (!l.is<List>()) {
    if (not_a_list) type_error(std::string(not_a_list) + ", got " + type_name(l));
    return f(std::move(l));
  }
  // The list is ours: hand its elements over instead of copying them.
  for (auto& x : std::get<List>(l.v))
    if (!f(std::move(x))) return false;
  return true;
}

Value evaluate(const Expr& e, const EvalContext& ctx) {
  switch (e.kind) {
    case ExprKind::Literal: return e.value;
    case ExprKind::Variable:
    case ExprKind::Slot: return ctx.row[static_cast<std::size_t>(e.slot)];
    case ExprKind::Parameter:
      for (const auto& [k, v] : ctx.params)
        if (k == e.name) return v;
      throw QueryError(QueryError::Kind::Semantic, "missing parameter $" + e.name, 0, 0, "ParameterMissing");
    case ExprKind::Property: return property(evaluate(*e.args[0], ctx), e.name, ctx);
    case ExprKind::List: {
      if (e.args.size() > limits_of(ctx).max_list) list_too_long(limits_of(ctx));
      List out;
      out.reserve(e.args.size());
      for (const auto& a : e.args) out.push_back(evaluate(*a, ctx));
      return Value(std::move(out));
    }
    case ExprKind::Map: {
      Map out;
      for (std::size_t i = 0; i < e.args.size(); ++i) out.emplace_back(e.keys[i], evaluate(*e.args[i], ctx));
      return Value(std::move(out));
    }
    case ExprKind::Unary: {
      Value a = evaluate(*e.args[0], ctx);
      switch (e.op) {
        case Op::Not: {
          auto b = as_logic(a, "NOT");
          return b ? Value(!*b) : Value();
        }
        case Op::IsNull: return Value(a.is_null());
        case Op::IsNotNull: return Value(!a.is_null());
        default:
          if (a.is_null()) return {};
          if (a.is<std::int64_t>()) {
            if (a.as<std::int64_t>() == INT64_MIN)
              throw QueryError(QueryError::Kind::Type, "integer overflow", 0, 0, "IntegerOverflow");
            return Value(-a.as<std::int64_t>());
          }
          if (a.is<double>()) return Value(-a.as<double>());
          type_error("cannot negate a " + type_name(a));
      }
    }
    case ExprKind::Binary: {
      if (e.op == Op::And || e.op == Op::Or || e.op == Op::Xor) return logic(e.op, e, ctx);
      Value a = evaluate(*e.args[0], ctx);
      Value b = evaluate(*e.args[1], ctx);
      switch (e.op) {
        case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
          return comparison(e.op, a, b);
        case Op::StartsWith: case Op::EndsWith: case Op::Contains: return string_predicate(e.op, a, b);
        case Op::In: return in_list(a, b);
        case Op::Regex: return regex_match(a, b);
        default: return arithmetic(e.op, a, b, limits_of(ctx));
      }
    }
    case ExprKind::Call: {
      std::vector<Value> args;
      args.reserve(e.args.size());
      for (const auto& a : e.args) args.push_back(evaluate(*a, ctx));
      return call_scalar(e.fn, args, ctx.graph, &limits_of(ctx));
    }
    case ExprKind::Index: return index(evaluate(*e.args[0], ctx), evaluate(*e.args[1], ctx), ctx);
    case ExprKind::Slice:
      return slice(evaluate(*e.args[0], ctx), e.args[1] ? evaluate(*e.args[1], ctx) : Value(),
                   e.args[2] ? evaluate(*e.args[2], ctx) : Value(), e.args[1] != nullptr, e.args[2] != nullptr);
    case ExprKind::HasLabels: return has_labels(evaluate(*e.args[0], ctx), e.keys, ctx);
    case ExprKind::Case: return case_of(e, ctx);
    case ExprKind::ListComp: return list_comprehension(e, ctx);
    case ExprKind::Quantifier: return quantifier(e, ctx);
    case ExprKind::Reduce: return reduce(e, ctx);
    case ExprKind::MapProjection: return map_projection(e, ctx);
    case ExprKind::PatternPredicate: return pattern_predicate(e, ctx);
    case ExprKind::PatternComp: return pattern_comprehension(e, ctx);
    case ExprKind::CountStar: break;
  }
  throw QueryError(QueryError::Kind::Semantic, "count(*) is only allowed in WITH and RETURN", 0, 0,
                   "InvalidAggregation");
}

}  // namespace bangfu::query
