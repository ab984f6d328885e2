// Built-in patterns: the lecture's examples and a hand-drawn alphabet. Two small bitmap fonts (5x5 for the 5 x 5
// grid, where A and Z are the lecture's; 5x7 for everything larger) are scaled into each offered grid size.
#include "letters.h"

#include <algorithm>
#include <cmath>

namespace hebblab {
namespace {

struct Font {
  int width, height;
  const char* const* glyphs;  // 36 glyphs (A-Z, then 0-9), each height rows of width '#'/'.' characters
};

// A and Z are the lecture's exactly; 0 carries a slash so it differs from O.
const char* const kFont5x5[36 * 5] = {
    ".###.", "#...#", "#####", "#...#", "#...#",  // A
    "####.", "#...#", "####.", "#...#", "####.",  // B
    ".####", "#....", "#....", "#....", ".####",  // C
    "####.", "#...#", "#...#", "#...#", "####.",  // D
    "#####", "#....", "####.", "#....", "#####",  // E
    "#####", "#....", "####.", "#....", "#....",  // F
    ".####", "#....", "#..##", "#...#", ".###.",  // G
    "#...#", "#...#", "#####", "#...#", "#...#",  // H
    "#####", "..#..", "..#..", "..#..", "#####",  // I
    "..###", "...#.", "...#.", "#..#.", ".##..",  // J
    "#...#", "#..#.", "###..", "#..#.", "#...#",  // K
    "#....", "#....", "#....", "#....", "#####",  // L
    "#...#", "##.##", "#.#.#", "#...#", "#...#",  // M
    "#...#", "##..#", "#.#.#", "#..##", "#...#",  // N
    ".###.", "#...#", "#...#", "#...#", ".###.",  // O
    "####.", "#...#", "####.", "#....", "#....",  // P
    ".###.", "#...#", "#.#.#", "#..#.", ".##.#",  // Q
    "####.", "#...#", "####.", "#..#.", "#...#",  // R
    ".####", "#....", ".###.", "....#", "####.",  // S
    "#####", "..#..", "..#..", "..#..", "..#..",  // T
    "#...#", "#...#", "#...#", "#...#", ".###.",  // U
    "#...#", "#...#", "#...#", ".#.#.", "..#..",  // V
    "#...#", "#...#", "#.#.#", "##.##", "#...#",  // W
    "#...#", ".#.#.", "..#..", ".#.#.", "#...#",  // X
    "#...#", ".#.#.", "..#..", "..#..", "..#..",  // Y
    "#####", "...#.", "..#..", ".#...", "#####",  // Z
    ".###.", "#..##", "#.#.#", "##..#", ".###.",  // 0
    "..#..", ".##..", "..#..", "..#..", ".###.",  // 1
    ".###.", "#...#", "..##.", ".#...", "#####",  // 2
    "####.", "....#", ".###.", "....#", "####.",  // 3
    "#..#.", "#..#.", "#####", "...#.", "...#.",  // 4
    "#####", "#....", "####.", "....#", "####.",  // 5
    ".###.", "#....", "####.", "#...#", ".###.",  // 6
    "#####", "....#", "...#.", "..#..", "..#..",  // 7
    ".###.", "#...#", ".###.", "#...#", ".###.",  // 8
    ".###.", "#...#", ".####", "....#", ".###.",  // 9
};

const char* const kFont5x7[36 * 7] = {
    ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",  // A
    "####.", "#...#", "#...#", "####.", "#...#", "#...#", "####.",  // B
    ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.",  // C
    "####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####.",  // D
    "#####", "#....", "#....", "####.", "#....", "#....", "#####",  // E
    "#####", "#....", "#....", "####.", "#....", "#....", "#....",  // F
    ".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####",  // G
    "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",  // H
    ".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.",  // I
    "..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##..",  // J
    "#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#",  // K
    "#....", "#....", "#....", "#....", "#....", "#....", "#####",  // L
    "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#",  // M
    "#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#",  // N
    ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",  // O
    "####.", "#...#", "#...#", "####.", "#....", "#....", "#....",  // P
    ".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#",  // Q
    "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#",  // R
    ".####", "#....", "#....", ".###.", "....#", "....#", "####.",  // S
    "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..",  // T
    "#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",  // U
    "#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#..",  // V
    "#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#.",  // W
    "#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#",  // X
    "#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#..",  // Y
    "#####", "....#", "...#.", "..#..", ".#...", "#....", "#####",  // Z
    ".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###.",  // 0
    "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.",  // 1
    ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####",  // 2
    "#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###.",  // 3
    "...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.",  // 4
    "#####", "#....", "####.", "....#", "....#", "#...#", ".###.",  // 5
    "..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.",  // 6
    "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...",  // 7
    ".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.",  // 8
    ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..",  // 9
};

constexpr Font kSmall{5, 5, kFont5x5};
constexpr Font kLarge{5, 7, kFont5x7};

Pattern from_rows(std::string name, const char* const* rows, int width, int height) {
  Pattern p;
  p.name = std::move(name);
  p.width = width;
  p.height = height;
  p.cells.reserve(size_t(width) * height);
  for (int r = 0; r < height; ++r)
    for (int c = 0; c < width; ++c) p.cells.push_back(rows[r][c] == '#' ? 1 : -1);
  return p;
}

int glyph_index(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '0' && c <= '9') return 26 + (c - '0');
  return -1;
}

}  // namespace

