// Gazetteer: the administrative divisions of data/divisions.tsv, by full and short name, with parent links.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/schema.hpp"
#include "ingest/string_hash.hpp"
#include "ingest/word_trie.hpp"

namespace bangfu::ingest {

struct Division {
  std::string code, name;               // 5226, 黔东南苗族侗族自治州
  graph::EntityType level = graph::EntityType::County;  // Province, City or County
  int parent = -1;                      // index of the parent division, -1 for provinces
  std::vector<std::string> short_forms; // 黔东南州, 黔东南
};

class Gazetteer {
 public:
  // Reads code, name, level, parent code, short forms (|-separated); throws LexiconError with file:line.
  static Gazetteer from_file(const std::string& path);

  void add(Division division, const std::string& parent_code, const std::string& where);
  // Also knows every name and short form written with a variant character (陜 for 陕): pairs of
  // (variant, standard) single characters, from data/variants.tsv.
  void add_variants(const std::vector<std::pair<std::string, std::string>>& variants);

  // Divisions written `surface` (full name or short form); empty when none.
  const std::vector<int>& find(std::string_view surface) const;
  // Byte length of the longest division name starting at `pos` of `text`, 0 if none.
  std::size_t longest_at(std::string_view text, std::size_t pos) const;
  bool may_start(char32_t cp) const { return forward_.may_start(cp); }  // some name starts with `cp`
  // Byte length of the longest division name ending at `end` of `text`, 0 if none.
  std::size_t longest_before(std::string_view text, std::size_t end) const;

  template <class F>
  void each_name(F&& f) const {  // every full name and short form, once
    for (const auto& entry : by_name_) f(std::string_view(entry.first));
  }

  const Division& at(int id) const { return divisions_[static_cast<std::size_t>(id)]; }
  std::size_t size() const { return divisions_.size(); }
  int province_of(int id) const;                 // the province the division lies in (itself for provinces)
  bool contains(int outer, int inner) const;     // is `inner` equal to or below `outer`?
  bool is_full_name(int id, std::string_view surface) const {
    if (at(id).name == surface) return true;
    auto it = variant_full_names_.find(surface);
    return it != variant_full_names_.end() && it->second == id;
  }

 private:
  std::vector<Division> divisions_;
  std::unordered_map<std::string, int> by_code_;
  StringMap<std::vector<int>> by_name_;
  std::map<std::string, int, std::less<>> variant_full_names_;  // 陜西省 → the division 陕西省
  // Scans call longest_at/longest_before at every character: tries settle most positions on one character.
  WordTrie<std::uint8_t> forward_, backward_;  // values unused
};

}  // namespace bangfu::ingest
