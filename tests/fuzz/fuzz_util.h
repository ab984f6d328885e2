// Shared by the libFuzzer harnesses: a check that stops the run (libFuzzer then keeps the input as a crash), and the
// multi-file input of the harnesses whose parser takes several files at once.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

// A consistency check on what a parser accepted; unlike assert() it also holds in builds with NDEBUG.
#define FUZZ_CHECK(cond)                                                               \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

namespace hebblab::fuzz {

// One input, several files: the head (a job's kind and configuration, or the first file), then each part after a
// line "@@file NAME". A text separator keeps the seeds readable (tests/fuzz/pack.py writes them) while libFuzzer's
// byte mutations still reach every part.
struct Part {
  std::string name;
  Bytes bytes;
};
inline std::vector<Part> split_parts(const uint8_t* data, size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kSeparator = "\n@@file ";
  std::vector<Part> parts;
  std::string name;
  size_t begin = 0;
  while (true) {
    const size_t at = all.find(kSeparator, begin);
    const std::string_view body = all.substr(begin, at == std::string_view::npos ? std::string_view::npos : at - begin);
    parts.push_back({name, to_bytes(body)});
    if (at == std::string_view::npos) return parts;
    const size_t name_begin = at + kSeparator.size();
    const size_t name_end = std::min(all.find('\n', name_begin), all.size());
    name = std::string(all.substr(name_begin, name_end - name_begin));
    begin = std::min(name_end + 1, all.size());
  }
}

}  // namespace hebblab::fuzz
