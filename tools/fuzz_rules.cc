// libFuzzer target for the rule matchers on their own: any bytes, as a key
// as they are and folded, never a crash or a read out of bounds. The
// hand-read matchers (deadlines.h, units.h, normalize.h) index bytes
// directly; the whole-pipeline target (fuzz_parse.cc) only ever hands them
// decoded, well-formed text.
//
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DPLANCLI_FUZZ=ON
//   cmake --build build-fuzz --target fuzz_rules
//   mkdir -p /tmp/fuzz-rules   (new inputs go into the first directory)
//   build-fuzz/fuzz_rules -max_len=512 -max_total_time=60 /tmp/fuzz-rules testdata/rules
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "deadlines.h"
#include "normalize.h"
#include "numbering.h"
#include "units.h"

using namespace plancli;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  // the matchers on the bytes as they are, at every position
  for (size_t pos = 0; pos <= raw.size(); ++pos) {
    (void)match_date(raw, pos);
    std::string_view to;
    (void)match_year_range(raw, pos, &to);
    (void)next_date_start(raw, pos);
    (void)match_recurring(raw, pos);
    (void)match_within(raw, pos);
    (void)match_sync(raw, pos);
    (void)match_ongoing(raw, pos);
    (void)match_required(raw, pos);
    (void)match_count(raw, pos);
    (void)next_role_phrase(raw, pos, raw.size());
    (void)find_in(raw, "牵头", pos);
  }
  // the rules on the folded text, with both foldings
  for (bool han : {false, true}) {
    Folding f;
    f.han = han;
    Text t = fold(raw, f);
    (void)find_deadlines(t, DeadlineMode::Prose, 2021);
    (void)find_deadlines(t, DeadlineMode::Cell, std::nullopt);
    (void)parse_unit_list(t, 0, t.key.size(), UnitRole::Responsible);
    (void)find_unit_parentheticals(t, {});
    (void)find_inline_labels(t, {});
    (void)find_unit_clauses(t, {});
    (void)read_marker(t);
    for (size_t kb = 0; kb <= t.key.size(); kb += 3) (void)t.slice(kb, t.key.size());
  }
  return 0;
}
