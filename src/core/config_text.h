// The text form shared by job configurations and results: whitespace-separated key=value pairs, numbers written
// locale-independently and read back exactly, so a request crosses the worker boundary and a settings file intact.
#pragma once
#include <charconv>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hebblab {

// Shortest text that reads back as the same double, whatever the C++ locale.
std::string format_double(double v);
// A non-negative count with commas between thousands, as Keras prints parameter counts: 600810 -> "600,810".
std::string format_thousands(int64_t n);
// A finite double and nothing else.
bool parse_double(std::string_view text, double* out);
// Plain decimal digits only: no sign for unsigned types, no '+', no spaces, nothing after the number.
template <typename Int>
bool parse_int(std::string_view text, Int* out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  return ec == std::errc() && ptr == end && !text.empty();
}

// The words of text between runs of whitespace (none for blank text).
std::vector<std::string_view> split_words(std::string_view text);
// Every item between separators, empty ones included ("a,,b" -> "a", "", "b"; "" -> one empty item).
std::vector<std::string_view> split(std::string_view text, char separator);

enum class KeyValue { Ok, UnknownKey, BadValue };
// Hands each pair of "key=value key=value ..." to `visit`; false with "<what>: expected key=value, got 'x'",
// "<what>: 'k' given twice", "<what>: unknown key 'k'" or "<what>: bad value 'v' for k" at the first problem.
bool parse_key_values(std::string_view text, std::string_view what,
                      const std::function<KeyValue(const std::string& key, std::string_view value)>& visit,
                      std::string* error);

}  // namespace hebblab
