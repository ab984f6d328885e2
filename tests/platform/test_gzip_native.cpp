// gzip on the desktop and in the command line (gunzip_if_gzipped, zlib): IDX files come raw or gzipped, told apart by
// gzip's magic number and parsed to the same arrays; a damaged stream is refused with a message; and a small file
// that unpacks past the limit (a "gzip bomb") is refused without ever allocating more than the limit.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "../core/nn_test_util.h"
#include "core/nn/idx.h"
#include "platform/files_native.h"

// The largest single allocation made while g_tracking is on, for the bomb test. Replacing the global operator new
// (and its deletes) for this test program is allowed by the standard; the others forward to these.
namespace {
std::atomic<bool> g_tracking{false};
std::atomic<size_t> g_largest{0};
}  // namespace

void* operator new(std::size_t n) {
  if (g_tracking.load(std::memory_order_relaxed)) {
    size_t seen = g_largest.load(std::memory_order_relaxed);
    while (n > seen && !g_largest.compare_exchange_weak(seen, n, std::memory_order_relaxed)) {
    }
  }
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace hebblab {
namespace {

constexpr size_t kMB = 1024 * 1024;

// `size` bytes as a gzip file (zlib's deflate with a gzip header), `chunk(offset, n, out)` filling them piece by
// piece so a large input never has to exist whole.
template <class Chunk>
Bytes gzip_stream(size_t size, Chunk chunk) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
  Bytes out, piece, buffer(64 * 1024);
  for (size_t offset = 0;;) {
    const size_t n = std::min(size - offset, size_t(kMB));
    chunk(offset, n, &piece);
    offset += n;
    z.next_in = piece.data();
    z.avail_in = static_cast<uInt>(n);
    const int flush = offset == size ? Z_FINISH : Z_NO_FLUSH;
    int status = Z_OK;
    do {
      z.next_out = buffer.data();
      z.avail_out = static_cast<uInt>(buffer.size());
      status = deflate(&z, flush);
      out.insert(out.end(), buffer.data(), buffer.data() + (buffer.size() - z.avail_out));
    } while (z.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END));
    if (flush == Z_FINISH) break;
  }
  deflateEnd(&z);
  return out;
}

Bytes gzip_bytes(const Bytes& raw) {
  return gzip_stream(raw.size(), [&](size_t offset, size_t n, Bytes* piece) {
    piece->assign(raw.begin() + long(offset), raw.begin() + long(offset + n));
  });
}

Bytes zeros_gzipped(size_t size) {
  return gzip_stream(size, [](size_t, size_t n, Bytes* piece) { piece->assign(n, 0); });
}

TEST(GzipNative, GzippedAndRawIdxParseTheSame) {
  const Dataset bars = test::banded_dataset(300, 16, 3, 1);
  const Bytes raw = test::idx_bytes({300, 16, 16}, bars.x);
  Bytes packed = gzip_bytes(raw);
  ASSERT_TRUE(is_gzip(packed));
  EXPECT_LT(packed.size(), raw.size());
  std::string error;
  Bytes untouched = raw;  // raw bytes are left as they are
  ASSERT_TRUE(gunzip_if_gzipped(&untouched, kMB, &error)) << error;
  EXPECT_EQ(untouched, raw);
  ASSERT_TRUE(gunzip_if_gzipped(&packed, kMB, &error)) << error;
  EXPECT_EQ(packed, raw);
  IdxArray from_raw, from_packed;
  ASSERT_TRUE(parse_idx(raw.data(), raw.size(), &from_raw, &error)) << error;
  ASSERT_TRUE(parse_idx(packed.data(), packed.size(), &from_packed, &error)) << error;
  EXPECT_EQ(from_packed.dims, (std::vector<int>{300, 16, 16}));
  EXPECT_EQ(from_packed.dims, from_raw.dims);
  EXPECT_EQ(from_packed.data, from_raw.data);
  // Still packed, the parser says so.
  const Bytes again = gzip_bytes(raw);
  EXPECT_FALSE(parse_idx(again.data(), again.size(), &from_packed, &error));
  EXPECT_NE(error.find("gzip-compressed: unpack it first"), std::string::npos) << error;
}

TEST(GzipNative, ADamagedStreamIsRefusedAndTheBytesKept) {
  const Bytes raw = test::idx_bytes({300, 16, 16}, test::banded_dataset(300, 16, 3, 2).x);
  const Bytes packed = gzip_bytes(raw);
  std::string error;
  // Cut in half.
  Bytes truncated(packed.begin(), packed.begin() + long(packed.size() / 2));
  const Bytes kept = truncated;
  EXPECT_FALSE(gunzip_if_gzipped(&truncated, kMB, &error));
  EXPECT_EQ(error, "damaged gzip data (truncated)");
  EXPECT_EQ(truncated, kept);
  // The last 8 bytes (CRC-32 and length) changed: the data no longer matches its check.
  Bytes bad_check = packed;
  bad_check[bad_check.size() - 6] ^= 0xff;
  EXPECT_FALSE(gunzip_if_gzipped(&bad_check, kMB, &error));
  EXPECT_EQ(error, "damaged gzip data (incorrect data check)");
  // Noise in the middle of the deflate stream.
  Bytes noisy = packed;
  for (size_t i = 20; i < 60; ++i) noisy[i] = uint8_t(i * 37);
  EXPECT_FALSE(gunzip_if_gzipped(&noisy, kMB, &error));
  EXPECT_EQ(error.rfind("damaged gzip data (", 0), 0u) << error;
  // Only the magic number.
  Bytes magic = {0x1f, 0x8b};
  EXPECT_FALSE(gunzip_if_gzipped(&magic, kMB, &error));
  EXPECT_EQ(error.rfind("damaged gzip data (", 0), 0u) << error;
}

TEST(GzipNative, ABombIsRefusedWithoutAllocatingPastTheLimit) {
  // 100 MB of zeros pack into about 100 kB; with a 64 MB limit the unpacking stops there.
  Bytes bomb = zeros_gzipped(100 * kMB);
  EXPECT_LT(bomb.size(), 200 * 1024u);
  const Bytes kept = bomb;
  std::string error;
  g_largest = 0;
  g_tracking = true;
  const bool unpacked = gunzip_if_gzipped(&bomb, 64 * kMB, &error);
  g_tracking = false;
  EXPECT_FALSE(unpacked);
  EXPECT_EQ(error, "unpacks to more than 64 MB");
  EXPECT_EQ(bomb, kept);
  EXPECT_GT(g_largest.load(), 0u);
  EXPECT_LE(g_largest.load(), 64 * kMB) << "the largest allocation while unpacking";

  // Exactly at the limit is still fine; one byte over is not.
  Bytes exact = zeros_gzipped(3 * kMB + 5);
  ASSERT_TRUE(gunzip_if_gzipped(&exact, 3 * kMB + 5, &error)) << error;
  EXPECT_EQ(exact.size(), 3 * kMB + 5);
  Bytes over = zeros_gzipped(3 * kMB + 5);
  EXPECT_FALSE(gunzip_if_gzipped(&over, 3 * kMB + 4, &error));
  EXPECT_EQ(error, "unpacks to more than 3 MB");  // the limit in whole MB, rounded down
}

}  // namespace
}  // namespace hebblab
