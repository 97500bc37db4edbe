#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/json.h"
#include "themes/json_output.h"
#include "themes/opinion.h"
#include "voc/sentiment.h"
#include "voc/themes.h"

namespace voc {
namespace {

std::string DefaultTaxonomyPath() {
  return std::string(VOC_SOURCE_DIR) + "/data/taxonomy/default.json";
}

std::unique_ptr<ThemeAnalyzer> Default() {
  ThemeOptions o;
  o.path = DefaultTaxonomyPath();
  auto a = ThemeAnalyzer::Create(o);
  EXPECT_TRUE(a.ok()) << a.status();
  return a.ok() ? std::move(*a) : nullptr;
}

const ThemeMention* Find(const std::vector<ThemeMention>& ms, std::string_view theme) {
  for (const auto& m : ms) {
    if (m.theme == theme) return &m;
  }
  return nullptr;
}

// A text, a theme the analyzer must find in it, and the polarity it must give that theme.
struct PolarityCase {
  const char* text;
  const char* theme;
  Polarity want;
};

void ExpectPolarities(const ThemeAnalyzer& a, std::initializer_list<PolarityCase> cases) {
  for (const PolarityCase& c : cases) {
    const auto found = a.Analyze(c.text);
    const ThemeMention* m = Find(found, c.theme);
    ASSERT_NE(m, nullptr) << c.text << " " << c.theme;
    EXPECT_EQ(m->polarity, c.want) << c.text << " " << c.theme << " " << m->opinion;
  }
}

// Per process: ctest runs each test in its own process, several at once.
std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_" + name;
}

TEST(TaxonomyTest, DefaultTaxonomyIsValidAndComplete) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind(), "taxonomy");
  const char* required[] = {"product.quality", "product.function", "product.performance",
                            "product.design", "product.usability", "product.authenticity",
                            "price.level", "price.promotion", "price.fees", "logistics.speed",
                            "logistics.courier", "logistics.tracking", "packaging",
                            "service.attitude", "service.responsiveness", "service.competence",
                            "service.returns_refunds", "service.repair", "service.invoice",
                            "channel.store", "channel.app_web", "channel.payment",
                            "marketing.claims", "marketing.harassment", "privacy_security"};
  for (const char* id : required) {
    bool found = false;
    for (const ThemeInfo& t : a->themes()) {
      if (t.id == id) {
        found = true;
        EXPECT_FALSE(t.department.empty()) << id;
        EXPECT_FALSE(t.name.empty()) << id;
      }
    }
    EXPECT_TRUE(found) << id;
  }
}

TEST(TaxonomyTest, ValidationErrorsNameTheProblem) {
  auto check = [](const std::string& json, const std::string& needle) {
    absl::Status s = ValidateTaxonomy(json);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << json;
    EXPECT_NE(std::string(s.message()).find(needle), std::string::npos) << s.message();
  };
  const std::string ok_a = R"({"id":"a","name":"甲","department":"部"})";
  EXPECT_TRUE(ValidateTaxonomy(R"({"themes":[)" + ok_a + "]}").ok());
  check(R"({"themes":[)" + ok_a + "," + ok_a + "]}", "duplicate id");
  check(R"({"themes":[{"id":"b.c","name":"乙","department":"部"}]})", "unknown parent \"b\"");
  check(R"({"themes":[{"id":"a","name":"甲","department":"部","patterns":["(unclosed"]}]})",
        "bad RE2 pattern");
  check(R"({"themes":[{"id":"a","department":"部"}]})", "missing field \"name\"");
  check(R"({"themes":[{"id":"a","name":"甲","department":"部","words":[1]}]})", "words");
  check(R"({"themes":[{"id":"a..b","name":"甲","department":"部"}]})", "bad id");
  check("{\"themes\":", "invalid JSON");
  check(R"({"nothemes":[]})", "missing field \"themes\"");
  check(R"({"themes":[{"id":"a","name":"甲","department":"部","evaluative":"yes"}]})",
        "\"evaluative\" must be true or false");
}

TEST(ThemeAnalyzerTest, TwoAspectsInTwoClauses) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  const std::string text = "物流很快但是客服态度很差";
  auto ms = a->Analyze(text);
  const ThemeMention* speed = Find(ms, "logistics.speed");
  const ThemeMention* attitude = Find(ms, "service.attitude");
  ASSERT_NE(speed, nullptr);
  ASSERT_NE(attitude, nullptr);
  EXPECT_EQ(speed->polarity, Polarity::kPositive);
  EXPECT_EQ(speed->aspect, "物流");
  EXPECT_EQ(speed->opinion, "很快");
  EXPECT_GT(speed->score, 0);
  EXPECT_EQ(text.substr(speed->span.start, speed->span.end - speed->span.start), "物流很快");
  EXPECT_EQ(attitude->polarity, Polarity::kNegative);
  EXPECT_EQ(attitude->opinion, "很差");
  EXPECT_LT(attitude->score, 0);
  EXPECT_EQ(text.substr(attitude->span.start, attitude->span.end - attitude->span.start),
            "客服态度很差");
}

