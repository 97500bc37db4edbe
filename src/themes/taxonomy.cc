#include "themes/taxonomy.h"

#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/json.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "re2/re2.h"

namespace voc::themes {
namespace {

absl::Status Err(std::string_view where, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("taxonomy: ", AV(where), ": ", AV(what)));
}

absl::Status ReadString(const json::Value& obj, std::string_view key, bool required,
                        std::string_view where, std::string* out) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr) {
    if (required) return Err(where, absl::StrCat("missing field \"", AV(key), "\""));
    return absl::OkStatus();
  }
  if (!v->is_string()) {
    return Err(where, absl::StrCat("field \"", AV(key), "\" must be a string, not ",
                                   json::Value::TypeName(v->type())));
  }
  if (required && v->str().empty()) {
    return Err(where, absl::StrCat("field \"", AV(key), "\" is empty"));
  }
  *out = v->str();
  return absl::OkStatus();
}

absl::Status ReadStrings(const json::Value& obj, std::string_view key, std::string_view where,
                         std::vector<std::string>* out) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr) return absl::OkStatus();
  if (!v->is_array()) {
    return Err(where, absl::StrCat("field \"", AV(key), "\" must be an array of strings"));
  }
  for (size_t i = 0; i < v->items().size(); ++i) {
    const json::Value& item = v->items()[i];
    if (!item.is_string() || item.str().empty()) {
      return Err(where, absl::StrCat("\"", AV(key), "\"[", i, "] must be a non-empty string"));
    }
    out->push_back(item.str());
  }
  return absl::OkStatus();
}

bool ValidId(std::string_view id) {
  if (id.empty() || id.front() == '.' || id.back() == '.') return false;
  char prev = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
    if (!ok || (c == '.' && prev == '.')) return false;
    prev = c;
  }
  return true;
}

}  // namespace

absl::StatusOr<Taxonomy> ParseTaxonomy(std::string_view json_text) {
  absl::StatusOr<json::Value> doc = json::Parse(json_text);
  if (!doc.ok()) return Err("file", SV(doc.status().message()));
  if (!doc->is_object()) return Err("file", "the top level must be an object");
  Taxonomy tax;
  absl::Status s = ReadString(*doc, "name", false, "file", &tax.name);
  if (!s.ok()) return s;
  s = ReadStrings(*doc, "exclude", "file", &tax.exclude);
  if (!s.ok()) return s;
  const json::Value* themes = doc->Find("themes");
  if (themes == nullptr) return Err("file", "missing field \"themes\"");
  if (!themes->is_array() || themes->items().empty()) {
    return Err("file", "\"themes\" must be a non-empty array");
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < themes->items().size(); ++i) {
    const json::Value& t = themes->items()[i];
    std::string where = absl::StrCat("themes[", i, "]");
    if (!t.is_object()) return Err(where, "must be an object");
    TaxonomyTheme theme;
    if (!(s = ReadString(t, "id", true, where, &theme.info.id)).ok()) return s;
    if (!ValidId(theme.info.id)) {
      return Err(where, absl::StrCat("bad id \"", theme.info.id,
                                     "\" (dotted segments of letters, digits, _ or -)"));
    }
    where = absl::StrCat("theme \"", theme.info.id, "\"");
    if (!ids.insert(theme.info.id).second) return Err(where, "duplicate id");
    if (!(s = ReadString(t, "name", true, where, &theme.info.name)).ok()) return s;
    if (!(s = ReadString(t, "description", false, where, &theme.info.description)).ok()) return s;
    if (!(s = ReadString(t, "department", true, where, &theme.info.department)).ok()) return s;
    std::string parent;
    if (!(s = ReadString(t, "parent", false, where, &parent)).ok()) return s;
    size_t dot = theme.info.id.rfind('.');
    std::string implied = dot == std::string::npos ? "" : theme.info.id.substr(0, dot);
    if (t.Find("parent") != nullptr && parent != implied) {
      return Err(where, absl::StrCat("parent \"", parent, "\" does not match the dotted id (\"",
                                     implied, "\" expected)"));
    }
    theme.info.parent = implied;
    if (!(s = ReadStrings(t, "words", where, &theme.words)).ok()) return s;
    if (!(s = ReadStrings(t, "patterns", where, &theme.patterns)).ok()) return s;
    if (!(s = ReadStrings(t, "exclude", where, &theme.exclude)).ok()) return s;
    if (const json::Value* e = t.Find("evaluative"); e != nullptr) {
      if (!e->is_bool()) return Err(where, "\"evaluative\" must be true or false");
      theme.evaluative = e->bool_value();
    }
    for (const std::string& p : theme.patterns) {
      RE2 re(p, RE2::Quiet);
      if (!re.ok()) {
        return Err(where, absl::StrCat("bad RE2 pattern \"", p, "\": ", re.error()));
      }
    }
    for (const std::string& w : theme.words) {
      if (utf8::FindInvalid(w) != std::string::npos) {
        return Err(where, "a word is not valid UTF-8");
      }
    }
    tax.themes.push_back(std::move(theme));
  }
  for (const TaxonomyTheme& t : tax.themes) {
    if (!t.info.parent.empty() && ids.count(t.info.parent) == 0) {
      return Err(absl::StrCat("theme \"", t.info.id, "\""),
                 absl::StrCat("unknown parent \"", t.info.parent, "\""));
    }
  }
  return tax;
}

}  // namespace voc::themes
