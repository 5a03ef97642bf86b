#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ingest/encoding.hpp"
#include "ingest/html.hpp"
#include "ingest/load.hpp"

using namespace bangfu::ingest;

namespace {

const std::string kDir = BANGFU_SOURCE_DIR "/tests/ingest/data/reader/";

Document load_one(const std::string& name, std::vector<LoadIssue>& issues) {
  auto docs = load_documents({kDir + name}, issues);
  REQUIRE(docs.size() == 1);
  return docs.front();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("load: plain UTF-8 text file, id is the file name", "[load]") {
  std::vector<LoadIssue> issues;
  Document doc = load_one("utf8_plain.txt", issues);
  CHECK(issues.empty());
  CHECK(doc.id == "utf8_plain.txt");
  CHECK(doc.text == slurp(kDir + "utf8_plain.txt"));
}

TEST_CASE("load: UTF-8 BOM is stripped", "[load][encoding]") {
  std::vector<LoadIssue> issues;
  Document doc = load_one("bom.txt", issues);
  CHECK(doc.text == slurp(kDir + "utf8_plain.txt"));
}

TEST_CASE("load: GBK, GB18030 and Big5 files are converted to UTF-8", "[load][encoding]") {
  std::vector<LoadIssue> issues;
  Document gbk = load_one("gbk.txt", issues);
  CHECK(gbk.text.find("东江市中心医院托管西岭县人民医院") == 0);
  CHECK(gbk.text.find("共建远程会诊中心") != std::string::npos);

  Document gb18030 = load_one("gb18030.txt", issues);
  CHECK(gb18030.text.find("开展\U0002C317垫治疗") != std::string::npos);  // a character outside GBK

  Document big5 = load_one("big5.txt", issues);
  CHECK(big5.text == slurp(kDir + "trad_utf8.txt"));
  CHECK(issues.empty());

  CHECK(decode_to_utf8(slurp(kDir + "big5.txt")).encoding == "Big5");
  CHECK(decode_to_utf8(slurp(kDir + "gbk.txt")).encoding == "GB18030");
}

TEST_CASE("load: a binary file is skipped with an issue, not a crash", "[load][encoding]") {
  std::vector<LoadIssue> issues;
  auto docs = load_documents({kDir + "binary.txt"}, issues);
  CHECK(docs.empty());
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].path == kDir + "binary.txt");
  CHECK(issues[0].message == "binary or undecodable file skipped");
}

TEST_CASE("load: bytes that are no known encoding are refused", "[encoding]") {
  std::string junk;
  for (int i = 0; i < 200; ++i) junk += static_cast<char>(0x80 + (i * 37) % 0x20);  // only continuation-like bytes
  Decoded d = decode_to_utf8(junk);
  CHECK_FALSE(d.ok);
  CHECK(d.error == "binary or undecodable file skipped");
}

TEST_CASE("load: HTML drops head/script/style/nav/comments, keeps blocks as lines, decodes entities", "[load][html]") {
  std::vector<LoadIssue> issues;
  Document doc = load_one("page.html", issues);
  CHECK(doc.id == "page.html");
  CHECK(doc.title == "南川县医共体成立 & 揭牌");
  CHECK(doc.text.find("不要") == std::string::npos);
  CHECK(doc.text.find("color") == std::string::npos);
  CHECK(doc.text.find("首页") == std::string::npos);
  CHECK(doc.text.find("注释") == std::string::npos);
  CHECK(doc.text.find("南川县医共体成立\u00A0揭牌\n") != std::string::npos);
  CHECK(doc.text.find("发布时间：2024年3月8日\u3000来源：南川融媒\n") != std::string::npos);
  // a source line break inside a <p> is a space, the paragraph is one line
  CHECK(doc.text.find("正式揭牌， 成员包括8家乡镇卫生院。\n") != std::string::npos);
  CHECK(doc.text.find("“这是好事。”一一\n") != std::string::npos);
  CHECK(doc.text.find("相关新闻\n北山县开展义诊\n") != std::string::npos);
}

TEST_CASE("load: HTML in GBK declared by a meta tag", "[load][html][encoding]") {
  std::vector<LoadIssue> issues;
  Document doc = load_one("page_gbk.htm", issues);
  CHECK(doc.title == "测试");
  CHECK(doc.text == "西岭县人民医院接受托管。\n");
}

TEST_CASE("load: html entity decoding handles numeric, named and broken references", "[html]") {
  std::string out;
  decode_entities("a&lt;b &#25105;&#x4EEC; &unknown; & &#xZZ; &#0;", out);
  CHECK(out == "a<b 我们 &unknown; & &#xZZ; \uFFFD");  // NUL is replaced, as HTML5 does
}

