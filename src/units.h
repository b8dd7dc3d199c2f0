// Internal stage behind plancli/parse.h: text → units by role (the RE2 unit rules).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalize.h"
#include "plancli/document.h"

namespace plancli {

// A convention the document states for itself, such as
// （列第一位者为牵头单位，下同）: from there on the first unit of each list leads.
struct UnitConvention {
  bool first_is_lead = false;
};
bool states_lead_convention(std::string_view key);

// Parses a unit list such as 基层服务处牵头，医保中心、医救中心落实，机关各处室配合。
// Units before a role phrase take its role; a trailing bare list takes
// `default_role`; labels (牵头单位：… 责任单位：…) set the role of what follows.
// Names come from t.raw (the document's own characters), whitespace removed.
Units parse_unit_list(const Text& t, size_t kb, size_t ke, UnitRole default_role,
                      const UnitConvention& conv = {});
Units parse_unit_list(std::string_view raw, UnitRole default_role, const Folding& folding,
                      const UnitConvention& conv = {});

// A parenthetical in prose that assigns units: (市医保局牵头), (责任单位：…),
// (各县市区政府、功能区管委,市发展改革委等部门分工负责). kb/ke span the brackets.
struct UnitParenthetical {
  size_t kb = 0, ke = 0;
  Units units;
};
std::vector<UnitParenthetical> find_unit_parentheticals(const Text& t, const UnitConvention& conv);

// Labelled sentences inside running text: …情况。责任单位：市发展改革委，各县区政府。
// Each gives its span [kb, ke) (label to sentence end), its label key, and
// for unit labels the units; deadline and person labels come back with empty units.
struct InlineLabel {
  size_t kb = 0, ke = 0;
  size_t value_kb = 0;
  std::string label;
  Units units;
};
std::vector<InlineLabel> find_inline_labels(const Text& t, const UnitConvention& conv);
bool is_deadline_label(std::string_view label_key);

// 由…牵头 / 由…负责 clauses in running text; 由区政府督查室跟进督办 names no role.
Units find_unit_clauses(const Text& t, const UnitConvention& conv);

// The role a label gives (牵头单位 → Lead, 配合单位 → Support, 责任单位 → Responsible);
// nullopt for labels that name no unit role; *person set for 分管省领导 and the like.
std::optional<UnitRole> label_role(std::string_view label_key, bool* person = nullptr);

// The first role phrase (牵头, 配合, 按职责分工负责 …) in key[pos, end): the
// leftmost, and there the first listed (longer phrases are listed before the
// phrases they begin with). b is npos when there is none.
struct RolePhraseMatch {
  size_t b = std::string_view::npos, e = 0;
  UnitRole role = UnitRole::Responsible;
};
RolePhraseMatch next_role_phrase(std::string_view key, size_t pos, size_t end);
// The role phrases in the order they are tried (for tests).
std::vector<std::string_view> role_phrases();

// True when the key reads as the name of a body: 市发展改革委, 各街道, 局办公室.
bool is_unit_name(std::string_view key);

// Adds `from` to `into`, keeping each unit in the first role it was given.
void merge_units(Units& into, const Units& from);
void merge_units(Units& into, Units&& from);

}  // namespace plancli
