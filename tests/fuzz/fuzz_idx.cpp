// An IDX file as a user's own data set brings it, raw (the CNN lab's "my own dataset", hebblab train --data).
#include "idx_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hebblab::fuzz::check_idx(data, size);
  return 0;
}
