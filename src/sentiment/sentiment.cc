#include "voc/sentiment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "unicode/uchar.h"
#include "core/code_point_matcher.h"
#include "core/data_path.h"
#include "core/utf8.h"
#include "sentiment/features.h"
#include "sentiment/lexicon.h"
#include "sentiment/model.h"
#include "voc/text.h"

namespace voc {

using sentiment::FeatureSet;
using sentiment::LinearModel;
using sentiment::RuleAnalysis;

namespace {

// Share of the rule score in the text score; the model already sees the rules as features, the
// blend keeps short, lexicon-only texts (emoji, 不算太差) sensible.
constexpr double kRuleBlend = 0.2;
constexpr double kShortRuleBlend = 0.85;
constexpr double kNeutralBand = 0.1;

Polarity PolarityOf(double s) {
  return s > kNeutralBand ? Polarity::kPositive : (s < -kNeutralBand ? Polarity::kNegative : Polarity::kNeutral);
}

// The intent, effort and exclamation cues. All of them are found in one pass over the text
// (CueScanner) instead of one std::string_view::find per cue.
constexpr std::string_view kComplaint[] = {
    "投诉", "举报", "差评", "退款", "骗子", "欺诈", "12315", "维权", "赔偿", "曝光", "坑人", "太坑"};
constexpr std::string_view kSuggestion[] = {
    "建议", "希望", "最好能", "能不能", "可不可以", "如果能", "要是能", "改进", "改善",
    "加个", "增加一", "提议", "应该", "期待"};
constexpr std::string_view kInquiry[] = {
    "请问", "咨询", "多久", "什么时候", "有没有", "是否", "哪里", "如何", "怎么", "能否", "吗", "呢"};
constexpr std::string_view kPraise[] = {
    "表扬", "感谢", "谢谢", "点赞", "好评", "推荐", "赞", "辛苦了"};
constexpr std::string_view kQuestion[] = {"?", "？"};
// How-to questions, often written without a question mark (怎么退货, 如何开发票); unlike
// 怎么这么慢 they ask rather than complain.
constexpr std::string_view kHowTo[] = {
    "怎么退", "怎么申请", "怎么开发票", "怎么开票", "怎么使用", "怎么操作", "怎么联系", "怎么设置",
    "怎么安装", "怎么办理", "怎么查询", "怎么取消", "怎么修改", "如何退"};
constexpr std::pair<std::string_view, double> kEffortCues[] = {
    {"反复", 0.5}, {"来回", 0.4}, {"多次", 0.5}, {"三番五次", 0.7}, {"一次又一次", 0.6},
    {"折腾", 0.5}, {"繁琐", 0.5}, {"麻烦", 0.2}, {"复杂", 0.2}, {"好几次", 0.5}, {"好多次", 0.5},
    {"无数次", 0.7}, {"没人管", 0.4}, {"没人理", 0.4}, {"推来推去", 0.6}, {"踢皮球", 0.6},
    {"转了好几", 0.5}, {"等了半天", 0.4}, {"等了好久", 0.4}, {"排队", 0.3}, {"手续", 0.2},
    {"流程", 0.2}, {"重新", 0.2}, {"再次", 0.2}, {"又要", 0.3}, {"还要再", 0.3}, {"一直打不通", 0.5},
    {"打不通", 0.4}, {"联系不上", 0.4}, {"找不到人", 0.4}, {"催了", 0.3}, {"反复沟通", 0.3},
    {"跑腿", 0.3}, {"白跑", 0.5}, {"重复", 0.4}, {"没人接", 0.4}, {"没人回", 0.4},
    {"踢来踢去", 0.6}, {"转人工", 0.3}};
// No verb overlaps itself, so every occurrence is one of the non-overlapping ones the rule
// counts.
constexpr std::string_view kEffortVerbs[] = {
    "打了", "跑了", "催了", "问了", "找了", "联系了", "等了", "打过", "跑过", "沟通了", "去了", "换了",
    "说了", "说明了", "提交了", "申请了", "发了", "投诉了", "转了"};
constexpr std::string_view kExclaim = "！";

constexpr size_t kNumComplaint = std::size(kComplaint), kNumSuggestion = std::size(kSuggestion),
                 kNumInquiry = std::size(kInquiry), kNumPraise = std::size(kPraise),
                 kNumQuestion = std::size(kQuestion), kNumHowTo = std::size(kHowTo),
                 kNumEffortCues = std::size(kEffortCues),
                 kNumVerbs = std::size(kEffortVerbs);
// Pattern ids: the groups above in this order, then the exclamation mark.
constexpr int kComplaintId = 0;
constexpr int kSuggestionId = kComplaintId + kNumComplaint;
constexpr int kInquiryId = kSuggestionId + kNumSuggestion;
constexpr int kPraiseId = kInquiryId + kNumInquiry;
constexpr int kQuestionId = kPraiseId + kNumPraise;
constexpr int kHowToId = kQuestionId + kNumQuestion;
constexpr int kEffortCueId = kHowToId + kNumHowTo;
constexpr int kVerbId = kEffortCueId + kNumEffortCues;
constexpr int kExclaimId = kVerbId + kNumVerbs;
static_assert(kEffortCueId <= 64, "intent cues fit a 64-bit mask");

// What one pass over a text found.
struct CueHits {
  uint64_t present = 0;                       // intent and question cues (bit = pattern id)
  std::array<int32_t, kNumEffortCues> first;  // first start of each effort cue, -1 if none
  std::vector<std::pair<int, uint32_t>> verbs;  // (verb, start), in text order
  int exclaims = 0;                           // full-width exclamation marks
};

// Finds every pattern above in one pass of the shared dictionary matcher.
class CueScanner {
 public:
  CueScanner() {
    int id = 0;
    for (auto c : kComplaint) matcher_.Add(c, id++);
    for (auto c : kSuggestion) matcher_.Add(c, id++);
    for (auto c : kInquiry) matcher_.Add(c, id++);
    for (auto c : kPraise) matcher_.Add(c, id++);
    for (auto c : kQuestion) matcher_.Add(c, id++);
    for (auto c : kHowTo) matcher_.Add(c, id++);
    for (const auto& c : kEffortCues) matcher_.Add(c.first, id++);
    for (auto c : kEffortVerbs) matcher_.Add(c, id++);
    matcher_.Add(kExclaim, id++);
    matcher_.Build();
  }

