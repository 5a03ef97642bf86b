#include "ingest/evaluate.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <rapidjson/document.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "graph/json_depth.hpp"
#include "ingest/normalize.hpp"

namespace bangfu::ingest {
namespace {

using graph::EntityType;

// The scorer's view of a name: NFKC, Traditional→Simplified, no whitespace (SCHEMA.md, Matching).
std::string match_form(const std::string& s) {
  std::string n = normalize_string(s), out;
  for (char c : n)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

std::string get_string(const rapidjson::Value& obj, const char* field, const std::string& where, bool required) {
  auto it = obj.FindMember(field);
  if (it == obj.MemberEnd() || it->value.IsNull()) {
    if (required) throw std::runtime_error(where + ": missing \"" + field + "\"");
    return "";
  }
  if (!it->value.IsString()) throw std::runtime_error(where + ": \"" + field + "\" must be a string");
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::vector<std::set<std::string>> name_sets(const DocumentExtraction& d) {
  std::vector<std::set<std::string>> out;
  for (const auto& e : d.entities) {
    std::set<std::string> names{match_form(e.name)};
    for (const auto& a : e.aliases) names.insert(match_form(a));
    names.erase("");
    out.push_back(std::move(names));
  }
  return out;
}

bool intersects(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const auto& x : a)
    if (b.count(x)) return true;
  return false;
}

// The entity a relation end names, or -1; ends are compared as written when no entity has the name.
int entity_of(const std::vector<std::set<std::string>>& sets, const std::string& form) {
  for (std::size_t i = 0; i < sets.size(); ++i)
    if (sets[i].count(form)) return static_cast<int>(i);
  return -1;
}

struct End {
  int entity;
  std::string form;
  bool operator==(const End& o) const { return entity >= 0 || o.entity >= 0 ? entity == o.entity : form == o.form; }
};

std::string describe(const ExtractedRelation& r) {
  std::string s = r.src + " -" + std::string(graph::to_string(r.rel)) + "-> " + r.dst;
  if (!r.role.empty()) s += " (" + r.role + ")";
  if (!r.amount.empty()) s += " [" + r.amount + "]";
  return s;
}

void score_document(const DocumentExtraction& pred, const DocumentExtraction& gold, EvalReport& report) {
  auto gold_sets = name_sets(gold), pred_sets = name_sets(pred);
  // Entities: each gold entity matched once, by any shared name or alias.
  std::vector<int> gold_of_pred(pred.entities.size(), -1);
  std::vector<bool> gold_used(gold.entities.size(), false);
  for (std::size_t p = 0; p < pred.entities.size(); ++p) {
    for (std::size_t g = 0; g < gold.entities.size(); ++g) {
      if (gold_used[g] || !intersects(pred_sets[p], gold_sets[g])) continue;
      gold_used[g] = true;
      gold_of_pred[p] = static_cast<int>(g);
      break;
    }
  }
  report.entities.predicted += pred.entities.size();
  report.entities.gold += gold.entities.size();
  report.entities_typed.predicted += pred.entities.size();
  report.entities_typed.gold += gold.entities.size();
  for (const auto& e : gold.entities) report.entities_by_type[std::string(graph::to_string(e.type))].gold += 1;
  for (std::size_t p = 0; p < pred.entities.size(); ++p) {
    auto type = std::string(graph::to_string(pred.entities[p].type));
    report.entities_by_type[type].predicted += 1;
    int g = gold_of_pred[p];
    if (g < 0) {
      report.misses.push_back({pred.doc, "false entity", pred.entities[p].name + " : " + type, ""});
      continue;
    }
    report.entities.true_pos += 1;
    if (gold.entities[g].type == pred.entities[p].type) {
      report.entities_typed.true_pos += 1;
      report.entities_by_type[type].true_pos += 1;
    } else {
      report.misses.push_back({pred.doc, "wrong type",
                               pred.entities[p].name + " : " + type + " (gold " +
                                   std::string(graph::to_string(gold.entities[g].type)) + ")",
                               ""});
    }
  }
  for (std::size_t g = 0; g < gold.entities.size(); ++g)
    if (!gold_used[g])
      report.misses.push_back({gold.doc, "missed entity",
                               gold.entities[g].name + " : " + std::string(graph::to_string(gold.entities[g].type)), ""});

  // Relations: same rel, both ends the same gold entity (either order when symmetric); each gold once.
  auto end_of = [&](const std::string& name, bool predicted) {
    std::string form = match_form(name);
    if (!predicted) return End{entity_of(gold_sets, form), form};
    int p = entity_of(pred_sets, form);
    int g = p >= 0 ? gold_of_pred[p] : entity_of(gold_sets, form);
    return End{g, form};
  };
  std::vector<bool> rel_used(gold.relations.size(), false);
  std::size_t predicted = 0;
  for (const auto& r : pred.relations) {
    if (r.hedged) continue;
    ++predicted;
    std::string rel(graph::to_string(r.rel));
    report.relations_by_rel[rel].predicted += 1;
    End ps = end_of(r.src, true), pd = end_of(r.dst, true);
    int match = -1;
    for (std::size_t g = 0; g < gold.relations.size() && match < 0; ++g) {
      const auto& gr = gold.relations[g];
      if (rel_used[g] || gr.rel != r.rel) continue;
      End gs = end_of(gr.src, false), gd = end_of(gr.dst, false);
      bool same = (ps == gs && pd == gd) || (graph::is_symmetric(r.rel) && ps == gd && pd == gs);
      if (same) match = static_cast<int>(g);
    }
    if (match < 0) {
      report.misses.push_back({pred.doc, "false relation", describe(r), r.evidence});
      continue;
    }
    rel_used[match] = true;
    report.relations.true_pos += 1;
    report.relations_by_rel[rel].true_pos += 1;
    const auto& gr = gold.relations[match];
    if (!gr.role.empty()) {
      report.roles.gold += 1;
      if (!r.role.empty()) report.roles.predicted += 1;
      if (match_form(r.role) == match_form(gr.role)) report.roles.true_pos += 1;
      else report.misses.push_back({pred.doc, "wrong role", describe(r) + " (gold " + gr.role + ")", r.evidence});
    }
    if (!gr.amount.empty()) {
      report.amounts.gold += 1;
      if (!r.amount.empty()) report.amounts.predicted += 1;
      if (match_form(r.amount) == match_form(gr.amount)) report.amounts.true_pos += 1;
      else report.misses.push_back({pred.doc, "wrong amount", describe(r) + " (gold " + gr.amount + ")", r.evidence});
    }
  }
  report.relations.predicted += predicted;
  report.relations.gold += gold.relations.size();
  for (std::size_t g = 0; g < gold.relations.size(); ++g) {
    report.relations_by_rel[std::string(graph::to_string(gold.relations[g].rel))].gold += 1;
    if (!rel_used[g])
      report.misses.push_back({gold.doc, "missed relation", describe(gold.relations[g]), gold.relations[g].evidence});
  }
}

}  // namespace

DocumentExtraction read_extraction_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  rapidjson::Document json;
  rapidjson::MemoryStream bytes(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> stream(bytes);
  bool too_deep = false;
  rapidjson::ParseResult parsed = graph::parse_bounded<rapidjson::kParseDefaultFlags>(json, stream, too_deep);
  if (too_deep) throw std::runtime_error(path + ": " + graph::depth_error() + " at offset " + std::to_string(parsed.Offset()));
  if (parsed.IsError())
    throw std::runtime_error(path + ": malformed JSON at offset " + std::to_string(parsed.Offset()) + ": " +
                             rapidjson::GetParseError_En(parsed.Code()));
  if (!json.IsObject()) throw std::runtime_error(path + ": top level must be an object");
  DocumentExtraction d;
  d.doc = get_string(json, "doc", path, false);
  if (d.doc.empty()) d.doc = std::filesystem::path(path).stem().string();
  d.title = get_string(json, "title", path, false);
  d.date = get_string(json, "date", path, false);
  d.source = get_string(json, "source", path, false);
  d.url = get_string(json, "url", path, false);
  auto arr = [&](const char* field) -> const rapidjson::Value* {
    auto it = json.FindMember(field);
    if (it == json.MemberEnd()) return nullptr;
    if (!it->value.IsArray()) throw std::runtime_error(path + ": \"" + field + "\" must be an array");
    return &it->value;
  };
  if (const auto* es = arr("entities")) {
    for (rapidjson::SizeType i = 0; i < es->Size(); ++i) {
      std::string where = path + ": entities[" + std::to_string(i) + "]";
      const auto& v = (*es)[i];
      if (!v.IsObject()) throw std::runtime_error(where + " must be an object");
      ExtractedEntity e;
      e.name = get_string(v, "name", where, true);
      std::string type = get_string(v, "type", where, true);
      auto t = graph::parse_entity_type(type);
      if (!t) throw std::runtime_error(where + ": unknown type \"" + type + "\"");
      e.type = *t;
      if (auto it = v.FindMember("aliases"); it != v.MemberEnd()) {
        if (!it->value.IsArray()) throw std::runtime_error(where + ": \"aliases\" must be an array");
        for (const auto& a : it->value.GetArray()) {
          if (!a.IsString()) throw std::runtime_error(where + ": aliases must be strings");
          e.aliases.emplace_back(a.GetString(), a.GetStringLength());
        }
      }
      d.entities.push_back(std::move(e));
    }
  }
  if (const auto* rs = arr("relations")) {
    for (rapidjson::SizeType i = 0; i < rs->Size(); ++i) {
      std::string where = path + ": relations[" + std::to_string(i) + "]";
      const auto& v = (*rs)[i];
      if (!v.IsObject()) throw std::runtime_error(where + " must be an object");
      ExtractedRelation r;
      r.src = get_string(v, "src", where, true);
      r.dst = get_string(v, "dst", where, true);
      std::string rel = get_string(v, "rel", where, true);
      auto t = graph::parse_rel_type(rel);
      if (!t) throw std::runtime_error(where + ": unknown rel \"" + rel + "\"");
      r.rel = *t;
      r.evidence = get_string(v, "evidence", where, false);
      r.role = get_string(v, "role", where, false);
      r.amount = get_string(v, "amount", where, false);
      r.what = get_string(v, "what", where, false);
      r.rule = get_string(v, "rule", where, false);
      if (auto it = v.FindMember("hedged"); it != v.MemberEnd() && it->value.IsBool()) r.hedged = it->value.GetBool();
      if (auto it = v.FindMember("confidence"); it != v.MemberEnd() && it->value.IsNumber())
        r.confidence = static_cast<float>(it->value.GetDouble());
      d.relations.push_back(std::move(r));
    }
  }
  return d;
}

std::string to_extraction_json(const DocumentExtraction& d) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  auto str = [&](const std::string& s) { w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size())); };
  w.StartObject();
  w.Key("doc");
  str(d.doc);
  for (auto [key, value] : {std::pair{"title", &d.title}, {"date", &d.date}, {"source", &d.source}, {"url", &d.url}}) {
    if (value->empty()) continue;
    w.Key(key);
    str(*value);
  }
  w.Key("entities");
  w.StartArray();
  for (const auto& e : d.entities) {
    w.StartObject();
    w.Key("name");
    str(e.name);
    w.Key("type");
    str(std::string(graph::to_string(e.type)));
    w.Key("aliases");
    w.StartArray();
    for (const auto& a : e.aliases) str(a);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("relations");
  w.StartArray();
  for (const auto& r : d.relations) {
    w.StartObject();
    w.Key("src");
    str(r.src);
    w.Key("rel");
    str(std::string(graph::to_string(r.rel)));
    w.Key("dst");
    str(r.dst);
    w.Key("evidence");
    str(r.evidence);
    w.Key("role");
    str(r.role);
    w.Key("amount");
    str(r.amount);
    if (!r.what.empty()) {
      w.Key("what");
      str(r.what);
    }
    if (!r.rule.empty()) {
      w.Key("rule");
      str(r.rule);
    }
    w.Key("confidence");
    w.Double(r.confidence);
    if (r.hedged) {
      w.Key("hedged");
      w.Bool(true);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

EvalReport evaluate(const std::vector<DocumentExtraction>& predicted, const std::string& gold_dir) {
  if (!std::filesystem::is_directory(gold_dir)) throw std::runtime_error(gold_dir + ": gold folder not found");
  EvalReport report;
  for (const auto& pred : predicted) {
    std::filesystem::path stem = std::filesystem::path(pred.doc).stem();
    std::filesystem::path file = std::filesystem::path(gold_dir) / (stem.string() + ".json");
    if (!std::filesystem::exists(file)) file = std::filesystem::path(gold_dir) / (pred.doc + ".json");
    if (!std::filesystem::exists(file)) {
      report.misses.push_back({pred.doc, "no gold", "no gold file for this document", ""});
      continue;
    }
    score_document(pred, read_extraction_json(file.string()), report);
    report.documents += 1;
  }
  return report;
}

}  // namespace bangfu::ingest
