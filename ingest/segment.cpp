#include "ingest/segment.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <deque>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "ingest/utf8.hpp"

namespace bangfu::ingest {

namespace {

// POS tags live for the whole process so Token::pos never dangles, whatever happens to the Segmenter.
std::string_view intern_pos(std::string_view tag) {
  static std::mutex mutex;
  static std::deque<std::string> tags;
  std::lock_guard<std::mutex> lock(mutex);
  for (const auto& t : tags)
    if (t == tag) return t;
  return tags.emplace_back(tag);
}

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull, kFnvPrime = 1099511628211ull;

// 64-bit FNV-1a; keys are told apart by it alone (a collision among ~500k keys is vanishingly unlikely),
// so a probe never touches the key bytes.
std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = kFnvOffset;
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return h | 1u;  // 0 marks an empty slot
}

bool is_ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

// Open-addressing hash of every word and every prefix of a word (jieba's "prefix dict"): building the DAG
// of a sentence stops extending a candidate as soon as it is not a prefix of any word.
struct Segmenter::Dictionary {
  struct Slot {
    std::uint32_t offset = 0;  // key bytes in `arena`
    std::uint32_t freq = 0;
    float log_freq = 0;        // log(freq), so the route search does no logarithms
    std::uint8_t length = 0;
    std::uint8_t pos = 0;      // index into `tags`; 0: a prefix only, not a word
  };

  std::string arena;
  std::vector<std::uint64_t> hashes;  // probed alone: 8 bytes a slot keeps the probing in cache
  std::vector<Slot> slots;            // read only on a hit
  std::vector<std::string_view> tags{""};
  std::uint8_t last_tag = 0;
  std::size_t entries = 0, words = 0;
  double total = 0;          // sum of word frequencies
  double log_total = 0;

  // Entries of the single characters of the BMP's CJK blocks, the first lookup at every position.
  static constexpr char32_t kSingleBase = 0x3400, kSingleEnd = 0xA000;
  std::vector<const Slot*> singles;

  void index_singles() {
    singles.assign(kSingleEnd - kSingleBase, nullptr);
    std::string buffer;
    for (char32_t cp = kSingleBase; cp < kSingleEnd; ++cp) {
      buffer.clear();
      utf8::append(buffer, cp);
      singles[cp - kSingleBase] = find(buffer);
    }
  }

  const Slot* find(std::string_view word) const {
    if (word.size() > 255 || slots.empty()) return nullptr;
    return find_hashed(hash_bytes(word));
  }

  // One bit per hash (other bits of it than the table's index) of every entry: 256 KB that stay in
  // cache, where the table's 24 MB do not, and most probes are for text that is no entry.
  static constexpr std::size_t kFilterBits = std::size_t{1} << 21;
  std::vector<std::uint64_t> filter = std::vector<std::uint64_t>(kFilterBits / 64, 0);
  static std::size_t filter_bit(std::uint64_t h) { return (h >> 40) & (kFilterBits - 1); }

  const Slot* find_hashed(std::uint64_t h) const {
    std::size_t bit = filter_bit(h);
    if (!(filter[bit / 64] >> (bit % 64) & 1)) return nullptr;
    std::size_t mask = hashes.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (hashes[i] == h) return &slots[i];
      if (hashes[i] == 0) return nullptr;
    }
  }

  Slot& insert(std::uint32_t offset, std::uint8_t length) {
    return insert_hashed(offset, length, hash_bytes(std::string_view(arena).substr(offset, length)));
  }

