#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "voc/journey.h"
#include "voc/store.h"

namespace voc {
namespace {

std::string MapPath() { return std::string(VOC_SOURCE_DIR) + "/data/journey/default_map.json"; }

const JourneyMap& TestMap() {
  static JourneyMap* m = [] {
    auto r = JourneyMap::Load(MapPath());
    EXPECT_TRUE(r.ok()) << r.status();
    return new JourneyMap(r.ok() ? *r : JourneyMap());
  }();
  return *m;
}

std::unique_ptr<JourneyAttributor> Attributor() {
  JourneyAttributorOptions o;
  o.map = &TestMap();
  auto a = JourneyAttributor::Create(o);
  EXPECT_TRUE(a.ok()) << a.status();
  return std::move(*a);
}

std::set<std::string> Stages(const std::vector<StageMention>& v) {
  std::set<std::string> s;
  for (const auto& m : v) s.insert(m.stage);
  return s;
}
std::set<std::string> Touchpoints(const std::vector<StageMention>& v) {
  std::set<std::string> s;
  for (const auto& m : v) {
    if (!m.touchpoint.empty()) s.insert(m.touchpoint);
  }
  return s;
}

TEST(JourneyMap, DefaultMapHasGuideIds) {
  const JourneyMap& m = TestMap();
  std::vector<std::string> ids;
  for (const auto& s : m.stages()) ids.push_back(s.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"awareness", "consideration", "purchase", "delivery",
                                           "usage", "service", "loyalty"}));
  for (const char* tp :
       {"awareness.advertising", "awareness.word_of_mouth", "consideration.product_page",
        "consideration.store_visit", "consideration.trial", "consideration.presales_consult",
        "purchase.order_payment", "purchase.price_promotion", "purchase.contract_finance",
        "delivery.logistics", "delivery.unboxing", "delivery.installation", "delivery.handover",
        "usage.first_use", "usage.quality", "usage.performance", "service.customer_service",
        "service.returns_refunds", "service.repair_maintenance", "service.invoice",
        "service.complaint", "loyalty.repurchase", "loyalty.membership",
        "loyalty.recommendation"}) {
    EXPECT_NE(m.FindTouchpoint(tp), nullptr) << tp;
  }
  EXPECT_EQ(m.DepartmentForTheme("logistics.speed"), "物流部");
  EXPECT_EQ(m.DepartmentForTheme("service.attitude"), "培训部");
  EXPECT_EQ(m.DepartmentForTheme("product.usability"), "产品设计");
  EXPECT_EQ(m.DepartmentForTheme("nothing.here"), "");
}

void ExpectError(std::string_view json, std::string_view fragment) {
  auto m = JourneyMap::Parse(json);
  ASSERT_FALSE(m.ok()) << json;
  EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(m.status().message()).find(fragment), std::string::npos)
      << m.status().message() << " should mention " << fragment;
}

TEST(JourneyMap, ValidationNamesTheFault) {
  ExpectError("not json", "JSON");
  ExpectError("[]", "must be an object");
  ExpectError("{}", "missing \"stages\"");
  ExpectError(R"({"stages": []})", "at least one stage");
  ExpectError(R"({"stages": [{"name": "x"}]})", "stages[0]: missing \"id\"");
  ExpectError(R"({"stages": [{"id": "Bad Id", "name": "x"}]})", "stage id \"Bad Id\"");
  ExpectError(R"({"stages": [{"id": "a", "name": "x"}, {"id": "a", "name": "y"}]})",
              "duplicate stage id \"a\"");
  ExpectError(R"({"stages": [{"id": "a"}]})", "stages[0] (a): missing \"name\"");
  ExpectError(R"({"stages": [{"id": "a", "name": "x", "touchpoints": [{"id": "t", "name": "T"}]}]})",
              "touchpoints[0]: a touchpoint needs at least one cue");
  ExpectError(R"({"stages": [{"id": "a", "name": "x", "touchpoints": [
      {"id": "t", "name": "T", "cues": ["x"]}, {"id": "a.t", "name": "U", "cues": ["y"]}]}]})",
              "duplicate touchpoint id \"a.t\"");
  ExpectError(R"({"stages": [{"id": "a", "name": "x", "cues": [""]}]})", "cues[0]");
  ExpectError(R"({"stages": [{"id": "a", "name": "x", "cues": [3]}]})", "must be a string");
  ExpectError(R"({"stages": [{"id": "a", "name": "x"}], "channels": {"fax": "a"}})",
              "channels.fax: unknown channel");
  ExpectError(R"({"stages": [{"id": "a", "name": "x"}], "channels": {"chat": "b.c"}})",
              "unknown stage or touchpoint \"b.c\"");
  ExpectError(R"({"stages": [{"id": "a", "name": "x"}], "theme_departments": {"t": 1}})",
              "theme_departments.t");
  auto missing = JourneyMap::Load("/nonexistent/map.json");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
}