  // Matches come ordered by end offset, the longer first at the same end: effort verbs are
  // recorded in text order.
  void Scan(std::string_view text, CueHits* hits) const {
    hits->present = 0;
    hits->first.fill(-1);
    hits->verbs.clear();
    hits->exclaims = 0;
    thread_local std::vector<CodePointMatcher::Match> matches;
    matches.clear();
    matcher_.FindAll(text, &matches);
    for (const CodePointMatcher::Match& m : matches) {
      const int id = m.value;
      if (id < kEffortCueId) {
        hits->present |= uint64_t{1} << id;
      } else if (id < kVerbId) {
        int32_t& f = hits->first[id - kEffortCueId];
        if (f < 0) f = static_cast<int32_t>(m.start);
      } else if (id < kExclaimId) {
        hits->verbs.emplace_back(id - kVerbId, m.start);
      } else {
        ++hits->exclaims;
      }
    }
  }

 private:
  CodePointMatcher matcher_;
};

struct Scratch {
  RuleAnalysis rules;
  FeatureSet features;
  FeatureSet emotion_features;   // only when the emotion model uses another n-gram order
  std::vector<sentiment::ValuedFeature> emotion_extras;
  std::vector<Token> tokens;     // when a model uses word features
  std::vector<double> clause_z;  // sum of the weights of the n-grams inside each clause
  std::vector<int64_t> clause_q;  // the same in the model's int16 units
  std::vector<int> clause_n;     // their number
  std::vector<size_t> clause_evidence_n;  // rule hits per clause
  CueHits cues;
};

Scratch& ThreadScratch() {
  thread_local Scratch s;
  return s;
}

const CueScanner& Cues() {
  static const CueScanner* scanner = new CueScanner();
  return *scanner;
}

bool AnyOf(const CueHits& h, int first, size_t count) {
  const uint64_t mask = ((uint64_t{1} << count) - 1) << first;
  return (h.present & mask) != 0;
}

bool Has(const CueHits& h, int id) { return (h.present >> id) & 1; }

// Whether `text` (valid UTF-8) has anything but white space, control and format characters:
// a blank text carries no sentiment, whatever the models' biases lean to.
bool HasContent(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    char32_t c = 0;
    i += utf8::DecodeInline(text, i, &c);
    const auto cp = static_cast<UChar32>(c);
    const int8_t type = u_charType(cp);
    if (!u_isUWhiteSpace(cp) && type != U_CONTROL_CHAR && type != U_FORMAT_CHAR) return true;
  }
  return false;
}

// The result for a blank text: neutral, no emotion but neutral, no intent, no effort.
void SetBlank(Analysis* out) {
  out->score = 0;
  out->polarity = Polarity::kNeutral;
  out->intensity = 0;
  out->clauses.clear();
  out->emotions.clear();
  for (int k = 0; k < sentiment::kNumEmotions; ++k) out->emotions[sentiment::kEmotionNames[k]] = 0;
  out->emotions["neutral"] = 1;
  out->emotion = "neutral";
  out->intent = "other";
  out->effort = 0;
  out->effort_evidence.clear();
}

std::string Intent(const CueHits& h, double score) {
  bool question = AnyOf(h, kQuestionId, kNumQuestion);
  // A how-to question is an inquiry unless it comes with a real complaint (投诉, 骗子, ...);
  // 退款, 差评 and 赔偿 are what people ask how to get.
  constexpr uint64_t kAskable = (uint64_t{1} << 2) | (uint64_t{1} << 3) | (uint64_t{1} << 8);
  static_assert(kComplaint[2] == "差评" && kComplaint[3] == "退款" && kComplaint[8] == "赔偿");
  const uint64_t complaints = ((uint64_t{1} << kNumComplaint) - 1) << kComplaintId;
  if (AnyOf(h, kHowToId, kNumHowTo) && (h.present & complaints & ~kAskable) == 0) return "inquiry";
  if (AnyOf(h, kComplaintId, kNumComplaint) && score < 0.2) return "complaint";
  if (AnyOf(h, kSuggestionId, kNumSuggestion) && score < 0.5) return "suggestion";
  if (Has(h, kInquiryId + 0) || Has(h, kInquiryId + 1) ||  // 请问, 咨询
      (question && AnyOf(h, kInquiryId, kNumInquiry) && score > -0.5)) {
    return "inquiry";
  }
  if (score < -0.3) return "complaint";
  if (score > 0.4 || (score > 0.1 && AnyOf(h, kPraiseId, kNumPraise))) return "praise";
  return "other";
}

// Customer effort: repeated contacts / trips / waits and process friction.
double Effort(std::string_view text, const CueHits& h, std::vector<Span>* evidence) {
  // After the count (多 is part of it: 40多 then 分钟); 个 is not, so 个多小时 is listed.
  static constexpr std::string_view kMeasures[] = {
      "个小时", "个半小时", "个多小时", "小时", "个月", "个多月", "次", "趟", "遍", "回", "天", "周",
      "通", "家", "星期", "个客服", "分钟"};
  static constexpr std::string_view kDigits = "一二两三四五六七八九十几好多数百0123456789";
  struct Candidate {
    Span span;
    double weight;
  };
  std::vector<Candidate> found;
  for (size_t i = 0; i < kNumEffortCues; ++i) {
    if (h.first[i] < 0) continue;
    const uint32_t p = static_cast<uint32_t>(h.first[i]);
    found.push_back({{p, static_cast<uint32_t>(p + kEffortCues[i].first.size())}, kEffortCues[i].second});
  }
  for (size_t v = 0; v < kNumVerbs && !h.verbs.empty(); ++v) {
    for (const auto& [verb, p] : h.verbs) {
      if (verb != static_cast<int>(v)) continue;
      size_t q = p + kEffortVerbs[v].size(), digits = 0;
      while (q < text.size()) {
        char32_t c;
        size_t n = utf8::Decode(text, q, &c);
        if (n == 0 || kDigits.find(text.substr(q, n)) == std::string_view::npos) break;
        q += n;
        ++digits;
      }
      if (digits == 0) continue;
      for (auto m : kMeasures) {
        if (text.substr(q, m.size()) == m) {
          found.push_back({{p, static_cast<uint32_t>(q + m.size())}, 0.5});
          break;
        }
      }
    }
  }
  // Evidence inside other evidence (打不通 in 一直打不通, 好几次 in 沟通了好几次) is the same
  // event: it counts once, as the outer span with the larger weight of the two. Sorted by start,
  // longest first, a span is inside another exactly when an earlier one reaches its end.
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    return a.span.start != b.span.start ? a.span.start < b.span.start : a.span.end > b.span.end;
  });
  size_t outer = 0;  // the kept span reaching furthest (the first is always kept)
  for (size_t i = 0; i < found.size(); ++i) {
    if (i > 0 && found[outer].span.end >= found[i].span.end) {
      found[outer].weight = std::max(found[outer].weight, found[i].weight);
      found[i].weight = 0;
      continue;
    }
    evidence->push_back(found[i].span);
    outer = i;
  }
  double sum = 0;
  for (const Candidate& c : found) sum += c.weight;
  return 1.0 - std::exp(-sum);
}

}  // namespace

