// Decodes input bytes to UTF-8: BOM, UTF-16 with or without BOM, UTF-8, and
// GB18030 (a superset of GBK and GB2312) through ICU converters. This is the
// only user of ICU converters. Tested by tests/decode_test.cc.
//
// Hard cases: a UTF-8 file cut in the middle of a character (decoded as UTF-8
// with one U+FFFD, not misread as GB18030); GBK text that happens to contain a
// few valid UTF-8 sequences; binary data (refused, never "decoded").
#include "decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unistr.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

#include "plancli/parse.h"

namespace plancli {
namespace {

constexpr size_t kMaxByteDiagnostics = 20;

// Length of the well-formed UTF-8 sequence at s[i], or 0 if ill-formed.
[[gnu::always_inline]] inline size_t utf8_seq_len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = s.size() - i;
  auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;
    return 4;
  }
  return 0;
}

struct Utf8Survey {
  size_t multibyte = 0;  // well-formed sequences of 2+ bytes
  size_t invalid = 0;    // ill-formed bytes
};

// Eight bytes at a time while they are all ASCII.
size_t skip_ascii(std::string_view s, size_t i) {
  while (i + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ULL) break;
    i += 8;
  }
  return i;
}

Utf8Survey survey_utf8(std::string_view s) {
  Utf8Survey v;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      i = skip_ascii(s, i + 1);
      continue;
    }
    // the usual case in Chinese text: a run of 3-byte characters E1..EC or
    // EE..EF, read in a tight loop (E0 and ED need the checks below)
    size_t start = i;
    while (i + 3 <= n) {
      unsigned c = p[i];
      if (c < 0xE1 || c == 0xED || c > 0xEF || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80) break;
      i += 3;
    }
    if (i > start) {
      v.multibyte += (i - start) / 3;
      continue;
    }
    size_t len = utf8_seq_len(s, i);
    if (len == 0) {
      ++v.invalid;
      ++i;
    } else {
      if (len > 1) ++v.multibyte;
      i += len;
    }
  }
  return v;
}

int line_at(std::string_view s, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < s.size(); ++i)
    if (s[i] == '\n') ++line;
  return line;
}

void add_byte_diagnostic(Decoded& out, std::string_view bytes, size_t offset, const char* what) {
  if (out.diagnostics.size() >= kMaxByteDiagnostics || bytes.empty()) return;
  offset = std::min(offset, bytes.size() - 1);
  out.diagnostics.push_back(
      {"warning", "invalid-bytes", line_at(bytes, offset),
       fmt::format("{} byte 0x{:02X} at offset {} replaced by U+FFFD", what,
                   static_cast<unsigned char>(bytes[offset]), offset)});
}

std::string decode_utf8_lossy(std::string_view s, Decoded& out) {
  std::string r;
  r.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_seq_len(s, i);
    if (n == 0) {
      add_byte_diagnostic(out, s, i, i + 4 > s.size() ? "truncated UTF-8" : "invalid UTF-8");
      r += "\xEF\xBF\xBD";
      ++i;
    } else {
      r.append(s.substr(i, n));
      i += n;
    }
  }
  return r;
}

// Records the offsets of the bytes a converter could not map.
struct ErrorLog {
  const char* base = nullptr;
  std::vector<size_t> offsets;
};

void log_errors(const void* context, UConverterToUnicodeArgs* args, const char* units, int32_t length,
                UConverterCallbackReason reason, UErrorCode* err) {
  if (reason <= UCNV_IRREGULAR) {
    // `units` may point into the converter's own buffer; args->source is the
    // input position just after the bad sequence
    auto* log = static_cast<ErrorLog*>(const_cast<void*>(context));
    size_t after = static_cast<size_t>(args->source - log->base);
    log->offsets.push_back(after >= static_cast<size_t>(length) ? after - length : 0);
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, units, length, reason, err);
}

// Converts with ICU; returns false if the converter name is unknown.
bool convert_with_icu(std::string_view bytes, const std::string& name, std::string& utf8,
                      ErrorLog& log) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(name.c_str(), &status),
                                                          ucnv_close);
  if (U_FAILURE(status) || !conv) return false;
  log.base = bytes.data();
  ucnv_setToUCallBack(conv.get(), log_errors, &log, nullptr, nullptr, &status);
  icu::UnicodeString u;
  std::vector<UChar> buf(bytes.size() + 16);
  const char* src = bytes.data();
  const char* limit = bytes.data() + bytes.size();
  while (true) {
    UChar* target = buf.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, buf.data() + buf.size(), &src, limit, nullptr, true,
                   &status);
    u.append(buf.data(), static_cast<int32_t>(target - buf.data()));
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
  }
  utf8.clear();
  u.toUTF8String(utf8);
  return true;
}

// UTF-16 without BOM: the code units read in one byte order are mostly
// plausible text (ASCII, CJK, CJK punctuation, full-width forms), and the
// input has zero bytes, which neither UTF-8 nor GB18030 text has.
bool plausible_unit(unsigned u) {
  return u == 0x09 || u == 0x0A || u == 0x0D || (u >= 0x20 && u <= 0x7E) ||
         (u >= 0x2000 && u <= 0x27BF) || (u >= 0x3000 && u <= 0x303F) || (u >= 0x3400 && u <= 0x9FFF) ||
         (u >= 0xFF00 && u <= 0xFFEF) || (u >= 0xF900 && u <= 0xFAFF);
}

