#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ingest/body.hpp"
#include "ingest/normalize.hpp"
#include "ingest/sentences.hpp"

using namespace bangfu::ingest;

namespace {

struct Split {
  std::string source;
  NormalizedText text;
  std::vector<Sentence> sentences;
};

// Every line is one kept paragraph, so the splitter alone is tested.
Split split(const std::string& source) {
  Split s;
  s.source = source;
  s.text = normalize(source);
  ArticleBody body;
  std::size_t pos = 0;
  while (pos < s.text.text.size()) {
    std::size_t nl = s.text.text.find('\n', pos);
    if (nl == std::string::npos) nl = s.text.text.size();
    Paragraph p;
    p.begin = static_cast<std::uint32_t>(pos);
    p.end = static_cast<std::uint32_t>(nl);
    p.kept = true;
    body.paragraphs.push_back(p);
    pos = nl + 1;
  }
  s.sentences = split_sentences(s.text, body);
  return s;
}

std::vector<std::string> texts(const Split& s) {
  std::vector<std::string> out;
  for (const auto& sentence : s.sentences) out.push_back(sentence.text);
  return out;
}

}  // namespace

TEST_CASE("sentences: split after 。 ! ? and semicolons, and at line ends", "[sentences]") {
  auto s = split("甲医院托管乙医院。双方共建专科！真的吗？是的；好\n第二段没有句号");
  CHECK(texts(s) == std::vector<std::string>{"甲医院托管乙医院。", "双方共建专科!", "真的吗?", "是的;", "好", "第二段没有句号"});
  CHECK(s.sentences[5].paragraph == 1);
}

TEST_CASE("sentences: no split inside quotes unless the quote ends with a terminator", "[sentences]") {
  auto s = split("他说:“我们来了。大家好。”随后开始义诊。“这是好事。”院长说,“我们会坚持!”");
  CHECK(texts(s) == std::vector<std::string>{"他说:“我们来了。大家好。”", "随后开始义诊。", "“这是好事。”",
                                             "院长说,“我们会坚持!”"});
  auto t = split("专家称“组团式帮扶。很有效”。下一句。");
  CHECK(texts(t) == std::vector<std::string>{"专家称“组团式帮扶。很有效”。", "下一句。"});
}

TEST_CASE("sentences: brackets and book titles keep their terminators", "[sentences]") {
  auto s = split("印发《关于做好工作的通知。》要求落实(详见附件。)。完");
  CHECK(texts(s) == std::vector<std::string>{"印发《关于做好工作的通知。》要求落实(详见附件。)。", "完"});
}

TEST_CASE("sentences: an unclosed quote does not swallow the paragraph", "[sentences]") {
  std::string source = "“";
  for (int i = 0; i < 80; ++i) source += "医院派出专家。";
  auto s = split(source);
  CHECK(s.sentences.size() > 1);
}

TEST_CASE("sentences: offsets map to the normalized text and to the source bytes", "[sentences]") {
  std::string source = "  **東江市醫院託管西嶺縣醫院。**  雙方共建專科！\n";
  auto s = split(source);
  REQUIRE(s.sentences.size() == 2);
  const auto& first = s.sentences[0];
  CHECK(first.text == "东江市医院托管西岭县医院。");
  CHECK(s.text.text.substr(first.begin, first.end - first.begin) == first.text);
  CHECK(source.substr(first.source_begin, first.source_end - first.source_begin) == "東江市醫院託管西嶺縣醫院。");
  const auto& second = s.sentences[1];
  CHECK(second.text == "双方共建专科!");
  CHECK(source.substr(second.source_begin, second.source_end - second.source_begin) == "雙方共建專科！");
}

TEST_CASE("sentences: only kept paragraphs are read", "[sentences]") {
  auto text = normalize("正文第一句。\n版权所有\n");
  ArticleBody body;
  body.paragraphs.push_back({0, static_cast<std::uint32_t>(text.text.find('\n')), ParagraphKind::main, true, "text"});
  std::uint32_t b = static_cast<std::uint32_t>(text.text.find('\n') + 1);
  body.paragraphs.push_back({b, static_cast<std::uint32_t>(text.text.size() - 1), ParagraphKind::noise, false, "x"});
  auto sentences = split_sentences(text, body);
  REQUIRE(sentences.size() == 1);
  CHECK(sentences[0].text == "正文第一句。");
}

TEST_CASE("sentences: punctuation-only pieces are dropped", "[sentences]") {
  CHECK(texts(split("......\n。。\n有内容。")) == std::vector<std::string>{"有内容。"});
}

TEST_CASE("sentences: clauses split at commas, 、 and colons outside quotes and numbers", "[sentences][clauses]") {
  auto s = split("经统计,甲医院、乙医院:共派出专家1,200人,“技术、管理”并重。");
  REQUIRE(s.sentences.size() == 1);
  std::vector<std::string> parts;
  for (auto c : clauses(s.sentences[0])) parts.push_back(s.sentences[0].text.substr(c.begin, c.end - c.begin));
  CHECK(parts == std::vector<std::string>{"经统计", "甲医院", "乙医院", "共派出专家1,200人", "“技术、管理”并重。"});
}

TEST_CASE("a run without terminators is cut into sentences of at most 4 KB, at a comma when there is one",
          "[sentences][hostile]") {
  std::string clause = "江南省人民医院与北岭县人民医院签署协议，";  // 19 characters, 57 bytes + the comma
  std::string run;
  while (run.size() < 100000) run += clause;
  auto s = split(run);
  REQUIRE(s.sentences.size() > 20);
  std::size_t total = 0;
  for (const auto& sentence : s.sentences) {
    CHECK(sentence.text.size() <= 4096);
    CHECK(sentence.text.back() == ',');  // normalized full-width comma: every cut lands after one
    CHECK(s.source.compare(sentence.source_begin, 3, "江") == 0);
    total += sentence.text.size();
  }
  CHECK(total == s.text.text.size());
  // No comma at all: cut at the bound, on a character boundary.
  auto bare = split(std::string(20000 / 3 * 3, 'x').replace(0, 3, "中"));
  for (const auto& sentence : bare.sentences) CHECK(sentence.text.size() <= 4096);
  CHECK(bare.sentences.size() == 5);
}
