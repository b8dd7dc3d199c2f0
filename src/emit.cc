// Printers for a finished Document. Tested by tests/emit_test.cc and
// tests/e2e.py (CSV read back with Python's csv module, NDJSON line by line,
// JSON against docs/schema.json).
//
// Hard cases: CSV fields with quotes, commas and line breaks (RFC 4180);
// CJK text in the terminal table wrapped by display width, not bytes.
#include "plancli/emit.h"

#include <unicode/uchar.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "normalize.h"

namespace plancli {
namespace {

using ojson = nlohmann::ordered_json;

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? std::string(sep) : "") + v[i];
  return out;
}

std::string deadline_texts(const Task& t) {
  std::vector<std::string> v;
  for (const auto& d : t.deadlines) v.push_back(d.date ? *d.date : d.text);
  return join(v, "；");
}

std::string deadline_kinds(const Task& t) {
  std::vector<std::string> v;
  for (const auto& d : t.deadlines) v.push_back(to_string(d.kind));
  return join(v, "；");
}

const char* const kColumns[] = {"doc", "id", "path", "title", "text", "lead", "support",
                                "responsible", "deadline", "deadline_kind", "line"};

std::vector<std::string> task_row(const Document& doc, const Task& t) {
  return {doc.source.path, t.id, join(t.path, "/"), t.title.value_or(""), t.text,
          join(t.units.lead, "；"), join(t.units.support, "；"), join(t.units.responsible, "；"),
          deadline_texts(t), deadline_kinds(t), std::to_string(t.line)};
}

std::string csv_field(const std::string& s) {
  if (std::none_of(s.begin(), s.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; })) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string tsv_field(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

std::string md_field(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += "<br>";
    else out += c;
  }
  return out;
}

int display_width(char32_t c) {
  int w = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return (w == U_EA_WIDE || w == U_EA_FULLWIDTH) ? 2 : 1;
}

// Punctuation that does not start a line (the usual line-breaking rule for
// Chinese text: 、 。 ， ） … stay with the character before them).
bool closes_line(char32_t c) {
  switch (c) {
    case U'、': case U'。': case U'，': case U'；': case U'：': case U'！': case U'？': case U'）': case U'》':
    case U'」': case U'』': case U'】': case U'〕': case U'”': case U'’': case U'…':
    case ',': case '.': case ';': case ':': case '!': case '?': case ')': case ']':
      return true;
    default:
      return false;
  }
}

// Splits s into lines of at most `width` display columns. A line does not
// start with closing punctuation: the break moves back before the character
// it would follow (and before any closing marks already in front of it).
std::vector<std::string> wrap(const std::string& s, int width) {
  std::vector<std::string> lines(1);
  struct Char {
    size_t at;  // where the character starts in the current line
    int width;
    bool closes;
  };
  std::vector<Char> chars;  // the current line's
  int used = 0;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = next_cp(s, i);
    Char ch{0, display_width(c), closes_line(c)};
    if (used + ch.width > width && used > 0) {
      // carry back: the character before a closing one, and closing ones before it
      size_t keep = chars.size();
      if (ch.closes) {
        while (keep > 1 && chars[keep - 1].closes) --keep;
        if (keep > 1) --keep;
        else keep = chars.size();  // nothing but closing marks: break where it is
      }
      size_t cut = keep < chars.size() ? chars[keep].at : lines.back().size();
      std::string carried = lines.back().substr(cut);
      lines.back().resize(cut);
      lines.push_back(std::move(carried));
      chars.erase(chars.begin(), chars.begin() + static_cast<long>(keep));
      used = 0;
      for (Char& m : chars) {
        m.at -= cut;  // now in the new line
        used += m.width;
      }
    }
    ch.at = lines.back().size();
    chars.push_back(ch);
    lines.back().append(s, start, i - start);
    used += ch.width;
  }
  return lines;
}

std::string pad(const std::string& s, int width) {
  int used = 0;
  for (size_t i = 0; i < s.size();) used += display_width(next_cp(s, i));
  return s + std::string(std::max(0, width - used), ' ');
}