TEST(JourneyMap, CustomBankMap) {
  auto m = JourneyMap::Parse(R"({"name": "bank", "stages": [
      {"id": "onboarding", "name": "开户", "department": "零售银行部", "touchpoints": [
        {"id": "account_opening", "name": "开户", "cues": ["开户", "开卡"]}]},
      {"id": "transactions", "name": "交易", "touchpoints": [
        {"id": "transfer", "name": "转账", "department": "支付部", "cues": ["转账", "汇款"]}]}],
      "channels": {"call_center": "transactions"}})");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->name(), "bank");
  EXPECT_EQ(m->FindTouchpoint("onboarding.account_opening")->department, "零售银行部");
  JourneyAttributorOptions o;
  o.map = &*m;
  auto a = JourneyAttributor::Create(o);
  ASSERT_TRUE(a.ok());
  auto v = (*a)->Attribute("开卡很快，但是转账老是失败");
  EXPECT_EQ(Touchpoints(v), (std::set<std::string>{"onboarding.account_opening",
                                                   "transactions.transfer"}));
  Feedback meta;
  meta.channel = Channel::kCallCenter;
  v = (*a)->Attribute("你好", &meta);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].stage, "transactions");
  EXPECT_EQ(v[0].touchpoint, "");
}

TEST(JourneyAttributor, MultiStage) {
  auto a = Attributor();
  std::string text = "下单很顺利，但是物流太慢，客服也不理人";
  auto v = a->Attribute(text);
  EXPECT_EQ(Stages(v), (std::set<std::string>{"purchase", "delivery", "service"}));
  EXPECT_TRUE(Touchpoints(v).count("purchase.order_payment"));
  EXPECT_TRUE(Touchpoints(v).count("delivery.logistics"));
  EXPECT_TRUE(Touchpoints(v).count("service.customer_service"));
  // Journey order, spans pointing at the cue.
  ASSERT_GE(v.size(), 3u);
  EXPECT_EQ(v[0].stage, "purchase");
  for (const auto& m : v) {
    ASSERT_LE(m.span.end, text.size());
    EXPECT_LT(m.span.start, m.span.end);
    EXPECT_GT(m.confidence, 0);
    EXPECT_LE(m.confidence, 1);
  }
  EXPECT_EQ(text.substr(v[0].span.start, v[0].span.end - v[0].span.start), "下单");
  EXPECT_EQ(Stages(a->Attribute("朋友推荐来的，试驾以后当场签约，提车很快")),
            (std::set<std::string>{"awareness", "consideration", "purchase", "delivery"}));
}

TEST(JourneyAttributor, NegationAndHypothetical) {
  auto a = Attributor();
  EXPECT_FALSE(Stages(a->Attribute("还没试驾过，不好说")).count("consideration"));
  EXPECT_FALSE(Stages(a->Attribute("从来没有投诉过")).count("service") &&
               Touchpoints(a->Attribute("从来没有投诉过")).count("service.complaint"));
  EXPECT_TRUE(Touchpoints(a->Attribute("从未投诉")).empty());
  EXPECT_FALSE(Stages(a->Attribute("如果物流再快一点的话就好了")).count("delivery"));
  EXPECT_FALSE(Stages(a->Attribute("要是有发票的话")).count("service"));
  // The hypothetical ends with its clause: the next clause counts.
  EXPECT_TRUE(Stages(a->Attribute("如果能便宜点就好了，快递倒是很快")).count("delivery"));
  EXPECT_FALSE(Stages(a->Attribute("如果能便宜点就好了，快递倒是很快")).count("purchase"));
  EXPECT_TRUE(Stages(a->Attribute("试驾过了，感觉不错")).count("consideration"));
}

