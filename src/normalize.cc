// Folds text for matching and keeps a map back to the original characters.
// Tested by tests/normalize_test.cc.
//
// Hard cases: 「公開(kāi)」 pinyin residue (dropped from output too); full-width
// digits in markers (１．); U+3000 indentation; traditional text (牽頭 → 牵头
// for matching only); "[bookmark: _GoBack]" left by Word.
#include "normalize.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

namespace plancli {

size_t encode_cp(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

void append_cp(std::string& out, char32_t c) {
  char buf[4];
  out.append(buf, encode_cp(c, buf));
}



static bool is_zero_width(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD;
}

// What fold leaves out of the key and squeeze and trim remove: white space
// (is_space_cp), line breaks and zero-width characters. The ASCII ones on
// their own, for the byte loops.
static bool is_ascii_blank(unsigned char b) { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\v'; }
static bool is_blank_cp(char32_t c) { return is_space_cp(c) || c == '\n' || is_zero_width(c); }

static bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t cp_count(std::string_view s) {
  // eight bytes at a time: a continuation byte has bit 7 set and bit 6
  // clear; the flags are summed by a multiply (no popcount instruction in
  // the x86-64 baseline)
  size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    uint64_t cont = ((w & ~(w << 1)) >> 7) & 0x0101010101010101ULL;
    n += 8 - static_cast<size_t>((cont * 0x0101010101010101ULL) >> 56);
  }
  for (; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

namespace {

#include "t2s_table.inc"

// One bit per BMP character that the table changes: most characters of a
// simplified document are answered here without a search.
struct T2SIndex {
  uint64_t bmp[0x10000 / 64] = {};
  T2SIndex() {
    for (auto& p : kT2S)
      if (p[0] < 0x10000) bmp[p[0] >> 6] |= uint64_t{1} << (p[0] & 63);
  }
  bool may_change(char32_t c) const { return c >= 0x10000 || (bmp[c >> 6] >> (c & 63) & 1); }
};
const T2SIndex kT2SIndex;

}  // namespace

char32_t to_simplified(char32_t c) {
  if (c < 0x3400 || !kT2SIndex.may_change(c)) return c;
  auto it = std::lower_bound(std::begin(kT2S), std::end(kT2S), c,
                             [](const char32_t(&p)[2], char32_t v) { return p[0] < v; });
  return it != std::end(kT2S) && (*it)[0] == c ? (*it)[1] : c;
}

Folding make_folding(std::string_view text) {
  Folding f;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  // while a 3-byte character fits (decoded text is well-formed UTF-8, so no
  // continuation check: this loop sees every character start)
  while (i + 3 <= n) {
    unsigned b = p[i];
    if (b - 0xE3u <= 0xEFu - 0xE3u) {  // U+3000..U+FFFF: the bitmap answers
      char32_t c = decode3(p + i);
      if (kT2SIndex.bmp[c >> 6] >> (c & 63) & 1) {
        f.han = true;
        return f;
      }
      i += 3;
    } else if (b < 0xE3) {  // below U+3000: not Han; skip the whole character
      i += b < 0xC0 ? 1 : b < 0xE0 ? 2 : 3;
    } else if (char32_t c = next_cp(text, i); is_han(c) && to_simplified(c) != c) {  // 4 bytes
      f.han = true;
      return f;
    }
  }
  while (i < n) {  // the last one or two bytes: ASCII, or a 2-byte character
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b >= 0xE3) {
      char32_t c = next_cp(text, i);
      if (c < 0x10000 ? kT2SIndex.may_change(c) && is_han(c) : is_han(c) && to_simplified(c) != c) f.han = true;
      continue;
    }
    i += b < 0xC0 ? 1 : b < 0xE0 ? 2 : 3;
  }
  return f;
}

static char32_t fold_cp(char32_t c, const Folding& folding) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // full-width ASCII
  switch (c) {
    case 0x2018: case 0x2019: return '\'';
    case 0xFE5D: return 0x3014;  // ﹝ → 〔
    case 0xFE5E: return 0x3015;
    case 0x2027: case 0x30FB: return 0xB7;
    default: break;
  }
  if (folding.han && c >= 0x3400 && is_han(c)) return to_simplified(c);
  return c;
}

// Key characters in key bytes [from, to) (both on character boundaries).
static size_t chars_between(const std::string& key, size_t from, size_t to) {
  to = std::min(to, key.size());
  return from < to ? cp_count(std::string_view(key).substr(from, to - from)) : 0;
}
size_t Text::char_index(size_t kb) const {
  kb = std::min(kb, key.size());
  if (hint_kb_ > key.size()) hint_kb_ = hint_index_ = 0;  // a copy given a shorter key
  if (kb >= hint_kb_) hint_index_ += chars_between(key, hint_kb_, kb);
  else if (kb >= hint_kb_ / 2) hint_index_ -= chars_between(key, kb, hint_kb_);
  else hint_index_ = chars_between(key, 0, kb);
  hint_kb_ = kb;
  return hint_index_;
}

size_t Text::raw_offset(size_t kb) const {
  if (map.empty()) return 0;
  return map[std::min(char_index(kb), map.size() - 1)];
}

std::string_view Text::slice(size_t kb, size_t ke) const {
  if (kb >= ke || kb >= key.size() || map.empty()) return {};
  if (ke > key.size()) ke = key.size();
  size_t jb = char_index(kb);
  size_t je = char_index(ke);
  size_t rb = map[std::min(jb, map.size() - 1)], re = map[std::min(je, map.size() - 1)];
  // characters dropped from the key (spaces) between kb and ke stay inside;
  // those after the last kept character do not
  return trim(std::string_view(raw).substr(rb, re - rb));
}

// Length of the well-formed multi-byte character at s[i] when no folding
// can change it (see fold), else 0.
[[gnu::always_inline]] static inline size_t plain_len(std::string_view s, size_t i, bool han) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b >= 0xE4 && b <= 0xE9) {  // U+4000..U+9FFF: CJK ideographs
    char32_t c = cp3_at(s, i);
    return !c || (han && kT2SIndex.may_change(c)) ? 0 : 3;
  }
  if (b < 0xC3 || b == 0xE2 || b == 0xE3 || b >= 0xEF) return 0;
  size_t len = b >= 0xE0 ? 3 : 2;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  if (b == 0xE0 && static_cast<unsigned char>(s[i + 1]) < 0xA0) return 0;  // overlong
  if (b == 0xED && static_cast<unsigned char>(s[i + 1]) > 0x9F) return 0;  // surrogate
  return len;
}