std::string table(const Document& doc, const EmitOptions& o) {
  // id | path | task | units | deadline; narrower side columns below 110
  // columns, so that an 80-column terminal still holds a row
  bool narrow = o.width < 110;
  int w_id = 5, w_path = narrow ? 8 : 10, w_units = narrow ? 16 : 24, w_dead = narrow ? 12 : 16;
  int w_task = std::max(16, o.width - w_id - w_path - w_units - w_dead - 4 * 3);
  std::string out;
  auto bold = [&](const std::string& s) { return o.color ? "\x1b[1m" + s + "\x1b[0m" : s; };
  std::string title = doc.meta.title.value_or(doc.source.path);
  out += bold(title) + "\n";
  out += pad("id", w_id) + " | " + pad("path", w_path) + " | " + pad("task", w_task) + " | " +
         pad("units", w_units) + " | " + pad("deadline", w_dead) + "\n";
  for (const auto& t : doc.tasks) {
    std::string task = t.title ? *t.title + "：" + t.text : t.text;
    std::vector<std::string> units;
    for (const auto& u : t.units.lead) units.push_back(u + "(牵头)");
    for (const auto& u : t.units.support) units.push_back(u + "(配合)");
    for (const auto& u : t.units.responsible) units.push_back(u);
    auto c1 = wrap(t.id, w_id), c2 = wrap(join(t.path, "/"), w_path), c3 = wrap(task, w_task),
         c4 = wrap(join(units, "、"), w_units), c5 = wrap(deadline_texts(t), w_dead);
    size_t n = std::max({c1.size(), c2.size(), c3.size(), c4.size(), c5.size()});
    for (size_t i = 0; i < n; ++i) {
      auto at = [&](const std::vector<std::string>& c) { return i < c.size() ? c[i] : std::string(); };
      out += pad(at(c1), w_id) + " | " + pad(at(c2), w_path) + " | " + pad(at(c3), w_task) + " | " +
             pad(at(c4), w_units) + " | " + pad(at(c5), w_dead) + "\n";
    }
  }
  return out;
}

// Writes JSON straight into a string, pretty (indent >= 0) or compact,
// in the same layout as nlohmann's dump, without building a DOM first.
class JsonWriter {
 public:
  JsonWriter(std::string& out, int indent) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  // Goes on inside an object whose opening and first members were written
  // before (a prefix shared by many records).
  void continue_object() { first_.push_back(false); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // Keys are the contract's field names, plain ASCII: written as they are.
  void key(std::string_view k) {
    item();
    out_ += '"';
    out_.append(k);
    out_.append(indent_ >= 0 ? std::string_view("\": ") : std::string_view("\":"));
    after_key_ = true;
  }
  void value(std::string_view s) { item(); string(s); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::optional<std::string>& s) { s ? value(std::string_view(*s)) : null(); }
  void value(long v) { item(); out_ += std::to_string(v); }
  void null() { item(); out_ += "null"; }
  void strings(const std::vector<std::string>& v) {
    begin_array();
    for (const auto& s : v) value(std::string_view(s));
    end_array();
  }

 private:
  std::string& out_;
  int indent_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;

  void newline() {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(first_.size() * static_cast<size_t>(indent_), ' ');
  }
  void item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
      newline();
    }
  }
  void open(char c) {
    item();
    out_ += c;
    first_.push_back(true);
  }
  void close(char c) {
    bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    out_ += c;
  }
  // Printable ASCII that needs no escape.
  static constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x80; ++c) t[c] = c != '"' && c != '\\';
    return t;
  }();

  void string(std::string_view s) {
    static const char* hex = "0123456789abcdef";
    out_ += '"';
    for (size_t i = 0; i < s.size();) {
      // a run that needs no escaping (printable ASCII, well-formed 3-byte
      // characters such as CJK) is copied in one append
      size_t run = i;
      while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (kPlain[c]) {
          ++i;
        } else if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
          i += 3;
        } else {
          break;
        }
      }
      out_.append(s, run, i - run);
      if (i >= s.size()) break;
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80) {  // copy a well-formed sequence, replace a broken one
        size_t j = i;
        char32_t cp = next_cp(s, j);
        if (cp == 0xFFFD && s.substr(i, 3) != "\xEF\xBF\xBD") out_ += "\xEF\xBF\xBD";
        else out_.append(s, i, j - i);
        i = j;
        continue;
      }
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        default:
          if (c < 0x20) {
            out_ += "\\u00";
            out_ += hex[c >> 4];
            out_ += hex[c & 15];
          } else {
            out_ += static_cast<char>(c);
          }
      }
      ++i;
    }
    out_ += '"';
  }
};

