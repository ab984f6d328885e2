// Tests for the settings text: values with awkward characters survive a round trip, a damaged line is reported with
// its number and costs nothing else, and numeric getters fall back on missing or malformed values.
#include "core/settings.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace hebblab {
namespace {

TEST(Settings, RoundTripKeepsNewlinesBackslashesAndEquals) {
  Settings s;
  s.set("plain", "hello world");
  s.set("newlines", "line one\nline two\n\nend\n");
  s.set("backslashes", "C:\\path\\to\\file \\n is not a newline \\");
  s.set("equals", "a=b==c=");
  s.set("empty", "");
  s.set("patterns", "# A\nOXXXO\nXOOOX\n\n# Z\nXXXXX\n");
  s.set_int("size", -12);
  s.set_double("noise", 0.1);
  std::string error;
  const Settings back = Settings::parse(s.serialize(), &error);
  EXPECT_TRUE(error.empty()) << error;
  EXPECT_EQ(back, s);
  EXPECT_EQ(back.get("backslashes"), "C:\\path\\to\\file \\n is not a newline \\");
  EXPECT_EQ(back.get("equals"), "a=b==c=");
  EXPECT_TRUE(back.has("empty"));
  EXPECT_EQ(back.get_double("noise", 0), 0.1);
  // One line per key: embedded newlines are escaped.
  const std::string text = s.serialize();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 8);
}

// Found by fuzz_settings' long run: a value ending in a carriage return came back without it, the CR taken for the
// end of a CR LF line.
TEST(Settings, RoundTripKeepsCarriageReturns) {
  Settings s;
  s.set("a", "ends in CR\r");
  s.set("b", "CR\rinside");
  std::string error;
  const Settings back = Settings::parse(s.serialize(), &error);
  EXPECT_TRUE(error.empty()) << error;
  EXPECT_EQ(back.get("a"), "ends in CR\r");
  EXPECT_EQ(back.get("b"), "CR\rinside");
  EXPECT_EQ(Settings::parse("a=x\r\n", &error).get("a"), "x");  // a CR LF line end is still one
}

TEST(Settings, BadLineIsReportedWithItsNumberAndOthersAreKept) {
  std::string error;
  const Settings s = Settings::parse("a=1\r\nno equals sign here\n\n=value without key\nb=two\nc=x=y", &error);
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;
  EXPECT_EQ(s.values().size(), 3u);
  EXPECT_EQ(s.get("a"), "1");
  EXPECT_EQ(s.get("b"), "two");
  EXPECT_EQ(s.get("c"), "x=y");
  EXPECT_FALSE(s.has("no equals sign here"));
  // Without an error sink parsing still works.
  EXPECT_EQ(Settings::parse("broken\nk=v").get("k"), "v");
}

TEST(Settings, NumericGettersFallBack) {
  Settings s;
  s.set("int", "42");
  s.set("negative", "-7");
  s.set("double", "2.5");
  s.set("junk", "12abc");
  s.set("empty", "");
  s.set("word", "many");
  EXPECT_EQ(s.get_int("int", 0), 42);
  EXPECT_EQ(s.get_int("negative", 0), -7);
  EXPECT_EQ(s.get_int("missing", 5), 5);
  EXPECT_EQ(s.get_int("junk", 5), 5);
  EXPECT_EQ(s.get_int("empty", 5), 5);
  EXPECT_EQ(s.get_int("word", 5), 5);
  EXPECT_EQ(s.get_int("double", 5), 5);
  EXPECT_EQ(s.get_double("double", 0), 2.5);
  EXPECT_EQ(s.get_double("int", 0), 42.0);
  EXPECT_EQ(s.get_double("missing", 1.5), 1.5);
  EXPECT_EQ(s.get_double("junk", 1.5), 1.5);
  EXPECT_EQ(s.get_double("empty", 1.5), 1.5);
  EXPECT_EQ(s.get("missing", "fallback"), "fallback");
}

}  // namespace
}  // namespace hebblab
