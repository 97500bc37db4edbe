// voc/journey.h — customer journey: the journey map as data, attribution of feedback text to
// stages and touchpoints, and journey analytics (per-stage health, key moments, breakpoints,
// root causes) with JSON, table and SVG rendering.
//
// A journey map is a JSON file:
//   {"name": "retail", "version": 1,
//    "stages": [{"id": "delivery", "name": "交付", "department": "物流部", "cues": [...],
//                "touchpoints": [{"id": "logistics", "name": "物流", "department": "物流部",
//                                 "cues": ["物流", "快递"]}]}],
//    "channels": {"call_center": "service.customer_service"},   // channel -> stage[.tp]
//    "theme_departments": {"logistics": "物流部", "service.attitude": "培训部"},
//    "negations": ["还没", ...], "hypotheticals": ["如果", ...], "exclude": ["服务器", ...]}
// Stage ids are [a-z0-9_]+, touchpoints are written "stage.touchpoint". Only "stages" is
// required; negations/hypotheticals default to voc's built-in Chinese lists when absent.
// Cue rules: cues are plain substrings (ASCII case-insensitive); where cues overlap the longest
// wins; an "exclude" entry covering a cue cancels it ("服务器" is no service). A cue written
// "~word" is weak: it counts only in a clause (split at punctuation and 但/不过/可是) where no
// other cue matched. A negation cancels a cue starting within 3 characters after it in the same
// clause ("还没试驾过"); a hypothetical marker cancels cues up to the end of its clause
// ("如果物流快点的话").
#ifndef VOC_JOURNEY_H_
#define VOC_JOURNEY_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "voc/analysis.h"
#include "voc/types.h"

namespace voc {

struct JourneyTouchpoint {
  std::string id;                 // "delivery.logistics"
  std::string name;               // "物流"
  std::string department;         // owning department (falls back to the stage's)
  std::vector<std::string> cues;  // text cues
};

struct JourneyStage {
  std::string id;                 // "delivery"
  std::string name;               // "交付"
  std::string department;
  std::vector<std::string> cues;  // cues for the stage when no touchpoint can be told
  std::vector<JourneyTouchpoint> touchpoints;
};

// An ordered list of stages (the order is the journey's order). Immutable after loading;
// copyable value type, thread-compatible (const use is thread-safe).
class JourneyMap {
 public:
  // Errors are InvalidArgument naming the fault: "journey map: stages[2].touchpoints[0]:
  // duplicate touchpoint id \"delivery.logistics\"".
  static absl::StatusOr<JourneyMap> Parse(std::string_view json);
  static absl::StatusOr<JourneyMap> Load(const std::string& path);
  // The default map, data/journey/default_map.json (found with the data path rules); loaded
  // once and cached. NotFound when the data file is missing.
  static absl::StatusOr<JourneyMap> Default();

  const std::string& name() const { return name_; }
  const std::vector<JourneyStage>& stages() const { return stages_; }
  // Index of a stage in the journey order, or -1.
  int StageIndex(std::string_view stage) const;
  const JourneyStage* FindStage(std::string_view stage) const;
  const JourneyTouchpoint* FindTouchpoint(std::string_view touchpoint) const;
  // Department owning a theme: longest matching prefix ("logistics.speed" -> "logistics")
  // in theme_departments; "" when none.
  std::string DepartmentForTheme(std::string_view theme) const;
  // Stage or "stage.touchpoint" a channel implies ("" when none).
  std::string ChannelTarget(Channel channel) const;

  const std::vector<std::string>& negations() const { return negations_; }
  const std::vector<std::string>& hypotheticals() const { return hypotheticals_; }
  const std::vector<std::string>& exclude() const { return exclude_; }
  const std::map<std::string, std::string>& theme_departments() const {
    return theme_departments_;
  }

 private:
  std::string name_;
  std::vector<JourneyStage> stages_;
  std::map<std::string, std::string> channels_;
  std::map<std::string, std::string> theme_departments_;
  std::vector<std::string> negations_;
  std::vector<std::string> hypotheticals_;
  std::vector<std::string> exclude_;
};

struct JourneyAttributorOptions {
  // The map to attribute to; the default map when null. Copied at Create.
  const JourneyMap* map = nullptr;
  bool use_metadata = true;       // Feedback.touchpoint hint and channel rules
  double min_confidence = 0.3;    // mentions below are dropped
};

// Attributes text to journey stages and touchpoints. All cues, negations and hypothetical
// markers are compiled into one dictionary matcher at Create; Attribute scans the text
// once. Thread-safe (immutable after Create); non-copyable.
class JourneyAttributor {
 public:
  static absl::StatusOr<std::unique_ptr<JourneyAttributor>> Create(
      const JourneyAttributorOptions& options = {});
  ~JourneyAttributor();
  JourneyAttributor(const JourneyAttributor&) = delete;
  JourneyAttributor& operator=(const JourneyAttributor&) = delete;

  // One mention per touchpoint (or per stage when only the stage is known), in journey order.
  // Negated ("还没试驾过") and hypothetical ("如果…的话") cues do not count. Invalid UTF-8 and
  // NUL bytes are tolerated.
  std::vector<StageMention> Attribute(std::string_view text, const Feedback* meta = nullptr) const;