// One pass, writing into buffers sized up front: ASCII and unchanged
// characters are copied as they are; only full-width forms, a few
// punctuation marks and traditional characters are re-encoded. A run of
// spaces becomes one ' ' only between two ASCII letters or digits.
Text fold(std::string_view raw, const Folding& folding) { return fold_owned(std::string(raw), folding); }

Text fold_owned(std::string&& owned, const Folding& folding) {
  Text t;
  t.raw = std::move(owned);
  const std::string_view raw = t.raw;
  const size_t n = raw.size();
  t.key.resize(n + 8);
  t.map.resize(cp_count(raw) + 2);
  size_t k = 0, j = 0;  // bytes written to key, entries written to map
  char32_t prev = 0;    // last character kept in the key
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t pending = kNone;  // raw offset of a run of spaces not yet decided
  auto room = [&] {  // invalid UTF-8 can re-encode longer than it was
    // one step writes at most a space and a 4-byte character
    if (k + 5 > t.key.size()) t.key.resize(2 * t.key.size());
    if (j + 2 > t.map.size()) t.map.resize(2 * t.map.size());
  };
  // After a kept character, the characters that follow it with no space
  // between need no pending-space check: printable ASCII and characters
  // folding leaves alone are copied in a tight loop.
  auto run = [&](size_t& i) {
    char* kp = t.key.data();
    uint32_t* mp = t.map.data();
    const size_t kcap = t.key.size(), mcap = t.map.size();
    // First without a capacity check per character: a step writes at most
    // as many key bytes as it reads and adds one map entry, so up to `lim`
    // the buffers have room (and three bytes can be read at i). Printable
    // ASCII, full-width ASCII, CJK punctuation and unchanged ideographs are
    // handled here; anything else goes to the loop below, which stops at it.
    if (n >= 3 && k + 4 <= kcap && j + 2 <= mcap) {
      const size_t lim = std::min({n - 3 + 1, i + (kcap - k - 4) + 1, i + (mcap - j - 2) + 1});
      const auto* rp = reinterpret_cast<const unsigned char*>(raw.data());
      // local copies: a store through the char buffer may alias any
      // variable in memory, and the captured ones would be reloaded
      // after every byte written
      size_t li = i, lk = k, lj = j;
      char32_t lprev = prev;
      const bool han = folding.han;
      while (li < lim) {
        unsigned c0 = rp[li];
        if (c0 < 0x80) {
          if (c0 <= ' ' || c0 >= 0x7F) break;
          mp[lj++] = static_cast<uint32_t>(li);
          kp[lk++] = static_cast<char>(c0);
          ++li;
          lprev = c0;
          continue;
        }
        if ((c0 & 0xF0) != 0xE0) break;  // 2- and 4-byte characters: the loop below
        unsigned b1 = rp[li + 1], b2 = rp[li + 2];
        if (((b1 ^ 0x80) | (b2 ^ 0x80)) > 0x3F) break;  // both continuation bytes
        // U+4000..U+9FFF with no folding stays as it is, copied before any
        // decode. The copy is written again below on purpose: one copy
        // behind a joint condition measured 15% slower (fold harness, ten
        // alternating runs)
        if (c0 - 0xE4u <= 0xE9u - 0xE4u && !han) {
          mp[lj++] = static_cast<uint32_t>(li);
          kp[lk] = static_cast<char>(c0);
          kp[lk + 1] = static_cast<char>(b1);
          kp[lk + 2] = static_cast<char>(b2);
          lk += 3;
          li += 3;
          lprev = 0xFFFF;
          continue;
        }
        char32_t c = decode3(rp + li);
        if (c >= 0xFF01 && c <= 0xFF5E) {  // full-width ASCII: one byte in the key (fold_cp)
          char a = static_cast<char>(c - 0xFEE0);
          mp[lj++] = static_cast<uint32_t>(li);
          kp[lk++] = a;
          li += 3;
          lprev = static_cast<unsigned char>(a);
          continue;
        }
        // CJK punctuation (、。《》…, not the ideographic space or ・) and
        // ideographs stay as they are unless traditional folding changes them
        bool plain = (c >= 0x4000 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3FFF && c != 0x30FB);
        if (!plain || (han && c >= 0x3400 && kT2SIndex.may_change(c))) break;
        mp[lj++] = static_cast<uint32_t>(li);
        kp[lk] = static_cast<char>(c0);
        kp[lk + 1] = static_cast<char>(b1);
        kp[lk + 2] = static_cast<char>(b2);
        lk += 3;
        li += 3;
        lprev = 0xFFFF;
      }
      i = li;
      k = lk;
      j = lj;
      prev = lprev;
    }
    while (i < n && k + 4 <= kcap && j + 2 <= mcap) {
      unsigned char c0 = static_cast<unsigned char>(raw[i]);
      if (c0 >= 0x80) {
        size_t l = plain_len(raw, i, folding.han);
        if (!l) return;
        mp[j++] = static_cast<uint32_t>(i);
        kp[k] = raw[i];
        kp[k + 1] = raw[i + 1];
        if (l == 3) kp[k + 2] = raw[i + 2];
        k += l;
        i += l;
        prev = 0xFFFF;
      } else if (c0 > ' ' && c0 < 0x7F) {
        mp[j++] = static_cast<uint32_t>(i);
        kp[k++] = static_cast<char>(c0);
        ++i;
        prev = c0;
      } else {
        return;
      }
    }
  };
  auto keep = [&](char32_t f, size_t start) {  // f enters the key for raw[start..]
    if (pending != kNone) {
      if (is_ascii_alnum(prev) && is_ascii_alnum(f)) {
        t.key[k++] = ' ';
        t.map[j++] = static_cast<uint32_t>(pending);
      }
      pending = kNone;
    }
    t.map[j++] = static_cast<uint32_t>(start);
    prev = f;
  };
  for (size_t i = 0; i < n;) {
    room();
    unsigned char b = static_cast<unsigned char>(raw[i]);
    if (b < 0x80) {
      if (is_ascii_blank(b)) {
        if (pending == kNone) pending = i;
        ++i;
      } else {
        keep(b, i);
        t.key[k++] = static_cast<char>(b);
        ++i;
        run(i);
      }
      continue;
    }
    // A character that folding leaves alone is copied as it is: spaces,
    // zero-width and full-width forms and the folded punctuation all start
    // with C2, E2, E3 or EF; Han characters (E3-E9, EF, F0) only change
    // under Traditional → Simplified folding.
    if (size_t len = plain_len(raw, i, folding.han)) {
      keep(0xFFFF, i);
      std::memcpy(&t.key[k], &raw[i], len);
      k += len;
      i += len;
      run(i);
      continue;
    }
    size_t start = i;
    char32_t c = next_cp(raw, i);
    if (is_zero_width(c)) {  // dropped; it also ends a run of spaces
      pending = kNone;
      continue;
    }
    if (is_space_cp(c)) {
      if (pending == kNone) pending = start;
      continue;
    }
    // what reaches here is rare (full-width forms, folded punctuation,
    // traditional characters): its folded form is encoded
    char32_t f = fold_cp(c, folding);
    keep(f, start);
    k += encode_cp(f, &t.key[k]);
  }
  t.key.resize(k);
  // the end entry: room() left space for one step, and a step can use both
  // entries (a space, then a character); stray continuation bytes, which
  // cp_count does not count, can bring the map to its end
  t.map.resize(j + 1);
  t.map[j] = static_cast<uint32_t>(n);
  return t;
}

