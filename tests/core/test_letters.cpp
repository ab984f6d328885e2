// Tests for the built-in patterns: the lecture's letters exactly, and an alphabet that is complete, distinct, inside
// its margin and evenly scaled at every offered grid size.
#include "core/letters.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace hebblab {
namespace {

std::string rows(const Pattern& p) {
  std::string s;
  for (int r = 0; r < p.height; ++r) {
    if (r) s += '/';
    for (int c = 0; c < p.width; ++c) s += p.cells[size_t(r) * p.width + c] > 0 ? 'X' : 'O';
  }
  return s;
}

struct Box {
  int top, bottom, left, right;  // inclusive ink bounds
};

Box ink_box(const Pattern& p) {
  Box b{p.height, -1, p.width, -1};
  for (int r = 0; r < p.height; ++r)
    for (int c = 0; c < p.width; ++c)
      if (p.cells[size_t(r) * p.width + c] > 0) {
        b.top = std::min(b.top, r);
        b.bottom = std::max(b.bottom, r);
        b.left = std::min(b.left, c);
        b.right = std::max(b.right, c);
      }
  return b;
}

TEST(Letters, LectureAAndZAreExact) {
  const Pattern a = lecture_letter_a(), z = lecture_letter_z();
  EXPECT_EQ(a.name, "A");
  EXPECT_EQ(a.width, 5);
  EXPECT_EQ(a.height, 5);
  EXPECT_EQ(rows(a), "OXXXO/XOOOX/XXXXX/XOOOX/XOOOX");
  EXPECT_EQ(z.name, "Z");
  EXPECT_EQ(rows(z), "XXXXX/OOOXO/OOXOO/OXOOO/XXXXX");
  EXPECT_EQ(builtin_glyph('A', 5).cells, a.cells);
  EXPECT_EQ(builtin_glyph('Z', 5).cells, z.cells);
}

TEST(Letters, ThreeNeuronExample) {
  const Pattern x = lecture_three_neurons();
  EXPECT_EQ(x.width, 3);
  EXPECT_EQ(x.height, 1);
  EXPECT_EQ(x.cells, (State{1, -1, -1}));
}

TEST(Letters, OfferedSizes) { EXPECT_EQ(offered_grid_sizes(), (std::vector<int>{5, 7, 8, 10, 12, 16, 20, 24, 32})); }

TEST(Letters, AlphabetIsCompleteAndNamedAtEverySize) {
  const std::string names = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int size : offered_grid_sizes()) {
    const std::vector<Pattern> glyphs = builtin_alphabet(size);
    ASSERT_EQ(glyphs.size(), 36u);
    for (size_t k = 0; k < glyphs.size(); ++k) {
      const Pattern& g = glyphs[k];
      EXPECT_EQ(g.name, std::string(1, names[k]));
      EXPECT_EQ(g.width, size);
      EXPECT_EQ(g.height, size);
      ASSERT_EQ(g.cells.size(), size_t(size) * size);
      EXPECT_TRUE(std::all_of(g.cells.begin(), g.cells.end(), [](int8_t v) { return v == 1 || v == -1; }));
      EXPECT_EQ(builtin_glyph(names[k], size).cells, g.cells);
    }
  }
}

TEST(Letters, GlyphsAreDistinctAtEverySize) {
  for (int size : offered_grid_sizes()) {
    const std::vector<Pattern> glyphs = builtin_alphabet(size);
    for (size_t a = 0; a < glyphs.size(); ++a)
      for (size_t b = a + 1; b < glyphs.size(); ++b) {
        int differ = 0;
        for (size_t i = 0; i < glyphs[a].cells.size(); ++i) differ += glyphs[a].cells[i] != glyphs[b].cells[i];
        // At least two font pixels apart (one font pixel covers about (size / 7)^2 grid pixels when scaled).
        EXPECT_GE(differ, 2) << glyphs[a].name << " vs " << glyphs[b].name << " at " << size;
      }
  }
}

TEST(Letters, GlyphsFillTheGridInsideAMargin) {
  for (int size : offered_grid_sizes()) {
    for (const Pattern& g : builtin_alphabet(size)) {
      const Box b = ink_box(g);
      ASSERT_GE(b.bottom, 0) << g.name << " at " << size << " is empty";
      const int height = b.bottom - b.top + 1;
      if (size >= 16) {
        // Scaled: the glyph spans the grid less about size/8 at top and bottom, and keeps that margin at the sides.
        const int margin = (size + 4) / 8;
        EXPECT_EQ(b.top, margin) << g.name << " at " << size;
        EXPECT_EQ(height, size - 2 * margin) << g.name << " at " << size;
        EXPECT_GE(b.left, margin) << g.name << " at " << size;
        EXPECT_LE(b.right, size - 1 - margin) << g.name << " at " << size;
      } else {
        EXPECT_EQ(height, size >= 7 ? 7 : 5) << g.name << " at " << size;
      }
      int ink = 0;
      for (int8_t v : g.cells) ink += v > 0;
      EXPECT_GT(ink, size * size / 25) << g.name << " at " << size;
      EXPECT_LT(ink, size * size * 3 / 4) << g.name << " at " << size;
    }
  }
}

TEST(Letters, SymmetricLettersStaySymmetricWhenScaled) {
  for (int size : offered_grid_sizes()) {
    for (char c : std::string("AHIMOTUVWXY8")) {
      const Pattern g = builtin_glyph(c, size);
      const Box b = ink_box(g);
      for (int r = b.top; r <= b.bottom; ++r)
        for (int col = b.left; col <= b.right; ++col)
          ASSERT_EQ(g.cells[size_t(r) * size + col], g.cells[size_t(r) * size + (b.left + b.right - col)])
              << c << " at " << size << ": row " << r << " is not mirror-symmetric";
    }
  }
}

TEST(Letters, LowercaseAndUnknownCharacters) {
  EXPECT_EQ(builtin_glyph('q', 10).cells, builtin_glyph('Q', 10).cells);
  EXPECT_EQ(builtin_glyph('q', 10).name, "Q");
  const Pattern blank = builtin_glyph('?', 8);
  EXPECT_EQ(blank.name, "?");
  EXPECT_EQ(blank.cells, State(64, -1));
}

}  // namespace
}  // namespace hebblab
