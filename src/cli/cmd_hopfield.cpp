// `hebblab hopfield`: the Hopfield lab without a window (for scripts, tests and the lecture's exercises by hand).
// This is where pattern files are read; the core only sees their text.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "core/hopfield.h"
#include "core/json_writer.h"
#include "core/letters.h"
#include "core/pattern_file.h"

namespace hebblab {
namespace {

const char* const kHopfieldUsage =
    "usage: hebblab hopfield [PATTERN_FILE] [--probe I] [--flip K --seed S | --start FILE]\n"
    "                        [--mode sync|async] [--max-steps N] [--json]\n"
    "\n"
    "Stores the patterns with Hebb's rule (default: the lecture's A and Z), starts from stored pattern I\n"
    "(default 0) with K pixels flipped (default 0; seed S, default 1) or from the one pattern in --start FILE,\n"
    "and recalls it synchronously (default) or asynchronously (sweep t in a random order seeded with S + t),\n"
    "for at most --max-steps steps (default 100), printing every step, its energy and the outcome.\n"
    "--patterns FILE is the same as PATTERN_FILE.\n"
    "--json prints one JSON object instead. Exit code 2 on bad input.\n";

// A pattern file from disk; errors carry the path and the parser's "line N: ..." message.
bool load_patterns(const std::string& path, std::vector<Pattern>* out, std::string* error) {
  std::string text;
  if (!read_file(path, &text, error)) return false;
  PatternParse parsed = parse_patterns(text);
  if (!parsed.ok()) {
    *error = path + ": " + parsed.error;
    return false;
  }
  *out = std::move(parsed.patterns);
  return true;
}

std::string label(const std::vector<Pattern>& patterns, int k) {
  const std::string& name = patterns[size_t(k)].name;
  return std::to_string(k) + (name.empty() ? "" : " (" + name + ")");
}

void print_grid(const State& x, int width) {
  std::string row;
  for (size_t i = 0; i < x.size(); ++i) {
    row += x[i] > 0 ? 'X' : 'O';
    if ((i + 1) % size_t(width) == 0) {
      std::printf("%s\n", row.c_str());
      row.clear();
    }
  }
}

struct HopfieldOptions {
  std::string patterns_path, start_path;
  int probe = 0, flip = 0, max_steps = 100;
  bool probe_given = false, flip_given = false, json = false;
  uint64_t seed = 1;
  UpdateMode mode = UpdateMode::Synchronous;
};

// Returns -1 when the run should go on, else the exit code (after --help or a usage error).
int parse_hopfield_options(int argc, char** argv, HopfieldOptions* o) {
  OptionScan scan{"hopfield", kHopfieldUsage, {"--json"},
                  {"--patterns", "--start", "--probe", "--flip", "--seed", "--max-steps", "--mode"}};
  scan.on_flag = [&](const std::string&) { o->json = true; };
  scan.on_positional = [&](const std::string& arg) {
    if (!o->patterns_path.empty()) return "more than one pattern file given ('" + arg + "')";
    o->patterns_path = arg;
    return std::string();
  };
  scan.on_value = [&](const std::string& arg, const std::string& value, std::string* message) {
    if (arg == "--patterns") {
      if (!o->patterns_path.empty()) {
        *message = "more than one pattern file given";
        return false;
      }
      o->patterns_path = value;
    } else if (arg == "--start") {
      o->start_path = value;
    } else if (arg == "--probe") {
      o->probe_given = true;
      return parse_number(value.c_str(), &o->probe) && o->probe >= 0;
    } else if (arg == "--flip") {
      o->flip_given = true;
      return parse_number(value.c_str(), &o->flip) && o->flip >= 0;
    } else if (arg == "--seed") {
      return parse_number(value.c_str(), &o->seed);
    } else if (arg == "--max-steps") {
      return parse_number(value.c_str(), &o->max_steps) && o->max_steps >= 1;
    } else {  // --mode
      o->mode = value == "sync" ? UpdateMode::Synchronous : UpdateMode::Asynchronous;
      return value == "sync" || value == "async";
    }
    return true;
  };
  if (const int code = scan_options(argc, argv, scan); code >= 0) return code;
  if (!o->start_path.empty() && (o->probe_given || o->flip_given))
    return fail("hopfield", "--start gives the start state; it cannot be combined with --probe or --flip");
  return -1;
}

void print_json(const HopfieldOptions& o, const std::vector<Pattern>& patterns, const std::vector<State>& stored,
                const RecallResult& r) {
  JsonWriter j;
  j.begin_object();
  j.key("mode").value(o.mode == UpdateMode::Synchronous ? "sync" : "async");
  j.key("width").value(patterns[0].width);
  j.key("height").value(patterns[0].height);
  j.key("pattern_names").begin_array();
  for (const Pattern& p : patterns) j.value(p.name);
  j.end_array();
  j.key("patterns").begin_array();
  for (const State& s : stored) j.array(s);
  j.end_array();
  j.key("initial").array(r.states.front());
  j.key("states").begin_array();
  for (const State& s : r.states) j.array(s);
  j.end_array();
  j.key("energies").array(r.energies);
  j.key("final").array(r.states.back());
  j.key("steps").value(static_cast<int>(r.states.size()) - 1);
  j.key("overlaps").array(overlaps(r.states.back(), stored));
  j.key("outcome").begin_object();
  j.key("kind").value(outcome_kind_name(r.outcome.kind));
  j.key("index");
  if (r.outcome.index) j.value(*r.outcome.index);
  else j.null();
  j.end_object();
  j.end_object();
  std::printf("%s\n", j.str().c_str());
}

void print_text(const std::vector<Pattern>& patterns, const std::vector<State>& stored, const RecallResult& r,
                int width) {
  for (size_t t = 0; t < r.states.size(); ++t) {
    std::printf("%sstep %zu  E = %g\n", t ? "\n" : "", t, r.energies[t]);
    print_grid(r.states[t], width);
  }
  const int steps = static_cast<int>(r.states.size()) - 1;
  const std::string after = " after " + std::to_string(steps) + (steps == 1 ? " step" : " steps");
  std::string verdict;
  switch (r.outcome.kind) {
    case Outcome::Kind::Pattern: verdict = "stored pattern " + label(patterns, *r.outcome.index); break;
    case Outcome::Kind::Inverse: verdict = "inverse of stored pattern " + label(patterns, *r.outcome.index); break;
    case Outcome::Kind::Spurious: verdict = "spurious state (a fixed point that is no stored pattern)"; break;
    case Outcome::Kind::Cycle: verdict = "2-cycle (the state alternates between two states)"; break;
    case Outcome::Kind::Unfinished: verdict = "unfinished (no fixed point yet; raise --max-steps)"; break;
  }
  std::printf("\noutcome: %s%s\noverlaps:", verdict.c_str(), after.c_str());
  const std::vector<double> m = overlaps(r.states.back(), stored);
  for (size_t k = 0; k < m.size(); ++k)
    std::printf("%s m%s = %.3f", k ? "," : "", label(patterns, int(k)).c_str(), m[k]);
  std::printf("\n");
}

}  // namespace

int cmd_hopfield(int argc, char** argv) {
  HopfieldOptions o;
  if (int code = parse_hopfield_options(argc, argv, &o); code >= 0) return code;

  std::vector<Pattern> patterns = {lecture_letter_a(), lecture_letter_z()};
  std::string error;
  if (!o.patterns_path.empty() && !load_patterns(o.patterns_path, &patterns, &error)) return fail("hopfield", error);
  const int width = patterns[0].width, height = patterns[0].height, n = width * height;
  std::vector<State> stored;
  for (const Pattern& p : patterns) stored.push_back(p.cells);

  State start;
  std::string start_text;
  if (!o.start_path.empty()) {
    std::vector<Pattern> given;
    if (!load_patterns(o.start_path, &given, &error)) return fail("hopfield", error);
    if (given.size() != 1)
      return fail("hopfield", o.start_path + ": a start file holds one pattern, this one has " +
                                  std::to_string(given.size()));
    if (given[0].width != width || given[0].height != height)
      return fail("hopfield", o.start_path + ": the start state is " + std::to_string(given[0].width) + "x" +
                                  std::to_string(given[0].height) + ", the stored patterns are " +
                                  std::to_string(width) + "x" + std::to_string(height));
    start = given[0].cells;
    start_text = "the state in " + o.start_path;
  } else {
    if (o.probe >= static_cast<int>(patterns.size()))
      return fail("hopfield", "--probe " + std::to_string(o.probe) + " is out of range: there are " +
                                  std::to_string(patterns.size()) + " stored patterns (0.." +
                                  std::to_string(patterns.size() - 1) + ")");
    if (o.flip > n)
      return fail("hopfield", "--flip " + std::to_string(o.flip) + " is more than the " + std::to_string(n) +
                                  " pixels of a pattern");
    start = deform(stored[size_t(o.probe)], o.flip, o.seed);
    start_text = "stored pattern " + label(patterns, o.probe) + " with " + std::to_string(o.flip) +
                 " pixels flipped (seed " + std::to_string(o.seed) + ")";
  }

  RecallConfig config;
  config.mode = o.mode;
  config.max_steps = o.max_steps;
  config.seed = o.seed;
  const RecallResult r = recall(hebbian_weights(stored, n), stored, start, config);

  if (o.json) {
    print_json(o, patterns, stored, r);
  } else {
    std::printf("stored %zu patterns of %dx%d; start: %s; %s recall\n\n", patterns.size(), width, height,
                start_text.c_str(), o.mode == UpdateMode::Synchronous ? "synchronous" : "asynchronous");
    print_text(patterns, stored, r, width);
  }
  return 0;
}

}  // namespace hebblab