TEST(ThemeAnalyzerTest, BareAspectClausesBorrowButNotAcrossAContrast) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  for (const char* text : {"物流，很快", "很快，物流"}) {
    auto ms = a->Analyze(text);
    ASSERT_NE(Find(ms, "logistics.speed"), nullptr) << text;
    EXPECT_EQ(Find(ms, "logistics.speed")->opinion, "很快") << text;
    EXPECT_EQ(Find(ms, "logistics.speed")->polarity, Polarity::kPositive) << text;
  }
  // 可以 is about the lotion; the clause after 就是 turns to something else.
  for (const char* text : {"乳液可以，就是物流运输时把瓶盖给弄碎了", "物流，但是很慢的那种我不要"}) {
    for (const ThemeMention& m : a->Analyze(text)) {
      EXPECT_NE(m.opinion, "可以") << text << " " << m.theme;
      EXPECT_NE(m.opinion, "很慢") << text << " " << m.theme;
    }
  }
}

TEST(ThemeAnalyzerTest, ThanksPraiseWhomTheyAreSaidToNotANeighbouringAspect) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  // The wait is no better for the thanks in the next clause.
  for (const char* text : {"等了三个小时，谢谢", "送餐等了两个小时，呵呵谢谢"}) {
    auto ms = a->Analyze(text);
    const ThemeMention* speed = Find(ms, "logistics.speed");
    ASSERT_NE(speed, nullptr) << text;
    EXPECT_NE(speed->polarity, Polarity::kPositive) << text;
    EXPECT_EQ(speed->opinion, "") << text;
  }
  // In its own clause, thanks still praise the one thanked.
  auto ms = a->Analyze("谢谢快递小哥");
  const ThemeMention* courier = Find(ms, "logistics.courier");
  ASSERT_NE(courier, nullptr);
  EXPECT_EQ(courier->opinion, "谢谢");
  EXPECT_EQ(courier->polarity, Polarity::kPositive);
}

TEST(ThemeAnalyzerTest, EvaluativeCuesNameTheirThemeInsideOtherOpinions) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  // 划算, 性价比, 不贵 judge the price, whatever aspect came first.
  for (const char* text : {"宝贝收到了真的是很划算", "比实体店性价比高很多", "面膜好用还不贵", "贵呀"}) {
    auto ms = a->Analyze(text);
    const ThemeMention* price = Find(ms, "price.level");
    ASSERT_NE(price, nullptr) << text;
    EXPECT_EQ(price->polarity, text == std::string("贵呀") ? Polarity::kNegative : Polarity::kPositive)
        << text;
  }
  // The usability cue keeps its own praise; 还不贵 is the price's.
  auto ms = a->Analyze("面膜好用还不贵");
  ASSERT_NE(Find(ms, "product.usability"), nullptr);
  EXPECT_EQ(Find(ms, "product.usability")->opinion, "好用");
  EXPECT_EQ(Find(ms, "price.level")->opinion, "还不贵");
  // Other cues inside a specific aspect's opinion still belong to that aspect.
  ms = a->Analyze("包装没有破损");
  ASSERT_NE(Find(ms, "packaging"), nullptr);
  EXPECT_EQ(Find(ms, "packaging")->polarity, Polarity::kPositive);
  EXPECT_EQ(Find(ms, "product.quality"), nullptr);
  // Arrival times say the delivery was fast.
  for (const char* text : {"中午就到了", "很快就收到了", "货到的很快"}) {
    ASSERT_NE(Find(a->Analyze(text), "logistics.speed"), nullptr) << text;
  }
}

TEST(ThemeAnalyzerTest, CuesStraddlingATokenBoundaryAreNotMentions) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  // Tokens as the segmenter gives them: 这个|评价|格式|不对. 价格 cuts through two words.
  const std::string text = "这个评价格式不对";
  std::vector<Token> tokens = {{0, 6, TokenTag::kPronoun}, {6, 12, TokenTag::kVerb},
                               {12, 18, TokenTag::kNoun}, {18, 24, TokenTag::kAdjective}};
  EXPECT_NE(Find(a->Analyze(text), "price.level"), nullptr);  // without tokens: a false hit
  EXPECT_EQ(Find(a->Analyze(text, &tokens), "price.level"), nullptr);
  // A cue inside one longer word, or made of whole words, still counts.
  const std::string refund = "退货审批太慢";
  std::vector<Token> refund_tokens = {{0, 12, TokenTag::kNoun}, {12, 15, TokenTag::kDegree},
                                      {15, 18, TokenTag::kAdjective}};
  EXPECT_EQ(a->Analyze(refund, &refund_tokens).size(), a->Analyze(refund).size());
  EXPECT_FALSE(a->Analyze(refund, &refund_tokens).empty());
}

