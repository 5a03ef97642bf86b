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

#include "ingest/huge_pages.hpp"
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
  // All the route search reads of an entry, next to the hash it is found by: a hit costs one cache line
  // of the 16 MB table, not one in an array of hashes and another in an array of entries.
  struct Cell {
    std::uint64_t hash = 0;  // 0: an empty cell
    float log_freq = 0;      // log(freq), so the route search does no logarithms
    std::uint8_t pos = 0;    // index into `tags`; 0: a prefix only, not a word
  };
  static_assert(sizeof(Cell) == 16);

  std::string arena;
  std::vector<Cell, HugePageAllocator<Cell>> cells;
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> freqs;  // parallel to `cells`; read only by
                                                                        // lookups, so kept out of the cells
  std::vector<std::string_view> tags{""};
  std::uint8_t last_tag = 0;
  std::size_t entries = 0, words = 0;
  double total = 0;          // sum of word frequencies
  double log_total = 0;

  // The single characters of the BMP's CJK blocks, the first lookup at every position: 8 bytes each,
  // 216 KB that mostly stay in cache.
  struct Single {
    float log_freq = 0;
    std::uint8_t pos = 0;      // 0: no word
    bool known = false;        // a word or a prefix of one
  };
  static constexpr char32_t kSingleBase = 0x3400, kSingleEnd = 0xA000;
  std::vector<Single> singles;  // empty until loading is done

  void index_singles() {
    singles.assign(kSingleEnd - kSingleBase, Single{});
    std::string buffer;
    for (char32_t cp = kSingleBase; cp < kSingleEnd; ++cp) {
      buffer.clear();
      utf8::append(buffer, cp);
      if (const Cell* c = find(buffer)) singles[cp - kSingleBase] = Single{c->log_freq, c->pos, true};
    }
  }

  const Cell* find(std::string_view word) const {
    if (word.size() > 255 || cells.empty()) return nullptr;
    return find_hashed(hash_bytes(word));
  }
  std::uint32_t freq_of(const Cell* c) const { return freqs[static_cast<std::size_t>(c - cells.data())]; }

  // One bit per hash (other bits of it than the table's index) of every entry: 256 KB that stay in
  // cache, where the table's 16 MB do not, and most probes are for text that is no entry.
  static constexpr std::size_t kFilterBits = std::size_t{1} << 21;
  std::vector<std::uint64_t> filter = std::vector<std::uint64_t>(kFilterBits / 64, 0);
  static std::size_t filter_bit(std::uint64_t h) { return (h >> 40) & (kFilterBits - 1); }
  bool may_hold(std::uint64_t h) const {
    std::size_t bit = filter_bit(h);
    return filter[bit / 64] >> (bit % 64) & 1;
  }

  const Cell* find_hashed(std::uint64_t h) const { return may_hold(h) ? probe(h) : nullptr; }

  // The cell of `h` past the filter.
  const Cell* probe(std::uint64_t h) const {
    std::size_t mask = cells.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (cells[i].hash == h) return &cells[i];
      if (cells[i].hash == 0) return nullptr;
    }
  }

  std::size_t insert_hashed(std::uint64_t h) {
    if ((entries + 1) * 10 > cells.size() * 7) grow();
    std::size_t mask = cells.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (cells[i].hash == h) return i;
      if (cells[i].hash == 0) {
        cells[i].hash = h;
        std::size_t bit = filter_bit(h);
        filter[bit / 64] |= std::uint64_t{1} << (bit % 64);
        ++entries;
        return i;
      }
    }
  }

  void grow() { reserve(cells.size() / 2 + 1); }

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
    if (size > cells.size()) {
      auto old = std::move(cells);
      auto old_freqs = std::move(freqs);
      cells.assign(size, Cell{});
      freqs.assign(size, 0);
      std::size_t mask = size - 1;
      for (std::size_t k = 0; k < old.size(); ++k) {
        if (old[k].hash == 0) continue;
        std::size_t i = old[k].hash & mask;
        while (cells[i].hash != 0) i = (i + 1) & mask;
        cells[i] = old[k];
        freqs[i] = old_freqs[k];
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
      insert_hashed(h | 1u);
    }
    std::size_t at = insert_hashed(h | 1u);
    Cell& c = cells[at];
    if (c.pos != 0) total -= freqs[at]; else ++words;
    freqs[at] = freq;
    c.log_freq = static_cast<float>(std::log(std::max<double>(freq, 1.0)));
    c.pos = tag_index(tag.empty() ? "x" : tag);
    total += freq;
  }

  // A run of CJK characters: where each starts (one more entry: where the run ends) and what it is.
  struct Run {
    std::vector<std::uint32_t> starts;
    std::vector<char32_t> cps;
  };
  // Best split of a run of `text`.
  void cut(std::string_view text, const Run& run, std::vector<Token>& out) const;

 private:
  struct Scratch;
  // FNV-1a over text[b, e), one character of a run: three bytes but for the rare supplementary ones.
  [[gnu::always_inline]] static std::uint64_t extend(std::uint64_t h, std::string_view text, std::uint32_t b, std::uint32_t e) {
    auto byte = [&](std::uint32_t k) { return static_cast<unsigned char>(text[k]); };
    if (e - b == 3) return (((((h ^ byte(b)) * kFnvPrime) ^ byte(b + 1)) * kFnvPrime) ^ byte(b + 2)) * kFnvPrime;
    for (; b < e; ++b) h = (h ^ byte(b)) * kFnvPrime;
    return h;
  }
  [[gnu::always_inline]] Single single(std::string_view text, const Run& run, std::size_t i) const;
  void pair_hashes(std::string_view text, const Run& run, Scratch& scratch) const;
  void best_route(std::string_view text, const Run& run, Scratch& scratch) const;
  void emit(const Run& run, const Scratch& scratch, std::vector<Token>& out) const;
};

