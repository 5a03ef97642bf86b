// Turning the raw bytes of a file into UTF-8: BOMs, GB18030/GBK/Big5 detection, binary files refused.
#pragma once
#include <string>
#include <string_view>

namespace bangfu::ingest {

struct Decoded {
  bool ok = false;
  std::string text;      // UTF-8, without BOM, when ok
  std::string encoding;  // what the bytes were read as, e.g. "UTF-8", "GB18030", "Big5"
  std::string error;     // why not ok, e.g. "binary or undecodable file skipped"
};

// `hint` is a charset the file itself declares (html <meta charset>), tried first when the bytes are not UTF-8.
Decoded decode_to_utf8(std::string_view bytes, std::string_view hint = {});
// The same, taking `bytes` as the text when they are UTF-8 already instead of copying them.
Decoded decode_owned_to_utf8(std::string&& bytes, std::string_view hint = {});

bool is_valid_utf8(std::string_view bytes);

}  // namespace bangfu::ingest
