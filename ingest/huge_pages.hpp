// HugePageAllocator: a std::allocator for the few tables of several MB that every lookup probes at random
// (the word dictionary). Blocks of 2 MB and more are mapped on their own, 2 MB aligned, and marked for
// transparent huge pages: a probe then rarely misses the TLB, and filling the table at start-up takes a
// few page faults instead of thousands. Everything else stays on the ordinary heap in ordinary pages, so
// large graphs do not pay huge-page slack.
#pragma once
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

namespace bangfu::ingest {

template <class T>
class HugePageAllocator {
 public:
  using value_type = T;
  static constexpr std::size_t kHuge = std::size_t{2} << 20;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return std::allocator<T>().allocate(n);
    std::size_t size = round_up(bytes);
    // Map one huge page more than needed, then give back what lies outside the aligned range.
    void* raw = ::mmap(nullptr, size + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    auto start = reinterpret_cast<std::uintptr_t>(raw);
    std::uintptr_t aligned = (start + kHuge - 1) & ~(kHuge - 1);
    if (aligned > start) ::munmap(raw, aligned - start);
    std::size_t tail = start + size + kHuge - (aligned + size);
    if (tail > 0) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
    ::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // advice only: fine if refused
    return reinterpret_cast<T*>(aligned);
  }

  void deallocate(T* p, std::size_t n) noexcept {
    std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return std::allocator<T>().deallocate(p, n);
    ::munmap(p, round_up(bytes));
  }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }

 private:
  static std::size_t round_up(std::size_t bytes) { return (bytes + kHuge - 1) & ~(kHuge - 1); }
};

}  // namespace bangfu::ingest
