#include "themes/json_output.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/utf8.h"

namespace voc {

void WriteThemes(const std::vector<ThemeMention>& themes, json::Writer* w) {
  w->Key("themes").BeginArray();
  for (const ThemeMention& m : themes) {
    w->BeginObject();
    w->Key("theme").String(m.theme);
    w->Key("polarity").String(PolarityName(m.polarity));
    // Three decimals: stable, diff-friendly output.
    w->Key("score").Number(std::round(m.score * 1000) / 1000);
    w->Key("aspect").String(m.aspect);
    w->Key("opinion").String(m.opinion);
    w->Key("start").Int(m.span.start);
    w->Key("end").Int(m.span.end);
    w->EndObject();
  }
  w->EndArray();
}

absl::Status ParseDiscoveryLine(std::string_view line, size_t lineno, DiscoveryDocument* out) {
  // Each failure names its cause: one catch-all message left users guessing.
  auto error = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("line ", lineno, ": ", why));
  };
  if (size_t bad = utf8::FindInvalid(line); bad != std::string_view::npos) {
    return error(absl::StrCat("invalid UTF-8 at byte offset ", bad));
  }
  absl::StatusOr<json::Value> v = json::Parse(line);
  if (!v.ok()) return error(v.status().message());
  if (!v->is_object()) {
    return error(absl::StrCat("expected an object {\"id\",\"text\"}, got ", json::Value::TypeName(v->type())));
  }
  const json::Value* text = v->Find("text");
  if (text == nullptr) return error("missing \"text\"");
  if (!text->is_string()) {
    return error(absl::StrCat("\"text\" must be a string, got ", json::Value::TypeName(text->type())));
  }
  const json::Value* id = v->Find("id");
  out->id = id == nullptr ? std::to_string(lineno) : id->is_string() ? id->str() : json::Serialize(*id);
  out->text = text->str();
  return absl::OkStatus();
}

std::string RenderDiscoveryJson(const DiscoveryResult& result) {
  std::string out;
  json::Writer w(&out);
  w.BeginObject();
  w.Key("documents").Int(static_cast<int64_t>(result.documents));
  w.Key("unmatched").Int(static_cast<int64_t>(result.unmatched));
  w.Key("candidates").BeginArray();
  for (const CandidateTheme& c : result.candidates) {
    w.BeginObject();
    w.Key("top_terms").BeginArray();
    for (const std::string& t : c.top_terms) w.String(t);
    w.EndArray();
    w.Key("size").Int(static_cast<int64_t>(c.size));
    w.Key("share_negative").Number(std::round(c.share_negative * 1000) / 1000);
    w.Key("example_ids").BeginArray();
    for (const std::string& e : c.example_ids) w.String(e);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace voc
