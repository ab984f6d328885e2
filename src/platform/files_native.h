// Desktop file helpers shared by the settings store, the file exchange and the asset loader: one way to read a file
// (with a size limit and the system's reason on failure) and one way to write it atomically, so neither a crash nor
// a full disk ever leaves half a file where the old one was.
#pragma once
#include <deque>
#include <optional>
#include <string>

namespace hebblab {

// Writes `text` to `path` + ".tmp", flushes it to the disk, then renames it over `path`. False with the system's
// reason (strerror) in `error`; `path` is then untouched and the temporary file removed.
bool write_file_atomically(const std::string& path, const std::string& text, std::string* error);

// Reads the whole file into `bytes`. False with a message naming the path ("cannot open ...: reason", "... is larger
// than N MB") in `error`; `bytes` is then empty.
bool read_file(const std::string& path, long max_bytes, std::string* bytes, std::string* error);

// The oldest of the queued results that the app takes one a frame (opened files, loaded assets), if any.
template <typename T>
std::optional<T> take_front(std::deque<T>& queue) {
  if (queue.empty()) return std::nullopt;
  T front = std::move(queue.front());
  queue.pop_front();
  return front;
}

}  // namespace hebblab
