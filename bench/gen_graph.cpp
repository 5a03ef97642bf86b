// bench_gen_graph: writes a synthetic power-law support graph as nodes.csv / edges.csv (the import format).
//
// Sources and destinations are drawn from two Zipf laws over two independent random orderings of the
// nodes, so a few nodes receive and send many edges (as provincial hospitals do) while the node named
// n0 is an ordinary node. Output is deterministic for a given --seed, independent of the C++ library.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "graph/schema.hpp"

namespace {

using bangfu::graph::EntityType;
using bangfu::graph::RelType;

// splitmix64: tiny, fast and the same everywhere, unlike std:: distributions.
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
};

// Rank-to-node Zipf sampler: P(rank k) ∝ 1/(k+1)^s, ranks mapped to nodes by a random permutation.
class ZipfNodes {
 public:
  ZipfNodes(std::uint32_t n, double s, Rng& rng) : cdf_(n), node_of_rank_(n) {
    double sum = 0;
    for (std::uint32_t k = 0; k < n; ++k) {
      sum += 1.0 / std::pow(k + 1.0, s);
      cdf_[k] = sum;
    }
    for (auto& c : cdf_) c /= sum;
    for (std::uint32_t i = 0; i < n; ++i) node_of_rank_[i] = i;
    for (std::uint32_t i = n; i > 1; --i) std::swap(node_of_rank_[i - 1], node_of_rank_[rng.below(i)]);
  }
  std::uint32_t draw(Rng& rng) const {
    auto k = std::upper_bound(cdf_.begin(), cdf_.end(), rng.uniform()) - cdf_.begin();
    if (k >= static_cast<std::ptrdiff_t>(cdf_.size())) k = cdf_.size() - 1;
    return node_of_rank_[k];
  }

 private:
  std::vector<double> cdf_;
  std::vector<std::uint32_t> node_of_rank_;
};

// Relation mix, roughly as support news reads: mostly support, dispatch and membership.
struct Weighted {
  RelType rel;
  double weight;
};
constexpr Weighted kRelMix[] = {
    {RelType::supports, 0.30},   {RelType::co_builds, 0.10},  {RelType::funds, 0.08},
    {RelType::dispatches, 0.12}, {RelType::serves_as, 0.08},  {RelType::works_for, 0.08},
    {RelType::member_of, 0.10},  {RelType::located_in, 0.08}, {RelType::partners_with, 0.06}};

struct WeightedType {
  EntityType type;
  double weight;
};
constexpr WeightedType kTypeMix[] = {
    {EntityType::Hospital, 0.30}, {EntityType::Person, 0.20},      {EntityType::PrimaryCare, 0.12},
    {EntityType::County, 0.10},   {EntityType::Agency, 0.08},      {EntityType::City, 0.06},
    {EntityType::Township, 0.04}, {EntityType::University, 0.03},  {EntityType::Consortium, 0.03},
    {EntityType::Province, 0.01}, {EntityType::Organization, 0.02}, {EntityType::Village, 0.01}};

template <class Table>
auto pick(const Table& table, Rng& rng) {
  double total = 0;
  for (const auto& w : table) total += w.weight;
  double x = rng.uniform() * total;
  for (const auto& w : table) {
    if (x < w.weight) return w;
    x -= w.weight;
  }
  return table[std::size(table) - 1];
}

// Buffered writer: the CSVs of a 10M-edge graph are written in a few seconds.
class Out {
 public:
  explicit Out(const std::filesystem::path& path) : f_(std::fopen(path.c_str(), "wb"), &std::fclose) {
    if (!f_) throw std::runtime_error("cannot write " + path.string());
    buf_.reserve(kChunk + 256);
  }
  ~Out() { flush(); }
  void put(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kChunk) flush();
  }
  void put(std::uint64_t n) {
    char tmp[24];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, n);
    put(std::string_view(tmp, r.ptr - tmp));
  }
  void flush() {
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_.get()) != buf_.size())
      throw std::runtime_error("write failed (disk full?)");
    buf_.clear();
  }

 private:
  static constexpr std::size_t kChunk = 1 << 20;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f_;
  std::string buf_;
};

struct EdgeRow {
  std::uint32_t src, dst;
  std::uint8_t rel;
  auto key() const { return std::tuple(src, dst, rel); }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes a synthetic power-law graph (nodes.csv, edges.csv) for `bangfu import` and the benchmarks"};
  std::uint64_t nodes = 100'000, edges = 1'000'000, seed = 1;
  double zipf_out = 0.6, zipf_in = 0.9;
  std::string out;
  app.add_option("--nodes", nodes, "Number of nodes, named n0..nN-1")->check(CLI::Range(2ull, 4'000'000'000ull));
  app.add_option("--edges", edges, "Number of distinct (src, dst, rel) edges")->check(CLI::Range(1ull, 4'000'000'000ull));
  app.add_option("--out", out, "Output folder (created if missing)")->required();
  app.add_option("--seed", seed, "Random seed; the same seed gives the same files");
  app.add_option("--zipf-out", zipf_out, "Zipf exponent of out-degrees (0 = uniform)");
  app.add_option("--zipf-in", zipf_in, "Zipf exponent of in-degrees (0 = uniform)");
  CLI11_PARSE(app, argc, argv);

  const std::uint64_t max_edges = nodes * (nodes - 1) * std::size(kRelMix) / 2;
  if (edges > max_edges) {
    std::fprintf(stderr, "bench_gen_graph: %llu edges do not fit between %llu nodes\n",
                 (unsigned long long)edges, (unsigned long long)nodes);
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  try {
    std::filesystem::create_directories(out);
    Rng rng{seed};
    auto n = static_cast<std::uint32_t>(nodes);
    ZipfNodes sources(n, zipf_out, rng), targets(n, zipf_in, rng);

    // Draw, drop self-loops and repeats, top up until the count is reached.
    std::vector<EdgeRow> rows;
    rows.reserve(edges);
    while (rows.size() < edges) {
      while (rows.size() < edges) {
        EdgeRow r{sources.draw(rng), targets.draw(rng), static_cast<std::uint8_t>(pick(kRelMix, rng).rel)};
        if (r.src != r.dst) rows.push_back(r);
      }
      std::sort(rows.begin(), rows.end(), [](const EdgeRow& a, const EdgeRow& b) { return a.key() < b.key(); });
      rows.erase(std::unique(rows.begin(), rows.end(), [](const EdgeRow& a, const EdgeRow& b) { return a.key() == b.key(); }),
                 rows.end());
    }

    {
      Out f(std::filesystem::path(out) / "nodes.csv");
      f.put("id,name,type\n");
      for (std::uint32_t i = 0; i < n; ++i) {
        f.put(i);
        f.put(",n");
        f.put(i);
        f.put(",");
        f.put(bangfu::graph::to_string(pick(kTypeMix, rng).type));
        f.put("\n");
      }
    }
    {
      Out f(std::filesystem::path(out) / "edges.csv");
      f.put("src,dst,rel\n");
      for (const auto& r : rows) {
        f.put(r.src);
        f.put(",");
        f.put(r.dst);
        f.put(",");
        f.put(bangfu::graph::to_string(static_cast<RelType>(r.rel)));
        f.put("\n");
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_gen_graph: %s\n", e.what());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("wrote %llu nodes, %llu edges to %s in %.2f s (seed %llu, zipf out %.2f in %.2f)\n",
              (unsigned long long)nodes, (unsigned long long)edges, out.c_str(), secs,
              (unsigned long long)seed, zipf_out, zipf_in);
  return 0;
}