TEST(ThemeAnalyzerTest, NegationAndDegree) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  auto ms = a->Analyze("包装没有破损，价格也不贵");
  const ThemeMention* pack = Find(ms, "packaging");
  const ThemeMention* price = Find(ms, "price.level");
  ASSERT_NE(pack, nullptr);
  ASSERT_NE(price, nullptr);
  EXPECT_EQ(pack->polarity, Polarity::kPositive);
  EXPECT_EQ(price->polarity, Polarity::kPositive);
  // 说好 is a promise, not praise; 差不多 is about the same, not 差; 快要 is about to, not 快.
  for (const char* text : {"信用卡年费说好免的，结果还是扣了", "苹果大小都差不多"}) {
    for (const ThemeMention& m : a->Analyze(text)) {
      EXPECT_NE(m.polarity, Polarity::kPositive) << text << " " << m.theme;
      EXPECT_NE(m.opinion, "都差") << text << " " << m.theme;
    }
  }
  for (const ThemeMention& m : a->Analyze("水果都快要坏了")) {
    EXPECT_NE(m.polarity, Polarity::kPositive) << m.theme;
  }
  // 送的 is a gift (送的赠品) or the delivery (送的有点慢).
  EXPECT_EQ(Find(a->Analyze("就是送的有点慢"), "price.promotion"), nullptr);
  ExpectPolarities(*a, {
      // 不是 denies what follows it; 要不是 means "if not for".
      {"不是正品", "product.authenticity", Polarity::kNegative},
      {"不是假货", "product.authenticity", Polarity::kPositive},
      {"要不是快递小哥态度好，我早就拒收了", "logistics.courier", Polarity::kPositive},
      // Not as good as: the negation stands a few words before 那么 / 这么.
      {"还可以吧，不过没有宣传的那么好", "marketing.claims", Polarity::kNegative},
      // Leaning off the mark is a complaint.
      {"质量很好，就是尺码偏小", "product.quality", Polarity::kPositive},
      {"质量很好，就是尺码偏小", "product.design", Polarity::kNegative},
      // Surprise and superlatives are no denial.
      {"物流没想到这么快", "logistics.speed", Polarity::kPositive},
      {"从没见过物流这么快的", "logistics.speed", Polarity::kPositive},
  });
}

TEST(ThemeAnalyzerTest, PraiseThatCaiGuaiFollowsIsDenied) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  const auto denied = a->Analyze("质量很好！才怪");
  const ThemeMention* quality = Find(denied, "product.quality");
  ASSERT_NE(quality, nullptr);
  EXPECT_EQ(quality->polarity, Polarity::kNegative);
  const auto meant = a->Analyze("质量很好！");
  quality = Find(meant, "product.quality");
  ASSERT_NE(quality, nullptr);
  EXPECT_EQ(quality->polarity, Polarity::kPositive);
}

TEST(ThemeAnalyzerTest, PraiseAfterZhenShiTurnsWhenTheSentimentReadItAsSarcasm) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  const std::string text = "呵呵，真是好服务";
  std::vector<ClauseResult> clauses(2);
  clauses[0].span = {0, 6};   // 呵呵
  clauses[1].span = {9, 24};  // 真是好服务
  clauses[1].score = -0.3;    // what SentimentAnalyzer makes of it
  ThemeSentimentContext context{-0.7, &clauses};
  auto ms = a->Analyze(text, nullptr, &context);
  ASSERT_NE(Find(ms, "service"), nullptr);
  EXPECT_EQ(Find(ms, "service")->polarity, Polarity::kNegative);
  EXPECT_LT(Find(ms, "service")->score, 0);
  EXPECT_EQ(Find(ms, "service")->opinion, "好");
  // Sincere when the sentiment found its clause positive, or without 真是.
  clauses[1].score = 0.6;
  ms = a->Analyze(text, nullptr, &context);
  ASSERT_NE(Find(ms, "service"), nullptr);
  EXPECT_EQ(Find(ms, "service")->polarity, Polarity::kPositive);
  clauses[1].score = -0.3;
  ms = a->Analyze("呵呵，挺好服务", nullptr, &context);
  ASSERT_NE(Find(ms, "service"), nullptr);
  EXPECT_EQ(Find(ms, "service")->polarity, Polarity::kPositive);
}