std::string sniff_utf16(std::string_view b) {
  size_t n = std::min<size_t>(b.size(), 8192) & ~size_t{1};
  if (n < 4 || b.substr(0, n).find('\0') == std::string_view::npos) return "";
  size_t le = 0, be = 0;
  for (size_t i = 0; i < n; i += 2) {
    unsigned lo = static_cast<unsigned char>(b[i]), hi = static_cast<unsigned char>(b[i + 1]);
    le += plausible_unit(lo | hi << 8);
    be += plausible_unit(hi | lo << 8);
  }
  size_t units = n / 2;
  if (le * 10 >= units * 9 && le > be) return "UTF-16LE";
  if (be * 10 >= units * 9 && be > le) return "UTF-16BE";
  return "";
}

// Binary: NUL bytes, or many C0 control bytes other than tab, LF, CR, FF.
bool looks_binary(std::string_view b) {
  size_t n = std::min<size_t>(b.size(), 65536), control = 0;
  for (size_t i = 0; i < n; ++i) {
    // eight bytes at a time while none is below 0x20
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, b.data() + i, 8);
      if (((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = b[i];
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++control;
  }
  return n > 0 && control * 20 > n;
}

std::string unify_line_ends(std::string s) {
  if (s.find('\r') == std::string::npos) return s;
  std::string r;
  r.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      r += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      r += s[i];
    }
  }
  return r;
}

void decode_with(std::string_view bytes, const std::string& name, Decoded& out) {
  ErrorLog log;
  if (!convert_with_icu(bytes, name, out.text, log)) {
    out.error = fmt::format("unknown encoding '{}'", name);
    return;
  }
  out.encoding = name;
  for (size_t off : log.offsets) add_byte_diagnostic(out, bytes, off, ("invalid " + name).c_str());
}

// What every decoded text goes through: no BOM, LF line ends, notes.
void finish(Decoded& out) {
  if (out.text.substr(0, 3) == "\xEF\xBB\xBF") out.text.erase(0, 3);
  out.text = unify_line_ends(std::move(out.text));
  if (out.diagnostics.size() >= kMaxByteDiagnostics)
    out.diagnostics.push_back({"warning", "invalid-bytes", 0,
                               "more undecodable bytes not listed"});
  if (out.text.find_first_not_of(" \t\n\f") == std::string::npos)
    out.diagnostics.push_back({"warning", "empty-input", 0, "the input holds no text"});
}

}  // namespace

bool is_valid_utf8(std::string_view s) { return survey_utf8(s).invalid == 0; }

namespace {

// `owned`, when given, is the buffer behind `bytes`: where the input is
// well-formed UTF-8 already, it becomes the text instead of being copied.
Decoded decode_impl(std::string_view bytes, std::string* owned, const std::string& forced) {
  Decoded out;
  auto starts = [&](std::string_view p) { return bytes.substr(0, p.size()) == p; };
  auto take = [&](size_t skip) {  // bytes[skip..] as the text
    if (!owned) return std::string(bytes.substr(skip));
    std::string text = std::move(*owned);
    text.erase(0, skip);
    return text;
  };
  if (!forced.empty()) {
    std::string_view body = bytes;
    if (starts("\xEF\xBB\xBF")) body.remove_prefix(3);
    decode_with(body, forced, out);
  } else if (starts("\xEF\xBB\xBF")) {
    out.encoding = "UTF-8";
    out.text = is_valid_utf8(bytes.substr(3)) ? take(3) : decode_utf8_lossy(bytes.substr(3), out);
  } else if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    decode_with(bytes.substr(2), starts("\xFF\xFE") ? "UTF-16LE" : "UTF-16BE", out);
  } else if (std::string u16 = sniff_utf16(bytes); !u16.empty()) {
    decode_with(bytes, u16, out);
  } else if (looks_binary(bytes)) {
    out.error = "binary input (NUL or control bytes), not a text document";
    return out;
  } else {
    Utf8Survey v = survey_utf8(bytes);
    // Mostly well-formed UTF-8 with a few bad bytes (a cut file) stays UTF-8;
    // GBK text rarely forms valid UTF-8 sequences at all.
    if (v.invalid == 0 || v.multibyte >= 4 * v.invalid) {
      out.encoding = "UTF-8";
      out.text = v.invalid == 0 ? take(0) : decode_utf8_lossy(bytes, out);
    } else {
      decode_with(bytes, "GB18030", out);
    }
  }
  if (!out.error.empty()) return out;
  finish(out);
  return out;
}

}  // namespace

Decoded decode(std::string_view bytes, const std::string& forced) { return decode_impl(bytes, nullptr, forced); }

bool known_encoding(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(name.c_str(), &status);
  if (conv) ucnv_close(conv);
  return U_SUCCESS(status) && conv;
}

Decoded decode_owned(std::string&& bytes, const std::string& forced) {
  Decoded out = decode_impl(bytes, &bytes, forced);
  std::string().swap(bytes);  // freed, unless it became out.text
  return out;
}

}  // namespace plancli
