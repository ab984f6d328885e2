// Reading and writing pattern files (X/O grids, "# name" lines, blank lines between patterns). Errors name the line
// so a student can find a typo in a hand-edited file.
#include "pattern_file.h"

#include <cstdio>

#include "core/limits.h"

namespace hebblab {
namespace {

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// The offending character as a reader sees it: 'c', a whole UTF-8 sequence, or a byte code for control characters.
std::string describe_char(std::string_view line, size_t at) {
  const unsigned char c = static_cast<unsigned char>(line[at]);
  if (c >= 0x80) {
    size_t end = at + 1;
    while (end < line.size() && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) ++end;
    return "'" + std::string(line.substr(at, end - at)) + "'";
  }
  if (c < 0x20 || c == 0x7F) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
    return buf;
  }
  return "'" + std::string(1, static_cast<char>(c)) + "'";
}

std::string size_text(int width, int height) { return std::to_string(width) + "x" + std::to_string(height); }

std::string side_limit_text() { return size_text(limits::kMaxHopfieldSide, limits::kMaxHopfieldSide); }

class Parser {
 public:
  PatternParse run(std::string_view text) {
    // A UTF-8 byte-order mark (as some editors write) is not part of the first row.
    size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (pos < text.size() && result_.ok()) {
      // Lines end in LF, CR LF or a lone CR (old Mac editors).
      size_t end = text.find_first_of("\r\n", pos);
      if (end == std::string_view::npos) end = text.size();
      ++line_no_;
      line(trim_right(text.substr(pos, end - pos)));
      pos = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
    }
    if (result_.ok()) finish_pattern();
    if (result_.ok() && result_.patterns.empty()) fail(line_no_ > 0 ? line_no_ : 1, "no patterns in the file");
    return std::move(result_);
  }

 private:
  void line(std::string_view s) {
    if (s.empty()) {
      finish_pattern();
      name_.clear();  // a "# ..." line followed by a blank line is a comment, not a name
      return;
    }
    if (s.front() == '#') {
      // A name line right after rows also ends that pattern; the last "#" line before a pattern names it.
      finish_pattern();
      name_ = std::string(trim_left(s.substr(1)));
      return;
    }
    State row;
    for (size_t i = 0; i < s.size(); ++i) {
      if (i == size_t(limits::kMaxHopfieldSide))
        return fail(line_no_, "row has more than " + std::to_string(limits::kMaxHopfieldSide) +
                                  " cells (HebbLab's grids have at most " + side_limit_text() + ")");
      const char c = s[i];
      if (c == 'X' || c == 'x') row.push_back(1);
      else if (c == 'O' || c == 'o') row.push_back(-1);
      else return fail(line_no_, "unexpected character " + describe_char(s, i) + " at column " + std::to_string(i + 1) +
                                     " (rows are made of X and O)");
    }
    if (rows_ == 0) {
      first_row_line_ = line_no_;
      width_ = static_cast<int>(row.size());
    } else if (static_cast<int>(row.size()) != width_) {
      return fail(line_no_, "row has " + std::to_string(row.size()) + " cells, the rows above it have " +
                                std::to_string(width_));
    }
    if (rows_ == limits::kMaxHopfieldSide)
      return fail(line_no_, "pattern has more than " + std::to_string(limits::kMaxHopfieldSide) +
                                " rows (HebbLab's grids have at most " + side_limit_text() + ")");
    cells_.insert(cells_.end(), row.begin(), row.end());
    ++rows_;
  }

  void finish_pattern() {
    if (rows_ == 0) return;
    Pattern p;
    p.name = std::move(name_);
    p.width = width_;
    p.height = rows_;
    p.cells = std::move(cells_);
    name_.clear();
    cells_.clear();
    rows_ = 0;
    if (!result_.patterns.empty()) {
      const Pattern& first = result_.patterns.front();
      if (p.width != first.width || p.height != first.height) {
        const std::string which = p.name.empty() ? "pattern " + std::to_string(result_.patterns.size() + 1)
                                                 : "pattern '" + p.name + "'";
        return fail(first_row_line_, which + " is " + size_text(p.width, p.height) + ", the first pattern is " +
                                         size_text(first.width, first.height) +
                                         " (all patterns in a file must be the same size)");
      }
    }
    if (result_.patterns.size() == size_t(limits::kMaxPatterns))
      return fail(first_row_line_, "more than " + std::to_string(limits::kMaxPatterns) +
                                       " patterns in one file (HebbLab's limit)");
    result_.patterns.push_back(std::move(p));
  }

  void fail(int line, const std::string& message) {
    result_.error = "line " + std::to_string(line) + ": " + message;
    result_.error_line = line;
    result_.patterns.clear();
  }

  PatternParse result_;
  int line_no_ = 0;
  std::string name_;
  State cells_;
  int rows_ = 0, width_ = 0, first_row_line_ = 0;
};

}  // namespace

PatternParse parse_patterns(std::string_view text) { return Parser().run(text); }

std::string format_patterns(const std::vector<Pattern>& patterns) {
  std::string out;
  for (size_t k = 0; k < patterns.size(); ++k) {
    const Pattern& p = patterns[k];
    if (k > 0) out += '\n';
    if (!p.name.empty()) out += "# " + p.name + "\n";
    for (int r = 0; r < p.height; ++r) {
      for (int c = 0; c < p.width; ++c) out += p.cells[size_t(r) * p.width + c] > 0 ? 'X' : 'O';
      out += '\n';
    }
  }
  return out;
}

}  // namespace hebblab