const std::vector<int>& offered_grid_sizes() {
  static const std::vector<int> sizes = {5, 7, 8, 10, 12, 16, 20, 24, 32};
  return sizes;
}

Pattern lecture_letter_a() { return from_rows("A", kFont5x5 + 0 * 5, 5, 5); }
Pattern lecture_letter_z() { return from_rows("Z", kFont5x5 + 25 * 5, 5, 5); }

Pattern lecture_three_neurons() {
  static const char* const row[] = {"#.."};
  return from_rows("x", row, 3, 1);
}

// Shape: a size x size grid, the glyph in a box centred in it. Up to a scale of 1.5 the font is drawn 1:1 (scaling by
// less doubles single rows and looks broken); beyond, it is stretched with nearest-neighbour sampling to the full
// height minus a margin of about size/8 on each side, keeping the font's aspect ratio. Sampling at pixel centres
// spreads the doubled rows and columns symmetrically, so strokes on both sides of a glyph come out equally thick.
Pattern builtin_glyph(char c, int size) {
  size = std::max(size, 5);
  const int index = glyph_index(c);
  const std::string name(1, index >= 26 || index < 0 ? c : static_cast<char>('A' + index));
  Pattern p;
  p.name = name;
  p.width = p.height = size;
  p.cells.assign(size_t(size) * size, -1);
  // Anything outside A-Z, a-z, 0-9 is drawn as an empty grid.
  if (index < 0) return p;

  const Font& font = size >= kLarge.height ? kLarge : kSmall;
  const char* const* rows = font.glyphs + index * font.height;
  const int margin = (size + 4) / 8;  // size/8, rounded
  const int inner = size - 2 * margin;
  int box_h = font.height, box_w = font.width;
  if (2 * inner >= 3 * font.height) {
    box_h = inner;
    box_w = static_cast<int>(std::lround(double(inner) * font.width / font.height));
  }
  const int top = (size - box_h) / 2, left = (size - box_w) / 2;
  for (int r = 0; r < box_h; ++r) {
    const int src_r = (2 * r + 1) * font.height / (2 * box_h);
    for (int col = 0; col < box_w; ++col) {
      const int src_c = (2 * col + 1) * font.width / (2 * box_w);
      if (rows[src_r][src_c] == '#') p.cells[size_t(top + r) * size + left + col] = 1;
    }
  }
  return p;
}

std::vector<Pattern> builtin_alphabet(int size) {
  std::vector<Pattern> glyphs;
  for (char c = 'A'; c <= 'Z'; ++c) glyphs.push_back(builtin_glyph(c, size));
  for (char c = '0'; c <= '9'; ++c) glyphs.push_back(builtin_glyph(c, size));
  return glyphs;
}

}  // namespace hebblab