  Slot& insert_hashed(std::uint32_t offset, std::uint8_t length, std::uint64_t h) {
    if ((entries + 1) * 10 > slots.size() * 7) grow();
    std::size_t mask = hashes.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (hashes[i] == h) return slots[i];
      if (hashes[i] == 0) {
        hashes[i] = h;
        std::size_t bit = filter_bit(h);
        filter[bit / 64] |= std::uint64_t{1} << (bit % 64);
        slots[i].offset = offset, slots[i].length = length;
        ++entries;
        return slots[i];
      }
    }
  }

  void grow() { reserve(slots.size() / 2 + 1); }

  std::uint8_t tag_index(std::string_view tag) {
    if (tag == tags[last_tag]) return last_tag;  // dictionaries come in runs of the same tag
    for (std::size_t i = 1; i < tags.size(); ++i)
      if (tags[i] == tag) return last_tag = static_cast<std::uint8_t>(i);
    if (tags.size() == 255) return static_cast<std::uint8_t>(tag_index("x"));
    tags.push_back(intern_pos(tag));
    return last_tag = static_cast<std::uint8_t>(tags.size() - 1);
  }

  // Sized once for the words and prefixes a file of `lines` lines brings, so loading never rehashes.
  void reserve(std::size_t lines) {
    std::size_t want = (entries + lines * 2) * 10 / 7 + 1;
    std::size_t size = 1u << 16;
    while (size < want) size <<= 1;
    if (size > slots.size()) {
      std::vector<Slot> old = std::move(slots);
      std::vector<std::uint64_t> old_hashes = std::move(hashes);
      slots.assign(size, Slot{});
      hashes.assign(size, 0);
      std::size_t mask = size - 1;
      for (std::size_t k = 0; k < old.size(); ++k) {
        if (old_hashes[k] == 0) continue;
        std::size_t i = old_hashes[k] & mask;
        while (hashes[i] != 0) i = (i + 1) & mask;
        hashes[i] = old_hashes[k];
        slots[i] = old[k];
      }
    }
  }

  // Adds the word at arena[offset, offset+length) and all its proper prefixes, hashing it once.
  void add(std::uint32_t offset, std::uint8_t length, std::uint32_t freq, std::string_view tag) {
    std::string_view word = std::string_view(arena).substr(offset, length);
    std::uint64_t h = kFnvOffset;
    for (std::size_t i = 0; i < word.size();) {
      std::size_t next = std::min(word.size(), i + utf8::seq_len(static_cast<unsigned char>(word[i])));
      for (; i < next; ++i) h = (h ^ static_cast<unsigned char>(word[i])) * kFnvPrime;
      if (i >= word.size()) break;
      insert_hashed(offset, static_cast<std::uint8_t>(i), h | 1u);
    }
    Slot& s = insert_hashed(offset, length, h | 1u);
    if (s.pos != 0) total -= s.freq; else ++words;
    s.freq = freq;
    s.log_freq = static_cast<float>(std::log(std::max<double>(freq, 1.0)));
    s.pos = tag_index(tag.empty() ? "x" : tag);
    total += freq;
  }

  // Best split of code points [0, n) of a run whose code point starts are `starts` (n+1 entries).
  void cut(std::string_view text, const std::vector<std::uint32_t>& starts, std::vector<Token>& out) const;
};

void Segmenter::Dictionary::cut(std::string_view text, const std::vector<std::uint32_t>& starts,
                                std::vector<Token>& out) const {
  const std::size_t n = starts.size() - 1;
  // route[i]: best log-probability of text from code point i to the end, and where the first word ends.
  thread_local std::vector<double> score;
  thread_local std::vector<std::uint32_t> next;
  thread_local std::vector<const Slot*> best_slot;
  score.assign(n + 1, 0.0);
  next.assign(n + 1, 0);
  best_slot.assign(n + 1, nullptr);
  for (std::size_t i = n; i-- > 0;) {
    double best = -1e300;
    std::size_t best_end = i + 1;
    const Slot* chosen = nullptr;
    std::uint64_t h = kFnvOffset;  // hash of the piece, extended a character at a time
    for (std::size_t j = i + 1; j <= n; ++j) {
      for (std::size_t b = starts[j - 1]; b < starts[j]; ++b) h = (h ^ static_cast<unsigned char>(text[b])) * kFnvPrime;
      const Slot* s;
      if (j == i + 1) {
        std::size_t k = starts[i];
        char32_t cp = utf8::next(text, k);
        s = cp >= kSingleBase && cp < kSingleEnd && !singles.empty() ? singles[cp - kSingleBase]
                                                                     : find(text.substr(starts[i], starts[j] - starts[i]));
      } else {
        if (starts[j] - starts[i] > 255) break;
        s = find_hashed(h | 1u);
        if (!s) break;
      }
      bool word = s && s->pos != 0;
      if (word || j == i + 1) {
        double p = (word ? double(s->log_freq) : 0.0) - log_total + score[j];
        if (p > best) best = p, best_end = j, chosen = word ? s : nullptr;
      }
      if (!s) break;
    }
    score[i] = best;
    next[i] = static_cast<std::uint32_t>(best_end);
    best_slot[i] = chosen;
  }
  static const std::string_view unknown = intern_pos("x");
  for (std::size_t i = 0; i < n;) {
    std::size_t j = next[i];
    if (best_slot[i] == nullptr) {
      // Characters the dictionary does not know stay together (names, rare terms).
      while (j < n && best_slot[j] == nullptr && next[j] == j + 1) j = next[j];
      out.push_back({starts[i], starts[j], unknown});
    } else {
      out.push_back({starts[i], starts[j], tags[best_slot[i]->pos]});
    }
    i = j;
  }
}

