// Built-in patterns: the lecture's 5 x 5 A and Z, the three-neuron example, and an alphabet A-Z, 0-9 drawn for
// every grid size the lab offers.
#pragma once
#include <vector>

#include "pattern_file.h"

namespace hebblab {

// Grid sizes the lab offers (square): 5, 7, 8, 10, 12, 16, 20, 24, 32.
const std::vector<int>& offered_grid_sizes();

// The lecture's letters, exactly: A = OXXXO/XOOOX/XXXXX/XOOOX/XOOOX, Z = XXXXX/OOOXO/OOXOO/OXOOO/XXXXX.
Pattern lecture_letter_a();
Pattern lecture_letter_z();
// The lecture's three-neuron example x = [1, -1, -1] (a 3 x 1 grid).
Pattern lecture_three_neurons();

// c in 'A'..'Z' or '0'..'9', drawn on a size x size grid (size >= 5); at size 5 'A' and 'Z' are the lecture's.
Pattern builtin_glyph(char c, int size);
// All 36 glyphs at one size.
std::vector<Pattern> builtin_alphabet(int size);

}  // namespace hebblab
