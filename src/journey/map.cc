// JourneyMap: parsing and validating a journey map from JSON.
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "core/data_path.h"
#include "core/json.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "voc/journey.h"

namespace voc {
namespace {

// Built-in markers used when the map does not give its own.
const char* const kDefaultNegations[] = {"还没", "还没有", "尚未", "从没", "从没有", "从未",
                                         "未曾", "还未", "没去过", "没有去", "没机会"};
const char* const kDefaultHypotheticals[] = {"如果", "假如", "要是", "万一", "假设", "倘若",
                                             "如若", "若是", "打算", "准备去", "想去"};

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

absl::Status Err(const std::string& where, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("journey map: ", where, ": ", AV(what)));
}

absl::StatusOr<std::string> GetString(const json::Value& obj, const char* key,
                                      const std::string& where, bool required) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr || v->is_null()) {
    if (required) return Err(where, absl::StrCat("missing \"", key, "\""));
    return std::string();
  }
  if (!v->is_string()) {
    return Err(where, absl::StrCat("\"", key, "\" must be a string, not ",
                                   json::Value::TypeName(v->type())));
  }
  return v->str();
}

absl::StatusOr<std::vector<std::string>> GetStrings(const json::Value& obj, const char* key,
                                                    const std::string& where) {
  std::vector<std::string> out;
  const json::Value* v = obj.Find(key);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) return Err(where, absl::StrCat("\"", key, "\" must be an array of strings"));
  for (size_t i = 0; i < v->items().size(); ++i) {
    const json::Value& item = v->items()[i];
    std::string w = absl::StrCat(where, ".", key, "[", i, "]");
    if (!item.is_string()) return Err(w, "must be a string");
    if (item.str().empty()) return Err(w, "empty cue");
    if (item.str().size() > 256) return Err(w, "cue longer than 256 bytes");
    out.push_back(item.str());
  }
  return out;
}

}  // namespace

absl::StatusOr<JourneyMap> JourneyMap::Parse(std::string_view text) {
  auto doc = json::Parse(text);
  if (!doc.ok()) return Err("JSON", SV(doc.status().message()));
  const json::Value& root = *doc;
  if (!root.is_object()) return Err("top level", "must be an object");
  JourneyMap m;
  auto name = GetString(root, "name", "top level", false);
  if (!name.ok()) return name.status();
  m.name_ = name->empty() ? "journey" : *name;

  const json::Value* stages = root.Find("stages");
  if (stages == nullptr) return Err("top level", "missing \"stages\"");
  if (!stages->is_array()) return Err("stages", "must be an array");
  if (stages->items().empty()) return Err("stages", "at least one stage is required");
  std::set<std::string> stage_ids, tp_ids;
  for (size_t i = 0; i < stages->items().size(); ++i) {
    const json::Value& s = stages->items()[i];
    std::string where = absl::StrCat("stages[", i, "]");
    if (!s.is_object()) return Err(where, "must be an object");
    JourneyStage st;
    auto id = GetString(s, "id", where, true);
    if (!id.ok()) return id.status();
    if (!ValidId(*id)) {
      return Err(where, absl::StrCat("stage id \"", *id, "\" must be 1-64 of [a-z0-9_]"));
    }
    if (!stage_ids.insert(*id).second) {
      return Err(where, absl::StrCat("duplicate stage id \"", *id, "\""));
    }
    st.id = *id;
    where = absl::StrCat("stages[", i, "] (", st.id, ")");
    auto nm = GetString(s, "name", where, true);
    if (!nm.ok()) return nm.status();
    if (nm->empty()) return Err(where, "empty \"name\"");
    st.name = *nm;
    auto dep = GetString(s, "department", where, false);
    if (!dep.ok()) return dep.status();
    st.department = *dep;
    auto cues = GetStrings(s, "cues", where);
    if (!cues.ok()) return cues.status();
    st.cues = std::move(*cues);
    const json::Value* tps = s.Find("touchpoints");
    if (tps != nullptr && !tps->is_array()) return Err(where, "\"touchpoints\" must be an array");
    if (tps != nullptr) {
      for (size_t j = 0; j < tps->items().size(); ++j) {
        const json::Value& t = tps->items()[j];
        std::string tw = absl::StrCat(where, ".touchpoints[", j, "]");
        if (!t.is_object()) return Err(tw, "must be an object");
        auto tid = GetString(t, "id", tw, true);
        if (!tid.ok()) return tid.status();
        // Accept both "logistics" and the full "delivery.logistics".
        std::string local = *tid;
        std::string prefix = st.id + ".";
        if (local.compare(0, prefix.size(), prefix) == 0) local = local.substr(prefix.size());
        if (!ValidId(local)) {
          return Err(tw, absl::StrCat("touchpoint id \"", *tid,
                                      "\" must be 1-64 of [a-z0-9_] (optionally \"", st.id,
                                      ".\" first)"));
        }
        JourneyTouchpoint tp;
        tp.id = st.id + "." + local;
        if (!tp_ids.insert(tp.id).second) {
          return Err(tw, absl::StrCat("duplicate touchpoint id \"", tp.id, "\""));
        }
        auto tn = GetString(t, "name", tw, true);
        if (!tn.ok()) return tn.status();
        if (tn->empty()) return Err(tw, "empty \"name\"");
        tp.name = *tn;
        auto td = GetString(t, "department", tw, false);
        if (!td.ok()) return td.status();
        tp.department = td->empty() ? st.department : *td;
        auto tc = GetStrings(t, "cues", tw);
        if (!tc.ok()) return tc.status();
        tp.cues = std::move(*tc);
        if (tp.cues.empty()) return Err(tw, "a touchpoint needs at least one cue");
        st.touchpoints.push_back(std::move(tp));
      }
    }
    m.stages_.push_back(std::move(st));
  }

  if (const json::Value* ch = root.Find("channels"); ch != nullptr && !ch->is_null()) {
    if (!ch->is_object()) return Err("channels", "must be an object of channel -> stage[.touchpoint]");
    for (const auto& [k, v] : ch->members()) {
      std::string w = absl::StrCat("channels.", k);
      if (!ParseChannel(k)) return Err(w, "unknown channel");
      if (!v.is_string()) return Err(w, "must be a string");
      if (m.FindStage(v.str()) == nullptr && m.FindTouchpoint(v.str()) == nullptr) {
        return Err(w, absl::StrCat("unknown stage or touchpoint \"", v.str(), "\""));
      }
      m.channels_[k] = v.str();
    }
  }
  if (const json::Value* td = root.Find("theme_departments"); td != nullptr && !td->is_null()) {
    if (!td->is_object()) return Err("theme_departments", "must be an object of theme -> department");
    for (const auto& [k, v] : td->members()) {
      if (k.empty()) return Err("theme_departments", "empty theme");
      if (!v.is_string() || v.str().empty()) {
        return Err(absl::StrCat("theme_departments.", k), "must be a non-empty string");
      }
      m.theme_departments_[k] = v.str();
    }
  }
  auto neg = GetStrings(root, "negations", "top level");
  if (!neg.ok()) return neg.status();
  auto hyp = GetStrings(root, "hypotheticals", "top level");
  if (!hyp.ok()) return hyp.status();
  auto exc = GetStrings(root, "exclude", "top level");
  if (!exc.ok()) return exc.status();
  m.negations_ = root.Find("negations") ? std::move(*neg)
                                        : std::vector<std::string>(std::begin(kDefaultNegations),
                                                                   std::end(kDefaultNegations));
  m.hypotheticals_ = root.Find("hypotheticals")
                         ? std::move(*hyp)
                         : std::vector<std::string>(std::begin(kDefaultHypotheticals),
                                                    std::end(kDefaultHypotheticals));
  m.exclude_ = std::move(*exc);
  return m;
}

