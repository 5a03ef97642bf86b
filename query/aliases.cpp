#include "query/aliases.hpp"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "query/engine.hpp"

namespace bangfu::query {

namespace {

struct AliasTable {
  std::unordered_map<std::string, std::string> labels, types;
};

// Used when no alias file can be found, so that queries work from any working directory.
const char* const kBuiltIn[][3] = {
    {"type", "帮扶", "supports"},     {"type", "对口支援", "supports"},   {"type", "支援", "supports"},
    {"type", "共建", "co_builds"},    {"type", "资助", "funds"},          {"type", "资金支持", "funds"},
    {"type", "派驻", "dispatches"},   {"type", "派遣", "dispatches"},     {"type", "担任", "serves_as"},
    {"type", "任职", "serves_as"},    {"type", "就职", "works_for"},      {"type", "工作于", "works_for"},
    {"type", "成员", "member_of"},    {"type", "加入", "member_of"},      {"type", "位于", "located_in"},
    {"type", "落户", "located_in"},   {"type", "合作", "partners_with"},  {"type", "结对", "partners_with"},
    {"label", "医院", "Hospital"},    {"label", "省", "Province"},        {"label", "市", "City"},
    {"label", "县", "County"},        {"label", "乡镇", "Township"},      {"label", "村", "Village"},
    {"label", "卫生院", "PrimaryCare"}, {"label", "大学", "University"},  {"label", "机构", "Agency"},
    {"label", "部门", "Agency"},      {"label", "医共体", "Consortium"},  {"label", "医联体", "Consortium"},
    {"label", "人", "Person"},        {"label", "人物", "Person"},        {"label", "组织", "Organization"}};

std::mutex mutex;
std::string configured_path;
std::unique_ptr<AliasTable> table;
std::atomic<std::uint64_t> generation{0};

void add(AliasTable& t, const std::string& kind, const std::string& alias, const std::string& canonical,
         const std::string& where) {
  if (kind == "label") t.labels[alias] = canonical;
  else if (kind == "type") t.types[alias] = canonical;
  else throw QueryError(QueryError::Kind::Semantic, where + ": unknown alias kind '" + kind + "' (label or type)");
}

std::unique_ptr<AliasTable> load(const std::string& path) {
  auto t = std::make_unique<AliasTable>();
  std::ifstream in(path);
  if (!in) {
    for (const auto& row : kBuiltIn) add(*t, row[0], row[1], row[2], "built-in aliases");
    return t;
  }
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::string where = path + ":" + std::to_string(number);
    auto a = line.find('\t');
    auto b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos || line.find('\t', b + 1) != std::string::npos || b + 1 >= line.size())
      throw QueryError(QueryError::Kind::Semantic,
                       where + ": expected three tab-separated fields: kind, alias, canonical name");
    add(*t, line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1), where);
  }
  return t;
}

const AliasTable& current() {
  std::lock_guard lock(mutex);
  if (!table) {
    std::string path = configured_path;
    if (path.empty()) {
      const char* dir = std::getenv("BANGFU_DATA");
      if (dir && *dir) path = std::string(dir) + "/query_aliases.tsv";
    }
    table = load(path);
  }
  return *table;
}

std::string lookup(const std::unordered_map<std::string, std::string>& map, std::string_view name) {
  auto it = map.find(std::string(name));
  return it == map.end() ? std::string(name) : it->second;
}

}  // namespace

void set_alias_file(std::string path) {
  std::lock_guard lock(mutex);
  configured_path = std::move(path);
  table.reset();
  ++generation;
}

std::uint64_t alias_generation() { return generation.load(); }

std::string resolve_label(std::string_view name) { return lookup(current().labels, name); }
std::string resolve_type(std::string_view name) { return lookup(current().types, name); }

}  // namespace bangfu::query
