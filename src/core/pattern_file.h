// The pattern file: plain text, one grid row per line of X (+1) and O (-1), patterns separated by blank lines,
// an optional "# name" line before each; every pattern in one file has the same size, at most
// limits::kMaxHopfieldSide a side, and a file holds at most limits::kMaxPatterns. Lines end in LF, CR LF or CR; a
// UTF-8 byte-order mark at the start is skipped.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "hopfield.h"

namespace hebblab {

struct Pattern {
  std::string name;
  int width = 0, height = 0;
  State cells;  // height rows of width values, row-major
};

struct PatternParse {
  std::vector<Pattern> patterns;
  std::string error;    // empty on success
  int error_line = 0;   // 1-based line of the first problem
  bool ok() const { return error.empty(); }
};

// Parse a pattern file. On error, patterns is empty and error names the line ("line 7: ...").
PatternParse parse_patterns(std::string_view text);
// The inverse of parse_patterns (names written as "# name" lines).
std::string format_patterns(const std::vector<Pattern>& patterns);

}  // namespace hebblab