absl::StatusOr<JourneyMap> JourneyMap::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("journey map: cannot open ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  auto m = Parse(ss.str());
  if (!m.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", m.status().message()));
  }
  return m;
}

absl::StatusOr<JourneyMap> JourneyMap::Default() {
  static std::mutex mu;
  static std::unique_ptr<JourneyMap> cached;
  std::lock_guard<std::mutex> lock(mu);
  if (cached) return *cached;
  auto m = Load(DefaultDataPath("journey/default_map.json"));
  if (!m.ok()) return m.status();
  cached = std::make_unique<JourneyMap>(*m);
  return *cached;
}

int JourneyMap::StageIndex(std::string_view stage) const {
  for (size_t i = 0; i < stages_.size(); ++i) {
    if (stages_[i].id == stage) return static_cast<int>(i);
  }
  return -1;
}

const JourneyStage* JourneyMap::FindStage(std::string_view stage) const {
  int i = StageIndex(stage);
  return i < 0 ? nullptr : &stages_[i];
}

const JourneyTouchpoint* JourneyMap::FindTouchpoint(std::string_view touchpoint) const {
  size_t dot = touchpoint.find('.');
  if (dot == std::string_view::npos) return nullptr;
  const JourneyStage* s = FindStage(touchpoint.substr(0, dot));
  if (s == nullptr) return nullptr;
  for (const auto& t : s->touchpoints) {
    if (t.id == touchpoint) return &t;
  }
  return nullptr;
}

std::string JourneyMap::DepartmentForTheme(std::string_view theme) const {
  std::string key(theme);
  while (true) {
    auto it = theme_departments_.find(key);
    if (it != theme_departments_.end()) return it->second;
    size_t dot = key.rfind('.');
    if (dot == std::string::npos) return "";
    key.resize(dot);
  }
}

std::string JourneyMap::ChannelTarget(Channel channel) const {
  auto it = channels_.find(std::string(ChannelName(channel)));
  return it == channels_.end() ? "" : it->second;
}

}  // namespace voc
