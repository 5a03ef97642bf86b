// bench_gen_corpus: writes N MB of synthetic Chinese healthcare-support news for ingest benchmarks.
//
// Articles are built from this file's own sentence templates (support, co-building, dispatch, posts,
// funding, membership, location, pairing) over random but well-formed names — region stem + level
// suffix, region + qualifier + institution suffix, surname + given name — and wrapped in the kind of
// crawler boilerplate real pages carry (navigation, 发布时间/来源 lines, share bars, related-news lists,
// editor and copyright lines). Output: one .txt per article and .jsonl files of records; the same
// --seed always gives the same corpus.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
};

// Characters that read naturally in place names; two of them make a region stem.
constexpr std::string_view kStemChars[] = {
    "安", "宁", "华", "云", "山", "平", "阳", "江", "河", "东", "西", "南", "北", "兴", "德", "丰", "泰", "康",
    "福", "龙", "凤", "清", "远", "和", "新", "永", "长", "昌", "川", "湖", "海", "桂", "溪", "源", "青", "石",
    "金", "林", "沙", "岭", "城", "水", "黎", "定", "武", "宜", "嘉", "盛", "临", "通", "秀", "乐", "崇", "庆"};
constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
    "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
    "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟",
    "欧阳", "司马"};
constexpr std::string_view kGivenChars[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
    "霞", "平", "刚", "桂", "英", "华", "建", "国", "志", "红", "文", "辉", "晓", "海", "燕", "鹏", "宇", "婷"};
constexpr std::string_view kHospitalKinds[] = {"人民医院", "中医医院", "妇幼保健院", "第一人民医院",
                                               "中心医院", "第二人民医院", "中西医结合医院"};
constexpr std::string_view kPrimaryKinds[] = {"卫生院", "中心卫生院", "社区卫生服务中心"};
constexpr std::string_view kDepartments[] = {"心内科", "神经外科", "儿科", "急诊科", "重症医学科",
                                             "妇产科", "骨科", "呼吸与危重症医学科", "影像科", "检验科"};
constexpr std::string_view kPosts[] = {"院长", "副院长", "执行院长", "党委书记", "科主任", "业务副院长"};
constexpr std::string_view kWhat[] = {"区域医疗中心", "胸痛中心", "卒中中心", "远程会诊中心",
                                      "临床重点专科", "创伤中心", "儿科联盟"};
constexpr std::string_view kFiller[] = {
    "会诊、查房、手术示教和业务讲座等工作有序推进。",
    "通过“传帮带”，当地医务人员的诊疗能力明显提升。",
    "帮扶以来，新技术、新项目陆续落地，群众在家门口就能看上好医生。",
    "下一步，双方将继续深化合作，推动优质医疗资源下沉。",
    "活动现场，专家们耐心解答群众咨询，发放健康宣传资料。",
    "据介绍，该院年门诊量较帮扶前增长三成以上。",
    "座谈会上，与会人员围绕学科建设、人才培养等议题进行了交流。",
    "当天还举行了授牌仪式。"};
constexpr std::string_view kSources[] = {"健康时报", "卫生健康委员会网站", "日报", "融媒体中心", "新闻网"};
constexpr std::string_view kNavs[] = {"首页 > 新闻中心 > 卫生要闻", "当前位置：首页 > 工作动态 > 基层卫生",
                                      "首页 | 机构概况 | 政务公开 | 办事服务 | 互动交流",
                                      "• 网站首页 • 新闻动态 • 通知公告 • 专题专栏"};

