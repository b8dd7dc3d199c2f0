// The matching key, its map back to the document's characters, and residue removal.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "normalize.h"

using namespace plancli;

TEST_CASE("full-width forms and spaces fold in the key, the raw text stays") {
  Folding none;
  Text t = fold("（一）　１６．推进　工作：完成", none);
  CHECK(t.key == "(一)16.推进工作:完成");
  CHECK(t.raw == "（一）　１６．推进　工作：完成");
  // key offsets map back to the document's characters
  size_t k = t.key.find("推进");
  CHECK(t.slice(k, k + 6) == "推进");
  CHECK(t.slice(0, 5) == "（一）");
}

TEST_CASE("spaces between ASCII words survive, between CJK they go") {
  Folding none;
  CHECK(fold("索 引 号: 11370900MB28583770", none).key == "索引号:11370900MB28583770");
  CHECK(fold("COVID 19 防控", none).key == "COVID 19防控");
  CHECK(squeeze(" 伏羲 山管委 会 ") == "伏羲山管委会");
  CHECK(squeeze("Word 文档 v2 版") == "Word文档v2版");
}

TEST_CASE("traditional characters fold to simplified for matching only") {
  std::string doc = "市級各有關部門按職責分工負責，牽頭單位：市政府辦公室";
  Folding f = make_folding(doc);
  Text t = fold(doc, f);
  CHECK(t.key == "市级各有关部门按职责分工负责,牵头单位:市政府办公室");
  size_t k = t.key.find("市政府办公室");
  CHECK(t.slice(k, t.key.size()) == "市政府辦公室");
}

TEST_CASE("the build-time table from ICU maps one traditional character at a time") {
  CHECK(to_simplified(U'頭') == U'头');
  CHECK(to_simplified(U'職') == U'职');
  CHECK(to_simplified(U'辦') == U'办');
  CHECK(to_simplified(U'头') == U'头');  // simplified stays
  CHECK(to_simplified(U'A') == U'A');
  // a document without a traditional character needs no Han folding at all
  CHECK_FALSE(make_folding("市医保局牵头，各县区配合").han);
  CHECK(make_folding("市醫保局牽頭").han);
  // with no Han folding asked for, traditional characters stay in the key
  CHECK(fold("牽頭", Folding{}).key == "牽頭");
}

TEST_CASE("fold keeps one map entry per key character, spaces and zero-width characters dropped") {
  Text t = fold("a \u200Bb　c d\t\n1", Folding{});
  CHECK(t.key == "ab c d 1");  // a zero-width character ends a run of spaces
  REQUIRE(t.map.size() == cp_count(t.key) + 1);
  CHECK(t.map.back() == t.raw.size());
  CHECK(t.raw.substr(t.map[1], 1) == "b");
}

TEST_CASE("converter residue is dropped from the text itself") {
  CHECK(strip_residue("政務公開(kāi)工作要點(diǎn)") == "政務公開工作要點");
  CHECK(strip_residue("[bookmark: _GoBack]高质量编制并主动公开") == "高质量编制并主动公开");
  CHECK(strip_residue("<p>加强<b>政策</b>解读&nbsp;工作&amp;服务</p>") == "加强政策解读 工作&服务");
  CHECK(strip_residue("(计划)与(试行)保留") == "(计划)与(试行)保留");
  CHECK(strip_residue("使用Word(docx)格式") == "使用Word(docx)格式");
  CHECK(strip_residue("&#20844;&#x5F00;") == "公开");
}

TEST_CASE("trim handles ideographic spaces") {
  CHECK(trim("　　现将《要点》印发给你们。\t ") == "现将《要点》印发给你们。");
  CHECK(trim("   ").empty());
}

// trim turns most characters away by their lead byte (may_trim_at); the
// answer must be that of decoding each end character with next_cp, as it
// was written first: the reference below, on random strings of spaces,
// zero-width characters, punctuation and malformed or truncated pieces.
// (It found, under `make sanitize`, that a truncated character at the front,
// "\xE3" alone, which next_cp reads as U+3000, was removed past the end.)
TEST_CASE("trim's lead-byte test gives the answer of decoding every end character") {
  auto trimmed = [](char32_t c) {
    return is_space_cp(c) || c == '\n' || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
           c == 0xAD;
  };
  auto reference = [&](std::string_view s) {
    for (;;) {
      if (s.empty()) return s;
      size_t i = 0;
      if (!trimmed(next_cp(s, i))) break;
      s.remove_prefix(std::min(i, s.size()));
    }
    while (!s.empty()) {
      size_t k = s.size() - 1;
      while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
      size_t i = k;
      if (!trimmed(next_cp(s, i))) break;
      s.remove_suffix(s.size() - k);
    }
    return s;
  };
  const std::vector<std::string> pieces = {
      " ", "\t", "\n", "\r", "a", "局", "、", "《", "\xE3\x80\x80", "\xE2\x80\x83", "\xE2\x80\x8B", "\xE2\x81\xA0",
      "\xEF\xBB\xBF", "\xEF\xBC\x88", "\xC2\xA0", "\xC2\xAD", "\xC0\xA0", "\xE0\x80\xA0", "\xF0\x83\x80\x80", "\xF3\x80\x80",
      "\xE2\x80", "\xE3", "\x80", "\xFF", "é", "\xE1\x80\x80"};
  std::mt19937 rng(11);
  for (int round = 0; round < 100000; ++round) {
    std::string s;
    for (int i = 0, n = static_cast<int>(rng() % 7); i < n; ++i) s += pieces[rng() % pieces.size()];
    std::string_view got = trim(s), want = reference(s);
    INFO(s);
    REQUIRE(got.data() - s.data() == want.data() - s.data());
    REQUIRE(got.size() == want.size());
  }
}