TEST(JourneyAttributor, Metadata) {
  auto a = Attributor();
  Feedback meta;
  meta.touchpoint = "delivery.installation";
  auto v = a->Attribute("很满意", &meta);
  ASSERT_TRUE(Touchpoints(v).count("delivery.installation"));
  for (const auto& m : v) {
    if (m.touchpoint == "delivery.installation") {
      EXPECT_EQ(m.span.start, 0u);
      EXPECT_EQ(m.span.end, 0u);
      EXPECT_GE(m.confidence, 0.9);
    }
  }
  Feedback call;
  call.channel = Channel::kCallCenter;
  EXPECT_TRUE(Stages(a->Attribute("嗯好的", &call)).count("service"));
  Feedback bad;
  bad.touchpoint = "nowhere.at_all";
  EXPECT_TRUE(a->Attribute("嗯", &bad).empty());
  JourneyAttributorOptions o;
  o.map = &TestMap();
  o.use_metadata = false;
  auto plain = JourneyAttributor::Create(o);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE((*plain)->Attribute("嗯好的", &call).empty());
}

TEST(JourneyAttributor, HostileInput) {
  auto a = Attributor();
  EXPECT_TRUE(a->Attribute("").empty());
  EXPECT_TRUE(a->Attribute("😀😀😀").empty());
  std::string bad = "\xff\xfe物流\x00\xc3快递";
  bad += std::string("\0客服", 7);
  auto v = a->Attribute(bad);
  for (const auto& m : v) EXPECT_LE(m.span.end, bad.size());
  std::string huge;
  for (int i = 0; i < 20000; ++i) huge += "物流很快，";
  EXPECT_EQ(Stages(a->Attribute(huge)), (std::set<std::string>{"delivery"}));
}

