// Desktop file helpers shared by the settings store and the file exchange: one way to write a file atomically, so
// neither a crash nor a full disk ever leaves half a file where the old one was.
#pragma once
#include <string>

namespace hebblab {

// Writes `text` to `path` + ".tmp", flushes it to the disk, then renames it over `path`. False with the system's
// reason (strerror) in `error`; `path` is then untouched and the temporary file removed.
bool write_file_atomically(const std::string& path, const std::string& text, std::string* error);

}  // namespace hebblab
