#include "store/record_io.h"

#include <cmath>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/strings.h"
#include "core/timeutil.h"
#include "core/utf8.h"

namespace voc {
namespace {

bool Fail(size_t index, std::string_view id, std::string_view field, std::string_view what,
          RecordError* error) {
  error->field = std::string(field);
  error->message = absl::StrCat(RecordPrefix(index, id), AV(what));
  return false;
}

std::string TypeError(std::string_view field, std::string_view expected, const json::Value& v) {
  return absl::StrCat(AV(field), " must be ", AV(expected), ", got ",
                      json::Value::TypeName(v.type()));
}

// Reads an optional string field; numbers are accepted for ids (common in exports).
bool GetString(const json::Value& obj, std::string_view key, size_t index, std::string_view id,
               std::string* out, RecordError* error, bool allow_number = false) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr || v->is_null()) return true;
  if (v->is_string()) {
    *out = v->str();
    return true;
  }
  if (allow_number && v->is_number()) {
    std::string s;
    json::AppendNumber(&s, v->number());
    *out = s;
    return true;
  }
  return Fail(index, id, key, TypeError(key, "a string", *v), error);
}

bool GetBool(const json::Value& obj, std::string_view key, size_t index, std::string_view id,
             bool* out, RecordError* error) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr || v->is_null()) return true;
  if (v->is_bool()) {
    *out = v->bool_value();
    return true;
  }
  if (v->is_number() && (v->number() == 0 || v->number() == 1)) {
    *out = v->number() == 1;
    return true;
  }
  return Fail(index, id, key, TypeError(key, "a boolean", *v), error);
}

bool GetAttributes(const json::Value& obj, size_t index, std::string_view id,
                   std::map<std::string, std::string>* out, RecordError* error) {
  const json::Value* v = obj.Find("attributes");
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_object()) return Fail(index, id, "attributes", TypeError("attributes", "an object", *v), error);
  for (const auto& [k, val] : v->members()) {
    if (val.is_string()) {
      (*out)[k] = val.str();
    } else if (val.is_number() || val.is_bool()) {
      (*out)[k] = json::Serialize(val);
    } else if (!val.is_null()) {
      return Fail(index, id, absl::StrCat("attributes.", k),
                  absl::StrCat("attributes.", k, " must be a string, got ",
                               json::Value::TypeName(val.type())),
                  error);
    }
  }
  return true;
}

}  // namespace

bool FeedbackFromJson(const json::Value& v, size_t index, Feedback* out, RecordError* error) {
  *out = Feedback();
  if (!v.is_object()) {
    return Fail(index, "", "record", absl::StrCat("record must be a JSON object, got ",
                                                  json::Value::TypeName(v.type())),
                error);
  }
  if (!GetString(v, "id", index, "", &out->id, error, /*allow_number=*/true)) return false;
  const std::string& id = out->id;
  if (const json::Value* ch = v.Find("channel"); ch != nullptr && !ch->is_null()) {
    if (!ch->is_string()) return Fail(index, id, "channel", TypeError("channel", "a string", *ch), error);
    auto c = ParseChannel(ch->str());
    if (!c) {
      return Fail(index, id, "channel",
                  absl::StrCat("channel '", utf8::Sanitize(ch->str().substr(0, 40)),
                               "' is not one of survey, app_review, call_center, chat, email, "
                               "social, forum, store, other"),
                  error);
    }
    out->channel = *c;
  }
  if (const json::Value* t = v.Find("created_at"); t != nullptr && !t->is_null()) {
    if (!t->is_number() && !t->is_string()) {
      return Fail(index, id, "created_at", TypeError("created_at", "a timestamp string or number", *t), error);
    }
    auto ts = TimestampFromJson(*t, "created_at");
    if (!ts.ok()) return Fail(index, id, "created_at", std::string(ts.status().message()), error);
    out->created_at = *ts;
  }
  if (!GetString(v, "text", index, id, &out->text, error)) return false;
  if (!GetString(v, "touchpoint", index, id, &out->touchpoint, error)) return false;
  if (!GetString(v, "customer_id", index, id, &out->customer_id, error, true)) return false;
  if (!GetString(v, "product", index, id, &out->product, error)) return false;
  if (!GetString(v, "region", index, id, &out->region, error)) return false;
  if (!GetBool(v, "contact_ok", index, id, &out->contact_ok, error)) return false;
  if (!GetAttributes(v, index, id, &out->attributes, error)) return false;
  // Rating: {"rating": 9, "rating_scale": "nps"} or {"rating": {"scale": "nps", "value": 9}}.
  if (const json::Value* r = v.Find("rating"); r != nullptr && !r->is_null()) {
    const json::Value* value = r;
    const json::Value* scale = v.Find("rating_scale");
    if (r->is_object()) {
      value = r->Find("value");
      scale = r->Find("scale");
      if (value == nullptr) return Fail(index, id, "rating", "rating.value is missing", error);
    }
    if (!value->is_number()) return Fail(index, id, "rating", TypeError("rating", "a number", *value), error);
    Rating rating;
    rating.value = value->number();
    rating.scale = RatingScale::kStars;  // the most common scale when none is named
    if (scale != nullptr && !scale->is_null()) {
      if (!scale->is_string()) return Fail(index, id, "rating_scale", TypeError("rating_scale", "a string", *scale), error);
      auto sc = ParseRatingScale(scale->str());
      if (!sc) {
        return Fail(index, id, "rating_scale",
                    absl::StrCat("rating_scale '", utf8::Sanitize(scale->str().substr(0, 20)),
                                 "' is not nps, csat or stars"),
                    error);
      }
      rating.scale = *sc;
    }
    out->rating = rating;
  }
  return true;
}

