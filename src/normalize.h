// Internal stage behind plancli/parse.h: text for matching, with a map back.
//
// Rules match a folded "key" of each piece of text; output keeps the
// document's own characters. Text carries both and maps key offsets back.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace plancli {

// Whether Traditional → Simplified folding applies to a document: set by
// make_folding when the text holds a character that ICU's
// Traditional-Simplified transliterator changes. A default Folding folds
// width and punctuation only.
struct Folding {
  bool han = false;
};
Folding make_folding(std::string_view text);
// The simplified form of one character (itself when unchanged), from a table
// generated at build time from ICU (src/gen/t2s_gen.cc).
char32_t to_simplified(char32_t c);

// A piece of text and its key: full-width ASCII folded (（ → (, ：→ :, １ → 1),
// traditional folded to simplified, zero-width characters dropped, and
// whitespace dropped except between two ASCII letters or digits.
// map[j] is the raw byte offset of the j-th key character (one entry per
// character, not per byte: a CJK character is three key bytes); the last
// entry is raw.size(). Offsets into the key are bytes, on character bounds.
struct Text {
  std::string raw;
  std::string key;
  std::vector<uint32_t> map;
  // The raw text behind key bytes [kb, ke), without surrounding whitespace.
  std::string_view slice(size_t kb, size_t ke) const;
  // The raw byte offset of the character at key byte kb.
  size_t raw_offset(size_t kb) const;
  // The index of the key character at key byte kb (its entry in map).
  size_t char_index(size_t kb) const;

 private:
  // The last char_index answer: the rules slice a text from left to right,
  // so counting on from there keeps that linear. The key only ever grows at
  // its end (append_text), which leaves the answer true. A Text belongs to
  // one parse, on one thread.
  mutable size_t hint_kb_ = 0, hint_index_ = 0;
};
Text fold(std::string_view raw, const Folding& folding);
// The same, keeping `raw` itself as the Text's raw text instead of a copy.
Text fold_owned(std::string&& raw, const Folding& folding);
// The part of `t` behind key bytes [kb, ke), without folding again; its raw
// text runs from the first to the last key character (no surrounding spaces).
Text sub_text(const Text& t, size_t kb, size_t ke);
// Appends that part to `dst`, as if the two raw texts had been joined and
// folded together (no space is put between them).
void append_text(Text& dst, const Text& src, size_t kb, size_t ke);
// Key only, for short strings where no map is needed.
std::string fold_key(std::string_view raw, const Folding& folding);

// Drops converter residue from one line: Word's [bookmark: _GoBack], HTML tags
// and entities, and pinyin spliced in after a character (公開(kāi) → 公開).
std::string strip_residue(std::string_view line);

// Removes whitespace (including U+3000 and no-break spaces) except a single
// space between two ASCII letters or digits: "伏羲 山管委 会" → "伏羲山管委会".
std::string squeeze(std::string_view s);

// Prefix and suffix tests on any string-like value (one spelling for the
// whole pipeline). The prefix test is a byte loop: the rules' words are a
// few bytes and differ early, where a memcmp call cost more than the
// comparison.
inline bool starts_with(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t k = 0; k < p.size(); ++k)
    if (s[k] != p[k]) return false;
  return true;
}
inline bool ends_with(std::string_view s, std::string_view p) { return s.ends_with(p); }

// Trims ASCII and CJK whitespace at both ends.
std::string_view trim(std::string_view s);

// UTF-8 helpers.
void append_cp(std::string& out, char32_t c);
// Writes c as UTF-8 into out[0..4), returns the number of bytes.
size_t encode_cp(char32_t c, char* out);
inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3007;
}
inline bool is_space_cp(char32_t c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0x3000 || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}
size_t cp_count(std::string_view s);

// The first place of `needle` in `hay` at or after pos, npos if none. Made
// for CJK words: it looks for the needle's second byte, which a Chinese text
// holds far less often than its first (E4-E9 begin most characters), where
// std::string_view::find calls memchr for every first-byte match.
inline size_t find_in(std::string_view hay, std::string_view needle, size_t pos = 0) {
  const size_t n = needle.size();
  if (n < 2) return hay.find(needle, pos);
  if (pos > hay.size() || hay.size() - pos < n) return std::string_view::npos;
  const char* base = hay.data();
  if (hay.size() - pos < 48) {  // short texts (cells, labels): a plain loop beats a memchr call
    for (size_t i = pos; i + n <= hay.size(); ++i)
      if (hay[i + 1] == needle[1] && hay[i] == needle[0] && starts_with(hay.substr(i + 2), needle.substr(2))) return i;
    return std::string_view::npos;
  }
  const char* p = base + pos + 1;                // where needle[1] may first stand
  const char* last = base + hay.size() - n + 1;  // and last
  while (p <= last) {
    p = static_cast<const char*>(std::memchr(p, needle[1], static_cast<size_t>(last - p + 1)));
    if (!p) break;
    if (p[-1] == needle[0] && starts_with(std::string_view(p + 1, n - 2), needle.substr(2)))
      return static_cast<size_t>(p - 1 - base);
    ++p;
  }
  return std::string_view::npos;
}
inline bool contains(std::string_view hay, std::string_view needle) {
  return find_in(hay, needle) != std::string_view::npos;
}

// A set of 3-byte characters, tested by their two trailing bytes alone (a
// bit per pair, 8 KB): a pair stands for one character under each of the
// 16 lead bytes, so a hit is a candidate that the caller decodes and checks.
// It lets the byte loops pass over most characters in a few instructions.
class TailSet {
 public:
  explicit TailSet(std::u32string_view chars) {
    for (char32_t c : chars) {
      char utf8[4];
      encode_cp(c, utf8);
      uint16_t tail;
      std::memcpy(&tail, utf8 + 1, 2);
      bits_[tail >> 6] |= uint64_t{1} << (tail & 63);
    }
  }
  // p points at the lead byte of a 3-byte character
  bool may_hold(const unsigned char* p) const {
    uint16_t tail;
    std::memcpy(&tail, p + 1, 2);
    return bits_[tail >> 6] >> (tail & 63) & 1;
  }

 private:
  uint64_t bits_[0x10000 / 64] = {};
};

// The 3-byte character whose lead byte (E0-EF) is at p, decoded without a
// check: for loops that have seen the lead byte and know two bytes follow.
inline char32_t decode3(const unsigned char* p) {
  return static_cast<char32_t>((p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
}

// The 3-byte character at s[i] (a lead byte E0-EF and two continuation
// bytes: all of CJK), or 0 when there is none. The byte loops' fast path.
inline char32_t cp3_at(std::string_view s, size_t i) {
  if (i + 3 > s.size()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
  return decode3(p);
}

// The character at s[i] (i advances past it); U+FFFD for a stray byte.
inline char32_t next_cp(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  auto at = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) & 0x3F : 0; };
  if (c < 0x80) { i += 1; return c; }
  if (c >= 0xF0 && i + 3 < s.size() + 0) {
    char32_t r = ((c & 0x07) << 18) | (at(i + 1) << 12) | (at(i + 2) << 6) | at(i + 3);
    i += 4;
    return r;
  }
  if (c >= 0xE0) {
    char32_t r = ((c & 0x0F) << 12) | (at(i + 1) << 6) | at(i + 2);
    i += 3;
    return r;
  }
  if (c >= 0xC0) {
    char32_t r = ((c & 0x1F) << 6) | at(i + 1);
    i += 2;
    return r;
  }
  i += 1;
  return 0xFFFD;
}

}  // namespace plancli
