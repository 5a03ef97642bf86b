// Fuzz target: the query grammar. Any text must parse or give a QueryError, never crash or recurse
// without bound; what parses must also bind (or give a QueryError).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "query/engine.hpp"
#include "query/parser.hpp"
#include "query/plan_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    bangfu::query::parse(text);
    bangfu::query::prepare(text);
  } catch (const bangfu::query::QueryError&) {
  }
  return 0;
}
