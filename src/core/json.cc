#include "core/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/strings.h"
#include "core/utf8.h"

namespace voc::json {

Value Value::Bool(bool b) {
  Value v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}
Value Value::Number(double d) {
  Value v;
  v.type_ = Type::kNumber;
  v.number_ = d;
  return v;
}
Value Value::String(std::string s) {
  Value v;
  v.type_ = Type::kString;
  v.string_ = std::move(s);
  return v;
}
Value Value::Array() {
  Value v;
  v.type_ = Type::kArray;
  return v;
}
Value Value::Object() {
  Value v;
  v.type_ = Type::kObject;
  return v;
}

const Value* Value::Find(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  for (const auto& m : members_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

const char* Value::TypeName(Type t) {
  switch (t) {
    case Type::kNull: return "null";
    case Type::kBool: return "boolean";
    case Type::kNumber: return "number";
    case Type::kString: return "string";
    case Type::kArray: return "array";
    case Type::kObject: return "object";
  }
  return "?";
}

namespace {

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options) : s_(text), options_(options) {}

  absl::StatusOr<Value> Run() {
    Value v;
    SkipWs();
    if (!ParseValue(&v, 0)) return Error();
    SkipWs();
    if (pos_ != s_.size()) {
      Fail("unexpected data after the value");
      return Error();
    }
    return v;
  }

 private:
  absl::Status Error() const {
    return absl::InvalidArgumentError(absl::StrCat("invalid JSON at byte ", err_pos_, ": ", err_));
  }
  bool Fail(const char* what) {
    if (err_.empty()) {
      err_ = what;
      err_pos_ = pos_;
    }
    return false;
  }
  void SkipWs() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return Fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool ParseValue(Value* out, int depth) {
    if (depth > options_.max_depth) return Fail("nesting too deep");
    if (pos_ >= s_.size()) return Fail("unexpected end of input");
    char c = s_[pos_];
    switch (c) {
      case '{': return ParseObject(out, depth);
      case '[': return ParseArray(out, depth);
      case '"': {
        std::string str;
        if (!ParseString(&str)) return false;
        *out = Value::String(std::move(str));
        return true;
      }
      case 't':
        if (!Literal("true")) return false;
        *out = Value::Bool(true);
        return true;
      case 'f':
        if (!Literal("false")) return false;
        *out = Value::Bool(false);
        return true;
      case 'n':
        if (!Literal("null")) return false;
        *out = Value();
        return true;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(out);
        return Fail("expected a value");
    }
  }

  bool ParseNumber(Value* out) {
    size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size()) return Fail("bad number");
    if (s_[pos_] == '0') {
      ++pos_;
    } else if (s_[pos_] >= '1' && s_[pos_] <= '9') {
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    } else {
      return Fail("bad number");
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (pos_ >= s_.size() || !(s_[pos_] >= '0' && s_[pos_] <= '9')) return Fail("bad number");
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ >= s_.size() || !(s_[pos_] >= '0' && s_[pos_] <= '9')) return Fail("bad number");
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    }
    double d = 0;
    if (!absl::SimpleAtod(AV(s_.substr(start, pos_ - start)), &d)) {
      pos_ = start;
      return Fail("bad number");
    }
    *out = Value::Number(d);
    return true;
  }

  bool Hex4(char32_t* cp) {
    if (pos_ + 4 > s_.size()) return Fail("bad \\u escape");
    char32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else return Fail("bad \\u escape");
    }
    *cp = v;
    return true;
  }

  bool ParseString(std::string* out) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= s_.size()) return Fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        ++pos_;
        if (pos_ >= s_.size()) return Fail("unterminated string");
        char e = s_[pos_++];
        switch (e) {
          case '"': out->push_back('"'); break;
          case '\\': out->push_back('\\'); break;
          case '/': out->push_back('/'); break;
          case 'b': out->push_back('\b'); break;
          case 'f': out->push_back('\f'); break;
          case 'n': out->push_back('\n'); break;
          case 'r': out->push_back('\r'); break;
          case 't': out->push_back('\t'); break;
          case 'u': {
            char32_t cp;
            if (!Hex4(&cp)) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              char32_t lo;
              if (s_.substr(pos_, 2) != "\\u") return Fail("unpaired surrogate");
              pos_ += 2;
              if (!Hex4(&lo)) return false;
              if (lo < 0xDC00 || lo > 0xDFFF) return Fail("unpaired surrogate");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return Fail("unpaired surrogate");
            }
            utf8::Append(out, cp);
            break;
          }
          default:
            --pos_;
            return Fail("bad escape");
        }
        continue;
      }
      if (c < 0x20) return Fail("control character in string");
      if (c < 0x80) {
        out->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      char32_t cp;
      size_t n = utf8::Decode(s_, pos_, &cp);
      if (n == 0) return Fail("invalid UTF-8 in string");
      out->append(s_.data() + pos_, n);
      pos_ += n;
    }
  }

  bool ParseArray(Value* out, int depth) {
    ++pos_;
    *out = Value::Array();
    SkipWs();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      Value item;
      SkipWs();
      if (!ParseValue(&item, depth + 1)) return false;
      out->Push(std::move(item));
      SkipWs();
      if (pos_ >= s_.size()) return Fail("unterminated array");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return Fail("expected ',' or ']'");
    }
  }

  bool ParseObject(Value* out, int depth) {
    ++pos_;
    *out = Value::Object();
    SkipWs();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      SkipWs();
      if (pos_ >= s_.size() || s_[pos_] != '"') return Fail("expected a string key");
      std::string key;
      if (!ParseString(&key)) return false;
      SkipWs();
      if (pos_ >= s_.size() || s_[pos_] != ':') return Fail("expected ':'");
      ++pos_;
      SkipWs();
      Value v;
      if (!ParseValue(&v, depth + 1)) return false;
      out->Add(std::move(key), std::move(v));
      SkipWs();
      if (pos_ >= s_.size()) return Fail("unterminated object");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return Fail("expected ',' or '}'");
    }
  }

  std::string_view s_;
  ParseOptions options_;
  size_t pos_ = 0;
  std::string err_;
  size_t err_pos_ = 0;
};

}  // namespace