TEST(ThemeAnalyzerTest, TargetDependentOpinions) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  auto polarity_of = [&](const std::string& text, const std::string& theme) {
    auto ms = a->Analyze(text);
    const ThemeMention* m = Find(ms, theme);
    EXPECT_NE(m, nullptr) << text;
    return m == nullptr ? Polarity::kNeutral : m->polarity;
  };
  // The same adjective is praise or complaint depending on what it is said of.
  EXPECT_EQ(polarity_of("物流很快", "logistics.speed"), Polarity::kPositive);
  EXPECT_EQ(polarity_of("手机耗电快", "product.performance"), Polarity::kNegative);
  EXPECT_EQ(polarity_of("价格高", "price.level"), Polarity::kNegative);
  EXPECT_EQ(polarity_of("价格不高", "price.level"), Polarity::kPositive);
  EXPECT_EQ(polarity_of("这个价格还是有点高的，不过质量很好", "price.level"), Polarity::kNegative);
  // A question about the price holds no opinion, and an ambiguous adjective without a known
  // target is none either.
  EXPECT_EQ(polarity_of("价格多少", "price.level"), Polarity::kNeutral);
  EXPECT_EQ(polarity_of("客服说很多", "service.attitude"), Polarity::kNeutral);
}

TEST(ThemeAnalyzerTest, OpinionWordsInsideOtherWordsAreNoOpinion) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  // 好 in 好几天 counts days, 值 in 增值税 is a tax; neither praises anything.
  for (const char* text : {"退款审核要等好几天", "请问增值税发票多久能开"}) {
    for (const ThemeMention& m : a->Analyze(text)) {
      EXPECT_NE(m.polarity, Polarity::kPositive) << text << " " << m.theme << " " << m.opinion;
    }
  }
  auto ms = a->Analyze("这都好几天了，快递还没有收到");
  const ThemeMention* speed = Find(ms, "logistics.speed");
  ASSERT_NE(speed, nullptr);
  EXPECT_EQ(speed->polarity, Polarity::kNegative);
  ms = a->Analyze("大小刚好");  // but 刚好 about a size is praise
  ASSERT_FALSE(ms.empty());
  EXPECT_EQ(ms[0].polarity, Polarity::kPositive);
}

TEST(ThemeAnalyzerTest, QuestionsAssertNoPraise) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  for (const char* text : {"请问可以开增值税专用发票吗", "不知道是不是正品", "客服态度好吗"}) {
    for (const ThemeMention& m : a->Analyze(text)) {
      EXPECT_NE(m.polarity, Polarity::kPositive) << text << " " << m.theme << " " << m.opinion;
    }
  }
  // Praise before the embedded question stands; complaints in questions stand.
  auto ms = a->Analyze("快递很负责的让我打开看看有没有破损");
  ASSERT_NE(Find(ms, "logistics.speed"), nullptr);
  EXPECT_EQ(Find(ms, "logistics.speed")->polarity, Polarity::kPositive);
  ms = a->Analyze("物流为什么这么慢？");
  ASSERT_NE(Find(ms, "logistics.speed"), nullptr);
  EXPECT_EQ(Find(ms, "logistics.speed")->polarity, Polarity::kNegative);
}

TEST(ThemeAnalyzerTest, ExplicitOpinionBeatsAnAspectThatImpliesAProblem) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  // 退货 alone implies a problem; with an explicit opinion the opinion decides.
  const auto praised = a->Analyze("退货很方便，退款当天就到");
  const ThemeMention* praise = Find(praised, "service.returns_refunds");
  ASSERT_NE(praise, nullptr);
  EXPECT_EQ(praise->polarity, Polarity::kPositive) << praise->opinion;
  const auto complained = a->Analyze("申请退货一直在审核中");
  const ThemeMention* complaint = Find(complained, "service.returns_refunds");
  ASSERT_NE(complaint, nullptr);
  EXPECT_EQ(complaint->polarity, Polarity::kNegative);
  // 次 in 下次 is not an opinion.
  for (const ThemeMention& m : a->Analyze("退款当天就到，下次还来")) {
    EXPECT_NE(m.opinion, "次") << m.theme;
  }
}

TEST(ThemeAnalyzerTest, MentionsWithoutAnOpinionTakeTheTextsSentiment) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  const std::string text = "这次有活动，买了三盒";
  const ThemeMention* m = nullptr;
  const auto bare = a->Analyze(text, nullptr);
  m = Find(bare, "price.promotion");
  ASSERT_NE(m, nullptr);
  ASSERT_TRUE(m->opinion.empty());
  EXPECT_EQ(m->polarity, Polarity::kNeutral);

  // The text's score, at half weight, when the mention's clause is not strong itself.
  std::vector<ClauseResult> clauses(2);
  clauses[0].span = {0, 15};  // 这次有活动
  clauses[1].span = {18, 30};
  clauses[0].score = 0.3;
  ThemeSentimentContext context{-0.8, &clauses};
  auto ms = a->Analyze(text, nullptr, &context);
  m = Find(ms, "price.promotion");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->polarity, Polarity::kNegative);
  EXPECT_DOUBLE_EQ(m->score, -0.4);
  EXPECT_TRUE(m->opinion.empty());
  // A strong clause speaks for its mentions.
  clauses[0].score = 0.9;
  ms = a->Analyze(text, nullptr, &context);
  ASSERT_NE(Find(ms, "price.promotion"), nullptr);
  EXPECT_EQ(Find(ms, "price.promotion")->polarity, Polarity::kPositive);
  // A neutral text leaves it neutral; so does a NaN score.
  clauses[0].score = 0;
  for (double score : {0.05, -0.1, std::nan("")}) {
    context.score = score;
    ms = a->Analyze(text, nullptr, &context);
    ASSERT_NE(Find(ms, "price.promotion"), nullptr);
    EXPECT_EQ(Find(ms, "price.promotion")->polarity, Polarity::kNeutral) << score;
  }
  // An opinion term of the mention's own decides, whatever the text's sentiment.
  context = {-0.9, nullptr};
  ms = a->Analyze("物流很快", nullptr, &context);
  ASSERT_NE(Find(ms, "logistics.speed"), nullptr);
  EXPECT_EQ(Find(ms, "logistics.speed")->polarity, Polarity::kPositive);
}