std::string fold_key(std::string_view raw, const Folding& folding) { return fold(raw, folding).key; }

void append_text(Text& dst, const Text& src, size_t kb, size_t ke) {
  if (!dst.map.empty()) dst.map.pop_back();  // the old end
  ke = std::min(ke, src.key.size());
  if (kb < ke && !src.map.empty()) {
    size_t jb = src.char_index(kb);
    size_t je = std::min(src.char_index(ke), src.map.size() - 1);
    size_t rb = src.map[jb], last = src.map[je - 1];
    // the raw text ends with the last key character: no trailing spaces
    size_t re = last;
    if (re < src.raw.size()) next_cp(src.raw, re);
    re = std::min({re, src.raw.size(), static_cast<size_t>(src.map[je])});
    size_t base = dst.raw.size();
    dst.raw.append(src.raw, rb, re - rb);
    dst.key.append(src.key, kb, ke - kb);
    // written in place after one resize (push_back checked the capacity per entry)
    size_t at = dst.map.size();
    // room for the end entry below too; grown by doubling, as push_back
    // would (reserving the exact size moved the whole map at every append:
    // quadratic in a body of thousands of parts)
    size_t need = at + (je - jb) + 1;
    if (need > dst.map.capacity()) dst.map.reserve(std::max(need, 2 * dst.map.capacity()));
    dst.map.resize(at + (je - jb));
    uint32_t* out = dst.map.data() + at;
    const uint32_t shift = static_cast<uint32_t>(base - rb);  // unsigned wrap-around subtracts
    for (size_t j = jb; j < je; ++j) *out++ = src.map[j] + shift;
  }
  dst.map.push_back(static_cast<uint32_t>(dst.raw.size()));
}