Segmenter::Segmenter(std::shared_ptr<const Dictionary> dict) : dict_(std::move(dict)) {}

namespace {

std::string read_all(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error(std::string(what) + " not found or unreadable: " + path);
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in) throw std::runtime_error(std::string("cannot read ") + what + ": " + path);
  return bytes;
}

// The fields of "word freq pos" (spaces or tabs); a fourth field only shows there are too many.
struct Fields {
  std::array<std::string_view, 4> at;
  std::size_t size = 0;
};

Fields fields(std::string_view line) {
  Fields out;
  std::size_t i = 0;
  while (i < line.size() && out.size < out.at.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > b) out.at[out.size++] = line.substr(b, i - b);
  }
  return out;
}

bool parse_freq(std::string_view s, std::uint32_t& freq) {
  if (s.empty() || s.size() > 9) return false;
  std::uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  freq = v;
  return true;
}

}  // namespace

Segmenter Segmenter::load(const std::string& path, const std::vector<std::string>& user_paths) {
  auto dict = std::make_shared<Dictionary>();
  dict->arena = read_all(path, "jieba dictionary");
  dict->reserve(static_cast<std::size_t>(std::count(dict->arena.begin(), dict->arena.end(), '\n')) + 1);
  // Reads the lines of arena[from, arena.size()); user words without a frequency are collected for later.
  struct Pending {
    std::uint32_t offset;
    std::uint8_t length;
    std::string tag;
  };
  auto parse = [&](std::size_t from, const std::string& file, bool user, std::vector<Pending>& pending) {
    std::size_t line_no = 0;
    const std::size_t size = dict->arena.size();
    for (std::size_t pos = from; pos < size;) {
      std::size_t nl = dict->arena.find('\n', pos);
      if (nl == std::string::npos) nl = size;
      std::string_view line = std::string_view(dict->arena).substr(pos, nl - pos);
      std::uint32_t offset = static_cast<std::uint32_t>(pos);
      pos = nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3), offset += 3;
      Fields fl = fields(line);
      const auto& f = fl.at;
      if (fl.size == 0 || f[0][0] == '#') continue;
      auto fail = [&](const std::string& what) {
        throw std::runtime_error(file + ":" + std::to_string(line_no) + ": " + what);
      };
      if (f[0].size() > 255) fail("word longer than 255 bytes");
      std::uint32_t freq = 0;
      bool has_freq = fl.size >= 2 && parse_freq(f[1], freq);
      if (fl.size >= 2 && !has_freq && !user) fail("frequency is not a number: " + std::string(f[1]));
      if (fl.size > 3 || (!user && fl.size < 2)) fail("expected: word freq [pos]");
      std::string_view tag = fl.size == 3 ? f[2] : (!has_freq && fl.size == 2 ? f[1] : std::string_view());
      offset += static_cast<std::uint32_t>(f[0].data() - line.data());
      auto length = static_cast<std::uint8_t>(f[0].size());
      if (user && !has_freq) {
        pending.push_back({offset, length, std::string(tag)});
        continue;
      }
      dict->add(offset, length, freq, tag);
    }
  };
  std::vector<Pending> pending;
  parse(0, path, false, pending);
  if (dict->words == 0) throw std::runtime_error("jieba dictionary has no words: " + path);
  for (const auto& user : user_paths) {
    std::size_t from = dict->arena.size();
    dict->arena += read_all(user, "user dictionary");
    dict->arena += '\n';
    dict->reserve(static_cast<std::size_t>(std::count(dict->arena.begin() + static_cast<std::ptrdiff_t>(from), dict->arena.end(), '\n')));
    parse(from, user, true, pending);
  }
  dict->log_total = std::log(dict->total);
  // A user word without frequency: just more likely than the best split of it, as jieba's suggest_freq.
  for (const auto& p : pending) {
    std::string_view word = std::string_view(dict->arena).substr(p.offset, p.length);
    std::vector<Token> parts;
    Segmenter(dict).segment(word, parts);
    double prob = 1.0;
    for (const auto& t : parts) {
      const auto* s = dict->find(word.substr(t.begin, t.end - t.begin));
      prob *= (s && s->pos ? double(s->freq) : 1.0) / dict->total;
    }
    const auto* existing = dict->find(word);
    auto freq = static_cast<std::uint32_t>(std::max(prob * dict->total + 1.0, existing && existing->pos ? double(existing->freq) : 1.0));
    dict->add(p.offset, p.length, freq, p.tag.empty() ? std::string_view("n") : std::string_view(p.tag));
    dict->log_total = std::log(dict->total);
  }
  dict->index_singles();
  return Segmenter(dict);
}