TEST(ThemeAnalyzerTest, WishesAndColloquialOpinions) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  ExpectPolarities(*a, {
      // Praise wished for: the aspect lacks it.
      {"希望包装能好点", "packaging", Polarity::kNegative},
      {"能再便宜点就好了", "price.level", Polarity::kNegative},
      {"要是物流快些就好了", "logistics.speed", Polarity::kNegative},
      {"物流好点了", "logistics.speed", Polarity::kPositive},  // got better
      // A comparison states: cheaper than the store, more discounted this time.
      {"比实体店便宜一点", "price.level", Polarity::kPositive},
      {"这次的更优惠一些", "price.promotion", Polarity::kPositive},
      {"希望包装能更好一点", "packaging", Polarity::kNegative},
      // 实在 as praise, and in 实在不行.
      {"包装实在不行", "packaging", Polarity::kNegative},
      {"卖家很实在", "service", Polarity::kPositive},
      {"快递很速度", "logistics.speed", Polarity::kPositive},
      {"客服很热心", "service.attitude", Polarity::kPositive},
      {"一流产品，三流快递", "logistics.speed", Polarity::kNegative},
  });
  // Not yet used is no opinion of the product or anything else.
  for (const ThemeMention& m : a->Analyze("还没用，先用了送的小样")) {
    EXPECT_EQ(m.polarity, Polarity::kNeutral) << m.theme << " " << m.opinion;
  }
}

TEST(ThemeAnalyzerTest, ServiceDoesNotFireInsideUnrelatedWords) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  for (const char* text : {"公司的服务器又宕机了", "高速服务区人很多", "他在服务业工作"}) {
    for (const ThemeMention& m : a->Analyze(text)) {
      EXPECT_NE(m.theme.rfind("service", 0), 0u) << text << " -> " << m.theme;
    }
  }
  EXPECT_NE(Find(a->Analyze("这家店的服务真好"), "service"), nullptr);
}

// 验证码 verifies a product (查了验证码，是正品), or it is a login code, which says nothing
// of authenticity.
TEST(ThemeAnalyzerTest, LoginCodesAreNotAuthenticityChecks) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  auto ms = a->Analyze("APP更新后登录不上，验证码一直收不到");
  EXPECT_EQ(Find(ms, "product.authenticity"), nullptr);
  EXPECT_NE(Find(ms, "channel.app_web"), nullptr);
  ms = a->Analyze("查了验证码，是正品");
  EXPECT_NE(Find(ms, "product.authenticity"), nullptr);
}

TEST(ThemeAnalyzerTest, HostileInputDoesNotCrash) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  std::string junk = "\xff\xfe物流\x00很快\xe4\xb8";
  junk.push_back('\0');
  a->Analyze(junk);
  a->Analyze("");
  a->Analyze("😀😀😀");
  std::string huge;
  for (int i = 0; i < 20000; ++i) huge += "物流很快，";
  EXPECT_FALSE(a->Analyze(huge).empty());
}

TEST(ThemeAnalyzerTest, JsonOutput) {
  auto a = Default();
  ASSERT_NE(a, nullptr);
  std::string out;
  json::Writer w(&out);
  w.BeginObject();
  WriteThemes(a->Analyze("物流很快"), &w);
  w.EndObject();
  auto v = json::Parse(out);
  ASSERT_TRUE(v.ok()) << out;
  const json::Value* themes = v->Find("themes");
  ASSERT_NE(themes, nullptr);
  ASSERT_EQ(themes->items().size(), 1u);
  const json::Value& t = themes->items()[0];
  for (const char* key : {"theme", "polarity", "score", "aspect", "opinion", "start", "end"}) {
    EXPECT_NE(t.Find(key), nullptr) << key;
  }
  EXPECT_EQ(t.Find("polarity")->str(), "positive");
}

TEST(ClauseTest, SplitsAtPunctuationAndContrast) {
  auto cs = themes::SplitClauses("物流很快但是客服态度很差，包装好!");
  ASSERT_EQ(cs.size(), 3u);
}

