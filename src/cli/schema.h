// The JSON Schema of the document object (docs/schema.json is its copy).
#pragma once

namespace plancli::cli {
extern const char* const kDocumentSchema;
}
