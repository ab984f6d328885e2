// gzip on the desktop and in the command line: IDX files and assets are accepted raw or gzipped, told apart by gzip's
// magic number, unpacked with Debian's zlib (the page does the same with the browser's DecompressionStream).
#include <zlib.h>

#include <algorithm>
#include <string>

#include "platform/files_native.h"

namespace hebblab {

bool gunzip_if_gzipped(Bytes* bytes, size_t max_bytes, std::string* error) {
  if (!is_gzip(*bytes)) return true;
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {  // 16: a gzip header, not a zlib one
    *error = "cannot start zlib";
    return false;
  }
  Bytes out;
  out.resize(std::min(max_bytes, bytes->size() * 4 + 4096));
  z.next_in = bytes->data();
  z.avail_in = static_cast<uInt>(bytes->size());
  int status = Z_OK;
  while (status == Z_OK) {
    if (z.total_out == out.size()) {
      if (out.size() >= max_bytes) break;
      const size_t grown = std::min(max_bytes, out.size() * 2);
      out.reserve(grown);  // exactly: resize alone may allocate twice the old size, up to twice the limit
      out.resize(grown);
    }
    z.next_out = out.data() + z.total_out;
    z.avail_out = static_cast<uInt>(out.size() - z.total_out);
    status = inflate(&z, Z_NO_FLUSH);
  }
  const size_t produced = z.total_out;
  inflateEnd(&z);
  if (status != Z_STREAM_END) {
    *error = status == Z_OK ? "unpacks to more than " + std::to_string(max_bytes / (1024 * 1024)) + " MB"
                            : std::string("damaged gzip data (") + (z.msg ? z.msg : "truncated") + ")";
    return false;
  }
  out.resize(produced);
  out.shrink_to_fit();
  *bytes = std::move(out);
  return true;
}

}  // namespace hebblab
