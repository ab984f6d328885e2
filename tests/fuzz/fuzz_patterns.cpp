// A Hopfield pattern file as hebblab hopfield, the lab's "Load patterns" and the saved settings read it.
#include "core/limits.h"
#include "core/pattern_file.h"
#include "fuzz_util.h"

using namespace hebblab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const PatternParse parsed = parse_patterns({reinterpret_cast<const char*>(data), size});
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.patterns.empty() && parsed.error_line >= 1);
    return 0;
  }
  FUZZ_CHECK(int(parsed.patterns.size()) <= limits::kMaxPatterns);
  for (const Pattern& p : parsed.patterns) {
    FUZZ_CHECK(p.width >= 1 && p.width <= limits::kMaxHopfieldSide);
    FUZZ_CHECK(p.height >= 1 && p.height <= limits::kMaxHopfieldSide);
    FUZZ_CHECK(p.cells.size() == size_t(p.width) * size_t(p.height));
    FUZZ_CHECK(p.width == parsed.patterns[0].width && p.height == parsed.patterns[0].height);
  }
  // What the app writes back (settings, "Save patterns") reads back the same.
  const std::string text = format_patterns(parsed.patterns);
  const PatternParse again = parse_patterns(text);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(format_patterns(again.patterns) == text);
  return 0;
}
