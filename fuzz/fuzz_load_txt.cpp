// Fuzz target: the .txt document loader (encoding detection and conversion included). Any bytes must
// load or be reported as a LoadIssue, never crash.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_temp_file.hpp"
#include "ingest/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto path = bangfu::fuzz::write_temp("doc", ".txt", data, size);
  std::vector<bangfu::ingest::LoadIssue> issues;
  try {
    auto docs = bangfu::ingest::load_documents({path}, issues);
    (void)docs;
  } catch (const std::exception&) {
    // load_documents promises issues, not exceptions; a throw escaping it is a finding.
    __builtin_trap();
  }
  return 0;
}