// Per-thread storage of the route search, grown to the longest run seen and never cleared: every cell a
// run reads is written first.
struct Segmenter::Dictionary::Scratch {
  std::vector<std::uint64_t> pair;  // pair[i]: FNV-1a state after characters i and i+1
  std::vector<double> score;        // score[i]: best log-probability of the text from character i to the end
  std::vector<std::uint32_t> next;  // next[i]: where the first word of that route ends
  std::vector<std::uint8_t> tag;    // tag[i]: its tag, 0 when it is no dictionary word
  void fit(std::size_t n) {
    if (score.size() > n) return;
    pair.resize(n + 1), score.resize(n + 1), next.resize(n + 1), tag.resize(n + 1);
  }
};

inline Segmenter::Dictionary::Single Segmenter::Dictionary::single(std::string_view text, const Run& run, std::size_t i) const {
  std::size_t k = run.cps[i] - kSingleBase;  // wraps below the base
  if (k < singles.size()) return singles[k];
  const Cell* c = find(text.substr(run.starts[i], run.starts[i + 1] - run.starts[i]));
  return c ? Single{c->log_freq, c->pos, true} : Single{};
}

// Hashes every two-character piece up front, in a loop without branches on the dictionary: interleaved
// with the probes of the route search, the multiplications of the hash had waited on their branches.
// (Prefetching the cells here made it slower: the table mostly stays in the last-level cache.)
void Segmenter::Dictionary::pair_hashes(std::string_view text, const Run& run, Scratch& scratch) const {
  const std::size_t n = run.cps.size();
  for (std::size_t i = 0; i + 1 < n; ++i)
    scratch.pair[i] = extend(extend(kFnvOffset, text, run.starts[i], run.starts[i + 1]), text, run.starts[i + 1], run.starts[i + 2]);
}

void Segmenter::Dictionary::best_route(std::string_view text, const Run& run, Scratch& scratch) const {
  const std::size_t n = run.cps.size();
  const auto& starts = run.starts;
  scratch.score[n] = 0.0;
  for (std::size_t i = n; i-- > 0;) {
    Single one = single(text, run, i);
    double best = (one.pos != 0 ? double(one.log_freq) : 0.0) - log_total + scratch.score[i + 1];
    std::size_t best_end = i + 1;
    std::uint8_t tag = one.pos;
    if (one.known) {
      std::uint64_t h = scratch.pair[i];  // extended a character at a time
      for (std::size_t j = i + 2; j <= n; ++j) {
        if (j > i + 2) h = extend(h, text, starts[j - 1], starts[j]);
        if (j - i >= 64 && starts[j] - starts[i] > 255) break;  // 63 characters take at most 252 bytes
        const Cell* c = find_hashed(h | 1u);
        if (!c) break;
        if (c->pos != 0) {
          double p = double(c->log_freq) - log_total + scratch.score[j];
          if (p > best) best = p, best_end = j, tag = c->pos;
        }
      }
    }
    scratch.score[i] = best;
    scratch.next[i] = static_cast<std::uint32_t>(best_end);
    scratch.tag[i] = tag;
  }
}

