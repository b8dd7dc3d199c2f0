// Decoding: every encoding the documents come in, bad bytes, binary input.
#include <catch2/catch.hpp>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "decode.h"
#include "plancli/parse.h"
#include "sha256.h"

using namespace plancli;

namespace {

// Encodes UTF-8 text into another charset with ICU, for inputs made in the test.
std::string encode(const std::string& utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  REQUIRE(U_SUCCESS(status));
  std::string out(static_cast<size_t>(u.length()) * 4 + 16, '\0');
  int32_t n = ucnv_fromUChars(conv, out.data(), static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &status);
  ucnv_close(conv);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<size_t>(n));
  return out;
}

const std::string kSample = "江门市卫生健康局2021年政务公开工作要点分工方案\n一、做好行政执法信息公开（局政法科）\n";

}  // namespace

TEST_CASE("UTF-8 with and without BOM") {
  Decoded plain = decode(kSample);
  CHECK(plain.encoding == "UTF-8");
  CHECK(plain.text == kSample);
  CHECK(plain.diagnostics.empty());
  Decoded bom = decode("\xEF\xBB\xBF" + kSample);
  CHECK(bom.encoding == "UTF-8");
  CHECK(bom.text == kSample);
}

TEST_CASE("GB18030 / GBK bytes are detected") {
  std::string gb = encode(kSample, "GB18030");
  REQUIRE(gb != kSample);
  Decoded d = decode(gb);
  CHECK(d.encoding == "GB18030");
  CHECK(d.text == kSample);
  CHECK(d.diagnostics.empty());
  // GBK is a subset: the same bytes
  CHECK(decode(encode(kSample, "GBK")).text == kSample);
}

TEST_CASE("UTF-16 with a BOM and without one") {
  std::string le = encode(kSample, "UTF-16LE"), be = encode(kSample, "UTF-16BE");
  CHECK(decode("\xFF\xFE" + le).encoding == "UTF-16LE");
  CHECK(decode("\xFF\xFE" + le).text == kSample);
  CHECK(decode("\xFE\xFF" + be).encoding == "UTF-16BE");
  CHECK(decode("\xFE\xFF" + be).text == kSample);
  CHECK(decode(le).encoding == "UTF-16LE");
  CHECK(decode(le).text == kSample);
  CHECK(decode(be).text == kSample);
  std::string ascii_le = encode("1. plan\n2. tasks\n", "UTF-16LE");
  CHECK(decode(ascii_le).encoding == "UTF-16LE");
}

TEST_CASE("a forced encoding (--encoding) overrides detection") {
  Decoded d = decode(encode(kSample, "GB18030"), "GB18030");
  CHECK(d.text == kSample);
  CHECK(d.encoding == "GB18030");
  Decoded bad = decode(kSample, "no-such-charset");
  CHECK_FALSE(bad.error.empty());
}

TEST_CASE("invalid UTF-8 bytes become U+FFFD with a diagnostic naming the offset") {
  std::string s = "一、公开" + std::string("\xFF") + "工作\n";
  Decoded d = decode(s);
  CHECK(d.encoding == "UTF-8");
  CHECK(d.text == "一、公开\xEF\xBF\xBD工作\n");
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].code == "invalid-bytes");
  CHECK(d.diagnostics[0].message.find("offset 12") != std::string::npos);
}

TEST_CASE("bad bytes in GB18030 text are diagnostics naming their offset") {
  std::string gb = encode("一、公开工作", "GB18030");  // 2 bytes a character
  std::string bad = gb.substr(0, 6) + "\xFF" + gb.substr(6);
  Decoded d = decode(bad);
  CHECK(d.encoding == "GB18030");
  REQUIRE_FALSE(d.diagnostics.empty());
  CHECK(d.diagnostics[0].message.find("offset 6") != std::string::npos);
  CHECK(d.text.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("a UTF-8 file cut inside a character stays UTF-8") {
  std::string s = kSample + kSample + std::string("公").substr(0, 2);
  Decoded d = decode(s);
  CHECK(d.encoding == "UTF-8");
  CHECK(d.text.substr(0, kSample.size() * 2) == kSample + kSample);
  REQUIRE_FALSE(d.diagnostics.empty());
  CHECK(d.diagnostics[0].message.find("truncated") != std::string::npos);
}

TEST_CASE("CRLF and CR become LF") {
  CHECK(decode("一、甲\r\n二、乙\r三、丙").text == "一、甲\n二、乙\n三、丙");
}

TEST_CASE("binary input is refused, never decoded") {
  std::string bin("\x7F" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", 16);
  bin += std::string(200, '\x01');
  Decoded d = decode(bin);
  CHECK_FALSE(d.error.empty());
  std::string zip("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", 14);
  CHECK_FALSE(decode(zip + std::string(100, '\xC8')).error.empty());
}

TEST_CASE("empty input decodes with a diagnostic") {
  Decoded d = decode("");
  CHECK(d.error.empty());
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].code == "empty-input");
}

TEST_CASE("sha256: the SHA-NI path and the portable one agree on every length") {
  std::string data;
  uint32_t x = 12345;
  for (size_t n = 0; n < 700; ++n) {
    CHECK(sha256_hex(data) == sha256_hex(data, true));
    x = x * 1103515245 + 12345;
    data += static_cast<char>(x >> 16);
  }
}

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("an encoding name is known when ICU has a converter for it") {
  for (const char* name : {"GB18030", "gbk", "Big5", "UTF-16LE", "utf-8", "windows-936"}) {
    INFO(name);
    CHECK(known_encoding(name));
  }
  for (const char* name : {"foo", "", "GB 18030x"}) {
    INFO(name);
    CHECK_FALSE(known_encoding(name));
  }
  // what a forced unknown name gives parse: an error, no document
  CHECK(parse("一、公开", ParseOptions{"x.txt", "foo", false}).error == "unknown encoding 'foo'");
}