Text sub_text(const Text& t, size_t kb, size_t ke) {
  Text s;
  append_text(s, t, kb, ke);
  return s;
}

// Lower-case pinyin letters with tone marks, as a converter writes them.
static bool is_pinyin_cp(char32_t c) {
  if (c >= 'a' && c <= 'z') return true;
  static const std::u32string tones = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
  return tones.find(c) != std::u32string::npos;
}

// Length in bytes of a "(pīn)" group at s[i], or 0.
static size_t pinyin_group(std::string_view s, size_t i) {
  size_t j = i;
  char32_t open = next_cp(s, j);
  if (open != '(' && open != 0xFF08) return 0;
  int letters = 0;
  bool toned = false;
  while (j < s.size()) {
    size_t k = j;
    char32_t c = next_cp(s, k);
    if (c == ')' || c == 0xFF09) {
      // plain ASCII words such as (test) stay: a pinyin group has a tone mark
      // or is a short lower-case syllable
      return letters >= 1 && letters <= 7 && (toned || letters <= 6) ? k - i : 0;
    }
    if (!is_pinyin_cp(c)) return 0;
    toned |= c >= 0x80;
    ++letters;
    j = k;
  }
  return 0;
}

static size_t html_tag(std::string_view s, size_t i) {
  if (s[i] != '<' || i + 2 >= s.size()) return 0;
  char n = s[i + 1];
  if (!(std::isalpha(static_cast<unsigned char>(n)) || n == '/' || n == '!')) return 0;
  size_t end = s.find('>', i);
  if (end == std::string_view::npos || end - i > 300) return 0;
  if (s.substr(i, end - i).find('<', 1) != std::string_view::npos) return 0;
  return end - i + 1;
}