class Names {
 public:
  explicit Names(Rng& rng) : rng_(rng) {}
  std::string stem() { return std::string(rng_.pick(kStemChars)) + std::string(rng_.pick(kStemChars)); }
  std::string province() { return stem() + "省"; }
  std::string city() { return stem() + "市"; }
  std::string county() { return stem() + (rng_.chance(70) ? "县" : "区"); }
  std::string township() { return stem() + (rng_.chance(60) ? "镇" : "乡"); }
  std::string hospital() {
    switch (rng_.below(4)) {
      case 0: return province() + "人民医院";
      case 1: return stem() + "大学附属医院";
      case 2: return city() + std::string(rng_.pick(kHospitalKinds));
      default: return county() + std::string(rng_.pick(kHospitalKinds));
    }
  }
  std::string primary_care() { return township() + std::string(rng_.pick(kPrimaryKinds)); }
  std::string agency() {
    return rng_.chance(50) ? province() + "卫生健康委员会" : city() + "卫生健康局";
  }
  std::string consortium() { return rng_.chance(50) ? county() + "医共体" : city() + "紧密型医联体"; }
  std::string supporter() { return rng_.chance(30) ? province() : hospital(); }
  std::string person() {
    std::string p(rng_.pick(kSurnames));
    p += rng_.pick(kGivenChars);
    if (rng_.chance(70)) p += rng_.pick(kGivenChars);
    return p;
  }
  std::string amount() {
    auto n = rng_.below(900) + 10;
    return rng_.chance(50) ? std::to_string(n) + "万元" : std::to_string(1 + n / 100) + "." + std::to_string(n % 10) + "亿元";
  }
  std::string date() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "20%02zu-%02zu-%02zu", 18 + rng_.below(7), 1 + rng_.below(12), 1 + rng_.below(28));
    return buf;
  }

 private:
  Rng& rng_;
};

// One fact sentence; A is the article's main supporter and B its main beneficiary.
std::string fact(Rng& rng, Names& nm, const std::string& a, const std::string& b) {
  auto n = std::to_string(rng.below(30) + 2);
  switch (rng.below(14)) {
    case 0: return a + "对口帮扶" + b + "以来，先后派出" + n + "批专家驻点工作。";
    case 1: return "在" + a + "的帮扶下，" + b + "新开展技术项目" + n + "项。";
    case 2: return b + "接受" + a + "组团式帮扶，管理和服务水平明显提升。";
    case 3: return a + "全面托管" + b + "，实行人财物一体化管理。";
    case 4: return "根据省里安排，由" + a + "负责对接" + b + "。";
    case 5: return a + "与" + b + "合作共建" + std::string(rng.pick(kWhat)) + "，于今年正式揭牌。";
    case 6: return a + "选派" + n + "名骨干医生到" + b + "开展为期一年的帮扶工作。";
    case 7: return a + "派驻专家团队常驻" + b + "，开展" + std::string(rng.pick(kDepartments)) + "建设。";
    case 8: return "来自" + a + "的" + std::string(rng.pick(kDepartments)) + "专家" + nm.person() + "挂职担任" + b +
                   std::string(rng.pick(kPosts)) + "。";
    case 9: return nm.agency() + "安排专项资金" + nm.amount() + "支持" + b + "能力建设。";
    case 10: return a + "累计投入帮扶资金" + nm.amount() + "，用于" + b + "设备购置和人才培养。";
    case 11: return nm.primary_care() + "作为" + nm.consortium() + "成员单位，纳入统一管理。";
    case 12: return b + "加入" + nm.consortium() + "，共享检查检验结果。";
    default: return a + "与" + b + "签订结对帮扶协议，建立长效合作机制。";
  }
}

struct Article {
  std::string title, date, source, url, body;  // body: the page text as a crawler saves it
};