TEST(JourneyAttributor, ThreadSafe) {
  auto a = Attributor();
  const std::vector<std::string> texts = {"下单很顺利，但是物流太慢，客服也不理人", "还没试驾过",
                                          "退款一直不到账", "会员积分怎么用", "味道不错"};
  std::vector<std::vector<StageMention>> want;
  for (const auto& t : texts) want.push_back(a->Attribute(t));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        size_t j = static_cast<size_t>(i) % texts.size();
        auto got = a->Attribute(texts[j]);
        if (got.size() != want[j].size()) {
          ++mismatches;
          continue;
        }
        for (size_t m = 0; m < got.size(); ++m) {
          if (got[m].touchpoint != want[j][m].touchpoint || got[m].stage != want[j][m].stage) {
            ++mismatches;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// ---- Analytics over a store ----

class JourneyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("voc_journey_test_" + std::to_string(::getpid()) + ".db"))
                .string();
    std::filesystem::remove(path_);
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::string path_;
};

StageMention Mention(const std::string& tp, uint32_t start) {
  return {tp.substr(0, tp.find('.')), tp, 0.9, Span{start, start + 6}};
}

TEST_F(JourneyStoreTest, PlantedBreakpointAndPainMoment) {
  StoreOptions so;
  so.path = path_;
  auto store = Store::Open(so);
  ASSERT_TRUE(store.ok()) << store.status();
  std::vector<Customer> customers;
  std::vector<Feedback> feedback;
  std::vector<std::pair<std::string, Analysis>> analyses;
  const int64_t t0 = 1767225600;  // 2026-01-01
  for (int c = 0; c < 40; ++c) {
    Customer cu;
    cu.id = "c" + std::to_string(c);
    if (c < 5) cu.tier = "VIP";
    customers.push_back(cu);
    bool planted = c < 20;
    // 1) delivery: negative logistics for the planted group.
    {
      Feedback f;
      f.id = cu.id + "-d";
      f.customer_id = cu.id;
      f.created_at = t0 + c * 3600;
      f.text = planted ? "物流太慢了" : "物流很快";
      feedback.push_back(f);
      Analysis a;
      a.polarity = planted ? Polarity::kNegative : Polarity::kPositive;
      a.score = planted ? -0.5 : 0.6;
      a.intensity = 0.3;
      a.emotion = c % 7 == 0 ? "sadness" : "neutral";  // noise, unrelated to the plant
      a.stages.push_back(Mention("delivery.logistics", 0));
      ThemeMention th;
      th.theme = "logistics.speed";
      th.polarity = a.polarity;
      th.span = {0, 15};
      a.themes.push_back(th);
      analyses.push_back({f.id, a});
    }
    // 2) service: the planted group complains hard, 3 of the others mildly.
    {
      Feedback f;
      f.id = cu.id + "-s";
      f.customer_id = cu.id;
      f.created_at = t0 + 40 * 86400 + c * 3600;  // next month
      f.text = "客服";
      feedback.push_back(f);
      bool neg = planted || c >= 37;
      Analysis a;
      a.polarity = neg ? Polarity::kNegative : Polarity::kPositive;
      a.score = neg ? -0.8 : 0.5;
      a.intensity = planted ? 0.95 : 0.4;
      a.emotion = neg ? "anger" : "like";
      a.stages.push_back(Mention("service.customer_service", 0));
      ThemeMention th;
      th.theme = "service.attitude";
      th.polarity = a.polarity;
      th.span = {0, 6};
      a.themes.push_back(th);
      analyses.push_back({f.id, a});
    }
    // 3) usage: mostly fine, a few mild complaints unrelated to the plant.
    {
      Feedback f;
      f.id = cu.id + "-u";
      f.customer_id = cu.id;
      f.created_at = t0 + 50 * 86400 + c * 3600;
      f.text = "用起来还行";
      feedback.push_back(f);
      Analysis a;
      bool neg = c % 10 == 0;
      a.polarity = neg ? Polarity::kNegative : Polarity::kPositive;
      a.score = neg ? -0.3 : 0.4;
      a.intensity = 0.2;
      a.stages.push_back(Mention("usage.performance", 0));
      analyses.push_back({f.id, a});
    }
  }
  ASSERT_TRUE((*store)->UpsertCustomers(customers).ok());
  auto ing = (*store)->Ingest(feedback);
  ASSERT_TRUE(ing.ok()) << ing.status();
  ASSERT_TRUE((*store)->SaveAnalysis(analyses, "test").ok());
  auto rows = (*store)->LoadAnalyzed(FeedbackQuery{});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 120u);
  auto cmap = (*store)->GetCustomers();
  ASSERT_TRUE(cmap.ok());

  JourneyReport r = BuildJourneyReport(*rows, *cmap, TestMap());
  EXPECT_EQ(r.feedback, 120u);
  EXPECT_EQ(r.attributed, 120u);
  EXPECT_EQ(r.customers_multi_stage, 40u);
  ASSERT_EQ(r.stages.size(), 7u);
  const JourneyNodeStats& delivery = r.stages[3];
  EXPECT_EQ(delivery.stage, "delivery");
  EXPECT_EQ(delivery.volume, 40u);
  EXPECT_DOUBLE_EQ(delivery.share_negative, 0.5);
  EXPECT_NEAR(delivery.mean_score, 0.05, 1e-9);
  EXPECT_NEAR(delivery.intensity_stddev, 0, 1e-9);
  ASSERT_EQ(delivery.trend.size(), 1u);
  EXPECT_EQ(delivery.trend[0].period, "2026-01");

  ASSERT_FALSE(r.pain_moments.empty());
  EXPECT_EQ(r.pain_moments[0].touchpoint, "service.customer_service");
  EXPECT_EQ(r.pain_moments[0].volume, 40u);
  EXPECT_NE(r.pain_moments[0].reason.find("负面"), std::string::npos);
  EXPECT_EQ(r.pain_moments[0].example_ids.size(), 3u);
  EXPECT_EQ(r.pain_moments[0].customers, 23u);
  EXPECT_EQ(r.pain_moments[0].key_customers, 5u);
  EXPECT_EQ(delivery.customers, 40u);
  ASSERT_FALSE(r.highlight_moments.empty());

  ASSERT_FALSE(r.breakpoints.empty());
  const Breakpoint& b = r.breakpoints[0];
  EXPECT_EQ(b.consequent_stage, "service");
  EXPECT_TRUE(b.signal == "delivery.logistics" || b.signal == "logistics.speed") << b.signal;
  EXPECT_EQ(b.support, 20u);
  EXPECT_EQ(b.with_signal, 20u);
  EXPECT_NEAR(b.lift, 40.0 / 23.0, 1e-9);
  EXPECT_GT(b.lift_low, 1.0);
  EXPECT_LE(b.lift_low, b.lift);
  EXPECT_GE(b.lift_high, b.lift);

  // Root causes of service complaints name the owning department.
  bool found = false;
  for (const auto& sc : r.root_causes) {
    if (sc.stage != "service") continue;
    ASSERT_FALSE(sc.causes.empty());
    EXPECT_EQ(sc.causes[0].theme, "service.attitude");
    EXPECT_EQ(sc.causes[0].department, "培训部");
    EXPECT_EQ(sc.causes[0].count, 23u);
    found = true;
  }
  EXPECT_TRUE(found);

  std::string json = RenderJourneyJson(r);
  EXPECT_NE(json.find("\"breakpoints\""), std::string::npos);
  std::string table = RenderJourneyTable(r);
  EXPECT_NE(table.find("service.customer_service"), std::string::npos);
}