TEST(ClauseTest, SpacesAndPeriodsInsideLatinTextDoNotSplit) {
  // Spaces separate Chinese phrases but English words; a period in 1.5 is a decimal point.
  EXPECT_EQ(themes::SplitClauses("质量很好 物流很快").size(), 2u);
  EXPECT_EQ(themes::SplitClauses("The delivery was fast").size(), 1u);
  EXPECT_EQ(themes::SplitClauses("等了1.5小时").size(), 1u);
  EXPECT_EQ(themes::SplitClauses("客服 very nice. 物流很快").size(), 2u);
}

std::vector<ThemeExample> Synthetic() {
  std::vector<ThemeExample> ex;
  const char* good_ship[] = {"物流很快", "送货很快", "快递真快", "发货迅速", "物流给力"};
  const char* bad_ship[] = {"物流太慢了", "快递很慢", "发货慢死了", "送货慢", "物流慢"};
  const char* good_taste[] = {"味道很好", "口味不错", "味道好极了", "很好吃", "口味很棒"};
  const char* bad_taste[] = {"味道很差", "口味一般般", "难吃", "味道不好", "口味太咸"};
  for (int rep = 0; rep < 8; ++rep) {
    for (int i = 0; i < 5; ++i) {
      ex.push_back({good_ship[i], {{"配送", Polarity::kPositive}}});
      ex.push_back({bad_ship[i], {{"配送", Polarity::kNegative}}});
      ex.push_back({good_taste[i], {{"口味", Polarity::kPositive}}});
      ex.push_back({bad_taste[i], {{"口味", Polarity::kNegative}}});
      ex.push_back({std::string(good_ship[i]) + "，" + bad_taste[i],
                    {{"配送", Polarity::kPositive}, {"口味", Polarity::kNegative}}});
    }
  }
  return ex;
}

TEST(ThemeModelTest, TrainSaveLoadPredict) {
  const std::string path = TempPath("themes_test.model");
  ThemeTrainOptions opt;
  opt.hash_bits = 16;
  auto report = TrainThemeModel(Synthetic(), opt, path);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->aspects.size(), 2u);
  ThemeOptions o;
  o.path = path;
  auto a = ThemeAnalyzer::Create(o);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ((*a)->kind(), "model");
  auto ms = (*a)->Analyze("物流很快");
  const ThemeMention* ship = Find(ms, "配送");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->polarity, Polarity::kPositive);
  EXPECT_EQ(Find(ms, "口味"), nullptr);
  ms = (*a)->Analyze("味道很差");
  ASSERT_NE(Find(ms, "口味"), nullptr);
  EXPECT_EQ(Find(ms, "口味")->polarity, Polarity::kNegative);

  // Model mentions point at the clause the aspect was read from.
  const std::string two = "物流很快，味道很差";
  ms = (*a)->Analyze(two);
  ship = Find(ms, "配送");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(two.substr(ship->span.start, ship->span.end - ship->span.start), "物流很快");
  EXPECT_EQ(ship->opinion, "很快");
  ASSERT_NE(Find(ms, "口味"), nullptr);
  EXPECT_EQ(Find(ms, "口味")->polarity, Polarity::kNegative);
  EXPECT_EQ(Find(ms, "口味")->opinion, "很差");

  // Combined with the rule taxonomy: both kinds of theme appear.
  o.combine_taxonomy = DefaultTaxonomyPath();
  auto both = ThemeAnalyzer::Create(o);
  ASSERT_TRUE(both.ok()) << both.status();
  ms = (*both)->Analyze("物流很快");
  EXPECT_NE(Find(ms, "配送"), nullptr);
  EXPECT_NE(Find(ms, "logistics.speed"), nullptr);
  // The text's sentiment is for rule mentions: the model's own polarity is never replaced.
  const ThemeSentimentContext negative{-0.9, nullptr};
  for (const char* text : {"物流很快", "这次有活动", "味道一般"}) {
    const auto plain = (*both)->Analyze(text, nullptr);
    const auto with_context = (*both)->Analyze(text, nullptr, &negative);
    ASSERT_EQ(plain.size(), with_context.size()) << text;
    for (size_t i = 0; i < plain.size(); ++i) {
      if (plain[i].theme.find('.') != std::string::npos) continue;  // taxonomy ids are dotted
      EXPECT_EQ(plain[i].polarity, with_context[i].polarity) << text << " " << plain[i].theme;
      EXPECT_EQ(plain[i].score, with_context[i].score) << text << " " << plain[i].theme;
    }
  }
}

