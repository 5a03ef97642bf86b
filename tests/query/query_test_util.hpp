// Helpers shared by the query tests: a small invented support graph and result accessors.
#pragma once
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "query/engine.hpp"

namespace bangfu::query::test {

// Provinces pair with counties, hospitals support hospitals, an expert is dispatched and serves as
// vice-president. All names are made up.
//   东岳省 -supports-> 西川县;  东岳省人民医院 -supports-> 西川县人民医院 -supports-> 西川县石桥镇卫生院
//   南湖大学附属医院 -co_builds-> 西川县人民医院;  东岳省人民医院 -dispatches-> 李明 -serves_as-> 西川县人民医院
//   东岳省人民医院 -partners_with-> 南湖大学附属医院;  西川县人民医院 -located_in-> 西川县
inline graph::Graph support_graph() {
  using graph::EntityType;
  graph::Graph g;
  auto province = g.upsert_entity("东岳省", EntityType::Province, {});
  auto county = g.upsert_entity("西川县", EntityType::County, {});
  auto big = g.upsert_entity("东岳省人民医院", EntityType::Hospital, {"东岳省医"});
  auto local = g.upsert_entity("西川县人民医院", EntityType::Hospital, {});
  auto clinic = g.upsert_entity("西川县石桥镇卫生院", EntityType::PrimaryCare, {});
  auto uni = g.upsert_entity("南湖大学附属医院", EntityType::Hospital, {});
  auto expert = g.upsert_entity("李明", EntityType::Person, {});
  g.add_edge(province, county, "supports", {{"since", 2021}});
  g.add_edge(big, local, "supports", {{"since", 2019}, {"mode", "托管"}});
  g.add_edge(local, clinic, "supports", {{"since", 2022}});
  g.add_edge(uni, local, "co_builds", {{"what", "胸痛中心"}});
  g.add_edge(big, expert, "dispatches", {});
  g.add_edge(expert, local, "serves_as", {{"role", "副院长"}});
  g.add_edge(big, uni, "partners_with", {});
  g.add_edge(local, county, "located_in", {});
  return g;
}

// The single column of a result as strings (null as "null"), in row order.
inline std::vector<std::string> strings(const QueryResult& r, std::size_t column = 0) {
  std::vector<std::string> out;
  for (const auto& row : r.rows) {
    const auto& v = row.at(column);
    out.push_back(v.is<std::string>() ? v.as<std::string>() : v.is_null() ? "null" : "?");
  }
  return out;
}

inline std::int64_t integer(const QueryResult& r, std::size_t row = 0, std::size_t column = 0) {
  return r.rows.at(row).at(column).as<std::int64_t>();
}

}  // namespace bangfu::query::test
