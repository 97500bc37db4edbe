// voc journey: attribute texts to journey stages (--attribute), or report journey analytics
// over a store (--db).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "command.h"
#include "core/json.h"
#include "core/strings.h"
#include "core/timeutil.h"
#include "voc/journey.h"
#include "voc/store.h"
#include "voc/types.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc journey --attribute [--map FILE] < records.jsonl > stages.jsonl\n"
    "       voc journey --db FILE [--from DATE] [--to DATE] [--format table|json] [--svg OUT]\n"
    "                   [--map FILE]\n"
    "       voc journey --check-map FILE\n"
    "\n"
    "--attribute reads one record per line on stdin (at least {\"id\",\"text\"}; optional\n"
    "\"channel\" and \"touchpoint\" hint) and writes one line per record:\n"
    "  {\"id\", \"stages\" [stage ids], \"touchpoints\" [\"stage.touchpoint\"],\n"
    "   \"mentions\" [{\"stage\",\"touchpoint\",\"confidence\",\"start\",\"end\"}]}\n"
    "A line that cannot be read gives {\"line\",\"error\"} and the exit code is 1.\n"
    "\n"
    "--db reports per stage and touchpoint volume, share negative, mean score, emotional\n"
    "intensity and monthly trend; pain and highlight moments; breakpoints (earlier-stage signals\n"
    "that go with later-stage complaints, with lift and a 95% interval); root causes per stage\n"
    "with owning departments. DATEs are RFC 3339 or YYYY-MM-DD (UTC); --to is exclusive.\n"
    "--svg writes the journey curve as a self-contained SVG file. Analysed rows without journey\n"
    "stages are attributed from their stored text on the fly (--no-attribute: left out).\n"
    "--map uses a custom journey map (JSON) instead of data/journey/default_map.json;\n"
    "--check-map validates one and names the fault.";

absl::StatusOr<JourneyMap> LoadMap(const Flags& f) {
  if (f.Has("map")) return JourneyMap::Load(f.Get("map"));
  return JourneyMap::Default();
}

void WriteMentions(json::Writer* w, const std::vector<StageMention>& mentions) {
  w->Key("stages").BeginArray();
  std::vector<std::string> seen;
  for (const auto& m : mentions) {
    bool dup = false;
    for (const auto& s : seen) dup = dup || s == m.stage;
    if (!dup) {
      seen.push_back(m.stage);
      w->String(m.stage);
    }
  }
  w->EndArray();
  w->Key("touchpoints").BeginArray();
  for (const auto& m : mentions) {
    if (!m.touchpoint.empty()) w->String(m.touchpoint);
  }
  w->EndArray();
  w->Key("mentions").BeginArray();
  for (const auto& m : mentions) {
    w->BeginObject();
    w->Key("stage").String(m.stage);
    w->Key("touchpoint").String(m.touchpoint);
    w->Key("confidence").Number(static_cast<double>(static_cast<int>(m.confidence * 1000)) / 1000);
    w->Key("start").Int(m.span.start);
    w->Key("end").Int(m.span.end);
    w->EndObject();
  }
  w->EndArray();
}

