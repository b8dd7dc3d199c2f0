// The JSON Schema (draft 2020-12) of `plancli parse --format json`, following
// shared/spec/CONTRACT.md version 1. tests/e2e.py checks that docs/schema.json
// is this text and validates every seed's output against it.
#include "cli/schema.h"

namespace plancli::cli {

const char* const kDocumentSchema = R"JSON({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://plancli.example/schema/document-1.json",
  "title": "plancli document, contract version 1",
  "type": "object",
  "required": ["plancli", "source", "meta", "sections", "tasks", "diagnostics"],
  "properties": {
    "plancli": {"const": 1},
    "source": {
      "type": "object",
      "required": ["path", "format", "encoding", "sha256"],
      "properties": {
        "path": {"type": "string"},
        "format": {"enum": ["text", "docx", "html", "xlsx", "pdf"]},
        "encoding": {"type": "string"},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}
      }
    },
    "meta": {
      "type": "object",
      "required": ["title", "issuer", "date", "year", "doc_number", "index_number"],
      "properties": {
        "title": {"type": ["string", "null"]},
        "issuer": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"], "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "year": {"type": ["integer", "null"]},
        "doc_number": {"type": ["string", "null"]},
        "index_number": {"type": ["string", "null"]}
      }
    },
    "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
    "tasks": {"type": "array", "items": {"$ref": "#/$defs/task"}},
    "diagnostics": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["level", "code", "line", "message"],
        "properties": {
          "level": {"enum": ["error", "warning", "info"]},
          "code": {"type": "string"},
          "line": {"type": "integer", "minimum": 0},
          "message": {"type": "string"}
        }
      }
    }
  },
  "$defs": {
    "section": {
      "type": "object",
      "required": ["number", "level", "title", "line", "sections"],
      "properties": {
        "number": {"type": "string"},
        "level": {"type": "integer", "minimum": 1},
        "title": {"type": "string"},
        "line": {"type": "integer", "minimum": 0},
        "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}}
      }
    },
    "units": {
      "type": "object",
      "required": ["lead", "support", "responsible"],
      "properties": {
        "lead": {"type": "array", "items": {"type": "string"}},
        "support": {"type": "array", "items": {"type": "string"}},
        "responsible": {"type": "array", "items": {"type": "string"}}
      }
    },
    "deadline": {
      "type": "object",
      "required": ["text", "kind", "date"],
      "properties": {
        "text": {"type": "string"},
        "kind": {"enum": ["by", "on", "within", "ongoing", "as_required", "recurring"]},
        "date": {"type": ["string", "null"], "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "every": {"enum": ["year", "quarter", "month", "week"]}
      }
    },
    "task": {
      "type": "object",
      "required": ["id", "path", "title", "text", "units", "deadlines", "line"],
      "properties": {
        "id": {"type": "string", "pattern": "^T[0-9]+$"},
        "path": {"type": "array", "items": {"type": "string"}},
        "title": {"type": ["string", "null"]},
        "text": {"type": "string"},
        "units": {"$ref": "#/$defs/units"},
        "deadlines": {"type": "array", "items": {"$ref": "#/$defs/deadline"}},
        "line": {"type": "integer", "minimum": 0},
        "source_ref": {"type": "string"}
      }
    }
  }
}
)JSON";

}  // namespace plancli::cli