TEST_CASE("load: JSON object, extra fields become attributes, id defaults to file name", "[load][json]") {
  std::vector<LoadIssue> issues;
  Document doc = load_one("article.json", issues);
  CHECK(issues.empty());
  CHECK(doc.id == "article.json");
  CHECK(doc.title == "北坡市妇幼保健院结对帮扶");
  CHECK(doc.date == "2024-06-01");
  CHECK(doc.source == "北坡日报");
  CHECK(doc.url == "http://example.org/a/1");
  CHECK(doc.text == "北坡市妇幼保健院与东林县妇幼保健院结对。\n双方将共建产科。");
  CHECK(doc.attributes.at("author") == "张三");
  CHECK(doc.attributes.at("tags") == "[\"妇幼\",\"帮扶\"]");
}

TEST_CASE("load: JSONL malformed lines are reported with their line number, the rest load", "[load][json]") {
  std::vector<LoadIssue> issues;
  auto docs = load_documents({kDir + "records.jsonl"}, issues);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "r1");
  CHECK(docs[0].path == kDir + "records.jsonl:1");
  CHECK(docs[1].id == "r3");
  CHECK(docs[1].attributes.at("channel") == "health");
  CHECK(docs[2].id == "records.jsonl:5");
  REQUIRE(issues.size() == 2);
  CHECK(to_string(issues[0]).starts_with(kDir + "records.jsonl:2: malformed JSON"));
  CHECK(to_string(issues[1]) == kDir + "records.jsonl:6: a record must be a JSON object");
}

TEST_CASE("load: folders recursively in sorted order, other extensions skipped", "[load]") {
  std::vector<LoadIssue> issues;
  auto docs = load_documents({kDir + "folder"}, issues);
  CHECK(issues.empty());
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "a.txt");
  CHECK(docs[1].id == "b.txt");
  CHECK(docs[2].id == "c.json");
  CHECK(docs[2].text == "子目录里的记录。");
}

TEST_CASE("load: an unknown extension named explicitly is read as text", "[load]") {
  std::vector<LoadIssue> issues;
  Document doc = load_one("folder/notes.csv", issues);
  CHECK(doc.text == "ignored\n");
}

TEST_CASE("load: nonexistent path and empty folder are issues", "[load]") {
  std::vector<LoadIssue> issues;
  int count = 0;
  for_each_document({kDir + "does_not_exist.txt", kDir + "empty_folder", kDir + "utf8_plain.txt"},
                    [&](Document&&) { ++count; }, issues);
  CHECK(count == 1);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].message == "no such file or directory");
  CHECK(issues[0].path == kDir + "does_not_exist.txt");
  CHECK(issues[1].message == "no documents found in folder");
}

TEST_CASE("load: the dev seeds load when the shared data is present", "[load][shared]") {
  std::string seeds = BANGFU_SHARED_DIR "/corpus/seeds";
  std::ifstream probe(seeds + "/000_665815207df06e30.txt");
  if (!probe) {
    WARN("shared data not present; skipped");
    return;
  }
  std::vector<LoadIssue> issues;
  auto docs = load_documents({seeds}, issues);
  CHECK(issues.empty());
  REQUIRE(docs.size() >= 4);
  CHECK(docs[0].id == "000_665815207df06e30.txt");
}

namespace {

// The validator as it was before the fast paths: one byte or sequence at a time.
bool reference_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    char32_t cp = c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

}  // namespace

TEST_CASE("encoding: UTF-8 validation agrees with a byte-at-a-time reference", "[encoding]") {
  for (std::string_view bad : {"\xED\xA0\x80", "\xE0\x9F\xBF", "\xC1\xBF", "\xF4\x90\x80\x80", "\xE4\xB8",
                               "\xE4\xB8\x41", "\x80", "\xF8\x88\x80\x80\x80"}) {
    for (std::string pad : {"", "a", "中文", "abcdefgh", "12345678中"}) {
      CHECK_FALSE(is_valid_utf8(pad + std::string(bad)));
      CHECK_FALSE(is_valid_utf8(std::string(bad) + pad));
    }
  }
  CHECK(is_valid_utf8("\xED\x9F\xBF\xE0\xA0\x80\xEE\x80\x80\xF0\x9F\x98\x80 中文 abcdefghijkl"));
  // Random mixes of ASCII, control bytes, valid sequences and stray bytes, at every alignment.
  const std::vector<std::string> pieces{"a", "abcdefgh", "\n", "\x01", "中", "文字", "é", "\xF0\x9F\x98\x80",
                                        "\xED\x9F\xBF", "\xED\xA0\x80", "\xE0\x80\xAF", "\xE0\xA0\x80", "\x80", "\xE4"};
  unsigned seed = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (int k = round % 23; k >= 0; --k) {
      seed = seed * 1103515245u + 12345u;
      s += pieces[(seed >> 16) % pieces.size()];
    }
    INFO(s);
    REQUIRE(is_valid_utf8(s) == reference_utf8(s));
    Decoded copied = decode_to_utf8(s);
    Decoded owned = decode_owned_to_utf8(std::string(s));
    REQUIRE(copied.ok == owned.ok);
    REQUIRE(copied.text == owned.text);
    REQUIRE(copied.error == owned.error);
    if (reference_utf8(s) && s.find('\0') == std::string::npos) CHECK((copied.ok ? copied.text == s : true));
  }
}