struct SentimentAnalyzer::Impl {
  sentiment::Lexicon lexicon;
  std::optional<LinearModel> sentiment;
  std::optional<LinearModel> emotion;
  std::unique_ptr<Segmenter> segmenter;  // when a model uses word features
  // The emotion model reads the n-gram features the sentiment text score extracted (same
  // n-gram order and n-gram flags), so they are extracted once.
  bool emotion_shares_features = false;

  // Rules + features + model logit for `text` into the thread's scratch; returns the blended
  // text score. Fills scratch.clause_z with each clause's share of the model logit.
  // `emotion_rows` (optional): a model whose rows for the same features are needed next; they
  // are prefetched along with the sentiment model's (the weight loads are cache misses).
  double Score(std::string_view text, Scratch* s, double* model_score,
               const LinearModel* emotion_rows = nullptr) const {
    sentiment::AnalyzeRules(lexicon, text, &s->rules);
    const int ngram = sentiment ? sentiment->max_ngram : sentiment::kMaxNgram;
    sentiment::ExtractFeatures(text, s->rules, ngram, &s->features, sentiment ? sentiment->feature_flags : 0);
    const auto& clauses = s->rules.clauses;
    s->clause_z.assign(clauses.size(), 0.0);
    s->clause_n.assign(clauses.size(), 0);
    if (!sentiment) {
      *model_score = 0;
      return s->rules.rule_score;
    }
    double z = 0;
    size_t c = 0;
    const int domain = sentiment->PredictDomain(s->features);
    const auto& features = s->features.features;
    constexpr size_t kAhead = 8;
    auto prefetch = [&](size_t i) {
      const uint64_t h = features[i].hash;
      __builtin_prefetch(sentiment->Row(h));
      if (domain >= 0) __builtin_prefetch(sentiment->Row(sentiment::DomainHash(h, domain)));
      if (emotion_rows != nullptr) __builtin_prefetch(emotion_rows->Row(h));
    };
    for (size_t i = 0; i < kAhead && i < features.size(); ++i) prefetch(i);
    // The weights are the model file's int16 values, summed exactly in int64 (per clause too);
    // the model's scale is applied to the sums.
    int64_t zq = 0;
    s->clause_q.assign(clauses.size(), 0);
    for (size_t fi = 0; fi < features.size(); ++fi) {
      if (fi + kAhead < features.size()) prefetch(fi + kAhead);
      const auto& f = features[fi];
      const int64_t w = *sentiment->Row(f.hash);
      double wd = 0;  // the conjoined weight (models with domains), int16 units
      if (domain >= 0) {
        wd = *sentiment->Row(sentiment::DomainHash(f.hash, domain)) * double{sentiment->domain_feature_scale};
        z += wd;
      }
      zq += w;
      if (f.n == 0 || clauses.empty()) continue;
      while (c + 1 < clauses.size() && clauses[c + 1].start <= f.pos) ++c;
      // Only n-grams wholly inside the clause speak for it.
      if (f.pos >= clauses[c].start && f.pos + f.len <= clauses[c].end) {
        s->clause_q[c] += w;
        s->clause_z[c] += wd;
        ++s->clause_n[c];
      }
    }
    for (size_t i = 0; i < clauses.size(); ++i) {
      s->clause_z[i] = (static_cast<double>(s->clause_q[i]) + s->clause_z[i]) * sentiment->scale;
    }
    z = sentiment->bias[0] + (static_cast<double>(zq) + z) * sentiment->scale * s->features.value;
    *model_score = std::tanh(z / 2);
    // Few characters are weak evidence against explicit negation structure (不算太差,
    // 不是不好): short texts whose rules involve negation lean on the rules.
    double blend = kRuleBlend;
    if (s->features.cps.size() <= 14) {
      for (const auto& h : s->rules.hits) {
        // Negated negative words and double negation flip what the n-grams suggest.
        if ((h.negated && h.base < 0) || h.double_negated) blend = kShortRuleBlend;
      }
    }
    return std::clamp((1 - blend) * *model_score + blend * s->rules.rule_score, -1.0, 1.0);
  }
};