int RunAttribute(const Flags& f) {
  auto map = LoadMap(f);
  if (!map.ok()) return Fail("journey", map.status());
  JourneyAttributorOptions o;
  o.map = &*map;
  auto attributor = JourneyAttributor::Create(o);
  if (!attributor.ok()) return Fail("journey", attributor.status());
  std::string line, out;
  size_t n = 0;
  int rc = kExitOk;
  while (std::getline(std::cin, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    out.clear();
    json::Writer w(&out);
    auto doc = json::Parse(line);
    const json::Value* text = doc.ok() ? doc->Find("text") : nullptr;
    if (!doc.ok() || !doc->is_object() || text == nullptr || !text->is_string()) {
      w.BeginObject().Key("line").Int(static_cast<int64_t>(n));
      w.Key("error").String(!doc.ok() ? std::string(SV(doc.status().message()))
                                      : "expected an object with a string \"text\"");
      w.EndObject();
      std::printf("%s\n", out.c_str());
      rc = kExitRuntime;
      continue;
    }
    Feedback meta;
    if (const json::Value* c = doc->Find("channel"); c != nullptr && c->is_string()) {
      if (auto ch = ParseChannel(c->str())) meta.channel = *ch;
    }
    if (const json::Value* t = doc->Find("touchpoint"); t != nullptr && t->is_string()) {
      meta.touchpoint = t->str();
    }
    auto mentions = (*attributor)->Attribute(text->str(), &meta);
    w.BeginObject();
    if (const json::Value* id = doc->Find("id"); id != nullptr) {
      w.Key("id").Raw(json::Serialize(*id));
    }
    WriteMentions(&w, mentions);
    w.EndObject();
    std::printf("%s\n", out.c_str());
  }
  return rc;
}

int RunReport(const Flags& f) {
  auto map = LoadMap(f);
  if (!map.ok()) return Fail("journey", map.status());
  std::string format = f.Get("format", "table");
  if (format != "table" && format != "json") {
    return UsageError("journey", "--format must be table or json");
  }
  FeedbackQuery q;
  q.skip_duplicates = true;
  if (f.Has("from")) {
    auto t = ParseTimestamp(f.Get("from"));
    if (!t.ok()) return UsageError("journey", absl::StrCat("--from: ", t.status().message()));
    q.from = *t;
  }
  if (f.Has("to")) {
    auto t = ParseTimestamp(f.Get("to"));
    if (!t.ok()) return UsageError("journey", absl::StrCat("--to: ", t.status().message()));
    q.to = *t;
  }
  StoreOptions so;
  so.path = f.Get("db");
  so.create_if_missing = false;
  so.read_only = true;
  auto store = Store::Open(so);
  if (!store.ok()) return Fail("journey", store.status());
  auto built = BuildJourneyReport(**store, q, *map, /*attribute_missing=*/!f.Has("no-attribute"));
  if (!built.ok()) return Fail("journey", built.status());
  const JourneyReport& report = *built;
  if (f.Has("svg")) {
    std::ofstream out(f.Get("svg"), std::ios::binary);
    std::string svg = RenderJourneySvg(report);
    out.write(svg.data(), static_cast<std::streamsize>(svg.size()));
    if (!out) {
      return Fail("journey", absl::UnavailableError(absl::StrCat("cannot write ", f.Get("svg"))));
    }
  }
  std::string text = format == "json" ? RenderJourneyJson(report) : RenderJourneyTable(report);
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (format == "json") std::printf("\n");
  return kExitOk;
}

int RunJourney(const std::vector<std::string>& args) {
  Flags f;
  if (!f.Parse(args, {"map", "db", "from", "to", "format", "svg", "check-map"}, {"attribute", "no-attribute"})) {
    return kExitUsage;
  }
  if (f.help()) {
    std::printf("%s\n", kUsage);
    return kExitOk;
  }
  if (!f.positional().empty()) return UsageError("journey", "unexpected argument " + f.positional()[0]);
  if (f.Has("check-map")) {
    auto m = JourneyMap::Load(f.Get("check-map"));
    if (!m.ok()) return Fail("journey", m.status());
    size_t tps = 0;
    for (const auto& s : m->stages()) tps += s.touchpoints.size();
    std::printf("ok: %zu stages, %zu touchpoints\n", m->stages().size(), tps);
    return kExitOk;
  }
  if (f.Has("attribute") == f.Has("db")) {
    return UsageError("journey", "give exactly one of --attribute or --db FILE");
  }
  return f.Has("attribute") ? RunAttribute(f) : RunReport(f);
}

VOC_REGISTER_COMMAND("journey", "journey stages of texts (--attribute) or journey analytics (--db)",
                     kUsage, RunJourney);

}  // namespace
}  // namespace voc::cli