  const JourneyMap& map() const;

 private:
  struct Impl;
  explicit JourneyAttributor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---- Analytics ----

struct JourneyReportOptions {
  int64_t trend_bucket_seconds = 0;   // 0: calendar months (UTC); else fixed buckets
  size_t max_examples = 3;            // example feedback ids per moment / cause
  size_t max_moments = 10;            // per kind
  size_t min_moment_volume = 3;
  size_t max_breakpoints = 20;
  size_t min_breakpoint_support = 3;  // customers with both signal and later complaint
  double z = 1.96;                    // confidence level of the intervals (95%)
  size_t max_causes_per_stage = 8;
  // Customer tiers counted as key customers in key moments (Customer::tier, lower case).
  std::vector<std::string> key_tiers = {"vip", "gold", "platinum", "svip"};
};

struct TrendPoint {
  std::string period;                 // "2026-03" (months) or ISO start of the bucket
  size_t volume = 0;
  double share_negative = 0;
};

// Health of one stage (touchpoint == "") or one touchpoint.
struct JourneyNodeStats {
  std::string stage;
  std::string touchpoint;             // "" for the stage row
  std::string name;
  std::string department;
  size_t volume = 0;
  size_t customers = 0;               // distinct known customer ids among the feedback
  size_t negative = 0;
  size_t positive = 0;
  double share_negative = 0;
  double share_positive = 0;
  double mean_score = 0;
  double mean_intensity = 0;
  double intensity_stddev = 0;
  std::vector<TrendPoint> trend;
};

struct KeyMoment {
  std::string kind;                   // "pain" | "highlight"
  std::string stage;
  std::string touchpoint;
  std::string name;
  double score = 0;                   // volume x mean intensity x share negative (positive)
  size_t volume = 0;
  size_t customers = 0;               // distinct customers behind the negative (positive) rows
  size_t key_customers = 0;           // ... of which high-value (JourneyReportOptions)
  double share = 0;                   // share negative (pain) or positive (highlight)
  double mean_intensity = 0;
  std::string top_theme;              // most frequent theme among the moment's feedback
  std::string reason;                 // spelled out, Chinese
  std::vector<std::string> example_ids;
};

struct Breakpoint {
  std::string signal_kind;            // "touchpoint" | "theme" | "emotion"
  std::string signal;                 // "delivery.logistics", "logistics.speed", "anger"
  std::string consequent_stage;       // the later stage with complaints
  size_t population = 0;              // customers with feedback before and at the later stage
  size_t with_signal = 0;             // ... of which showed the signal earlier
  size_t support = 0;                 // ... and complained at the later stage
  double confidence = 0;              // P(complaint later | signal)
  double base_rate = 0;               // P(complaint later)
  double lift = 0;                    // confidence / base_rate
  double lift_low = 0;                // CI of the lift (Wilson interval of the confidence)
  double lift_high = 0;
  std::vector<std::string> example_customers;
};

struct RootCause {
  std::string theme;
  std::string department;
  size_t count = 0;                   // negative feedback at the stage with this theme
  double share = 0;                   // of the stage's negative feedback
  std::vector<std::string> example_ids;
};

struct StageRootCauses {
  std::string stage;
  size_t negative = 0;
  size_t without_theme = 0;
  std::vector<RootCause> causes;      // largest first
};

struct JourneyReport {
  std::string map_name;
  size_t feedback = 0;                // rows considered
  size_t attributed = 0;              // rows with at least one stage
  size_t customers_multi_stage = 0;
  std::vector<JourneyNodeStats> stages;       // journey order
  std::vector<JourneyNodeStats> touchpoints;  // journey order, only those with volume
  std::vector<KeyMoment> pain_moments;        // strongest first
  std::vector<KeyMoment> highlight_moments;
  std::vector<Breakpoint> breakpoints;        // strongest (highest lift_low) first
  std::vector<StageRootCauses> root_causes;   // journey order, stages with negatives
};

JourneyReport BuildJourneyReport(const std::vector<AnalyzedFeedback>& rows,
                                 const std::map<std::string, Customer>& customers,
                                 const JourneyMap& map,
                                 const JourneyReportOptions& options = {});

class Store;
struct FeedbackQuery;

// The report over a store: its analysed feedback matching `query`, with its customers. With
// `attribute_missing`, rows analysed before journey attribution was part of the analysis get
// their stages from their stored text (and channel / touchpoint hint) first.
absl::StatusOr<JourneyReport> BuildJourneyReport(Store& store, const FeedbackQuery& query,
                                                 const JourneyMap& map, bool attribute_missing,
                                                 const JourneyReportOptions& options = {});

std::string RenderJourneyJson(const JourneyReport& report);
std::string RenderJourneyTable(const JourneyReport& report);
// Self-contained SVG: stages on x, mean score and share negative on y, volume as marker size.
std::string RenderJourneySvg(const JourneyReport& report);

}  // namespace voc

#endif  // VOC_JOURNEY_H_
