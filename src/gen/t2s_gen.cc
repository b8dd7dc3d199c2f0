// Build-time generator: the Traditional→Simplified character table that
// folding uses, taken from ICU's own Traditional-Simplified transliterator.
//
// Building the transliterator costs about 170 M instructions and several MB
// per process (its registry), while folding only ever needs it one character
// at a time. So the build runs it once over every Han code point and writes
// the characters it changes into one character as a sorted C++ table
// (t2s_table.inc in the build tree); nothing is vendored, and a new ICU gives
// a new table on the next build.
#include <unicode/translit.h>
#include <unicode/uversion.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace {

bool is_han(UChar32 c) {  // the ranges of normalize.cc's is_han
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3007;
}

}  // namespace

int main() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t2s(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t2s) {
    std::fprintf(stderr, "t2s_gen: ICU has no Traditional-Simplified transliterator: %s\n", u_errorName(status));
    return 1;
  }
  std::vector<std::pair<UChar32, UChar32>> pairs;
  for (UChar32 c = 0; c <= 0x2FFFF; ++c) {
    if (!is_han(c)) continue;
    icu::UnicodeString s(c);
    t2s->transliterate(s);
    // only one character for one: folding keeps one key character per
    // source character, so anything else stays as it is
    if (s.countChar32() == 1 && s.char32At(0) != c) pairs.emplace_back(c, s.char32At(0));
  }
  std::printf("// Generated at build time by src/gen/t2s_gen.cc from ICU %s's\n"
              "// Traditional-Simplified transliterator: %zu characters. Do not edit.\n"
              "static constexpr char32_t kT2S[][2] = {\n",
              U_ICU_VERSION, pairs.size());
  for (auto [from, to] : pairs) std::printf("  {0x%04X, 0x%04X},\n", from, to);
  std::printf("};\n");
  return 0;
}
