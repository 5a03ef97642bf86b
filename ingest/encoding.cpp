#include "ingest/encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <vector>

namespace bangfu::ingest {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr const char* kUndecodable = "binary or undecodable file skipped";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Strict conversion: any illegal or unmappable sequence makes it fail, so a wrong guess is noticed.
bool convert(std::string_view bytes, const char* charset, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &status), ucnv_close);
  if (U_FAILURE(status)) return false;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(ucnv_open("UTF-8", &status), ucnv_close);
  if (U_FAILURE(status)) return false;
  out.assign(bytes.size() * 2 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8.get(), conv.get(), &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<std::size_t>(target - out.data()));
  return true;
}

// Control characters other than tab/newline/form feed are a sign of a binary file, not of text.
bool looks_binary(std::string_view text) {
  std::size_t controls = 0;
  for (unsigned char c : text) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++controls;
  }
  return controls > text.size() / 100 + 2;
}

std::string canonical_charset(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "gbk" || lower == "gb2312" || lower == "gb18030" || lower == "x-gbk" || lower == "cp936")
    return "GB18030";  // a superset of both, so one converter reads all three
  if (lower == "big5" || lower == "big5-hkscs" || lower == "x-big5") return "Big5";
  if (lower == "utf-8" || lower == "utf8") return "UTF-8";
  return std::string(name);
}

// Share of the decoded text that is common CJK or ASCII: wrong guesses produce rare or private-use characters.
double plausibility(std::string_view utf8_text) {
  std::size_t good = 0, total = 0;
  for (std::size_t i = 0; i < utf8_text.size();) {
    unsigned char c = static_cast<unsigned char>(utf8_text[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    char32_t cp = c < 0x80 ? c : 0;
    if (n == 3 && i + 2 < utf8_text.size())
      cp = ((c & 0x0F) << 12) | ((utf8_text[i + 1] & 0x3F) << 6) | (utf8_text[i + 2] & 0x3F);
    ++total;
    if (cp < 0x80 || (cp >= 0x4E00 && cp <= 0x9FA5) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x2010 && cp <= 0x2027))
      ++good;
    i += n;
  }
  return total ? double(good) / double(total) : 0.0;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    char32_t cp;
    if ((c >> 5) == 0x6) len = 2, cp = c & 0x1F;
    else if ((c >> 4) == 0xE) len = 3, cp = c & 0x0F;
    else if ((c >> 3) == 0x1E) len = 4, cp = c & 0x07;
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
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

Decoded decode_to_utf8(std::string_view bytes, std::string_view hint) {
  Decoded result;
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
    const char* charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    if (convert(bytes.substr(2), charset, result.text) && !looks_binary(result.text)) {
      result.ok = true;
      result.encoding = charset;
    } else {
      result.error = kUndecodable;
    }
    return result;
  }
  if (starts_with(bytes, kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  if (looks_binary(bytes)) {
    result.error = kUndecodable;
    return result;
  }
  if (is_valid_utf8(bytes)) {
    result.ok = true;
    result.encoding = "UTF-8";
    result.text.assign(bytes);
    return result;
  }

  // Candidates in order: the declared charset, what ICU's detector proposes, then the Chinese legacy charsets.
  std::vector<std::string> candidates;
  if (!hint.empty()) candidates.push_back(canonical_charset(hint));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status), ucsdet_close);
  if (U_SUCCESS(status)) {
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20)),
                   &status);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
    for (int32_t i = 0; U_SUCCESS(status) && i < count; ++i) {
      std::string name = canonical_charset(ucsdet_getName(matches[i], &status));
      if (name == "GB18030" || name == "Big5") candidates.push_back(name);
    }
  }
  candidates.push_back("GB18030");
  candidates.push_back("Big5");

  // Big5 and GBK byte ranges overlap; keep the reading that looks most like Chinese text.
  double best = -1.0;
  std::string text;
  for (const auto& charset : candidates) {
    if (!convert(bytes, charset.c_str(), text) || looks_binary(text)) continue;
    double score = plausibility(text);
    if (score > best + 0.02) {
      best = score;
      result.text = std::move(text);
      result.encoding = charset;
    }
  }
  if (best < 0.6) {
    result.text.clear();
    result.error = kUndecodable;
    return result;
  }
  result.ok = true;
  return result;
}

}  // namespace bangfu::ingest
