// The diverging colour table: blue for negative, near-white at zero, red for positive, symmetric indexing.
#include <gtest/gtest.h>

#include "core/colormap.h"

namespace hebblab {
namespace {

TEST(Colormap, EndsAndMiddle) {
  const auto& t = diverging_colormap();
  EXPECT_GT(t[0][2], t[0][0]);      // most negative is blue
  EXPECT_GT(t[255][0], t[255][2]);  // most positive is red
  EXPECT_GE(t[128][0], 240);        // zero is near white
  EXPECT_GE(t[128][1], 240);
  EXPECT_GE(t[128][2], 240);
  for (const Rgba& c : t) EXPECT_EQ(c[3], 255);
}

TEST(Colormap, IndexIsSymmetricAndClamped) {
  EXPECT_EQ(colormap_index(0.0, 2.0), 128);
  EXPECT_EQ(colormap_index(-2.0, 2.0), 0);
  EXPECT_EQ(colormap_index(2.0, 2.0), 255);
  EXPECT_EQ(colormap_index(9.0, 2.0), 255);
  EXPECT_EQ(colormap_index(-9.0, 2.0), 0);
  EXPECT_EQ(colormap_index(1.0, 2.0) + colormap_index(-1.0, 2.0), 255);
  EXPECT_EQ(colormap_index(1.0, 0.0), 128);  // no scale: everything is "zero"
}

}  // namespace
}  // namespace hebblab
