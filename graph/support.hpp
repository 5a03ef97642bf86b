// Support analysis: who supports an entity and whom it supports, directly and through chains of
// support-like relations, with the edge (and so the evidence) behind every hop; and entity lookup by
// any name, with suggestions for names that are not in the graph.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"

namespace bangfu::graph {

// supports, dispatches, funds carry help from src to dst; co_builds and partners_with are symmetric,
// so help is taken to flow both ways along them.
bool is_support_relation(RelType r);

struct Hop {
  Graph::Vertex from, to;  // in the direction help flows
  Graph::Edge edge;
  bool against_edge = false;  // a symmetric edge walked from its dst to its src
};

struct SupportLink {
  Graph::Vertex other;    // the supporter or the beneficiary
  std::vector<Hop> hops;  // from the supporter to the beneficiary; hops.size() is the hop count
};

struct SupportOptions {
  std::size_t max_hops = 6;
  bool symmetric = true;  // follow co_builds / partners_with both ways
  // Only edges seen on or after this day (days since 1970-01-01): an edge counts when its last_seen
  // (latest evidence date) is not before it. Edges without dates are left out when set.
  std::optional<std::int64_t> since_days;
};

struct SupportReport {
  // Direct links: one per edge touching the entity (two relations between the same pair give two).
  // Transitive links: one per entity reached in 2+ hops, by a shortest chain; sorted by hops, then name.
  std::vector<SupportLink> direct_supporters, direct_beneficiaries;
  std::vector<SupportLink> indirect_supporters, indirect_beneficiaries;
};

SupportReport analyse_support(const Graph& graph, Graph::Vertex entity, const SupportOptions& options = {});

// Shortest chain along which `from` (directly or through others) supports `to`; nullopt when none
// within max_hops. With `any_direction`, hops may also go against the direction of help.
std::optional<std::vector<Hop>> support_chain(const Graph& graph, Graph::Vertex from, Graph::Vertex to,
                                              const SupportOptions& options = {}, bool any_direction = false);

struct EntityLookup {
  std::vector<Graph::Vertex> matches;    // canonical-name matches first, then alias matches
  std::vector<std::string> suggestions;  // when nothing matched: the nearest names in the graph
};

// Finds entities by canonical name or alias; when none, suggests names that contain the query (or it
// them), then those within a small edit distance (counted in characters, not bytes).
EntityLookup lookup_entity(const Graph& graph, std::string_view name, std::size_t max_suggestions = 5);

// Edit distance between two UTF-8 strings, in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace bangfu::graph