TEST_CASE("encoding: text taken over loses its UTF-8 BOM, control bytes still make a file binary", "[encoding]") {
  Decoded d = decode_owned_to_utf8(std::string("\xEF\xBB\xBF中文 text"));
  CHECK(d.ok);
  CHECK(d.text == "中文 text");
  CHECK_FALSE(decode_owned_to_utf8(std::string("abcdefgh\x01\x02\x03\x04 中文")).ok);
  CHECK_FALSE(decode_owned_to_utf8(std::string("中文abcdefgh\0", 15)).ok);
}

TEST_CASE("load: a folder's files come in std::filesystem::path order, subfolders included", "[load]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("bangfu_test_load_order_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::vector<fs::path> files;
  for (std::string name :
       {"a.txt", "a-b/x.txt", "a/b.txt", "a b/c.txt", "a.b/d.txt", "a!/e.txt", "A.TXT", "_z.md", "b/a/z.txt"}) {
    fs::path p = dir / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "内容 " << name << "\n";
    files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  std::vector<LoadIssue> issues;
  auto docs = load_documents({dir.string()}, issues);
  fs::remove_all(dir);
  CHECK(issues.empty());
  REQUIRE(docs.size() == files.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    CHECK(docs[i].path == files[i].string());
    CHECK(docs[i].id == files[i].filename().string());
  }
}

TEST_CASE("load: progress counts documents and bytes up to the size of every file read", "[load][progress]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("bangfu-load-progress-" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  std::string a = "甲医院支援乙医院。\n", b = "丙医院。\n";
  std::string jsonl = "{\"id\":\"r1\",\"text\":\"一\"}\n\n{\"id\":\"r2\",\"text\":\"二\"}\nnot json\n{\"id\":\"r3\",\"text\":\"三\"}\n";
  std::ofstream(dir / "a.txt") << a;
  std::ofstream(dir / "sub" / "b.txt") << b;
  std::ofstream(dir / "c.jsonl") << jsonl;
  std::ofstream(dir / ".hidden.txt") << "not read, not counted";
  std::uint64_t total = a.size() + b.size() + jsonl.size();

  std::vector<bangfu::graph::Progress> seen;
  std::vector<LoadIssue> issues;
  std::size_t docs = 0;
  for_each_document({dir.string()}, [&](Document&&) { ++docs; }, issues,
                    [&](const bangfu::graph::Progress& p) { seen.push_back(p); });
  fs::remove_all(dir);
  CHECK(docs == 5);
  CHECK(issues.size() == 1);  // the malformed record
  REQUIRE(!seen.empty());
  for (const auto& p : seen) CHECK(p.total_bytes == total);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    CHECK(seen[i].bytes >= seen[i - 1].bytes);
    CHECK(seen[i].items >= seen[i - 1].items);
  }
  CHECK(seen.back().bytes == total);
  CHECK(seen.back().items == 5);
  // Within the jsonl file, each record moves the count on before the file is done.
  CHECK(std::count_if(seen.begin(), seen.end(), [&](const auto& p) { return p.bytes > 0 && p.bytes < total; }) >= 3);
}

TEST_CASE("load: HTML list items made only of links (related news, menus) are dropped; items with text stay",
          "[load][html]") {
  std::string html =
      "<html><body><p>湄潭县人民医院迎来帮扶专家。</p>"
      "<h3>相关新闻</h3><ul><li><a href='/1'>遵义医科大学附属医院与正安县人民医院签约</a> <span>2024-05-12</span></li>"
      "<li><a href='/2'>六盘水市人民医院托管钟山区人民医院</a></li></ul>"
      "<ol><li>帮扶期间开展新技术<a href='/t'>12项</a></li></ol></body></html>";
  std::string text = html_to_text(html).text;
  CHECK(text.find("湄潭县人民医院") != std::string::npos);
  CHECK(text.find("正安县人民医院") == std::string::npos);
  CHECK(text.find("钟山区人民医院") == std::string::npos);
  CHECK(text.find("帮扶期间开展新技术") != std::string::npos);
  // Unclosed items are read as text: only a bounded stretch is searched for each one's end.
  std::string unclosed = "<ul>";
  for (int i = 0; i < 20000; ++i) unclosed += "<li><a>链接</a>";
  unclosed += "</ul><p>正文</p>";
  CHECK(html_to_text(unclosed).text.find("正文") != std::string::npos);
}