// Text remembers its last character index so that slicing from left to
// right stays linear; in any order, and after the key grows, the answer must
// be the plain count.
TEST_CASE("char_index counts key characters whatever order it is asked in") {
  Folding f;
  Text t = fold("（一）市医保局 牵头，12 月底前完成 ABC 工作；各县（市、区）配合。", f);
  auto count = [](const std::string& key, size_t kb) {
    size_t n = 0;
    for (size_t i = 0; i < kb && i < key.size(); ++i) n += (static_cast<unsigned char>(key[i]) & 0xC0) != 0x80;
    return n;
  };
  std::vector<size_t> bounds;
  for (size_t i = 0; i <= t.key.size(); ++i)
    if (i == t.key.size() || (static_cast<unsigned char>(t.key[i]) & 0xC0) != 0x80) bounds.push_back(i);
  std::mt19937 rng(7);
  for (int k = 0; k < 2000; ++k) {
    size_t kb = bounds[rng() % bounds.size()];
    REQUIRE(t.char_index(kb) == count(t.key, kb));
  }
  // a copy, then the key grows at its end: the kept answer stays true
  Text grown = t;
  size_t before = grown.char_index(grown.key.size());
  append_text(grown, t, 0, t.key.size());
  CHECK(grown.char_index(grown.key.size()) == 2 * before);
  CHECK(grown.slice(t.key.size(), grown.key.size()) == t.slice(0, t.key.size()));
  // a copy whose key was cut below its kept answer
  Text shorter = t;
  shorter.char_index(shorter.key.size());
  shorter.key.resize(bounds[4]);
  CHECK(shorter.char_index(shorter.key.size()) == 4);
  CHECK(sub_text(t, 0, bounds[4]).char_index(bounds[4]) == 4);
}

// find_in looks for a word by its second byte; it must give what
// std::string_view::find gives, at every start position.
TEST_CASE("find_in finds what string_view::find finds") {
  const std::vector<std::string> pieces = {"牵头", "牵", "头", "第一", "。", "由", "市", "a", "ab", ",", "等", "首位"};
  std::mt19937 rng(3);
  for (int round = 0; round < 3000; ++round) {
    std::string hay, needle;
    for (int i = 0, n = static_cast<int>(rng() % 40); i < n; ++i) hay += pieces[rng() % pieces.size()];  // short and long (a loop, memchr)
    for (int i = 0, n = 1 + static_cast<int>(rng() % 2); i < n; ++i) needle += pieces[rng() % pieces.size()];
    for (size_t pos = 0; pos <= hay.size() + 1; ++pos) {
      INFO(hay << " / " << needle << " at " << pos);
      REQUIRE(find_in(hay, needle, pos) == std::string_view(hay).find(needle, pos));
    }
  }
}

// Found by a randomized comparison: stray continuation bytes take map
// entries that cp_count does not count, and the end entry was then written
// one past the map (caught by `make sanitize`). Decoding never lets such
// bytes through, but fold is also called on other strings.
TEST_CASE("fold keeps its map in bounds on stray continuation bytes") {
  for (std::string raw : {std::string("\x80\x80" "a a"), std::string("\x80\x80\x80" "a b c"), std::string("\xBF" " 1 2")}) {
    Text t = fold(raw, Folding{});
    CHECK(t.map.size() == cp_count(t.key) + 1);
    CHECK(t.map.back() == raw.size());
  }
}

// fold's fast run loop knows by itself which 3-byte characters fold_cp
// leaves alone or makes ASCII (deriving each from fold_cp cost a quarter of
// fold's speed). Every 3-byte character, after a kept bracket (the fast
// loop; a bracket, so that no letters around a space keep it) and alone (the
// loop that asks fold_cp), must fold the same, with and without traditional
// folding.
TEST_CASE("fold's fast loop folds every 3-byte character as the slow path does") {
  for (bool han : {false, true}) {
    Folding f;
    f.han = han;
    for (char32_t c = 0x800; c <= 0xFFFF; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      std::string ch;
      append_cp(ch, c);
      Text alone = fold(ch, f);
      Text inside = fold("(" + ch + ")", f);
      INFO("U+" << std::hex << static_cast<uint32_t>(c) << (han ? " han" : ""));
      REQUIRE(inside.key == "(" + alone.key + ")");
      REQUIRE(inside.map.size() == alone.map.size() + 2);
    }
  }
}

// A body is built by appending its parts one by one: the map must grow by
// doubling, not by the size of each part (that moved the whole map at every
// append, quadratic in a body of thousands of parts).
TEST_CASE("append_text grows the map geometrically") {
  Text part = fold("加强公开。", Folding{});
  Text body;
  std::set<const uint32_t*> homes;
  for (int i = 0; i < 10000; ++i) {
    append_text(body, part, 0, part.key.size());
    homes.insert(body.map.data());
  }
  CHECK(body.key.size() == 10000 * part.key.size());
  CHECK(body.map.size() == 10000 * 5 + 1);
  CHECK(body.map.back() == body.raw.size());
  CHECK(homes.size() < 40);  // about log2(50,000) moves
}