absl::StatusOr<Value> Parse(std::string_view text, const ParseOptions& options) {
  return Parser(text, options).Run();
}

void AppendQuoted(std::string* out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      char32_t cp;
      size_t n = utf8::Decode(s, i, &cp);
      if (n == 0) {
        out->append("\xEF\xBF\xBD");
        ++i;
      } else {
        out->append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

void AppendNumber(std::string* out, double d) {
  if (!std::isfinite(d)) {
    out->append("null");
    return;
  }
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    absl::StrAppend(out, static_cast<int64_t>(d));
    return;
  }
  char buf[32];
  // %.17g round-trips; try shorter precisions first for readable output.
  for (int prec = 6; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof(buf), "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  out->append(buf);
}

absl::StatusOr<int64_t> ToInt(const Value& v, std::string_view field, int64_t min, int64_t max,
                              std::string_view range) {
  const double d = v.number();
  std::string shown;
  AppendNumber(&shown, d);
  if (!v.is_number() || !std::isfinite(d)) {
    return absl::InvalidArgumentError(absl::StrCat(AV(field), " is not a finite number"));
  }
  if (d != std::floor(d)) {
    return absl::InvalidArgumentError(
        absl::StrCat(AV(field), " ", shown, " is not a whole number"));
  }
  // [-2^63, 2^63) is exactly the doubles that convert to int64 without UB.
  bool fits = d >= -0x1p63 && d < 0x1p63;
  const int64_t i = fits ? static_cast<int64_t>(d) : 0;
  if (!fits || i < min || i > max) {
    return absl::InvalidArgumentError(absl::StrCat(
        AV(field), " ", shown, " is out of range (",
        range.empty() ? absl::StrCat(min, " to ", max) : std::string(AV(range)), ")"));
  }
  return i;
}

void AppendValue(std::string* out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: out->append("null"); break;
    case Value::Type::kBool: out->append(v.bool_value() ? "true" : "false"); break;
    case Value::Type::kNumber: AppendNumber(out, v.number()); break;
    case Value::Type::kString: AppendQuoted(out, v.str()); break;
    case Value::Type::kArray: {
      out->push_back('[');
      bool first = true;
      for (const auto& item : v.items()) {
        if (!first) out->push_back(',');
        first = false;
        AppendValue(out, item);
      }
      out->push_back(']');
      break;
    }
    case Value::Type::kObject: {
      out->push_back('{');
      bool first = true;
      for (const auto& m : v.members()) {
        if (!first) out->push_back(',');
        first = false;
        AppendQuoted(out, m.first);
        out->push_back(':');
        AppendValue(out, m.second);
      }
      out->push_back('}');
      break;
    }
  }
}

std::string Serialize(const Value& v) {
  std::string out;
  AppendValue(&out, v);
  return out;
}

void Writer::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_->push_back(',');
    first_.back() = false;
  }
}
Writer& Writer::BeginObject() {
  Separate();
  out_->push_back('{');
  first_.push_back(true);
  return *this;
}
Writer& Writer::EndObject() {
  out_->push_back('}');
  first_.pop_back();
  return *this;
}
Writer& Writer::BeginArray() {
  Separate();
  out_->push_back('[');
  first_.push_back(true);
  return *this;
}
Writer& Writer::EndArray() {
  out_->push_back(']');
  first_.pop_back();
  return *this;
}
Writer& Writer::Key(std::string_view k) {
  Separate();
  AppendQuoted(out_, k);
  out_->push_back(':');
  after_key_ = true;
  return *this;
}
Writer& Writer::String(std::string_view s) {
  Separate();
  AppendQuoted(out_, s);
  return *this;
}
Writer& Writer::Number(double d) {
  Separate();
  AppendNumber(out_, d);
  return *this;
}
Writer& Writer::Int(int64_t i) {
  Separate();
  absl::StrAppend(out_, i);
  return *this;
}
Writer& Writer::Bool(bool b) {
  Separate();
  out_->append(b ? "true" : "false");
  return *this;
}
Writer& Writer::Null() {
  Separate();
  out_->append("null");
  return *this;
}
Writer& Writer::Raw(std::string_view json) {
  Separate();
  out_->append(json);
  return *this;
}

}  // namespace voc::json