// Rows analysed before journey attribution existed carry no stages; the store-level report
// attributes them from their stored text when asked, and leaves rows that have stages alone.
TEST_F(JourneyStoreTest, AttributesRowsStoredWithoutStages) {
  StoreOptions so;
  so.path = path_;
  auto store = Store::Open(so);
  ASSERT_TRUE(store.ok()) << store.status();
  std::vector<Feedback> feedback(3);
  feedback[0].id = "old-1";
  feedback[0].text = "物流太慢了，等了一个星期";
  feedback[1].id = "old-2";
  feedback[1].text = "客服一直不理人";
  feedback[2].id = "new-1";
  feedback[2].text = "物流太慢了";
  for (size_t i = 0; i < feedback.size(); ++i) feedback[i].created_at = 1767225600 + i;
  ASSERT_TRUE((*store)->Ingest(feedback).ok());
  std::vector<std::pair<std::string, Analysis>> analyses;
  for (const auto& f : feedback) {
    Analysis a;
    a.polarity = Polarity::kNegative;
    a.score = -0.6;
    // The new row was attributed at analysis time, deliberately to a stage its text lacks.
    if (f.id == "new-1") a.stages.push_back(Mention("usage.performance", 0));
    analyses.push_back({f.id, a});
  }
  ASSERT_TRUE((*store)->SaveAnalysis(analyses, "test").ok());

  auto plain = BuildJourneyReport(**store, FeedbackQuery{}, TestMap(), /*attribute_missing=*/false);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(plain->feedback, 3u);
  EXPECT_EQ(plain->attributed, 1u);

  auto full = BuildJourneyReport(**store, FeedbackQuery{}, TestMap(), /*attribute_missing=*/true);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->attributed, 3u);
  std::set<std::string> stages;
  for (const auto& s : full->stages) {
    if (s.volume > 0) stages.insert(s.stage);
  }
  EXPECT_EQ(stages, (std::set<std::string>{"delivery", "service", "usage"}));
}

TEST(JourneySvg, WellFormedAndEscaped) {
  JourneyReport r;
  r.map_name = "a&b<c>\"d\"";
  auto m = JourneyMap::Parse(R"({"stages": [{"id": "s1", "name": "<阶段&一>"},
                                            {"id": "s2", "name": "二"}]})");
  ASSERT_TRUE(m.ok());
  std::vector<AnalyzedFeedback> rows(2);
  rows[0].analysis.stages.push_back({"s1", "", 1, {}});
  rows[0].analysis.polarity = Polarity::kNegative;
  rows[0].analysis.score = -0.5;
  rows[1].analysis.stages.push_back({"s2", "", 1, {}});
  r = BuildJourneyReport(rows, {}, *m);
  r.map_name = "a&b<c>";
  std::string svg = RenderJourneySvg(r);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;阶段&amp;一&gt;"), std::string::npos);
  EXPECT_NE(svg.find("a&amp;b&lt;c&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<阶段"), std::string::npos);
  EXPECT_EQ(svg.find("a&b"), std::string::npos);
  // Tags balance.
  size_t open = 0, close = 0;
  for (size_t p = 0; (p = svg.find("<circle", p)) != std::string::npos; ++p) ++open;
  for (size_t p = 0; (p = svg.find("</circle>", p)) != std::string::npos; ++p) ++close;
  EXPECT_EQ(open, close);
  EXPECT_EQ(open, 2u);
  // Empty report still renders.
  EXPECT_EQ(RenderJourneySvg(JourneyReport()).rfind("<svg", 0), 0u);
}

}  // namespace
}  // namespace voc
