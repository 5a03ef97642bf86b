// A scratch file per fuzzing process, for the loaders that only read from paths.
#pragma once
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace bangfu::fuzz {

// Writes `size` bytes to <tmp>/bangfu-fuzz-<pid>-<tag><ext> and returns the path; the file is reused.
inline std::string write_temp(const char* tag, const char* ext, const std::uint8_t* data, std::size_t size) {
  static const std::string dir = std::filesystem::temp_directory_path().string();
  std::string path = dir + "/bangfu-fuzz-" + std::to_string(::getpid()) + "-" + tag + ext;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace bangfu::fuzz
