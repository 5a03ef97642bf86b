#include "cli/repl_support.hpp"

#include <algorithm>
#include <charconv>

#include "cli/command.hpp"

namespace bangfu::cli {

namespace {

using graph::Graph;
using graph::Hop;
using graph::SupportLink;

constexpr std::size_t kEvidencePerEdge = 3;

std::string relation_attrs(const Graph& g, Graph::Edge e) {
  std::string out;
  for (const char* key : {"role", "amount", "what"}) {
    auto v = g.edge_property(e, key);
    if (auto s = v.as_string(); s && !s->empty()) out += std::string(out.empty() ? "" : ", ") + key + " " + *s;
  }
  return out.empty() ? out : " (" + out + ")";
}

bool symmetric(const Graph& g, Graph::Edge e) {
  auto r = graph::parse_rel_type(g.type_name(g.edge(e).type));
  return r && graph::is_symmetric(*r);
}

// The hop in walking order: A -[rel]-> B, or A <-[rel]- B when walked against a directed edge.
std::string arrow(const Graph& g, const Hop& h) {
  std::string rel = "[" + g.type_name(g.edge(h.edge).type) + "]";
  return symmetric(g, h.edge) ? "-" + rel + "-" : h.against_edge ? "<-" + rel + "-" : "-" + rel + "->";
}

std::string hop_text(const Graph& g, const Hop& h) {
  return g.node(h.from).name + " " + arrow(g, h) + " " + g.node(h.to).name + relation_attrs(g, h.edge);
}

std::string evidence_lines(const Graph& g, Graph::Edge e, const std::string& indent) {
  const auto& evs = g.evidence(e);
  std::string out;
  for (std::size_t i = 0; i < evs.size() && i < kEvidencePerEdge; ++i)
    out += indent + "“" + evs[i].sentence + "” [" + evs[i].doc + "]\n";
  if (evs.size() > kEvidencePerEdge) out += indent + "(+" + std::to_string(evs.size() - kEvidencePerEdge) + " more)\n";
  if (evs.empty()) out += indent + "(no evidence: added by hand)\n";
  return out;
}

std::string direct_section(const Graph& g, const std::string& title, const std::vector<SupportLink>& links) {
  std::string out = title + ":\n";
  if (links.empty()) return out + "  (none)\n";
  for (const auto& l : links) {
    const Hop& h = l.hops.front();
    out += "  " + entity_text(g, l.other) + "  " + hop_text(g, h) + "\n";
    out += evidence_lines(g, h.edge, "      ");
  }
  return out;
}

std::string indirect_section(const Graph& g, const std::string& title, const std::vector<SupportLink>& links) {
  std::string out = title + ":\n";
  if (links.empty()) return out + "  (none)\n";
  for (const auto& l : links) {
    out += "  " + entity_text(g, l.other) + ", " + std::to_string(l.hops.size()) + " hops: ";
    out += g.node(l.hops.front().from).name;
    for (const auto& h : l.hops) out += " " + arrow(g, h) + " " + g.node(h.to).name;
    out += "\n";
  }
  return out;
}

std::string chain_text(const Graph& g, const std::vector<Hop>& hops) {
  std::string out;
  for (std::size_t i = 0; i < hops.size(); ++i) {
    out += "  " + std::to_string(i + 1) + ". " + hop_text(g, hops[i]) + "\n";
    out += evidence_lines(g, hops[i].edge, "     ");
  }
  return out;
}

std::string hops_count(std::size_t n) { return std::to_string(n) + (n == 1 ? " hop" : " hops"); }

}  // namespace

std::string entity_text(const Graph& g, Graph::Vertex v) {
  const auto& n = g.node(v);
  std::string labels;
  for (auto l : n.labels) labels += (labels.empty() ? "" : ":") + g.label_name(l);
  std::string name = n.name.empty() ? "#" + std::to_string(n.id) : n.name;
  return labels.empty() ? name : name + " (" + labels + ")";
}

Graph::Vertex resolve_entity(const Graph& g, std::string_view name) {
  if (name.size() > 1 && name[0] == '#') {
    std::uint32_t id = 0;
    auto [p, ec] = std::from_chars(name.data() + 1, name.data() + name.size(), id);
    if (ec == std::errc() && p == name.data() + name.size()) {
      if (auto v = g.vertex_by_id(id)) return *v;
      throw UserError("no node with id " + std::string(name));
    }
  }
  auto found = graph::lookup_entity(g, name);
  if (found.matches.size() == 1) return found.matches.front();
  std::string quoted = "'" + std::string(name) + "'";
  if (found.matches.size() > 1) {
    std::string msg = quoted + " names " + std::to_string(found.matches.size()) + " entities:\n";
    for (auto v : found.matches) msg += "  #" + std::to_string(g.node(v).id) + "  " + entity_text(g, v) + "\n";
    throw UserError(msg + "which one? give its full name or its #id", 2);
  }
  if (found.suggestions.empty()) throw UserError("no entity named " + quoted);
  std::string msg = "no entity named " + quoted + "; did you mean: ";
  for (std::size_t i = 0; i < found.suggestions.size(); ++i) msg += (i ? ", " : "") + found.suggestions[i];
  throw UserError(msg + "?");
}

std::int64_t since_day(const std::string& text) {
  std::string iso = text;
  if (iso.size() == 4) iso += "-01-01";
  else if (iso.size() == 7) iso += "-01";
  try {
    return temporal::parse(temporal::Kind::Date, iso).days;
  } catch (const temporal::TemporalError&) {
    throw UserError("--since takes a year, year-month or date (2023, 2023-07, 2023-07-28), not '" + text + "'");
  }
}

std::string who_report(const Graph& g, Graph::Vertex entity, const graph::SupportOptions& options) {
  auto r = graph::analyse_support(g, entity, options);
  std::string out = entity_text(g, entity);
  const auto& aliases = g.node(entity).aliases;
  if (!aliases.empty()) {
    out += "  aliases: ";
    for (std::size_t i = 0; i < aliases.size(); ++i) out += (i ? ", " : "") + aliases[i];
  }
  out += "\n\n";
  out += direct_section(g, "Supported by", r.direct_supporters);
  out += direct_section(g, "Supports", r.direct_beneficiaries);
  out += indirect_section(g, "Supported through others", r.indirect_supporters);
  out += indirect_section(g, "Supports through others", r.indirect_beneficiaries);
  return out;
}

std::string path_report(const Graph& g, Graph::Vertex from, Graph::Vertex to, const graph::SupportOptions& options) {
  std::string a = entity_text(g, from), b = entity_text(g, to);
  if (from == to) return a + " is " + b + "\n";
  if (auto chain = graph::support_chain(g, from, to, options))
    return a + " supports " + b + " in " + hops_count(chain->size()) + ":\n" + chain_text(g, *chain);
  if (auto chain = graph::support_chain(g, to, from, options))
    return "no support flows from " + a + " to " + b + "; the other way, " + b + " supports " + a + " in " +
           hops_count(chain->size()) + ":\n" + chain_text(g, *chain);
  if (auto chain = graph::support_chain(g, from, to, options, true))
    return "no support chain either way; " + a + " and " + b + " are linked through support relations in " +
           hops_count(chain->size()) + ":\n" + chain_text(g, *chain);
  throw UserError("no support chain between " + a + " and " + b + " within " + std::to_string(options.max_hops) + " hops");
}

}  // namespace bangfu::cli
