// The user's settings and work as one flat key -> value map, stored as text: "key=value" lines, with newline
// and backslash escaped in values. The platform decides where the text lives (a file written atomically, localStorage).
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace hebblab {

class Settings {
 public:
  std::string get(const std::string& key, const std::string& fallback = "") const;
  int get_int(const std::string& key, int fallback) const;
  double get_double(const std::string& key, double fallback) const;
  void set(const std::string& key, std::string value);
  void set_int(const std::string& key, int value);
  void set_double(const std::string& key, double value);
  bool has(const std::string& key) const { return values_.count(key) != 0; }
  const std::map<std::string, std::string>& values() const { return values_; }
  bool operator==(const Settings& other) const { return values_ == other.values_; }
  bool operator!=(const Settings& other) const { return !(*this == other); }

  std::string serialize() const;
  // Lines without '=' or with an empty key are reported in *error (first one, with its line number) and skipped;
  // every well-formed line is kept, so one damaged line loses nothing else.
  static Settings parse(std::string_view text, std::string* error = nullptr);

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace hebblab