std::vector<Token> Segmenter::segment(std::string_view text) const {
  std::vector<Token> out;
  out.reserve(text.size() / 4);
  segment(text, out);
  return out;
}

void Segmenter::segment(std::string_view text, std::vector<Token>& out) const {
  static const std::string_view number = intern_pos("m"), english = intern_pos("eng"), other = intern_pos("x");
  thread_local std::vector<std::uint32_t> starts;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t b = i;
    char32_t cp = utf8::next(text, i);
    if (utf8::is_cjk(cp)) {
      starts.clear();
      starts.push_back(static_cast<std::uint32_t>(b));
      std::size_t e = i;
      while (true) {
        starts.push_back(static_cast<std::uint32_t>(e));
        if (e >= text.size()) break;
        std::size_t probe = e;
        if (!utf8::is_cjk(utf8::next(text, probe))) break;
        e = probe;
      }
      dict_->cut(text, starts, out);
      i = e;
    } else if (cp < 0x80 && is_ascii_alnum(static_cast<char>(cp))) {
      bool digits = std::isdigit(static_cast<unsigned char>(cp)) != 0;
      while (i < text.size()) {
        char c = text[i];
        bool inner = (c == '.' || c == ',') && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
                     std::isdigit(static_cast<unsigned char>(text[i - 1]));
        if (is_ascii_alnum(c) || inner) {
          digits = digits && (inner || std::isdigit(static_cast<unsigned char>(c)));
          ++i;
        } else if (c == '%' && digits) {
          ++i;
          break;
        } else {
          break;
        }
      }
      out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i), digits ? number : english});
    } else if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000) {
      continue;
    } else {
      out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i), other});
    }
  }
}

std::optional<Segmenter::Entry> Segmenter::lookup(std::string_view word) const {
  const auto* s = dict_->find(word);
  if (!s || s->pos == 0) return std::nullopt;
  return Entry{s->freq, dict_->tags[s->pos]};
}

std::optional<Segmenter::Word> Segmenter::longest_word(std::string_view text, std::size_t min_chars,
                                                      std::size_t max_chars) const {
  std::optional<Word> best;
  if (dict_->slots.empty()) return best;
  std::uint64_t h = kFnvOffset;
  std::size_t i = 0;
  for (std::size_t chars = 1; i < text.size() && chars <= max_chars && i < 255; ++chars) {
    std::size_t next = std::min(text.size(), i + utf8::seq_len(static_cast<unsigned char>(text[i])));
    for (; i < next; ++i) h = (h ^ static_cast<unsigned char>(text[i])) * kFnvPrime;
    const auto* s = dict_->find_hashed(h | 1u);
    if (!s) break;
    if (s->pos != 0 && chars >= min_chars) best = Word{i, Entry{s->freq, dict_->tags[s->pos]}};
  }
  return best;
}

bool Segmenter::contains(std::string_view word) const {
  const auto* s = dict_->find(word);
  return s && s->pos != 0;
}

std::uint32_t Segmenter::frequency(std::string_view word) const {
  const auto* s = dict_->find(word);
  return s && s->pos != 0 ? s->freq : 0;
}

std::string_view Segmenter::pos_of(std::string_view word) const {
  const auto* s = dict_->find(word);
  return s && s->pos != 0 ? dict_->tags[s->pos] : std::string_view();
}

std::size_t Segmenter::size() const { return dict_->words; }

}  // namespace bangfu::ingest
