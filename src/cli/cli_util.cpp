// The subcommands' shared helpers.
#include "cli/cli_util.h"

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