TEST(ThemeModelTest, CorruptModelIsRejected) {
  const std::string path = TempPath("themes_corrupt.model");
  ThemeTrainOptions opt;
  opt.hash_bits = 14;
  ASSERT_TRUE(TrainThemeModel(Synthetic(), opt, path).ok());
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  ThemeOptions o;
  o.path = path;
  auto a = ThemeAnalyzer::Create(o);
  EXPECT_EQ(a.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(DiscoveryTest, ClustersAreNamedByWords) {
  std::vector<DiscoveryDocument> docs;
  const char* texts[] = {"会员积分莫名其妙清零了", "我的会员积分莫名其妙没了", "积分突然清零，莫名其妙",
                         "会员积分被清零了，无语"};
  for (int i = 0; i < 4; ++i) docs.push_back({"m" + std::to_string(i), texts[i]});
  DiscoveryOptions opt;
  opt.clusters = 1;
  DiscoveryResult r = DiscoverThemes(docs, nullptr, opt);
  ASSERT_EQ(r.candidates.size(), 1u);
  const std::vector<std::string>& terms = r.candidates[0].top_terms;
  // Whole words (莫名其妙 is four characters), not the character pairs they are clustered by.
  EXPECT_THAT(terms, ::testing::Contains("积分"));
  EXPECT_THAT(terms, ::testing::Contains("莫名其妙"));
  EXPECT_THAT(terms, ::testing::Not(::testing::Contains("分莫")));
  // With the sentiment analyser, complaints count as negative even without theme opinion words.
  auto sentiment = SentimentAnalyzer::Create(SentimentOptions());
  ASSERT_TRUE(sentiment.ok()) << sentiment.status();
  opt.sentiment = sentiment->get();
  r = DiscoverThemes(docs, nullptr, opt);
  ASSERT_EQ(r.candidates.size(), 1u);
  EXPECT_GE(r.candidates[0].share_negative, 0.75);
}

TEST(DiscoveryTest, DeterministicAndFindsClusters) {
  std::vector<DiscoveryDocument> docs;
  const char* a[] = {"蓝牙连接总是断开", "蓝牙老是断开连接", "连接蓝牙经常断开", "蓝牙断开连接太频繁"};
  const char* b[] = {"耳机有杂音", "耳机杂音很明显", "耳机里有个杂音", "杂音耳机太多"};
  for (int rep = 0; rep < 3; ++rep) {
    for (int i = 0; i < 4; ++i) {
      docs.push_back({"a" + std::to_string(rep * 4 + i), a[i]});
      docs.push_back({"b" + std::to_string(rep * 4 + i), b[i]});
    }
  }
  DiscoveryOptions opt;
  opt.clusters = 2;
  opt.seed = 7;
  DiscoveryResult r1 = DiscoverThemes(docs, nullptr, opt);
  DiscoveryResult r2 = DiscoverThemes(docs, nullptr, opt);
  ASSERT_EQ(r1.candidates.size(), 2u);
  ASSERT_EQ(r2.candidates.size(), 2u);
  for (size_t c = 0; c < 2; ++c) {
    EXPECT_EQ(r1.candidates[c].top_terms, r2.candidates[c].top_terms);
    EXPECT_EQ(r1.candidates[c].example_ids, r2.candidates[c].example_ids);
    EXPECT_EQ(r1.candidates[c].size, 12u);
    // Each cluster is pure.
    char first = r1.candidates[c].example_ids[0][0];
    for (const auto& id : r1.candidates[c].example_ids) EXPECT_EQ(id[0], first);
  }
  auto analyzer = Default();
  docs.push_back({"x", "物流很快"});
  DiscoveryResult r3 = DiscoverThemes(docs, analyzer.get(), opt);
  EXPECT_EQ(r3.documents, docs.size());
  EXPECT_EQ(r3.unmatched, docs.size() - 1);
}

}  // namespace
}  // namespace voc

// ---- Trained model format and decisions ------------------------------------------------------
#include <iterator>

#include "themes/model.h"