bool CustomerFromJson(const json::Value& v, size_t index, Customer* out, RecordError* error) {
  *out = Customer();
  if (!v.is_object()) {
    return Fail(index, "", "record", absl::StrCat("customer must be a JSON object, got ",
                                                  json::Value::TypeName(v.type())),
                error);
  }
  if (!GetString(v, "id", index, "", &out->id, error, true)) return false;
  const std::string& id = out->id;
  if (!GetString(v, "name", index, id, &out->name, error)) return false;
  if (!GetString(v, "tier", index, id, &out->tier, error)) return false;
  if (!GetString(v, "region", index, id, &out->region, error)) return false;
  if (!GetBool(v, "contact_ok", index, id, &out->contact_ok, error)) return false;
  if (!GetAttributes(v, index, id, &out->attributes, error)) return false;
  if (const json::Value* t = v.Find("tenure_months"); t != nullptr && !t->is_null()) {
    if (!t->is_number()) return Fail(index, id, "tenure_months", TypeError("tenure_months", "a number", *t), error);
    auto n = json::ToInt(*t, "tenure_months", 0, std::numeric_limits<int>::max());
    if (!n.ok()) {
      return Fail(index, id, "tenure_months", std::string(n.status().message()), error);
    }
    out->tenure_months = static_cast<int>(*n);
  }
  if (const json::Value* lv = v.Find("lifetime_value"); lv != nullptr && !lv->is_null()) {
    if (!lv->is_number()) return Fail(index, id, "lifetime_value", TypeError("lifetime_value", "a number", *lv), error);
    out->lifetime_value = lv->number();
  }
  return true;
}

void WriteFeedbackJson(const Feedback& f, json::Writer* w) {
  w->Key("id").String(f.id);
  w->Key("channel").String(ChannelName(f.channel));
  if (!f.touchpoint.empty()) w->Key("touchpoint").String(f.touchpoint);
  w->Key("created_at").String(FormatTimestamp(f.created_at));
  if (!f.customer_id.empty()) w->Key("customer_id").String(f.customer_id);
  if (f.rating) {
    w->Key("rating").Number(f.rating->value);
    w->Key("rating_scale").String(RatingScaleName(f.rating->scale));
  }
  w->Key("text").String(f.text);
  if (!f.product.empty()) w->Key("product").String(f.product);
  if (!f.region.empty()) w->Key("region").String(f.region);
  if (!f.attributes.empty()) {
    w->Key("attributes").BeginObject();
    for (const auto& [k, v] : f.attributes) w->Key(k).String(v);
    w->EndObject();
  }
  w->Key("contact_ok").Bool(f.contact_ok);
}

absl::StatusOr<std::vector<CsvRow>> ParseCsv(std::string_view data) {
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  size_t line = 1;
  row.line = 1;
  bool in_quotes = false, field_started = false, row_has_data = false;
  size_t quote_line = 0;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
      row_has_data = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
      row_has_data = true;
    } else if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') {
      continue;
    } else if (c == '\n' || c == '\r') {
      if (row_has_data || field_started || !field.empty()) {
        end_field();
        rows.push_back(std::move(row));
      }
      row = CsvRow();
      ++line;
      row.line = line;
      row_has_data = false;
    } else {
      field.push_back(c);
      field_started = true;
      row_has_data = true;
    }
  }
  if (in_quotes) {
    return absl::InvalidArgumentError(
        absl::StrCat("CSV line ", quote_line, ": quoted field is not closed"));
  }
  if (row_has_data || field_started || !field.empty()) {
    end_field();
    rows.push_back(std::move(row));
  }
  return rows;
}

json::Value CsvRowToJson(const std::vector<std::string>& header, const std::vector<std::string>& row) {
  json::Value obj = json::Value::Object();
  json::Value attrs = json::Value::Object();
  for (size_t i = 0; i < header.size() && i < row.size(); ++i) {
    const std::string& key = header[i];
    const std::string& cell = row[i];
    if (cell.empty()) continue;
    if (key.rfind("attributes.", 0) == 0) {
      attrs.Add(key.substr(11), json::Value::String(cell));
      continue;
    }
    double d;
    if ((key == "rating" || key == "tenure_months" || key == "lifetime_value") &&
        absl::SimpleAtod(cell, &d)) {
      obj.Add(key, json::Value::Number(d));
    } else if (key == "contact_ok") {
      std::string lower = absl::AsciiStrToLower(cell);
      if (lower == "true" || lower == "1" || lower == "yes" || lower == "y") {
        obj.Add(key, json::Value::Bool(true));
      } else if (lower == "false" || lower == "0" || lower == "no" || lower == "n") {
        obj.Add(key, json::Value::Bool(false));
      } else {
        obj.Add(key, json::Value::String(cell));  // reported as a type error
      }
    } else {
      obj.Add(key, json::Value::String(cell));
    }
  }
  if (!attrs.members().empty()) obj.Add("attributes", std::move(attrs));
  return obj;
}

}  // namespace voc
