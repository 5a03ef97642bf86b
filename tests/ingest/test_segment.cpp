#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/segment.hpp"

using namespace bangfu::ingest;

namespace {

const std::string kDir = BANGFU_SOURCE_DIR "/tests/ingest/data/reader/";

bool have_jieba() { return std::ifstream(Segmenter::kDefaultDictionary).good(); }

const Segmenter& jieba() {
  static const Segmenter s = Segmenter::load();
  return s;
}

// "word/pos word/pos …"
std::string tagged(const Segmenter& seg, const std::string& text) {
  std::string out;
  for (const auto& t : seg.segment(text)) {
    if (!out.empty()) out += ' ';
    out += text.substr(t.begin, t.end - t.begin) + "/" + std::string(t.pos);
  }
  return out;
}

std::vector<std::string> words(const Segmenter& seg, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : seg.segment(text)) out.push_back(text.substr(t.begin, t.end - t.begin));
  return out;
}

}  // namespace

#define REQUIRE_JIEBA() \
  if (!have_jieba()) {  \
    WARN("jieba dictionary not installed; skipped"); \
    return;             \
  }

TEST_CASE("segment: words and POS of a few sentences", "[segment]") {
  REQUIRE_JIEBA();
  const auto& seg = jieba();
  CHECK(seg.size() > 300000);
  CHECK(words(seg, "广东省派出医疗专家团队") == std::vector<std::string>{"广东省", "派出", "医疗", "专家", "团队"});
  CHECK(tagged(seg, "我们在北京开会") == "我们/r 在/p 北京/ns 开会/v");
  CHECK(seg.pos_of("北京") == "ns");
  CHECK(seg.pos_of("毛泽东") == "nr");
  CHECK(seg.pos_of("医院") == "n");
  CHECK(seg.contains("卫生院"));
  CHECK_FALSE(seg.contains("卫生院不"));
  CHECK(seg.frequency("医院") > 1000);
}

TEST_CASE("segment: the most probable split, not the longest match", "[segment]") {
  REQUIRE_JIEBA();
  // forward longest match would take 研究生 and leave 命
  CHECK(words(jieba(), "研究生命起源") == std::vector<std::string>{"研究", "生命", "起源"});
}

TEST_CASE("segment: ASCII runs, numbers, punctuation and spaces", "[segment]") {
  REQUIRE_JIEBA();
  std::string text = "投入10.6亿元,增长4.69%。PCCM 达标";
  CHECK(tagged(jieba(), text) == "投入/v 10.6/m 亿元/m ,/x 增长/v 4.69%/m 。/x PCCM/eng 达标/v");
}

TEST_CASE("segment: offsets are byte ranges of the input", "[segment]") {
  REQUIRE_JIEBA();
  std::string text = "a 医院b";
  auto tokens = jieba().segment(text);
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].begin == 0);
  CHECK(tokens[0].end == 1);
  CHECK(tokens[1].begin == 2);
  CHECK(tokens[1].end == 8);
  CHECK(tokens[2].begin == 8);
  CHECK(tokens[2].end == 9);
}

TEST_CASE("segment: characters the dictionary does not know stay together", "[segment]") {
  REQUIRE_JIEBA();
  auto tokens = jieba().segment("医院\U0002C317\U0002C318");  // two rare characters after a word
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[1].pos == "x");
  CHECK(tokens[1].end - tokens[1].begin == 8);
}

TEST_CASE("segment: a user dictionary adds words, with or without frequency", "[segment]") {
  REQUIRE_JIEBA();
  auto seg = Segmenter::load(Segmenter::kDefaultDictionary, {kDir + "user_dict.txt"});
  CHECK(seg.pos_of("恒口示范区") == "ns");
  CHECK(words(seg, "医共体总院开展组团式帮扶") == std::vector<std::string>{"医共体总院", "开展", "组团式帮扶"});
  CHECK(seg.pos_of("组团式帮扶") == "nz");
  CHECK(seg.pos_of("医共体总院") == "n");
  CHECK_FALSE(jieba().contains("医共体总院"));
}

TEST_CASE("segment: missing or malformed dictionaries are clear errors", "[segment]") {
  CHECK_THROWS_WITH(Segmenter::load("/nonexistent/dict.txt"),
                    Catch::Contains("jieba dictionary not found or unreadable: /nonexistent/dict.txt"));
  CHECK_THROWS_WITH(Segmenter::load(kDir + "bad_dict.txt"), Catch::Contains("bad_dict.txt:2: frequency is not a number"));
}

TEST_CASE("segment: a small dictionary alone works", "[segment]") {
  std::string path = BANGFU_BINARY_DIR "/tiny_dict.txt";
  {
    std::ofstream out(path);
    out << "南北 10 ns\n北医院 5 nt\n医院 20 n\n南 3 f\n";
  }
  auto seg = Segmenter::load(path);
  CHECK(seg.size() == 4);
  CHECK(tagged(seg, "南北医院") == "南北/ns 医院/n");
}

TEST_CASE("segment: the longest dictionary word at a position, within a character range", "[segment]") {
  std::string path = BANGFU_BINARY_DIR "/longest_dict.txt";
  {
    std::ofstream out(path);
    out << "人民 50 n\n人民医院 30 nt\n人 9 n\n医院 20 n\n";
  }
  auto seg = Segmenter::load(path);
  auto w = seg.longest_word("人民医院门诊", 1, 6);
  REQUIRE(w);
  CHECK(w->bytes == std::string("人民医院").size());
  CHECK(w->entry.pos == "nt");
  CHECK(w->entry.freq == 30);
  auto short_only = seg.longest_word("人民医院", 1, 3);  // 人民医院 has four characters
  REQUIRE(short_only);
  CHECK(short_only->bytes == std::string("人民").size());
  auto two_or_more = seg.longest_word("人们", 2, 6);  // 人 is a word, but a single character
  CHECK_FALSE(two_or_more);
  CHECK_FALSE(seg.longest_word("门诊人民", 1, 6));  // no word starts here
  CHECK_FALSE(seg.longest_word("", 1, 6));
  auto cut = seg.longest_word("人民医", 1, 6);  // 人民医 is only a prefix of a word
  REQUIRE(cut);
  CHECK(cut->bytes == std::string("人民").size());
}

TEST_CASE("segment: a long run splits as its parts, and short runs after it are not confused by it", "[segment]") {
  REQUIRE_JIEBA();
  std::string part = "研究生命起源", text;
  for (int k = 0; k < 40; ++k) text += part;  // one run of 240 characters, 720 bytes
  std::vector<std::string> want;
  for (int k = 0; k < 40; ++k)
    for (const char* w : {"研究", "生命", "起源"}) want.push_back(w);
  CHECK(words(jieba(), text) == want);
  CHECK(tagged(jieba(), "我们在北京开会") == "我们/r 在/p 北京/ns 开会/v");
}
