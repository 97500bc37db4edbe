// Internal JSON support: a strict parser (RFC 8259, UTF-8 validated, depth-limited) into an
// ordered DOM, and a streaming writer. voc has no third-party JSON dependency by design.
#ifndef VOC_CORE_JSON_H_
#define VOC_CORE_JSON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace voc::json {

class Value {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  using Member = std::pair<std::string, Value>;

  Value() = default;
  static Value Bool(bool b);
  static Value Number(double d);
  static Value String(std::string s);
  static Value Array();
  static Value Object();

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  bool bool_value() const { return bool_; }
  double number() const { return number_; }
  const std::string& str() const { return string_; }
  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }
  const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }

  // Object lookup (first match); nullptr when absent or when this is not an object.
  const Value* Find(std::string_view key) const;
  void Add(std::string key, Value v) { members_.emplace_back(std::move(key), std::move(v)); }
  void Push(Value v) { items_.push_back(std::move(v)); }

  // "null", "boolean", "number", "string", "array", "object": for error messages.
  static const char* TypeName(Type t);

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<Value> items_;
  std::vector<Member> members_;
};

struct ParseOptions {
  int max_depth = 128;
};

// Parses exactly one JSON value (surrounding whitespace allowed). Errors are InvalidArgument
// with the byte offset: "invalid JSON at byte 17: expected ':'".
absl::StatusOr<Value> Parse(std::string_view text, const ParseOptions& options = ParseOptions());

// Appends `s` as a JSON string literal (quotes included). Non-ASCII UTF-8 is written as is;
// invalid UTF-8 bytes are written as U+FFFD so the output is always valid JSON.
void AppendQuoted(std::string* out, std::string_view s);

// Shortest text that round-trips `d`; non-finite values become null.
void AppendNumber(std::string* out, double d);

// The number `v` as an integer in [min, max]: InvalidArgument naming `field` and the value
// when it is not finite, not whole or out of range (a plain cast would be UB). The range is
// described as "min to max" unless `range` is given.
absl::StatusOr<int64_t> ToInt(const Value& v, std::string_view field, int64_t min, int64_t max,
                              std::string_view range = {});

// Compact serialisation of a DOM value.
std::string Serialize(const Value& v);
void AppendValue(std::string* out, const Value& v);

// A streaming writer for compact JSON; it inserts commas itself.
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}
  Writer& BeginObject();
  Writer& EndObject();
  Writer& BeginArray();
  Writer& EndArray();
  Writer& Key(std::string_view k);
  Writer& String(std::string_view s);
  Writer& Number(double d);
  Writer& Int(int64_t i);
  Writer& Bool(bool b);
  Writer& Null();
  Writer& Raw(std::string_view json);  // an already serialised value

 private:
  void Separate();
  std::string* out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace voc::json

#endif  // VOC_CORE_JSON_H_