SentimentAnalyzer::SentimentAnalyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SentimentAnalyzer::~SentimentAnalyzer() = default;

absl::StatusOr<std::unique_ptr<SentimentAnalyzer>> SentimentAnalyzer::Create(const SentimentOptions& options) {
  auto impl = std::make_unique<Impl>();
  std::string lex_path = options.lexicon.empty() ? DefaultDataPath("lexicon/sentiment.tsv") : options.lexicon;
  auto lex = sentiment::Lexicon::Load(lex_path);
  if (lex.ok()) {
    impl->lexicon = std::move(*lex);
  } else if (options.lexicon.empty() && absl::IsNotFound(lex.status())) {
    impl->lexicon = sentiment::Lexicon::BuiltinOnly();  // defaults not installed: rules only
  } else {
    return lex.status();
  }
  // Explicit model paths must load; missing defaults degrade to the rules.
  struct Spec {
    const std::string& path;
    const char* fallback;
    uint32_t kind;
    std::optional<LinearModel>* dst;
  };
  for (const Spec& sp : {Spec{options.sentiment_model, "models/sentiment.model", sentiment::kKindSentiment, &impl->sentiment},
                         Spec{options.emotion_model, "models/emotion.model", sentiment::kKindEmotion, &impl->emotion}}) {
    std::string path = sp.path.empty() ? DefaultDataPath(sp.fallback) : sp.path;
    auto m = LinearModel::Load(path, sp.kind);
    if (m.ok()) {
      *sp.dst = std::move(*m);
    } else if (!(sp.path.empty() && absl::IsNotFound(m.status()))) {
      return m.status();
    }
  }
  if (impl->emotion && (impl->emotion->feature_flags & sentiment::kFeatureWords)) {
    auto seg = Segmenter::Create(SegmenterOptions{});
    if (!seg.ok()) return seg.status();
    impl->segmenter = std::move(*seg);
  }
  if (impl->emotion && impl->emotion->num_classes != sentiment::kNumEmotions) {
    return absl::InvalidArgumentError("emotion model has the wrong number of classes");
  }
  if (impl->emotion) {
    const int ngram = impl->sentiment ? impl->sentiment->max_ngram : sentiment::kMaxNgram;
    const uint32_t flags = impl->sentiment ? impl->sentiment->feature_flags : 0;
    impl->emotion_shares_features = impl->emotion->max_ngram == ngram &&
                                    ((impl->emotion->feature_flags ^ flags) & sentiment::kNgramFeatureFlags) == 0;
  }
  return std::unique_ptr<SentimentAnalyzer>(new SentimentAnalyzer(std::move(impl)));
}

