// Internal: feedback and customer records to and from JSON objects and CSV rows.
#ifndef VOC_STORE_RECORD_IO_H_
#define VOC_STORE_RECORD_IO_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/json.h"
#include "voc/analysis.h"
#include "voc/types.h"

namespace voc {

// A parse failure: the field at fault and the full message ("record 3 (id=x): rating must be
// a number, got string").
struct RecordError {
  std::string field;
  std::string message;
};

// Converts one JSON object to a Feedback. `index` names the record in messages. Types are
// checked (a wrong type names the field); semantic checks are ValidateFeedback's job.
bool FeedbackFromJson(const json::Value& v, size_t index, Feedback* out, RecordError* error);
bool CustomerFromJson(const json::Value& v, size_t index, Customer* out, RecordError* error);

// A record as a JSON object (the same field names FeedbackFromJson reads).
void WriteFeedbackJson(const Feedback& f, json::Writer* w);

// RFC 4180 CSV: a header row, then records; quoted fields may hold commas, quotes ("") and
// newlines; a UTF-8 BOM is skipped. `rows` gets the header first. Each row records the
// 1-based line it started on.
struct CsvRow {
  size_t line = 0;
  std::vector<std::string> fields;
};
absl::StatusOr<std::vector<CsvRow>> ParseCsv(std::string_view data);

// Turns a CSV row into the JSON object FeedbackFromJson reads: numbers for rating and
// created_at when they look numeric, booleans for contact_ok, "attributes.KEY" columns into
// the attributes object, empty cells omitted.
json::Value CsvRowToJson(const std::vector<std::string>& header, const std::vector<std::string>& row);

}  // namespace voc

#endif  // VOC_STORE_RECORD_IO_H_