void Segmenter::Dictionary::emit(const Run& run, const Scratch& scratch, std::vector<Token>& out) const {
  static const std::string_view unknown = intern_pos("x");
  const std::size_t n = run.cps.size();
  for (std::size_t i = 0; i < n;) {
    std::size_t j = scratch.next[i];
    if (scratch.tag[i] == 0) {
      // Characters the dictionary does not know stay together (names, rare terms).
      while (j < n && scratch.tag[j] == 0 && scratch.next[j] == j + 1) j = scratch.next[j];
      out.push_back({run.starts[i], run.starts[j], unknown});
    } else {
      out.push_back({run.starts[i], run.starts[j], tags[scratch.tag[i]]});
    }
    i = j;
  }
}

void Segmenter::Dictionary::cut(std::string_view text, const Run& run, std::vector<Token>& out) const {
  thread_local Scratch scratch;
  scratch.fit(run.cps.size());
  pair_hashes(text, run, scratch);
  best_route(text, run, scratch);
  emit(run, scratch, out);
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
      prob *= (s && s->pos ? double(dict->freq_of(s)) : 1.0) / dict->total;
    }
    const auto* existing = dict->find(word);
    auto freq = static_cast<std::uint32_t>(std::max(prob * dict->total + 1.0, existing && existing->pos ? double(dict->freq_of(existing)) : 1.0));
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
  thread_local Dictionary::Run run;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t b = i;
    char32_t cp = utf8::next(text, i);
    if (utf8::is_cjk(cp)) {
      // Each character decoded once: the route search reads the code points from here.
      run.starts.clear(), run.cps.clear();
      run.starts.push_back(static_cast<std::uint32_t>(b)), run.cps.push_back(cp);
      while (i < text.size()) {
        std::size_t probe = i;
        char32_t c = utf8::next(text, probe);
        if (!utf8::is_cjk(c)) break;
        run.starts.push_back(static_cast<std::uint32_t>(i)), run.cps.push_back(c);
        i = probe;
      }
      run.starts.push_back(static_cast<std::uint32_t>(i));
      dict_->cut(text, run, out);
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
  return Entry{dict_->freq_of(s), dict_->tags[s->pos]};
}

std::optional<Segmenter::Word> Segmenter::longest_word(std::string_view text, std::size_t min_chars,
                                                      std::size_t max_chars) const {
  std::optional<Word> best;
  if (dict_->cells.empty()) return best;
  std::uint64_t h = kFnvOffset;
  std::size_t i = 0;
  for (std::size_t chars = 1; i < text.size() && chars <= max_chars && i < 255; ++chars) {
    std::size_t next = std::min(text.size(), i + utf8::seq_len(static_cast<unsigned char>(text[i])));
    for (; i < next; ++i) h = (h ^ static_cast<unsigned char>(text[i])) * kFnvPrime;
    const auto* s = dict_->find_hashed(h | 1u);
    if (!s) break;
    if (s->pos != 0 && chars >= min_chars) best = Word{i, Entry{dict_->freq_of(s), dict_->tags[s->pos]}};
  }
  return best;
}

bool Segmenter::contains(std::string_view word) const {
  const auto* s = dict_->find(word);
  return s && s->pos != 0;
}

std::uint32_t Segmenter::frequency(std::string_view word) const {
  const auto* s = dict_->find(word);
  return s && s->pos != 0 ? dict_->freq_of(s) : 0;
}

std::string_view Segmenter::pos_of(std::string_view word) const {
  const auto* s = dict_->find(word);
  return s && s->pos != 0 ? dict_->tags[s->pos] : std::string_view();
}

std::size_t Segmenter::size() const { return dict_->words; }

}  // namespace bangfu::ingest