absl::Status SentimentAnalyzer::Analyze(std::string_view text, Analysis* out) const {
  return Analyze(text, nullptr, out);
}

absl::Status SentimentAnalyzer::Analyze(std::string_view text, const std::vector<Token>* tokens,
                                        Analysis* out) const {
  size_t bad = utf8::FindInvalid(text);
  if (bad != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("text is not valid UTF-8 (byte ", bad, ")"));
  }
  if (!HasContent(text)) {
    SetBlank(out);
    return absl::OkStatus();
  }
  Scratch& s = ThreadScratch();
  double model_score = 0;
  const LinearModel* em = impl_->emotion ? &*impl_->emotion : nullptr;
  if (!impl_->emotion_shares_features) em = nullptr;
  const double score = impl_->Score(text, &s, &model_score, em);
  const RuleAnalysis& rules = s.rules;
  out->score = score;
  out->polarity = PolarityOf(score);

  // Clauses: the clause's share of the model logit plus its own rules.
  // Reuses the storage *out already has (AnalyzeBatch hands the same results back).
  out->clauses.resize(rules.clauses.size());
  float max_hit = 0;
  for (size_t i = 0; i < rules.clauses.size(); ++i) {
    const auto& c = rules.clauses[i];
    ClauseResult& r = out->clauses[i];
    r.evidence.clear();
    r.span = {c.start, c.end};
    if (rules.clauses.size() == 1) {
      r.score = score;
    } else {
      // The clause's n-grams as if it stood alone.
      double m = 0, w = 0;
      if (impl_->sentiment && s.clause_n[i] > 0) {
        m = std::tanh((impl_->sentiment->bias[0] + s.clause_z[i] / std::sqrt(s.clause_n[i])) / 2);
        w = c.rule_score != 0 ? 0.35 : 1.0;  // opinion words are the surer clause-level signal
      }
      r.score = std::clamp(w * m + (1 - w) * std::tanh(c.rule_score), -1.0, 1.0);
    }
    r.polarity = PolarityOf(r.score);
  }
  // Evidence: each hit goes to its clause in one pass (scanning every hit per clause was
  // quadratic: minutes for a few MB of text). Hits keep their order within a clause.
  auto clause_of_hit = [&](const auto& h) -> ClauseResult* {
    return h.clause >= 0 && static_cast<size_t>(h.clause) < out->clauses.size() ? &out->clauses[h.clause]
                                                                                 : nullptr;
  };
  s.clause_evidence_n.assign(out->clauses.size(), 0);
  for (const auto& h : rules.hits) {
    if (clause_of_hit(h) != nullptr) ++s.clause_evidence_n[h.clause];
  }
  for (size_t i = 0; i < out->clauses.size(); ++i) out->clauses[i].evidence.reserve(s.clause_evidence_n[i]);
  for (const auto& h : rules.hits) {
    if (ClauseResult* r = clause_of_hit(h)) r->evidence.push_back({h.scope_start, h.end});
  }
  Cues().Scan(text, &s.cues);
  int exclaim = s.cues.exclaims;
  for (char ch : text) exclaim += ch == '!';
  for (const auto& h : rules.hits) max_hit = std::max(max_hit, std::fabs(h.score));
  out->intensity = std::clamp(0.6 * std::fabs(score) + 0.3 * max_hit + 0.05 * std::min(exclaim, 3), 0.0, 1.0);

  // Emotion.
  // The map keeps its nodes when it already holds exactly the emotion names.
  bool names_only = out->emotions.size() == sentiment::kNumEmotions;
  for (int k = 0; k < sentiment::kNumEmotions && names_only; ++k) {
    names_only = out->emotions.count(sentiment::kEmotionNames[k]) == 1;
  }
  if (!names_only) out->emotions.clear();
  std::array<double, sentiment::kNumEmotions> p{};
  if (impl_->emotion) {
    const LinearModel& em = *impl_->emotion;
    for (int k = 0; k < sentiment::kNumEmotions; ++k) p[k] = em.bias[k];
    const FeatureSet* fs = &s.features;
    if (!impl_->emotion_shares_features) {
      sentiment::ExtractFeatures(text, rules, em.max_ngram, &s.emotion_features, em.feature_flags);
      fs = &s.emotion_features;
    }
    em.Accumulate(*fs, em.PredictDomain(*fs), p.data());
    if (tokens == nullptr) {  // (EmotionExtras reads them only for a model with word features)
      if (impl_->segmenter) {
        impl_->segmenter->Segment(text, &s.tokens);
      } else {
        s.tokens.clear();
      }
      tokens = &s.tokens;
    }
    sentiment::EmotionExtras(text, rules, impl_->sentiment.has_value(), model_score, em.feature_flags, *tokens,
                             fs->value, &s.emotion_extras);
    for (const auto& x : s.emotion_extras) {
      const int16_t* row = em.Row(x.hash);
      const double v = double{em.scale} * x.value;
      for (int k = 0; k < sentiment::kNumEmotions; ++k) p[k] += row[k] * v;
    }
  } else {
    p[7] = 1.0;  // neutral unless the lexicon says otherwise
    for (const auto& h : rules.hits) {
      if (h.emotion >= 0 && !h.negated) p[h.emotion] += std::fabs(h.score) * 2;
      else p[h.score > 0 ? 5 : 2] += std::fabs(h.score);
    }
  }
  double mx = *std::max_element(p.begin(), p.end()), sum = 0;
  for (double& x : p) sum += (x = std::exp(x - mx));
  int top = 0;
  for (int k = 0; k < sentiment::kNumEmotions; ++k) {
    p[k] /= sum;
    if (p[k] > p[top]) top = k;
    out->emotions[sentiment::kEmotionNames[k]] = p[k];
  }
  out->emotion = sentiment::kEmotionNames[top];

  out->intent = Intent(s.cues, score);
  const bool complains = std::any_of(rules.hits.begin(), rules.hits.end(),
                                     [](const sentiment::Hit& h) { return h.score < 0; });
  if ((out->intent == "inquiry" || out->intent == "suggestion") && !complains) {
    // Questions and suggestions without a negative word are neutral (请问滤芯多久换一次
    // scored -0.55 and 请问这款手机支持5G吗 -0.41 from the n-grams alone); keep the sign (the
    // binary reading) but pull the strength into the neutral band, clauses too.
    static constexpr double kAskingScale = 0.15;
    static constexpr double kAskingCap = 0.9 * kNeutralBand;
    auto damp = [](double x) { return std::clamp(x * kAskingScale, -kAskingCap, kAskingCap); };
    out->score = damp(score);
    out->polarity = PolarityOf(out->score);
    out->intensity *= 0.5;
    for (ClauseResult& c : out->clauses) {
      c.score = damp(c.score);
      c.polarity = PolarityOf(c.score);
    }
  }
  out->effort_evidence.clear();
  out->effort = Effort(text, s.cues, &out->effort_evidence);
  return absl::OkStatus();
}

double SentimentAnalyzer::ScoreSpan(std::string_view text, Span clause) const {
  uint32_t end = std::min<uint32_t>(clause.end, static_cast<uint32_t>(text.size()));
  uint32_t start = std::min(clause.start, end);
  std::string_view sub = text.substr(start, end - start);
  if (sub.empty() || !utf8::IsValid(sub)) return 0;
  Scratch& s = ThreadScratch();
  double model_score = 0;
  return impl_->Score(sub, &s, &model_score);
}

double SentimentAnalyzer::ScoreOpinion(std::string_view aspect, std::string_view opinion) const {
  std::string phrase = absl::StrCat(std::string(aspect), std::string(opinion));
  if (!utf8::IsValid(phrase)) return 0;
  Scratch& s = ThreadScratch();
  double model_score = 0;
  double blended = impl_->Score(phrase, &s, &model_score);
  if (!s.rules.hits.empty()) return s.rules.rule_score;
  return 0.5 * blended;
}

}  // namespace voc
