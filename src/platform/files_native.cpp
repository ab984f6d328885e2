// Desktop file exchange: the user types a path (or drops a file on the window, see gui.cpp); saves are atomic, and
// opens read the file at once and queue the result, which the app takes on its next frame as it would in the browser.
#include "platform/files_native.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <string>

#include "core/limits.h"
#include "platform/platform.h"

namespace hebblab {

bool write_file_atomically(const std::string& path, const Bytes& bytes, std::string* error) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  const size_t half = bytes.size() / 2;
  bool ok = f && std::fwrite(bytes.data(), 1, half, f) == half;
  if (ok && std::getenv(kKillMidSaveForTest)) {
    std::fflush(f);  // half a file on the disk, as a crash would leave it
    std::raise(SIGKILL);
  }
  ok = ok && std::fwrite(bytes.data() + half, 1, bytes.size() - half, f) == bytes.size() - half &&
       std::fflush(f) == 0 && fsync(fileno(f)) == 0;
  int saved_errno = errno;
  if (f && std::fclose(f) != 0 && ok) {
    ok = false;
    saved_errno = errno;
  }
  if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    saved_errno = errno;
  }
  if (!ok) {
    if (error) *error = std::strerror(saved_errno);
    std::remove(tmp.c_str());
    return false;
  }
  // The rename itself reaches the disk with the folder. If that sync fails, the file under `path` is still whole
  // (the old copy or the new one after a power cut), so the save stands.
  const std::string parent = std::filesystem::path(path).parent_path().string();
  const int folder = open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY);
  if (folder >= 0) {
    fsync(folder);
    close(folder);
  }
  return true;
}

bool read_file(const std::string& path, long max_bytes, Bytes* bytes, std::string* error) {
  bytes->clear();
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  error->clear();
  char buf[65536];
  size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) {
    bytes->insert(bytes->end(), buf, buf + got);
    if (static_cast<long>(bytes->size()) > max_bytes) {
      *error = path + " is larger than HebbLab's limit of " + limits::bytes_text(max_bytes);
      break;
    }
  }
  if (error->empty() && std::ferror(f)) *error = "cannot read " + path + ": " + std::strerror(errno);
  std::fclose(f);
  if (!error->empty()) bytes->clear();
  return error->empty();
}

namespace {

// limits::kMaxFileBytes, as in the browser: the largest file a lab takes is a dataset's images (MNIST's 60,000 are
// 47 MB), and a stray drop of a video should not freeze the app while it reads gigabytes.
constexpr long kMaxOpenBytes = long(limits::kMaxFileBytes);

FileExchange::Opened read_for_app(const std::string& path, const std::string& purpose) {
  FileExchange::Opened opened;
  opened.purpose = purpose;
  opened.name = path;
  // Gzipped files (a dataset as it is distributed) are unpacked, told by their magic number.
  if (read_file(path, kMaxOpenBytes, &opened.bytes, &opened.error))
    gunzip_if_gzipped(&opened.bytes, kMaxOpenBytes, &opened.error);
  return opened;
}

class NativeFileExchange final : public FileExchange {
 public:
  bool uses_paths() const override { return true; }

  bool save(const std::string& path, const std::string&, const Bytes& bytes, std::string* error) override {
    if (path.empty()) {
      if (error) *error = "no file name given";
      return false;
    }
    std::string reason;
    if (write_file_atomically(path, bytes, &reason)) return true;
    if (error) *error = "cannot write " + path + ": " + reason;
    return false;
  }

  void request_open(const std::string& path, const std::string& purpose) override {
    if (path.empty()) {
      opened_.push_back({purpose, path, {}, "no file name given"});
      return;
    }
    opened_.push_back(read_for_app(path, purpose));
  }

  std::optional<Opened> take_opened() override { return take_front(opened_); }

 private:
  std::deque<Opened> opened_;
};

}  // namespace

std::unique_ptr<FileExchange> make_file_exchange() { return std::make_unique<NativeFileExchange>(); }

}  // namespace hebblab
