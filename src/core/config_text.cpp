// key=value text and exact, locale-independent numbers for job configurations and results.
#include "config_text.h"

#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>
#include <vector>

namespace hebblab {

std::string format_thousands(int64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_double(double v) {
  std::string text;
  for (int precision = 1; precision <= 17; ++precision) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out.precision(precision);
    out << v;
    text = out.str();
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    double back = 0;
    if (in >> back && back == v) break;
  }
  return text;
}

bool parse_double(std::string_view text, double* out) {
  std::istringstream in{std::string(text)};
  in.imbue(std::locale::classic());
  in >> *out;
  return !text.empty() && !in.fail() && in.peek() == std::char_traits<char>::eof() && std::isfinite(*out);
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while ((pos = text.find_first_not_of(" \t\r\n", pos)) != std::string_view::npos) {
    const size_t end = std::min(text.find_first_of(" \t\r\n", pos), text.size());
    words.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return words;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> items;
  size_t pos = 0;
  while (true) {
    const size_t end = std::min(text.find(separator, pos), text.size());
    items.push_back(text.substr(pos, end - pos));
    if (end == text.size()) return items;
    pos = end + 1;
  }
}

bool parse_key_values(std::string_view text, std::string_view what,
                      const std::function<KeyValue(const std::string& key, std::string_view value)>& visit,
                      std::string* error) {
  std::string local_error;
  std::string& err = error ? *error : local_error;
  const std::string prefix = std::string(what) + ": ";
  std::vector<std::string> seen;
  for (const std::string_view token : split_words(text)) {
    const size_t eq = token.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      err = prefix + "expected key=value, got '" + std::string(token) + "'";
      return false;
    }
    const std::string key(token.substr(0, eq));
    const std::string_view value = token.substr(eq + 1);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      err = prefix + "'" + key + "' given twice";
      return false;
    }
    seen.push_back(key);
    switch (visit(key, value)) {
      case KeyValue::Ok: break;
      case KeyValue::UnknownKey: err = prefix + "unknown key '" + key + "'"; return false;
      case KeyValue::BadValue: err = prefix + "bad value '" + std::string(value) + "' for " + key; return false;
    }
  }
  return true;
}

}  // namespace hebblab