static size_t html_entity(std::string_view s, size_t i, std::string& out) {
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
      {"&apos;", "'"}, {"&ldquo;", "“"}, {"&rdquo;", "”"}, {"&mdash;", "—"}, {"&hellip;", "…"},
      {"&middot;", "·"}, {"&emsp;", " "}, {"&ensp;", " "}};
  for (auto& [name, value] : kNamed)
    if (s.substr(i, name.size()) == name) {
      out += value;
      return name.size();
    }
  if (s.substr(i, 2) == "&#") {
    size_t j = i + 2;
    bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    char32_t v = 0;
    size_t digits = 0;
    while (j < s.size() && digits < 7 && std::isxdigit(static_cast<unsigned char>(s[j]))) {
      char c = s[j];
      if (!hex && !std::isdigit(static_cast<unsigned char>(c))) break;
      v = v * (hex ? 16 : 10) + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10);
      ++j;
      ++digits;
    }
    if (digits && j < s.size() && s[j] == ';' && v > 0 && v < 0x110000) {
      append_cp(out, v);
      return j + 1 - i;
    }
  }
  return 0;
}

std::string strip_residue(std::string_view s) {
  // Text between the bytes that can start residue ([ < & ( （) is copied in
  // runs; most lines hold none of them and are copied whole.
  static constexpr auto kStart = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'[', '<', '&', '(', '\xEF'}) t[c] = true;
    return t;
  }();
  auto special = [&](size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!kStart[c]) return false;
    return c != 0xEF || (i + 2 < s.size() && s[i + 1] == '\xBC' && s[i + 2] == '\x88');
  };
  std::string out;
  out.reserve(s.size());
  char32_t prev = 0;  // the last character copied (residue and entities leave it)
  size_t run = 0;     // start of the run not yet copied
  auto flush = [&](size_t end) {
    if (end > run) {
      out.append(s, run, end - run);
      size_t k = end - 1;
      while (k > run && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
      prev = next_cp(s, k);
    }
    run = end;
  };
  // the next special byte at or after i: eight bytes at a time while none
  // of the five start bytes is among them
  auto next_special = [&](size_t i) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    auto has_byte = [&](uint64_t w, unsigned char b) {
      uint64_t x = w ^ (kOnes * b);
      return (x - kOnes) & ~x & kHigh;
    };
    while (i + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (!(has_byte(w, '[') | has_byte(w, '<') | has_byte(w, '&') | has_byte(w, '(') | has_byte(w, 0xEF))) {
        i += 8;
        continue;
      }
      for (size_t e = i + 8; i < e; ++i)
        if (special(i)) return i;
    }
    for (; i < s.size(); ++i)
      if (special(i)) return i;
    return s.size();
  };
  for (size_t i = 0; i < s.size();) {
    i = next_special(i);
    if (i >= s.size()) break;
    flush(i);
    size_t n = 0;
    if (s[i] == '[' && s.substr(i, 10) == "[bookmark:") {
      size_t end = s.find(']', i);
      if (end != std::string_view::npos) n = end + 1 - i;
    }
    if (!n && s[i] == '<') n = html_tag(s, i);
    if (!n && s[i] == '&') n = html_entity(s, i, out);
    if (!n && is_han(prev) && (s[i] == '(' || s[i] == '\xEF')) n = pinyin_group(s, i);
    if (n) {
      i += n;
      run = i;
    } else {
      next_cp(s, i);  // an ordinary character: it stays in the run
    }
  }
  flush(s.size());
  return out;
}

