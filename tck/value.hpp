// TckValue: a value written in the openCypher TCK's expected-result notation, e.g. ({name: 'A'}),
// [:T {k: 1}], <(a)-[:T]->(b)>, [1, 2], {k: 'v'}, null — parsed so results can be compared to it.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace bangfu::tck {

struct TckValue;
struct TckEntry;  // a map entry; a struct rather than std::pair so clang accepts the recursive variant
using TckList = std::vector<TckValue>;
using TckMap = std::vector<TckEntry>;

struct TckNode {
  std::vector<std::string> labels;
  TckMap props;
};
struct TckRel {
  std::string type;
  TckMap props;
};
struct TckPath {
  std::vector<TckNode> nodes;  // nodes.size() == rels.size() + 1
  std::vector<TckRel> rels;
  std::vector<bool> forward;   // rels[i] points from nodes[i] to nodes[i + 1]
};

struct TckValue {
  std::variant<std::monostate, bool, std::int64_t, double, std::string, TckList, TckMap, TckNode, TckRel, TckPath> v;
  template <class T> bool is() const { return std::holds_alternative<T>(v); }
  template <class T> const T& as() const { return std::get<T>(v); }
};

struct TckEntry {
  std::string first;
  TckValue second;
};

struct TckSyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses one whole value; trailing text or malformed notation throws TckSyntaxError naming the column.
TckValue parse_tck_value(std::string_view text);

}  // namespace bangfu::tck