void write_meta(JsonWriter& w, const Meta& m) {
  w.begin_object();
  w.key("title"); w.value(m.title);
  w.key("issuer"); w.value(m.issuer);
  w.key("date"); w.value(m.date);
  w.key("year");
  if (m.year) w.value(static_cast<long>(*m.year)); else w.null();
  w.key("doc_number"); w.value(m.doc_number);
  w.key("index_number"); w.value(m.index_number);
  w.end_object();
}

void write_section(JsonWriter& w, const Section& s) {
  w.begin_object();
  w.key("number"); w.value(s.number);
  w.key("level"); w.value(static_cast<long>(s.level));
  w.key("title"); w.value(s.title);
  w.key("line"); w.value(static_cast<long>(s.line));
  w.key("sections");
  w.begin_array();
  for (const auto& c : s.sections) write_section(w, c);
  w.end_array();
  w.end_object();
}

// The task's own fields, inside an object the caller opened.
void write_task_fields(JsonWriter& w, const Task& t) {
  w.key("id"); w.value(t.id);
  w.key("path"); w.strings(t.path);
  w.key("title"); w.value(t.title);
  w.key("text"); w.value(t.text);
  w.key("units");
  w.begin_object();
  w.key("lead"); w.strings(t.units.lead);
  w.key("support"); w.strings(t.units.support);
  w.key("responsible"); w.strings(t.units.responsible);
  w.end_object();
  w.key("deadlines");
  w.begin_array();
  for (const auto& d : t.deadlines) {
    w.begin_object();
    w.key("text"); w.value(d.text);
    w.key("kind"); w.value(std::string_view(to_string(d.kind)));
    w.key("date"); w.value(d.date);
    if (d.kind == DeadlineKind::Recurring) { w.key("every"); w.value(d.every); }
    w.end_object();
  }
  w.end_array();
  w.key("line"); w.value(static_cast<long>(t.line));
  if (!t.source_ref.empty()) { w.key("source_ref"); w.value(t.source_ref); }
}

