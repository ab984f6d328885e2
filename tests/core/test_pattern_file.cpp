// Tests for the pattern file: what a hand-written file may look like, the errors (each naming its line) for what it
// may not, and the round trip through format_patterns.
#include "core/pattern_file.h"

#include <gtest/gtest.h>

#include "core/letters.h"

namespace hebblab {
namespace {

void expect_same(const std::vector<Pattern>& a, const std::vector<Pattern>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].name, b[k].name) << k;
    EXPECT_EQ(a[k].width, b[k].width) << k;
    EXPECT_EQ(a[k].height, b[k].height) << k;
    EXPECT_EQ(a[k].cells, b[k].cells) << k;
  }
}

TEST(PatternFile, ParsesNamedPatternsSeparatedByBlankLines) {
  const PatternParse r = parse_patterns(
      "# A\n"
      "OXXXO\nXOOOX\nXXXXX\nXOOOX\nXOOOX\n"
      "\n\n"
      "# Z\n"
      "XXXXX\nOOOXO\nOOXOO\nOXOOO\nXXXXX\n");
  ASSERT_TRUE(r.ok()) << r.error;
  expect_same(r.patterns, {lecture_letter_a(), lecture_letter_z()});
}

TEST(PatternFile, ToleratesLowercaseTrailingWhitespaceCrlfAndUnnamedPatterns) {
  const PatternParse r = parse_patterns("xoo  \r\nOxX\t\r\n \r\n\r\n#   two words  \r\noox\r\nXXO");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.patterns.size(), 2u);
  EXPECT_EQ(r.patterns[0].name, "");
  EXPECT_EQ(r.patterns[0].width, 3);
  EXPECT_EQ(r.patterns[0].height, 2);
  EXPECT_EQ(r.patterns[0].cells, (State{1, -1, -1, -1, 1, 1}));
  EXPECT_EQ(r.patterns[1].name, "two words");
  EXPECT_EQ(r.patterns[1].cells, (State{-1, -1, 1, 1, 1, -1}));
}

TEST(PatternFile, CommentBlockBeforeABlankLineIsNotAName) {
  const PatternParse r = parse_patterns("# my letters\n# by me\n\n# T\nXXX\nOXO\n");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.patterns.size(), 1u);
  EXPECT_EQ(r.patterns[0].name, "T");
}

TEST(PatternFile, NameLineRightAfterRowsStartsTheNextPattern) {
  const PatternParse r = parse_patterns("# a\nXO\n# b\nOX\n");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.patterns.size(), 2u);
  EXPECT_EQ(r.patterns[0].name, "a");
  EXPECT_EQ(r.patterns[1].name, "b");
}

TEST(PatternFile, OtherCharacterIsRejectedWithLineColumnAndCharacter) {
  const PatternParse r = parse_patterns("# A\nXOX\nXOX\n\nXOX\nX.X\nXOX\n");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.patterns.empty());
  EXPECT_EQ(r.error_line, 6);
  EXPECT_EQ(r.error.rfind("line 6: ", 0), 0u) << r.error;
  EXPECT_NE(r.error.find("'.'"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("column 2"), std::string::npos) << r.error;
}

TEST(PatternFile, NonAsciiAndControlCharactersAreNamedReadably) {
  PatternParse r = parse_patterns("XO\nX\xC3\xA9\n");
  EXPECT_EQ(r.error_line, 2);
  EXPECT_NE(r.error.find("'\xC3\xA9'"), std::string::npos) << r.error;
  r = parse_patterns("X\tO\n");
  EXPECT_EQ(r.error_line, 1);
  EXPECT_NE(r.error.find("0x09"), std::string::npos) << r.error;
  r = parse_patterns(" XO\n");
  EXPECT_EQ(r.error_line, 1);
  EXPECT_NE(r.error.find("column 1"), std::string::npos) << r.error;
}

TEST(PatternFile, RaggedRowsAreRejected) {
  const PatternParse r = parse_patterns("XOX\nXOX\nXO\n");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.patterns.empty());
  EXPECT_EQ(r.error_line, 3);
  EXPECT_EQ(r.error.rfind("line 3: ", 0), 0u) << r.error;
}

TEST(PatternFile, PatternOfAnotherSizeIsRejectedAtItsFirstRow) {
  PatternParse r = parse_patterns("XOX\nXOX\n\n# B\nXOX\nXOX\nXOX\n");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.patterns.empty());
  EXPECT_EQ(r.error_line, 5);
  EXPECT_NE(r.error.find("'B' is 3x3"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("3x2"), std::string::npos) << r.error;
  r = parse_patterns("XOX\n\nXO\n");
  EXPECT_EQ(r.error_line, 3);
  EXPECT_NE(r.error.find("pattern 2"), std::string::npos) << r.error;
}

TEST(PatternFile, NoPatternsIsAnError) {
  for (const char* text : {"", "\n\n", "# only a name\n"}) {
    const PatternParse r = parse_patterns(text);
    EXPECT_FALSE(r.ok()) << "'" << text << "'";
    EXPECT_GE(r.error_line, 1);
    EXPECT_EQ(r.error.rfind("line ", 0), 0u) << r.error;
    EXPECT_NE(r.error.find("no patterns"), std::string::npos) << r.error;
  }
}

TEST(PatternFile, FormatWritesNamesBlankLinesAndAFinalNewline) {
  Pattern unnamed;
  unnamed.width = 2;
  unnamed.height = 1;
  unnamed.cells = {1, -1};
  EXPECT_EQ(format_patterns({lecture_letter_a(), unnamed}),
            "# A\nOXXXO\nXOOOX\nXXXXX\nXOOOX\nXOOOX\n\nXO\n");
  EXPECT_EQ(format_patterns({}), "");
}

TEST(PatternFile, RoundTrip) {
  std::vector<Pattern> ps = builtin_alphabet(12);
  ps[3].name = "";
  ps[4].name = "name with spaces and # marks";
  const PatternParse r = parse_patterns(format_patterns(ps));
  ASSERT_TRUE(r.ok()) << r.error;
  expect_same(r.patterns, ps);
  const std::vector<Pattern> three = {lecture_three_neurons()};
  expect_same(parse_patterns(format_patterns(three)).patterns, three);
}

}  // namespace
}  // namespace hebblab
