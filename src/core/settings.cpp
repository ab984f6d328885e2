// Settings text format: one "key=value" per line; in values "\n" stands for a newline, "\r" for a carriage return and
// "\\" for a backslash.
#include "settings.h"

#include <cstdlib>
#include <sstream>

namespace hebblab {

std::string Settings::get(const std::string& key, const std::string& fallback) const {
  auto it = values_.find(key);
  return it == values_.end() ? fallback : it->second;
}

int Settings::get_int(const std::string& key, int fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  long v = std::strtol(it->second.c_str(), &end, 10);
  return (end && *end == '\0' && !it->second.empty()) ? static_cast<int>(v) : fallback;
}

double Settings::get_double(const std::string& key, double fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  double v = std::strtod(it->second.c_str(), &end);
  return (end && *end == '\0' && !it->second.empty()) ? v : fallback;
}

void Settings::set(const std::string& key, std::string value) { values_[key] = std::move(value); }
void Settings::set_int(const std::string& key, int value) { values_[key] = std::to_string(value); }
void Settings::set_double(const std::string& key, double value) {
  std::ostringstream s;
  s.precision(17);
  s << value;
  values_[key] = s.str();
}

std::string Settings::serialize() const {
  std::string out;
  for (const auto& [key, value] : values_) {
    out += key;
    out += '=';
    for (char c : value) {
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";  // a raw CR at the end would be taken for a CR LF line end
      else if (c == '\\') out += "\\\\";
      else out += c;
    }
    out += '\n';
  }
  return out;
}

Settings Settings::parse(std::string_view text, std::string* error) {
  Settings s;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      if (error && error->empty()) *error = "settings line " + std::to_string(line_no) + ": expected key=value";
      continue;
    }
    std::string value;
    std::string_view raw = line.substr(eq + 1);
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        ++i;
        value += raw[i] == 'n' ? '\n' : raw[i] == 'r' ? '\r' : raw[i];
      } else {
        value += raw[i];
      }
    }
    s.values_[std::string(line.substr(0, eq))] = std::move(value);
  }
  return s;
}

}  // namespace hebblab