Article article(Rng& rng, Names& nm, std::uint64_t index) {
  Article art;
  std::string a = nm.supporter(), b = rng.chance(30) ? nm.county() + "人民医院" : nm.hospital();
  art.title = a + "组团式帮扶" + b + "成效显著";
  art.date = nm.date();
  art.source = nm.city() + std::string(rng.pick(kSources));
  art.url = "http://news.example.cn/" + std::to_string(index) + ".html";

  std::string& t = art.body;
  t += rng.pick(kNavs);
  t += "\n" + art.title + "\n发布时间：" + art.date + " 0" + std::to_string(rng.below(10)) + ":30  来源：" + art.source +
       "\n【字体：大 中 小】 打印本页 分享到：\n";
  std::size_t paragraphs = 3 + rng.below(5);
  for (std::size_t p = 0; p < paragraphs; ++p) {
    std::size_t sentences = 2 + rng.below(4);
    for (std::size_t s = 0; s < sentences; ++s)
      t += rng.chance(65) ? fact(rng, nm, a, b) : std::string(rng.pick(kFiller));
    t += "\n";
    if (rng.chance(15)) t += "图为专家在" + b + "开展义诊\n";  // image caption
  }
  t += "（记者 " + nm.person() + " 通讯员 " + nm.person() + "）\n责任编辑：" + nm.person() + "\n相关新闻\n";
  for (std::size_t r = 0, k = 2 + rng.below(4); r < k; ++r)
    t += nm.hospital() + "开展义诊活动 " + nm.date() + "\n";
  t += "版权所有 © " + art.source + " 未经授权禁止转载 备案号：京ICP备" + std::to_string(10000000 + rng.below(89999999)) +
       "号\n";
  return art;
}

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes N MB of synthetic support news (txt files and jsonl records) for the ingest benchmarks"};
  double mb = 10;
  std::string out, format = "both";
  std::uint64_t seed = 1;
  app.add_option("--mb", mb, "Megabytes of article text to write")->check(CLI::Range(0.001, 100000.0));
  app.add_option("--out", out, "Output folder (created if missing)")->required();
  app.add_option("--seed", seed, "Random seed; the same seed gives the same corpus");
  app.add_option("--format", format, "txt, jsonl or both (half the bytes each)")
      ->check(CLI::IsMember({"txt", "jsonl", "both"}));
  CLI11_PARSE(app, argc, argv);

  auto t0 = std::chrono::steady_clock::now();
  const auto target = static_cast<std::uint64_t>(mb * 1e6);
  const std::uint64_t jsonl_part = 4'000'000;  // bytes per .jsonl file
  std::uint64_t written = 0, txt_files = 0, records = 0, index = 0;
  try {
    Rng rng{seed};
    Names names(rng);
    fs::create_directories(out);
    std::ofstream jsonl;
    std::uint64_t jsonl_bytes = jsonl_part, jsonl_files = 0;
    while (written < target) {
      Article art = article(rng, names, index);
      bool as_txt = format == "txt" || (format == "both" && written < target / 2);
      if (as_txt) {
        // 1000 files per folder keeps directories listable.
        char name[64];
        std::snprintf(name, sizeof name, "txt/%03llu/news_%07llu.txt", (unsigned long long)(index / 1000),
                      (unsigned long long)index);
        fs::path path = fs::path(out) / name;
        if (index % 1000 == 0 || txt_files == 0) fs::create_directories(path.parent_path());
        std::string text = art.title + "\n" + art.body;
        write_file(path, text);
        written += text.size();
        ++txt_files;
      } else {
        if (jsonl_bytes >= jsonl_part) {
          jsonl.close();
          char name[64];
          std::snprintf(name, sizeof name, "jsonl/part_%04llu.jsonl", (unsigned long long)jsonl_files++);
          fs::create_directories(fs::path(out) / "jsonl");
          jsonl.open(fs::path(out) / name, std::ios::binary);
          jsonl_bytes = 0;
        }
        std::string rec = "{\"id\":\"rec_" + std::to_string(index) + "\",\"title\":\"" + json_escape(art.title) +
                          "\",\"date\":\"" + art.date + "\",\"source\":\"" + json_escape(art.source) +
                          "\",\"url\":\"" + art.url + "\",\"text\":\"" + json_escape(art.body) + "\"}\n";
        jsonl << rec;
        if (!jsonl) throw std::runtime_error("cannot write jsonl output under " + out);
        jsonl_bytes += rec.size();
        written += rec.size();
        ++records;
      }
      ++index;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_gen_corpus: %s\n", e.what());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("wrote %.1f MB: %llu articles (%llu txt files, %llu jsonl records) to %s in %.2f s (seed %llu)\n",
              written / 1e6, (unsigned long long)index, (unsigned long long)txt_files, (unsigned long long)records,
              out.c_str(), secs, (unsigned long long)seed);
  return 0;
}
