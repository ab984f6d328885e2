// What the subcommands share: the error exit, scanning options, numbers from options, and reading whole files (the
// CLI owns files; the core only sees their bytes).
#pragma once
#include <charconv>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace hebblab {

constexpr int kBadInput = 2;

// Prints "hebblab COMMAND: MESSAGE" on stderr and returns kBadInput.
int fail(const char* command, const std::string& message);

// A subcommand's command line, scanned in order: --help or -h prints `usage`; a flag calls on_flag; an option in
// `with_value` takes the next argument and calls on_value, which returns false for a value it cannot take (with a
// message of its own, or the generic "bad value 'V' for OPTION"); an argument not starting with '-' calls
// on_positional (an error message, empty when taken). Returns -1 to go on, else the exit code: 0 after the usage,
// kBadInput after "hebblab COMMAND: ..." for an unknown option, a missing or bad value, or a refused argument.
struct OptionScan {
  OptionScan(const char* command, const char* usage, std::vector<std::string> flags,
             std::vector<std::string> with_value)
      : command(command), usage(usage), flags(std::move(flags)), with_value(std::move(with_value)) {}
  const char* command;
  const char* usage;
  std::vector<std::string> flags, with_value;
  std::function<void(const std::string& flag)> on_flag;
  std::function<bool(const std::string& option, const std::string& value, std::string* message)> on_value;
  std::function<std::string(const std::string& argument)> on_positional;  // null: none taken
};
int scan_options(int argc, char** argv, const OptionScan& scan);

// A whole file of at most limits::kMaxFileBytes; false with "cannot open PATH: reason" or "PATH is larger than ...".
bool read_file(const std::string& path, std::string* bytes, std::string* error);
bool read_file(const std::string& path, std::vector<uint8_t>* bytes, std::string* error);

// Whether a file can be written at `path` (tried with a scratch file beside it, then removed), before hours of work
// go into what will be saved there; false with "cannot write PATH: reason".
bool check_writable(const std::string& path, std::string* error);

// Plain decimal digits (a sign only for signed types), nothing else.
template <typename Int>
bool parse_number(const char* text, Int* out) {
  const char* end = text + std::strlen(text);
  const auto [ptr, ec] = std::from_chars(text, end, *out);
  return ec == std::errc() && ptr == end && ptr != text;
}

}  // namespace hebblab