void write_document(std::string& out, const Document& doc, int indent) {
  JsonWriter w(out, indent);
  w.begin_object();
  w.key("plancli"); w.value(1L);
  w.key("source");
  w.begin_object();
  w.key("path"); w.value(doc.source.path);
  w.key("format"); w.value(doc.source.format);
  w.key("encoding"); w.value(doc.source.encoding);
  w.key("sha256"); w.value(doc.source.sha256);
  w.end_object();
  w.key("meta"); write_meta(w, doc.meta);
  w.key("sections");
  w.begin_array();
  for (const auto& s : doc.sections) write_section(w, s);
  w.end_array();
  w.key("tasks");
  w.begin_array();
  for (const auto& t : doc.tasks) {
    w.begin_object();
    write_task_fields(w, t);
    w.end_object();
  }
  w.end_array();
  w.key("diagnostics");
  w.begin_array();
  for (const auto& d : doc.diagnostics) {
    w.begin_object();
    w.key("level"); w.value(d.level);
    w.key("code"); w.value(d.code);
    w.key("line"); w.value(static_cast<long>(d.line));
    w.key("message"); w.value(d.message);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// {"doc":…,"meta":{…}, : the same for every task of a document, written once.
std::string task_record_prefix(const Document& doc) {
  std::string prefix;
  JsonWriter w(prefix, -1);
  w.begin_object();
  w.key("doc"); w.value(doc.source.path);
  w.key("meta"); write_meta(w, doc.meta);
  return prefix;
}

void write_task_record(std::string& out, const std::string& prefix, const Task& t) {
  out += prefix;
  JsonWriter w(out, -1);
  w.continue_object();
  write_task_fields(w, t);
  w.end_object();
}

}  // namespace

std::optional<Format> format_from_name(std::string_view name) {
  if (name == "json") return Format::Json;
  if (name == "ndjson" || name == "jsonl") return Format::Ndjson;
  if (name == "csv") return Format::Csv;
  if (name == "tsv") return Format::Tsv;
  if (name == "table") return Format::Table;
  if (name == "md" || name == "markdown") return Format::Md;
  return std::nullopt;
}

// The DOM views read back what the writer writes: one place knows the
// contract's fields and their order.
ojson to_json(const Document& doc) {
  std::string out;
  write_document(out, doc, -1);
  return ojson::parse(out);
}

ojson task_record(const Document& doc, const Task& task) {
  std::string out;
  write_task_record(out, task_record_prefix(doc), task);
  return ojson::parse(out);
}

std::string emit_header(Format format) {
  std::vector<std::string> cols(std::begin(kColumns), std::end(kColumns));
  switch (format) {
    case Format::Csv: return join(cols, ",") + "\r\n";
    case Format::Tsv: return join(cols, "\t") + "\n";
    case Format::Md: {
      std::string rule;
      for (size_t i = 0; i < cols.size(); ++i) rule += "|---";
      return "| " + join(cols, " | ") + " |\n" + rule + "|\n";
    }
    default: return "";
  }
}

namespace {

// An upper estimate of the output size: reserved at once, the text is never
// copied while it grows, and pages it does not use are never touched.
size_t output_estimate(const Document& doc) {
  size_t bytes = 4096;
  for (const auto& t : doc.tasks) {
    bytes += 1024 + 2 * (t.text.size() + (t.title ? t.title->size() : 0));
    for (const auto* list : {&t.units.lead, &t.units.support, &t.units.responsible})
      for (const auto& n : *list) bytes += 2 * n.size() + 16;
    for (const auto& d : t.deadlines) bytes += 2 * d.text.size() + 128;
  }
  return bytes;
}

}  // namespace

std::string emit(const Document& doc, Format format, const EmitOptions& options) {
  std::string out;
  out.reserve(output_estimate(doc));
  switch (format) {
    case Format::Json:  // written straight out: no DOM of the whole document in memory
      write_document(out, doc, 2);
      return out;
    case Format::Ndjson:
      for (const std::string prefix = task_record_prefix(doc); const auto& t : doc.tasks) {
        write_task_record(out, prefix, t);
        out += '\n';
      }
      return out;
    case Format::Csv:
      for (const auto& t : doc.tasks) {
        std::vector<std::string> row;
        for (auto& f : task_row(doc, t)) row.push_back(csv_field(f));
        out += join(row, ",") + "\r\n";
      }
      return out;
    case Format::Tsv:
      for (const auto& t : doc.tasks) {
        std::vector<std::string> row;
        for (auto& f : task_row(doc, t)) row.push_back(tsv_field(f));
        out += join(row, "\t") + "\n";
      }
      return out;
    case Format::Md:
      for (const auto& t : doc.tasks) {
        std::vector<std::string> row;
        for (auto& f : task_row(doc, t)) row.push_back(md_field(f));
        out += "| " + join(row, " | ") + " |\n";
      }
      return out;
    case Format::Table: return table(doc, options);
  }
  return out;
}

std::string emit_error(std::string_view path, std::string_view error, Format format) {
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  ojson j{{"doc", path}, {"error", error}};
  if (format == Format::Ndjson) return j.dump(-1, ' ', false, kReplace) + "\n";
  if (format == Format::Json) return j.dump(2, ' ', false, kReplace);
  return "";
}

}  // namespace plancli
