// Desktop file helpers shared by the settings store, the file exchange and the asset loader: one way to read a file
// (with a size limit and the system's reason on failure) and one way to write it atomically, so neither a crash nor
// a full disk ever leaves half a file where the old one was.
#pragma once
#include <deque>
#include <optional>
#include <string>

#include "core/bytes.h"

namespace hebblab {

// Writes `bytes` to `path` + ".tmp" (the same folder), flushes it to the disk, renames it over `path` and flushes the
// folder. False with the system's reason (strerror) in `error`; `path` is then untouched and the temporary file
// removed. The settings, the model slots and the files the user saves all go through here.
bool write_file_atomically(const std::string& path, const Bytes& bytes, std::string* error);

// Test only: with this environment variable set, write_file_atomically kills the process (SIGKILL) once half of the
// temporary file is written, so a test can check that a save cut short leaves the previous copy whole.
constexpr const char* kKillMidSaveForTest = "HEBBLAB_TEST_KILL_MID_SAVE";

// Reads the whole file into `bytes`. False with a message naming the path ("cannot open ...: reason", "... is larger
// than N MB") in `error`; `bytes` is then empty.
bool read_file(const std::string& path, long max_bytes, Bytes* bytes, std::string* error);

// Unpacks `bytes` in place when they start with gzip's magic number (1f 8b), whatever the file is called; leaves
// other bytes as they are. False with a message (damaged stream, or more than max_bytes unpacked, checked while
// unpacking so a small bomb cannot take the memory); `bytes` is then unchanged. zlib (Debian's zlib1g).
bool gunzip_if_gzipped(Bytes* bytes, size_t max_bytes, std::string* error);

// A bundled asset (AssetLoader's names: "mnist/t10k-images-idx3-ubyte"), read from assets/ beside the executable and
// unpacked if gzipped. False with a message naming it.
bool read_asset(const std::string& name, Bytes* bytes, std::string* error);

// The oldest of the queued results that the app takes one a frame (opened files, loaded assets), if any.
template <typename T>
std::optional<T> take_front(std::deque<T>& queue) {
  if (queue.empty()) return std::nullopt;
  T front = std::move(queue.front());
  queue.pop_front();
  return front;
}

}  // namespace hebblab
