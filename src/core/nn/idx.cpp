// IDX parsing with a precise message for each way a file can be wrong, and the images + labels pairing.
#include "idx.h"

#include <algorithm>
#include <cstdio>

namespace hebblab {
namespace {

uint32_t big_endian_u32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

std::string dims_text(const std::vector<int>& dims) {
  std::string out;
  for (size_t i = 0; i < dims.size(); ++i) out += (i ? " x " : "") + std::to_string(dims[i]);
  return out;
}

bool fail(std::string* error, const std::string& message) {
  if (error) *error = message;
  return false;
}

}  // namespace

bool parse_idx_dims(const uint8_t* bytes, size_t size, std::vector<int>* dims_out, std::string* error) {
  if (size < 4)
    return fail(error,
                "not an IDX file: it has " + std::to_string(size) + " bytes, fewer than its 4-byte magic number");
  if (bytes[0] != 0 || bytes[1] != 0) {
    char magic[16];
    std::snprintf(magic, sizeof magic, "%02x %02x %02x %02x", bytes[0], bytes[1], bytes[2], bytes[3]);
    const bool gzip = bytes[0] == 0x1f && bytes[1] == 0x8b;
    return fail(error, std::string("not an IDX file: it starts with ") + magic + ", not 00 00 <type> <dims>" +
                           (gzip ? " (it is gzip-compressed: unpack it first)" : ""));
  }
  if (bytes[2] != 0x08) {
    char type[8];
    std::snprintf(type, sizeof type, "0x%02x", bytes[2]);
    return fail(error,
                std::string("IDX element type ") + type + " is not supported (HebbLab reads unsigned bytes, 0x08)");
  }
  const int rank = bytes[3];
  if (rank < 1) return fail(error, "IDX file with 0 dimensions");
  const size_t header = 4 + 4 * size_t(rank);
  if (size < header)
    return fail(error, "truncated IDX file: its header of " + std::to_string(rank) + " dimensions needs " +
                           std::to_string(header) + " bytes, the file has " + std::to_string(size));
  std::vector<int> dims;
  for (int d = 0; d < rank; ++d) {
    const uint32_t n = big_endian_u32(bytes + 4 + 4 * d);
    if (n > 0x7fffffffu) return fail(error, "IDX dimension " + std::to_string(d) + " is too large");
    dims.push_back(static_cast<int>(n));
  }
  // The values the header promises, in integers: 0 if any dimension is 0; else the product, which stops at the first
  // factor past 2^32 (a lower bound then, and no overflow: 2^32 x 2^31 < 2^64, however many dimensions).
  const uint64_t data = size - header;
  uint64_t count = std::count(dims.begin(), dims.end(), 0) ? 0 : 1;
  bool exact = true;
  for (int n : dims) {
    if (count <= (uint64_t(1) << 32)) count *= uint64_t(n);
    else exact = false;
  }
  if (count > data)
    return fail(error, "truncated IDX file: its header promises " + dims_text(dims) + " = " +
                           (exact ? "" : "at least ") + std::to_string(count) +
                           " bytes of data, the file has " + std::to_string(data));
  if (count < data)
    return fail(error, "IDX file has " + std::to_string(data - count) + " bytes after the " + dims_text(dims) +
                           " values its header promises");
  if (count > uint64_t(limits::kMaxDatasetBytes))
    return fail(error, "IDX file of " + dims_text(dims) + " values: HebbLab reads at most " +
                           limits::bytes_text(limits::kMaxDatasetBytes) + " of values");
  *dims_out = std::move(dims);
  return true;
}

bool parse_idx(const uint8_t* bytes, size_t size, IdxArray* out, std::string* error) {
  std::vector<int> dims;
  if (!parse_idx_dims(bytes, size, &dims, error)) return false;
  const size_t header = 4 + 4 * dims.size();
  out->dims = std::move(dims);
  out->data.assign(bytes + header, bytes + size);  // parse_idx_dims checked: exactly the values follow the header
  return true;
}

std::string check_image_dims(const std::vector<int>& dims) {
  if (dims.size() != 3 && dims.size() != 4)
    return "images must be N x H x W or N x H x W x 1, got " + dims_text(dims);
  if (dims.size() == 4 && dims[3] != 1)
    return "the images have " + std::to_string(dims[3]) + " channels; HebbLab trains on grey images (1 channel)";
  const int side = limits::kMaxSampleSide;
  if (dims[1] < 1 || dims[2] < 1 || dims[1] > side || dims[2] > side)
    return "the images are " + std::to_string(dims[1]) + " x " + std::to_string(dims[2]) +
           " pixels; HebbLab takes 1 to " + std::to_string(side) + " pixels a side";
  return "";
}

int label_classes(const IdxArray& labels, std::string* error) {
  if (labels.data.empty()) {
    fail(error, "there are no labels");
    return 0;
  }
  int top = 0;
  for (uint8_t v : labels.data) top = std::max(top, int(v));
  const int classes = top + 1;
  if (classes > kMaxClasses) {
    fail(error, "the labels go up to " + std::to_string(top) + ": " + std::to_string(classes) +
                    " classes, more than the " + std::to_string(kMaxClasses) + " HebbLab trains (labels 0.." +
                    std::to_string(kMaxClasses - 1) + ")");
    return 0;
  }
  if (classes < kMinClasses) {
    fail(error, "every label is 0: one class, nothing to tell apart (a data set needs " +
                    std::to_string(kMinClasses) + " to " + std::to_string(kMaxClasses) + " classes, labels 0..K-1)");
    return 0;
  }
  return classes;
}

bool make_dataset(IdxArray images, IdxArray labels, int num_classes, Dataset* out, std::string* error) {
  if (images.dims.size() != 3 && images.dims.size() != 4)
    return fail(error, "images must be N x H x W or N x H x W x C, got " + dims_text(images.dims));
  if (labels.dims.size() != 1) return fail(error, "labels must be a list of N values, got " + dims_text(labels.dims));
  if (images.dims[0] != labels.dims[0])
    return fail(error, "there are " + std::to_string(images.dims[0]) + " images but " +
                           std::to_string(labels.dims[0]) + " labels");
  if (num_classes < 1 || num_classes > 256) return fail(error, "the number of classes must be 1..256");
  for (size_t i = 0; i < labels.data.size(); ++i)
    if (labels.data[i] >= num_classes)
      return fail(error, "label " + std::to_string(labels.data[i]) + " of sample " + std::to_string(i) +
                             " is not one of the " + std::to_string(num_classes) + " classes 0.." +
                             std::to_string(num_classes - 1));
  out->sample_shape = {images.dims[1], images.dims[2], images.dims.size() == 4 ? images.dims[3] : 1};
  out->num_classes = num_classes;
  out->x = std::move(images.data);
  out->y = std::move(labels.data);
  return true;
}

}  // namespace hebblab
