// The body every document-loader fuzz target shares: the input becomes a file with the loader's extension,
// and load_documents must load it or report a LoadIssue, never crash or throw.
#pragma once
#include <cstddef>
#include <cstdint>
#include <exception>
#include <vector>

#include "fuzz_temp_file.hpp"
#include "ingest/load.hpp"

namespace bangfu::fuzz {

inline int load_document(const char* extension, const std::uint8_t* data, std::size_t size) {
  auto path = write_temp("doc", extension, data, size);
  std::vector<ingest::LoadIssue> issues;
  try {
    auto docs = ingest::load_documents({path}, issues);
    (void)docs;
  } catch (const std::exception&) {
    // load_documents promises issues, not exceptions; a throw escaping it is a finding.
    __builtin_trap();
  }
  return 0;
}

}  // namespace bangfu::fuzz
