// The data model of a parsed plan: plain structs, no logic.
// Field names follow the output contract (shared/spec/CONTRACT.md, version 1);
// emit.h turns a Document into JSON, NDJSON, CSV and the other formats.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace plancli {

enum class UnitRole { Lead, Support, Responsible };

// Who does a task, by role. A unit appears in at most one list.
struct Units {
  std::vector<std::string> lead;         // 牵头, 主办, 承办
  std::vector<std::string> support;      // 配合, 协办, 协助, 参与
  std::vector<std::string> responsible;  // 负责, 落实, a bare unit list
  bool empty() const { return lead.empty() && support.empty() && responsible.empty(); }
};

enum class DeadlineKind { By, On, Within, Ongoing, AsRequired, Recurring };

struct Deadline {
  std::string text;                 // the phrase as written
  DeadlineKind kind = DeadlineKind::By;
  std::optional<std::string> date;  // ISO YYYY-MM-DD for by/on when the year is known
  std::string every;                // recurring only: year, quarter, month or week
};

// A numbered heading of the plan. `number` is the marker as written, without
// its trailing 、 . ． and spaces: 一, （一）, (1), 1, ①.
struct Section {
  std::string number;
  int level = 1;
  std::string title;
  int line = 0;
  std::vector<Section> sections;
};

struct Task {
  std::string id;                    // T1, T2, ... in document order
  std::vector<std::string> path;     // numbers of the enclosing sections, then the task's own
  std::optional<std::string> title;  // a table's task-name cell or an item's lead phrase
  std::string text;                  // the requirement, without marker and unit parenthetical
  Units units;
  std::vector<Deadline> deadlines;
  int line = 0;                      // 1-based line of the decoded input
  std::string source_ref;            // reader position for non-text formats (p12, table 1 row 4)
};

struct Diagnostic {
  std::string level;    // error, warning or info
  std::string code;     // numbering-gap, invalid-bytes, ...
  int line = 0;         // 0 when the problem has no line
  std::string message;
};

struct Meta {
  std::optional<std::string> title;
  std::optional<std::string> issuer;
  std::optional<std::string> date;  // ISO issue date
  std::optional<int> year;          // plan year
  std::optional<std::string> doc_number;
  std::optional<std::string> index_number;
};

struct Source {
  std::string path;
  std::string format = "text";
  std::string encoding;
  std::string sha256;
};

struct Document {
  Source source;
  Meta meta;
  std::vector<Section> sections;
  std::vector<Task> tasks;
  std::vector<Diagnostic> diagnostics;
};

const char* to_string(UnitRole role);
const char* to_string(DeadlineKind kind);

}  // namespace plancli
