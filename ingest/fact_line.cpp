#include "ingest/fact_line.hpp"

#include <rapidjson/document.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

#include "graph/json_depth.hpp"

namespace bangfu::ingest {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(Writer& w, const char* key, const std::string& value, bool always = false) {
  if (value.empty() && !always) return;
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw std::runtime_error(where + ": " + what); }

std::string get(const rapidjson::Value& obj, const char* key, const std::string& where, bool required) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) {
    if (required) fail(where, std::string("missing \"") + key + "\"");
    return {};
  }
  if (!it->value.IsString()) fail(where, std::string("\"") + key + "\" is not a string");
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::uint32_t get_offset(const rapidjson::Value& obj, const char* key, const std::string& where) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return 0;
  if (!it->value.IsUint()) fail(where, std::string("\"") + key + "\" is not an unsigned 32-bit offset");
  return it->value.GetUint();
}

const rapidjson::Value* get_array(const rapidjson::Value& obj, const char* key, const std::string& where) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return nullptr;
  if (!it->value.IsArray()) fail(where, std::string("\"") + key + "\" is not an array");
  return &it->value;
}

}  // namespace

std::string to_fact_line(const graph::DocumentInfo& info, const DocumentExtraction& x) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("facts");
  w.Int(1);
  put(w, "doc", info.id, true);
  put(w, "hash", info.content_hash, true);
  put(w, "path", info.path);
  put(w, "title", info.title);
  put(w, "date", info.date);
  put(w, "source", info.source);
  put(w, "url", info.url);
  put(w, "day", x.day);
  put(w, "date_rule", x.date_rule);
  w.Key("entities");
  w.StartArray();
  for (const auto& e : x.entities) {
    w.StartObject();
    put(w, "name", e.name, true);
    put(w, "type", std::string(graph::to_string(e.type)), true);
    if (!e.aliases.empty()) {
      w.Key("aliases");
      w.StartArray();
      for (const auto& a : e.aliases) w.String(a.data(), static_cast<rapidjson::SizeType>(a.size()));
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("relations");
  w.StartArray();
  for (const auto& r : x.relations) {
    w.StartObject();
    put(w, "src", r.src, true);
    put(w, "rel", std::string(graph::to_string(r.rel)), true);
    put(w, "dst", r.dst, true);
    put(w, "role", r.role);
    put(w, "amount", r.amount);
    put(w, "what", r.what);
    put(w, "evidence", r.evidence);
    w.Key("begin");
    w.Uint(r.source_begin);
    w.Key("end");
    w.Uint(r.source_end);
    put(w, "rule", r.rule);
    put(w, "event_date", r.event_date);
    put(w, "event_rule", r.event_rule);
    // A float printed as the double it widens to reads back as the same float.
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
  return std::string(buffer.GetString(), buffer.GetSize());
}

DocumentFacts parse_fact_line(std::string_view line, const std::string& where) {
  rapidjson::Document json;
  // Iterative and depth-bounded, as every JSON reader: a line nesting `[` 100 000 deep is an error, not a crash.
  rapidjson::MemoryStream bytes(line.data(), line.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> stream(bytes);
  bool too_deep = false;
  rapidjson::ParseResult parsed = graph::parse_bounded<rapidjson::kParseDefaultFlags>(json, stream, too_deep);
  if (too_deep) fail(where, graph::depth_error() + " (at byte " + std::to_string(parsed.Offset()) + ")");
  if (parsed.IsError())
    fail(where, std::string("malformed JSON: ") + rapidjson::GetParseError_En(parsed.Code()) + " (at byte " +
                    std::to_string(parsed.Offset()) + ")");
  if (!json.IsObject()) fail(where, "not a JSON object");
  auto version = json.FindMember("facts");
  if (version == json.MemberEnd() || !version->value.IsInt() || version->value.GetInt() != 1)
    fail(where, "not a bangfu fact line (no \"facts\":1)");

  DocumentFacts out;
  auto& info = out.info;
  info.id = get(json, "doc", where, true);
  if (info.id.empty()) fail(where, "empty document id");
  info.content_hash = get(json, "hash", where, true);
  info.path = get(json, "path", where, false);
  info.title = get(json, "title", where, false);
  info.date = get(json, "date", where, false);
  info.source = get(json, "source", where, false);
  info.url = get(json, "url", where, false);
  auto& x = out.extraction;
  x.doc = info.id;
  x.title = info.title;
  x.date = info.date;
  x.source = info.source;
  x.url = info.url;
  x.day = get(json, "day", where, false);
  x.date_rule = get(json, "date_rule", where, false);

  if (const auto* entities = get_array(json, "entities", where)) {
    for (const auto& v : entities->GetArray()) {
      std::string at = where + ": entity " + std::to_string(x.entities.size() + 1);
      if (!v.IsObject()) fail(at, "not an object");
      ExtractedEntity e;
      e.name = get(v, "name", at, true);
      if (e.name.empty()) fail(at, "empty name");
      std::string type = get(v, "type", at, true);
      auto t = graph::parse_entity_type(type);
      if (!t) fail(at, "unknown entity type '" + type + "'");
      e.type = *t;
      if (const auto* aliases = get_array(v, "aliases", at))
        for (const auto& a : aliases->GetArray()) {
          if (!a.IsString()) fail(at, "an alias is not a string");
          e.aliases.emplace_back(a.GetString(), a.GetStringLength());
        }
      x.entities.push_back(std::move(e));
    }
  }
  if (const auto* relations = get_array(json, "relations", where)) {
    for (const auto& v : relations->GetArray()) {
      std::string at = where + ": relation " + std::to_string(x.relations.size() + 1);
      if (!v.IsObject()) fail(at, "not an object");
      ExtractedRelation r;
      r.src = get(v, "src", at, true);
      r.dst = get(v, "dst", at, true);
      std::string rel = get(v, "rel", at, true);
      auto t = graph::parse_rel_type(rel);
      if (!t) fail(at, "unknown relation '" + rel + "'");
      r.rel = *t;
      r.role = get(v, "role", at, false);
      r.amount = get(v, "amount", at, false);
      r.what = get(v, "what", at, false);
      r.evidence = get(v, "evidence", at, false);
      r.source_begin = get_offset(v, "begin", at);
      r.source_end = get_offset(v, "end", at);
      if (r.source_end < r.source_begin) fail(at, "end offset before begin");
      r.rule = get(v, "rule", at, false);
      r.event_date = get(v, "event_date", at, false);
      r.event_rule = get(v, "event_rule", at, false);
      if (auto c = v.FindMember("confidence"); c != v.MemberEnd()) {
        if (!c->value.IsNumber()) fail(at, "\"confidence\" is not a number");
        r.confidence = static_cast<float>(c->value.GetDouble());
      }
      if (auto h = v.FindMember("hedged"); h != v.MemberEnd()) {
        if (!h->value.IsBool()) fail(at, "\"hedged\" is not true or false");
        r.hedged = h->value.GetBool();
      }
      x.relations.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace bangfu::ingest
