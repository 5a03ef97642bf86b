#include <catch2/catch.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>
#include <opencc/SimpleConverter.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "ingest/normalize.hpp"

using namespace bangfu::ingest;

namespace {

// The source bytes behind normalized bytes [b, e): from the start of the first to the start of what follows.
std::string source_of(const NormalizedText& n, std::string_view source, std::size_t b, std::size_t e) {
  return std::string(source.substr(n.to_source[b], n.to_source[e] - n.to_source[b]));
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("normalize: full-width letters, digits and punctuation become ASCII", "[normalize]") {
  auto n = normalize("ＡＢＣ１２３，（医院）：５０％！");
  CHECK(n.text == "ABC123,(医院):50%!");
  REQUIRE(n.to_source.size() == n.text.size() + 1);
}

TEST_CASE("normalize: Chinese full stop, quotes and dashes stay as they are", "[normalize]") {
  CHECK(normalize("他说：“好。”——完").text == "他说:“好。”——完");
}

TEST_CASE("normalize: Traditional becomes Simplified with offsets back to the source bytes", "[normalize]") {
  std::string source = "abc 東江市醫院託管西嶺縣醫院。";
  auto n = normalize(source);
  CHECK(n.text == "abc 东江市医院托管西岭县医院。");
  std::size_t at = n.text.find("托管");
  REQUIRE(at != std::string::npos);
  CHECK(source_of(n, source, at, at + std::string("托管").size()) == "託管");
  std::size_t county = n.text.find("西岭县");
  CHECK(source_of(n, source, county, county + std::string("西岭县").size()) == "西嶺縣");
  CHECK(n.to_source.back() == source.size());
}

TEST_CASE("normalize: a whole Traditional file converts", "[normalize]") {
  std::string trad = slurp(BANGFU_SOURCE_DIR "/tests/ingest/data/reader/trad_utf8.txt");
  auto n = normalize(trad);
  CHECK(n.text.find("东江市中心医院托管西岭县人民医院\n") == 0);
  CHECK(n.text.find("派出管理团队和医疗专家共十二人,分别担任院长、副院长和科室主任。") != std::string::npos);
}

TEST_CASE("normalize: phrases convert with their context", "[normalize]") {
  CHECK(normalize("頭髮").text == "头发");
  CHECK(normalize("發展").text == "发展");
}

// normalize() converts with its own reading of OpenCC's dictionaries; OpenCC's converter is the reference.
// Every phrase key, each with neighbours that could start or end another phrase, and every character entry
// in a run of them must come out exactly as OpenCC makes it.
TEST_CASE("normalize: Traditional to Simplified agrees with OpenCC's own converter", "[normalize]") {
  opencc::SimpleConverter reference("/usr/share/opencc/t2s.json");
  auto keys_of = [](const char* name) {
    std::vector<std::string> keys;
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen((std::string("/usr/share/opencc/") + name).c_str(), "rb"),
                                               std::fclose);
    REQUIRE(file);
    auto dict = opencc::MarisaDict::NewFromFile(file.get());
    for (const auto& entry : *dict->GetLexicon()) keys.push_back(entry->Key());
    return keys;
  };
  std::vector<std::string> phrases = keys_of("TSPhrases.ocd2"), characters = keys_of("TSCharacters.ocd2");
  REQUIRE(phrases.size() > 100);
  REQUIRE(characters.size() > 1000);
  std::size_t differ = 0;
  auto check = [&](const std::string& text) {
    std::string ours = normalize(text).text, theirs = reference.Convert(text);
    if (ours != theirs && ++differ <= 5) FAIL_CHECK(text << ": " << ours << " vs OpenCC " << theirs);
  };
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    const std::string& before = phrases[(i + 1) % phrases.size()];
    const std::string& after = characters[(i * 7) % characters.size()];
    check(phrases[i]);
    check("醫院" + phrases[i] + "發展");
    check(before + phrases[i] + after);
  }
  std::string run;
  for (std::size_t i = 0; i < characters.size(); ++i) {
    run += characters[i];
    if (run.size() > 60 || i + 1 == characters.size()) {
      check(run);
      run.clear();
    }
  }
  CHECK(differ == 0);
}

TEST_CASE("normalize: whitespace collapses, line breaks stay, CRLF and controls go", "[normalize]") {
  std::string source = "  甲 \t\u3000 乙  \r\n\r\n丙\u200B丁\x01 \n";
  auto n = normalize(source);
  CHECK(n.text == "甲 乙\n\n丙丁\n");
  std::size_t ding = n.text.find("丁");
  CHECK(n.to_source[ding] == source.find("丁"));
  // a range ends where the next kept character starts, so dropped bytes after it fall inside
  CHECK(source_of(n, source, ding, ding + 3) == "丁\x01 ");
}

TEST_CASE("normalize: every output byte maps inside the source, monotonically", "[normalize]") {
  std::string source = "Ｅ１ 医院（醫院）\r\n①號 café ｶﾀｶﾅ 𠀀";
  auto n = normalize(source);
  REQUIRE(n.to_source.size() == n.text.size() + 1);
  for (std::size_t i = 0; i + 1 < n.to_source.size(); ++i) {
    CHECK(n.to_source[i] <= n.to_source[i + 1]);
    CHECK(n.to_source[i] < source.size());
  }
  CHECK(n.text == "E1 医院(医院)\n1号 café カタカナ 𠀀");
}

TEST_CASE("normalize: invalid UTF-8 does not crash and keeps the map consistent", "[normalize]") {
  std::string source = "医\xE9\x99院\xFF";
  auto n = normalize(source);
  CHECK(n.to_source.size() == n.text.size() + 1);
  CHECK(n.text.find("医") == 0);
}
