// Internal stage behind plancli/parse.h: bytes → UTF-8 text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plancli/document.h"

namespace plancli {

struct Decoded {
  std::string text;      // UTF-8, LF line ends, no BOM
  std::string encoding;  // UTF-8, UTF-16LE, UTF-16BE, GB18030 or the forced name
  std::vector<Diagnostic> diagnostics;
  std::string error;     // non-empty: the input is not text (binary, unknown encoding)
};

// Detects the encoding (BOM, UTF-16 byte pattern, UTF-8 validity, else
// GB18030) unless `forced` names one. Undecodable bytes become U+FFFD with a
// diagnostic naming the byte offset; CRLF and CR become LF.
Decoded decode(std::string_view bytes, const std::string& forced = "");
// The same, taking the buffer: well-formed UTF-8 (the usual input) becomes
// the decoded text without a copy; otherwise the buffer is freed once decoded.
Decoded decode_owned(std::string&& bytes, const std::string& forced = "");

// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

}  // namespace plancli
