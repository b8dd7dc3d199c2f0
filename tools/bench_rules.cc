// Benchmark of the rule engine alone (units + deadlines), outside the tests.
//
//   cmake --build build --target bench_rules && build/bench_rules testdata/seeds/*.txt
//   build/bench_rules --deadlines-only --mb 1 …   the deadline rules alone (for callgrind)
//
// Splits the given documents into phrases (sentences and cells), replicates
// them to at least --mb megabytes (default 50), and times find_deadlines,
// find_unit_parentheticals and parse_unit_list over every phrase, at growing
// input sizes. Prints phrases/s and MB/s per size.
#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "deadlines.h"
#include "normalize.h"
#include "units.h"

using namespace plancli;

namespace {

std::vector<std::string> phrases_of(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t c = next_cp(text, i);
    cur.append(text, start, i - start);
    if (c == U'。' || c == U'；' || c == '\n' || c == '|' || c == '\t') {
      if (cur.size() > 3) out.push_back(cur);
      cur.clear();
    }
  }
  if (cur.size() > 3) out.push_back(cur);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  double target_mb = 50;
  bool deadlines_only = false;  // skip the all-rules loop (for profiling the deadline rules)
  std::vector<std::string> base;
  std::string all_text;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mb") == 0 && i + 1 < argc) {
      target_mb = std::stod(argv[++i]);
      continue;
    }
    if (std::strcmp(argv[i], "--deadlines-only") == 0) {
      deadlines_only = true;
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    all_text += text;
    for (auto& p : phrases_of(text)) base.push_back(p);
  }
  if (base.empty()) {
    fmt::print(stderr, "usage: bench_rules [--mb N] FILE...\n");
    return 2;
  }
  Folding folding = make_folding(all_text);
  std::vector<Text> folded;
  for (auto& p : base) folded.push_back(fold(p, folding));
  size_t base_bytes = 0;
  for (auto& p : base) base_bytes += p.size();
  fmt::print("{} distinct phrases, {:.1f} KB\n", base.size(), base_bytes / 1024.0);
  fmt::print("{:>10} {:>12} {:>14} {:>10}\n", "MB", "phrases", "phrases/s", "MB/s");
  for (double mb = 1; !deadlines_only && mb <= target_mb * 1.001; mb *= 2.5) {
    size_t want = static_cast<size_t>(mb * 1024 * 1024), bytes = 0, n = 0, found = 0;
    auto start = std::chrono::steady_clock::now();
    while (bytes < want) {
      for (size_t k = 0; k < folded.size() && bytes < want; ++k) {
        const Text& t = folded[k];
        found += find_deadlines(t, DeadlineMode::Prose, 2021).size();
        found += find_unit_parentheticals(t, {}).size();
        // unit lists are parsed where a cell or label holds them: short phrases
        if (t.key.size() < 3 * 60) found += parse_unit_list(t, 0, t.key.size(), UnitRole::Responsible).responsible.size();
        bytes += t.raw.size();
        ++n;
      }
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("{:>10.1f} {:>12} {:>14.0f} {:>10.2f}   ({} hits)\n", bytes / 1048576.0, n, n / s, bytes / 1048576.0 / s, found);
    if (mb < target_mb && mb * 2.5 > target_mb) mb = target_mb / 2.5;
  }
  // The deadline rules alone over the same phrases: what a date parser such
  // as chrono-node does, for the comparison in docs/performance.md. The best
  // of three passes, as tools/bench_parse.sh takes the best of its runs: a
  // shared host's load only ever slows a pass down.
  {
    size_t want = static_cast<size_t>(target_mb * 1024 * 1024), bytes = 0, n = 0, found = 0;
    double best = 0;
    for (int pass = 0; pass < 3; ++pass) {
      bytes = n = found = 0;
      auto start = std::chrono::steady_clock::now();
      while (bytes < want) {
        for (size_t k = 0; k < folded.size() && bytes < want; ++k) {
          found += find_deadlines(folded[k], DeadlineMode::Prose, 2021).size();
          bytes += folded[k].raw.size();
          ++n;
        }
      }
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (pass == 0 || s < best) best = s;
      fmt::print("deadlines only, pass {}: {:.0f} phrases/s\n", pass + 1, n / s);
    }
    fmt::print("deadlines only: {:.1f} MB, {} phrases, {:.0f} phrases/s, {:.2f} MB/s ({} found; best of 3 passes)\n",
               bytes / 1048576.0, n, n / best, bytes / 1048576.0 / best, found);
  }
  return 0;
}
