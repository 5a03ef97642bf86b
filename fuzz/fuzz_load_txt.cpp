// Fuzz target: the .txt document loader (encoding detection and conversion included). Any bytes must
// load or be reported as a LoadIssue, never crash.
#include "fuzz_load_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return bangfu::fuzz::load_document(".txt", data, size);
}