namespace voc {
namespace {

std::string TrainedBytes(int hash_bits) {
  const std::string path = TempPath("themes_format.model");
  ThemeTrainOptions opt;
  opt.hash_bits = hash_bits;
  EXPECT_TRUE(TrainThemeModel(Synthetic(), opt, path).ok());
  std::ifstream in(path, std::ios::binary);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  std::remove(path.c_str());
  return bytes;
}

TEST(ThemeModelFormatTest, RoundTripKeepsEveryField) {
  absl::StatusOr<themes::AspectModel> m = themes::AspectModel::Parse(TrainedBytes(14));
  ASSERT_TRUE(m.ok()) << m.status();
  // Switch on the optional parts so they are serialised too.
  const int n = static_cast<int>(m->aspects.size());
  m->stack_b.assign(n, 0.25f);
  m->stack_w.assign(static_cast<size_t>(n) * n, 0.0f);
  for (int a = 0; a < n; ++a) m->stack_w[a * n + a] = 1.5f;
  m->triple_gate = true;
  m->local_polarity = true;
  const std::string bytes = m->Serialize();
  absl::StatusOr<themes::AspectModel> back = themes::AspectModel::Parse(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->Serialize(), bytes);
  EXPECT_TRUE(back->triple_gate);
  EXPECT_TRUE(back->local_polarity);
  EXPECT_EQ(back->stack_w, m->stack_w);
  for (const char* text : {"物流很快", "味道很差", "物流很快，味道很差", ""}) {
    auto p1 = m->Predict(text), p2 = back->Predict(text);
    ASSERT_EQ(p1.size(), p2.size()) << text;
    for (size_t i = 0; i < p1.size(); ++i) {
      EXPECT_EQ(p1[i].aspect, p2[i].aspect);
      EXPECT_EQ(p1[i].polarity, p2[i].polarity);
    }
  }
}

TEST(ThemeModelFormatTest, RejectsOtherVersionsTruncationAndTrailingBytes) {
  const std::string bytes = TrainedBytes(12);
  ASSERT_TRUE(themes::AspectModel::Parse(bytes).ok());
  std::string old = bytes;
  old[sizeof(themes::kModelMagic)] = 1;  // version 1 files are no longer read
  absl::StatusOr<themes::AspectModel> v1 = themes::AspectModel::Parse(old);
  ASSERT_FALSE(v1.ok());
  EXPECT_NE(v1.status().message().find("version"), std::string::npos);
  for (size_t len = 0; len < bytes.size(); len += 1 + len / 8) {
    EXPECT_EQ(themes::AspectModel::Parse(bytes.substr(0, len)).status().code(),
              absl::StatusCode::kInvalidArgument)
        << len;
  }
  EXPECT_FALSE(themes::AspectModel::Parse(bytes + "x").ok());
  // Flipped bytes anywhere either fail to parse or give a model that still predicts.
  for (size_t pos = 0; pos < bytes.size(); pos += 1 + bytes.size() / 300) {
    std::string bad = bytes;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x5A);
    absl::StatusOr<themes::AspectModel> m = themes::AspectModel::Parse(bad);
    if (m.ok()) m->Predict("物流很快，味道很差");
  }
}

TEST(ThemeModelFormatTest, AtLeastOneAspectAndTripleGate) {
  absl::StatusOr<themes::AspectModel> m = themes::AspectModel::Parse(TrainedBytes(14));
  ASSERT_TRUE(m.ok()) << m.status();
  for (float& t : m->thresholds) t = 1.1f;  // nothing passes
  m->at_least_one = true;
  EXPECT_EQ(m->Predict("今天天气不错").size(), 1u);
  m->at_least_one = false;
  EXPECT_TRUE(m->Predict("今天天气不错").empty());
  // The triple gate never emits more than the aspect gate at the same thresholds.
  for (float& t : m->thresholds) t = 0.4f;
  for (const char* text : {"物流很快", "物流很快，味道很差", "一般般"}) {
    m->triple_gate = false;
    size_t plain = m->Predict(text).size();
    m->triple_gate = true;
    EXPECT_LE(m->Predict(text).size(), plain) << text;
  }
}

// A long text is analysed whole, with the same mentions per repeated unit as a short one.
// (Cues against every opinion, a clause search per cue, the exclusions against every cue and a
// clause scan per mention were quadratic; BM_AnalyzeLongText in benchmarks/ measures it.)
TEST(ThemeScalingTest, LongTextKeepsEveryMention) {
  auto themes = Default();
  ASSERT_NE(themes, nullptr);
  const std::string unit = "申通快递走了一周多，服务器很卡，物流 太慢 包装很好，客服态度很差。";
  auto run = [&](size_t copies) {
    std::string text;
    for (size_t i = 0; i < copies; ++i) text += unit;
    std::vector<ClauseResult> clauses;
    for (const themes::ClauseSpan& c : themes::SplitClauses(text)) {
      ClauseResult r;
      r.span = {c.start, c.end};
      r.score = -0.8;
      clauses.push_back(r);
    }
    const ThemeSentimentContext context{-0.5, &clauses};
    return themes->Analyze(text, nullptr, &context);
  };
  const std::vector<ThemeMention> one = run(1), many = run(5000);
  ASSERT_FALSE(one.empty());
  ASSERT_EQ(many.size(), 5000 * one.size());
  for (size_t i = 0; i < many.size(); ++i) {
    EXPECT_EQ(many[i].theme, one[i % one.size()].theme) << i;
    EXPECT_EQ(many[i].polarity, one[i % one.size()].polarity) << i;
  }
  // No punctuation: one clause of 1 MB (cues × opinions in it took minutes). A theme is
  // reported once per clause, with the opinion next to its first cue.
  std::string flat;
  while (flat.size() < (1 << 20)) flat += "物流很快客服态度很差包装很好价格便宜";
  const std::vector<ThemeMention> ms = themes->Analyze(flat, nullptr);
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[0].theme, "logistics.speed");
  EXPECT_EQ(ms[0].opinion, "很快");
  EXPECT_EQ(ms[1].polarity, Polarity::kNegative);
}

}  // namespace
}  // namespace voc
