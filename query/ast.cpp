#include "query/ast.hpp"

#include <charconv>

namespace bangfu::query::ast {

ExprPtr make_expr(ExprKind kind, std::size_t pos) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

namespace {

std::string literal_key(const Value& v) {
  if (v.is_null()) return "null";
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
  if (v.is<double>()) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v.as<double>());
    return std::string(buf, p) + "f";
  }
  if (v.is<std::string>()) return "'" + v.as<std::string>() + "'";
  return "?";
}

}  // namespace

std::string expr_key(const Expr& e) {
  std::string out;
  switch (e.kind) {
    case ExprKind::Literal: return literal_key(e.value);
    case ExprKind::Parameter: return "$" + e.name;
    case ExprKind::Variable: return "v:" + e.name;
    case ExprKind::Slot: return "#" + std::to_string(e.slot);
    case ExprKind::Property: return expr_key(*e.args[0]) + "." + e.name;
    case ExprKind::CountStar: return "count(*)";
    case ExprKind::HasLabels:
      out = expr_key(*e.args[0]);
      for (const auto& l : e.keys) out += ":" + l;
      return out;
    default: break;
  }
  out = "(" + std::to_string(static_cast<int>(e.kind)) + "/" + std::to_string(static_cast<int>(e.op));
  if (e.kind == ExprKind::Call) {
    out += "/";
    for (char c : e.name) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (e.distinct) out += "/distinct";
  } else if (!e.name.empty()) {
    out += "/" + e.name;
  }
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    out += " ";
    if (i < e.keys.size()) out += e.keys[i] + ":";
    out += e.args[i] ? expr_key(*e.args[i]) : "_";
  }
  return out + ")";
}

}  // namespace bangfu::query::ast
