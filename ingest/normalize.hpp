// Normalizing article text for matching: NFKC, Traditional→Simplified, tidy whitespace, offsets kept.
#pragma once
#include <string_view>

#include "ingest/document.hpp"

namespace bangfu::ingest {

// NFKC (full-width letters, digits and punctuation become ASCII: ，→, （→( ：→:), then Traditional →
// Simplified by OpenCC's t2s dictionaries on runs of Chinese that hold a character t2s changes. Runs of spaces/tabs collapse to one space, spaces at line
// ends go, CR LF becomes LF, control and zero-width characters go. Every output byte maps back to the byte
// offset of the source character it came from. Thread-safe; the first call reads the tables (tens of ms).
NormalizedText normalize(std::string_view source);

// Just the normalized string, e.g. for comparing names the way the scorer does.
std::string normalize_string(std::string_view source);

}  // namespace bangfu::ingest
