// The subcommands' shared helpers.
#include "cli/cli_util.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "core/limits.h"
#include "platform/files_native.h"

namespace hebblab {
namespace {

}  // namespace

int scan_options(int argc, char** argv, const OptionScan& scan) {
  const std::string see = std::string(" (see hebblab ") + scan.command + " --help)";
  const auto has = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(scan.usage, stdout);
      return 0;
    }
    if (has(scan.flags, arg)) {
      scan.on_flag(arg);
      continue;
    }
    if (arg.rfind("-", 0) != 0) {
      const std::string message = scan.on_positional ? scan.on_positional(arg) : "unexpected argument '" + arg + "'";
      if (!message.empty()) return fail(scan.command, message + (scan.on_positional ? "" : see));
      continue;
    }
    if (!has(scan.with_value, arg)) return fail(scan.command, "unknown option '" + arg + "'" + see);
    if (i + 1 >= argc) return fail(scan.command, arg + " needs a value" + see);
    const std::string value = argv[++i];
    std::string message;
    if (!scan.on_value(arg, value, &message))
      return fail(scan.command, message.empty() ? "bad value '" + value + "' for " + arg + see : message);
  }
  return -1;
}

int fail(const char* command, const std::string& message) {
  std::fprintf(stderr, "hebblab %s: %s\n", command, message.c_str());
  return kBadInput;
}

bool read_file(const std::string& path, std::string* bytes, std::string* error) {
  Bytes raw;
  if (!read_file(path, &raw, error)) return false;
  *bytes = std::string(as_text(raw));
  return true;
}

bool read_file(const std::string& path, std::vector<uint8_t>* bytes, std::string* error) {
  return read_file(path, long(limits::kMaxFileBytes), bytes, error);
}

bool check_writable(const std::string& path, std::string* error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = "cannot write " + path + ": it is a folder";
    return false;
  }
  const std::string scratch = path + ".tmp";
  std::FILE* f = std::fopen(scratch.c_str(), "wb");
  if (!f) {
    *error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  std::fclose(f);
  std::remove(scratch.c_str());
  return true;
}

}  // namespace hebblab