// Whether s[i] starts a well-formed 3-byte character led by E2, E3 or EF
// (which plain_len turns away) that squeeze keeps as it is: everything there
// but the spaces U+2000-U+200A, U+202F, U+205F, U+3000 and the zero-width
// U+200B-U+200D, U+2060, U+FEFF. CJK punctuation (、。，：) is E3 and EF.
static bool kept_by_squeeze(std::string_view s, size_t i) {
  char32_t c = cp3_at(s, i);
  if (c < 0x2000) return false;  // none there, or not led by E2/E3/EF
  return !is_blank_cp(c);
}

std::string squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool prev_alnum = false, pending = false;
  for (size_t i = 0; i < s.size();) {
    // a run of characters that are neither spaces nor zero-width is copied
    // in one append; only its first character meets a pending space
    size_t r = i;
    while (r < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[r]);
      if (c < 0x80) {
        if (is_ascii_blank(c)) break;
        ++r;
      } else if (size_t len = plain_len(s, r, false)) {
        r += len;
      } else if (kept_by_squeeze(s, r)) {  // CJK punctuation and the like
        r += 3;
      } else {
        break;
      }
    }
    if (r > i) {
      if (pending && prev_alnum && is_ascii_alnum(static_cast<unsigned char>(s[i]))) out += ' ';
      pending = false;
      out.append(s, i, r - i);
      prev_alnum = is_ascii_alnum(static_cast<unsigned char>(s[r - 1]));
      i = r;
      continue;
    }
    // the run stopped at an ASCII space or a character neither plain_len
    // nor kept_by_squeeze lets through
    if (is_ascii_blank(static_cast<unsigned char>(s[i]))) {
      ++i;
      pending = !out.empty();
      continue;
    }
    char32_t c = next_cp(s, i);
    if (is_blank_cp(c)) {
      pending = !out.empty();
      continue;
    }
    pending = false;
    append_cp(out, c);
    prev_alnum = false;
  }
  return out;
}

// Whether the character led by s[i] may be one trim removes: ASCII white
// space, and characters whose lead byte can start one of the others
// (C2 for U+00A0 and U+00AD, E2, E3 and EF; C0, C1, E0 and F0-FF because
// next_cp decodes overlong and truncated forms of them too). A well-formed
// 3-byte character is decided on the spot. False means trim stops there.
static bool may_trim_at(std::string_view s, size_t i) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return is_ascii_blank(b);
  if (b == 0xE2 || b == 0xE3 || b == 0xEF) {
    if (char32_t c = cp3_at(s, i)) return is_blank_cp(c);
    return true;
  }
  return b <= 0xC2 ? b >= 0xC0 : b == 0xE0 || b >= 0xF0;
}

std::string_view trim(std::string_view s) {
  auto space_at_front = [&](size_t& n) {
    if (!may_trim_at(s, 0)) return false;
    size_t i = 0;
    char32_t c = next_cp(s, i);
    n = std::min(i, s.size());  // next_cp steps past the end of a truncated character
    return is_blank_cp(c);
  };
  size_t n = 0;
  while (!s.empty() && space_at_front(n)) s.remove_prefix(n);
  while (!s.empty()) {
    size_t k = s.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    if (!may_trim_at(s, k)) break;
    size_t i = k;
    char32_t c = next_cp(s, i);
    if (!is_blank_cp(c)) break;
    s.remove_suffix(s.size() - k);
  }
  return s;
}

}  // namespace plancli
