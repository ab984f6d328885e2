// What the subcommands share: the error exit, numbers from options, and reading whole files (the CLI owns files;
// the core only sees their bytes).
#pragma once
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace hebblab {

constexpr int kBadInput = 2;

// Prints "hebblab COMMAND: MESSAGE" on stderr and returns kBadInput.
int fail(const char* command, const std::string& message);

// A whole file; false with "cannot read 'PATH': reason".
bool read_file(const std::string& path, std::string* bytes, std::string* error);
bool read_file(const std::string& path, std::vector<uint8_t>* bytes, std::string* error);

// Plain decimal digits (a sign only for signed types), nothing else.
template <typename Int>
bool parse_number(const char* text, Int* out) {
  const char* end = text + std::strlen(text);
  const auto [ptr, ec] = std::from_chars(text, end, *out);
  return ec == std::errc() && ptr == end && ptr != text;
}

}  // namespace hebblab
