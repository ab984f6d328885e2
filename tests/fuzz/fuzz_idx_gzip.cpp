// An IDX file as MNIST is distributed, gzipped: the desktop's and the command line's gunzip (zlib, with its limit on
// the unpacked size), then the IDX parser. Raw bytes pass through gunzip unchanged, as in the app.
#include "core/limits.h"
#include "idx_checks.h"
#include "platform/files_native.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hebblab::Bytes bytes(data, data + size);
  std::string error;
  if (!hebblab::gunzip_if_gzipped(&bytes, size_t(hebblab::limits::kMaxFileBytes), &error)) {
    FUZZ_CHECK(!error.empty());
    return 0;
  }
  FUZZ_CHECK(bytes.size() <= size_t(hebblab::limits::kMaxFileBytes));
  hebblab::fuzz::check_idx(bytes.data(), bytes.size());
  return 0;
}
