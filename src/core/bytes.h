// One byte buffer for everything that crosses a boundary as bytes: files the user opens, assets the site ships, the
// data a job is handed and the payloads its events carry. Owned and moved, never copied on the way: a 47 MB training
// set or a weight snapshot changes hands by moving the buffer. Parsers read it as (data(), size()).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace hebblab {

using Bytes = std::vector<uint8_t>;

// Text files (pattern files, settings) arrive as Bytes too; this is their text, without a copy.
inline std::string_view as_text(const Bytes& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
inline Bytes to_bytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

// gzip's magic number (1f 8b): how a gzipped IDX file or asset is told from a raw one, whatever its name says.
inline bool is_gzip(const Bytes& bytes) { return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b; }

}  // namespace hebblab
