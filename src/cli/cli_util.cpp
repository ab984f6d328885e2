// The subcommands' shared helpers.
#include "cli/cli_util.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace hebblab {
namespace {

template <typename Bytes>
bool read_whole_file(const std::string& path, Bytes* bytes, std::string* error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = "cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  char buf[65536];
  size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) bytes->insert(bytes->end(), buf, buf + got);
  const bool failed = std::ferror(f);
  const int err = errno;
  std::fclose(f);
  if (failed) *error = "cannot read '" + path + "': " + std::strerror(err);
  return !failed;
}

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
  return read_whole_file(path, bytes, error);
}

bool read_file(const std::string& path, std::vector<uint8_t>* bytes, std::string* error) {
  return read_whole_file(path, bytes, error);
}

}  // namespace hebblab
