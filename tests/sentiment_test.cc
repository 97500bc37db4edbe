#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "core/json.h"
#include "sentiment/json_output.h"
#include "sentiment/lexicon.h"
#include "voc/sentiment.h"

namespace voc {
namespace {

std::string Src(const char* rel) { return std::string(VOC_SOURCE_DIR) + "/" + rel; }

class SentimentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SentimentOptions o;
    o.sentiment_model = Src("data/models/sentiment.model");
    o.emotion_model = Src("data/models/emotion.model");
    o.lexicon = Src("data/lexicon/sentiment.tsv");
    auto a = SentimentAnalyzer::Create(o);
    ASSERT_TRUE(a.ok()) << a.status();
    analyzer_ = a->release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    analyzer_ = nullptr;
  }
  static Analysis Run(const std::string& text) {
    Analysis a;
    absl::Status st = analyzer_->Analyze(text, &a);
    EXPECT_TRUE(st.ok()) << text << ": " << st;
    return a;
  }
  static SentimentAnalyzer* analyzer_;
};
SentimentAnalyzer* SentimentTest::analyzer_ = nullptr;

TEST_F(SentimentTest, Negation) {
  EXPECT_EQ(Run("不高兴").polarity, Polarity::kNegative);
  EXPECT_EQ(Run("不是很满意").polarity, Polarity::kNegative);
  EXPECT_EQ(Run("一点也不好吃").polarity, Polarity::kNegative);
  double s = Run("不算太差").score;
  EXPECT_GT(s, 0) << "不算太差 is mildly positive";
  EXPECT_LT(s, 0.5);
}

// The longest lexicon word wins over a shorter one inside it: 很热心 is praise, not 很热 (a
// complaint about a hot room) followed by 心.
TEST_F(SentimentTest, LongestWordWins) {
  EXPECT_EQ(Run("客服很热心").polarity, Polarity::kPositive);
  EXPECT_EQ(Run("房间很热").polarity, Polarity::kNegative);
}

// A long text is analysed whole: every clause is there with its own evidence. (How the time
// grows with the length is measured by BM_AnalyzeLongText in benchmarks/.)
TEST_F(SentimentTest, LongTextKeepsEveryClause) {
  const std::string unit = "物流太慢了，客服态度很差。";
  std::string big;
  while (big.size() < (512 << 10)) big += unit;
  Analysis a;
  ASSERT_TRUE(analyzer_->Analyze(big, &a).ok());
  ASSERT_EQ(a.clauses.size(), 2 * (big.size() / unit.size()));
  EXPECT_FALSE(a.clauses.front().evidence.empty());  // 太慢
  EXPECT_FALSE(a.clauses.back().evidence.empty());   // 很差
  EXPECT_EQ(a.polarity, Polarity::kNegative);
}

// Short praise is praise: the train splits hold almost none in some categories, and before
// lexicon examples joined the training data the n-grams read 质量很好 as -0.07.
TEST_F(SentimentTest, ShortPraiseAndBlame) {
  for (const char* text : {"质量很好", "质量不错", "手机不错", "物流很快", "价格便宜"}) {
    EXPECT_EQ(Run(text).polarity, Polarity::kPositive) << text;
  }
  for (const char* text : {"太差了", "服务态度差", "味道一般"}) {
    EXPECT_EQ(Run(text).polarity, Polarity::kNegative) << text;
  }
}

TEST_F(SentimentTest, DoubleNegation) {
  EXPECT_GT(Run("不是不好").score, 0);
}

TEST_F(SentimentTest, ContrastLaterClauseWeighsMore) {
  std::string text = "物流快但是客服态度差";
  Analysis a = Run(text);
  ASSERT_EQ(a.clauses.size(), 2u);
  EXPECT_EQ(text.substr(a.clauses[0].span.start, a.clauses[0].span.end - a.clauses[0].span.start), "物流快");
  EXPECT_GT(a.clauses[0].score, 0);
  EXPECT_LT(a.clauses[1].score, 0);
  EXPECT_EQ(a.polarity, Polarity::kNegative);
  EXPECT_FALSE(a.clauses[1].evidence.empty());
  EXPECT_LT(Run("客服态度差，不过物流很快").score, Run("物流快但是客服态度差").score + 1.0);
}

TEST_F(SentimentTest, DegreeAtRuleLevel) {
  auto lex = sentiment::Lexicon::Load(Src("data/lexicon/sentiment.tsv"));
  ASSERT_TRUE(lex.ok());
  sentiment::RuleAnalysis strong, weak;
  sentiment::AnalyzeRules(*lex, "非常满意", &strong);
  sentiment::AnalyzeRules(*lex, "有点满意", &weak);
  EXPECT_GT(strong.rule_score, weak.rule_score);
  EXPECT_GT(weak.rule_score, 0);
  EXPECT_GT(Run("非常非常好").intensity, Run("还行吧").intensity);
}

TEST_F(SentimentTest, RhetoricalQuestion) {
  Analysis a = Run("难道你们不知道吗");
  EXPECT_EQ(a.polarity, Polarity::kNegative);
  auto lex = sentiment::Lexicon::BuiltinOnly();
  sentiment::RuleAnalysis r;
  sentiment::AnalyzeRules(lex, "难道这也叫好吗", &r);
  EXPECT_LT(r.rule_score, 0);
}

TEST_F(SentimentTest, TargetDependentPolarity) {
  EXPECT_GT(Run("速度快").score, 0);
  EXPECT_LT(Run("耗电快").score, 0);
  EXPECT_LT(Run("价格高").score, 0);
  EXPECT_GT(Run("评分高").score, 0);
  EXPECT_GT(analyzer_->ScoreOpinion("速度", "很快"), 0);
  EXPECT_LT(analyzer_->ScoreOpinion("耗电", "很快"), 0);
  EXPECT_LT(analyzer_->ScoreOpinion("价格", "高"), 0);
  EXPECT_GT(analyzer_->ScoreOpinion("评分", "高"), 0);
  // Targets resolve across degree words with the builtin rules alone.
  auto lex = sentiment::Lexicon::BuiltinOnly();
  sentiment::RuleAnalysis r;
  sentiment::AnalyzeRules(lex, "这手机耗电特别快", &r);
  EXPECT_LT(r.rule_score, 0);
  sentiment::AnalyzeRules(lex, "发货特别快", &r);
  EXPECT_GT(r.rule_score, 0);
}

TEST_F(SentimentTest, EmojiOnlyAndEmoticons) {
  EXPECT_GT(Run("👍👍👍").score, 0);
  EXPECT_LT(Run("😡😡").score, 0);
  EXPECT_GT(Run(":)").score, 0);
  Analysis a = Run("🙂🙃🫠");  // no crash, some answer
  EXPECT_GE(a.score, -1);
  EXPECT_LE(a.score, 1);
}

TEST_F(SentimentTest, MixedChineseEnglish) {
  EXPECT_GT(Run("这个phone真的很good，推荐").score, 0);
  EXPECT_LT(Run("质量太差了, bad experience, 不推荐").score, 0);
}

TEST_F(SentimentTest, EmotionIntentEffort) {
  Analysis a = Run("气死我了，打了五次电话都没人处理，跑了三趟营业厅，流程繁琐！我要投诉！");
  EXPECT_EQ(a.intent, "complaint");
  EXPECT_GT(a.effort, 0.5);
  EXPECT_GE(a.effort_evidence.size(), 2u);
  EXPECT_TRUE(a.emotion == "anger" || a.emotion == "disgust") << a.emotion;
  ASSERT_EQ(a.emotions.size(), 8u);
  double sum = 0;
  for (const auto& [k, v] : a.emotions) sum += v;
  EXPECT_NEAR(sum, 1.0, 1e-6);
  // Being passed around counts like calling round: 转了三次人工.
  Analysis passed = Run("打客服电话转了三次人工才接通");
  ASSERT_EQ(passed.effort_evidence.size(), 1u);
  EXPECT_EQ(std::string_view("打客服电话转了三次人工才接通")
                .substr(passed.effort_evidence[0].start,
                        passed.effort_evidence[0].end - passed.effort_evidence[0].start),
            "转了三次");
  EXPECT_EQ(Run("请问什么时候发货？").intent, "inquiry");
  // A question without opinion words carries no sentiment to speak of.
  Analysis asking = Run("请问滤芯多久换一次？");
  EXPECT_EQ(asking.intent, "inquiry");
  EXPECT_EQ(asking.polarity, Polarity::kNeutral);
  for (const ClauseResult& c : asking.clauses) EXPECT_EQ(c.polarity, Polarity::kNeutral);
  EXPECT_EQ(Run("建议增加一些素菜").intent, "suggestion");
  // How-to questions without a question mark ask; 怎么这么 complains.
  EXPECT_EQ(Run("你们这个怎么退货").intent, "inquiry");
  EXPECT_EQ(Run("怎么申请退款").intent, "inquiry");
  EXPECT_EQ(Run("怎么这么慢").intent, "complaint");
  EXPECT_EQ(Run("我要投诉，怎么联系你们经理").intent, "complaint");
  EXPECT_EQ(Run("服务员很热情，非常感谢！").intent, "praise");
  EXPECT_EQ(Run("东西不错").effort, 0);
  // Repeating oneself and unanswered contacts are effort too.
  EXPECT_GT(Run("客服让我重复说明了三遍问题").effort, 0.5);
  EXPECT_GT(Run("提交了两次申请，电话也没人接").effort, 0.5);
  EXPECT_EQ(Run("一次就解决了，很省心").effort, 0);
}

TEST_F(SentimentTest, EnglishWordsAndDecimalsAreNotClauses) {
  EXPECT_EQ(Run("The delivery was fast").clauses.size(), 1u);
  EXPECT_EQ(Run("等了1.5小时").clauses.size(), 1u);
  EXPECT_EQ(Run("质量很好 物流很快").clauses.size(), 2u);
  EXPECT_EQ(Run("客服 also nice").clauses.size(), 1u);
}

using Words = std::vector<std::string>;

// The evidence words of every clause, in order.
Words EvidenceOf(const Analysis& a, std::string_view text) {
  Words out;
  for (const ClauseResult& c : a.clauses) {
    for (const Span& e : c.evidence) out.emplace_back(text.substr(e.start, e.end - e.start));
  }
  return out;
}

TEST_F(SentimentTest, LatinLexiconWordsMatchAtTheStartOfAWord) {
  auto evidence = [&](const char* text) { return EvidenceOf(Run(text), text); };
  EXPECT_EQ(evidence("I read this book"), Words{});  // ok
  EXPECT_EQ(evidence("a demo"), Words{});            // emo
  EXPECT_EQ(evidence("BOOK"), Words{});
  EXPECT_EQ(evidence("很nice的客服"), Words{"很nice"});
  EXPECT_EQ(evidence("LoveYou"), Words{"Love"});  // a case change starts a word
  EXPECT_EQ(evidence("lovely"), Words{"love"});   // suffixes are fine
}

// 牛 praises and 香 smells good, but not inside 牛肉 or 香菜; 说好的 praises nothing.
TEST_F(SentimentTest, WordsHoldingAnOpinionWordAreNoEvidence) {
  auto evidence = [&](const char* text) { return EvidenceOf(Run(text), text); };
  EXPECT_EQ(evidence("牛肉就两片"), Words{});
  EXPECT_EQ(evidence("牛肉很好吃"), Words{"很好吃"});
  EXPECT_EQ(evidence("香菜太少了，爽肤水也洒了"), (Words{"太少了", "洒了"}));
  EXPECT_EQ(evidence("这车真牛"), Words{"真牛"});
  EXPECT_EQ(evidence("说好的包邮呢"), Words{});
  EXPECT_EQ(evidence("衣服上的油污好几处"), Words{});
  EXPECT_EQ(Run("牛肉就两片").polarity, Polarity::kNegative);
}

TEST_F(SentimentTest, SarcasticPraiseCountsAgainst) {
  // Praise that 才怪 follows, or 真是 praise next to a complaint, reads as its opposite.
  Analysis not_at_all = Run("质量很好！才怪");
  EXPECT_EQ(not_at_all.polarity, Polarity::kNegative);
  ASSERT_EQ(not_at_all.clauses.size(), 2u);
  EXPECT_LT(not_at_all.clauses[0].score, 0);
  // Unanswered calls and late arrivals complain too (没人接, 才送到).
  Analysis unanswered = Run("服务真是好得不得了，打了十次电话都没人接");
  ASSERT_EQ(unanswered.clauses.size(), 2u);
  EXPECT_LT(unanswered.clauses[0].score, 0);
  EXPECT_LT(Run("一个半小时才送到").score, 0);
  Analysis mocking = Run("呵呵，真是好服务");
  ASSERT_EQ(mocking.clauses.size(), 2u);
  EXPECT_LT(mocking.clauses[1].score, 0);
  EXPECT_LT(mocking.score, -0.5);
  // Sincere: no complaint, or the complaint comes after a contrast word.
  EXPECT_GT(Run("真是太棒了，很喜欢").score, 0.5);
  Analysis sincere = Run("真是太好吃了，就是有点贵");
  ASSERT_EQ(sincere.clauses.size(), 2u);
  EXPECT_GT(sincere.clauses[0].score, 0.5);
  // Or the text praises more than it complains: one 贵 in a review of praise.
  Analysis praising = Run("裤子非常满意，实体店里要贵好多，质量一样价钱也合理，卖家真的是良心卖家");
  ASSERT_EQ(praising.clauses.size(), 4u);
  EXPECT_GT(praising.clauses[3].score, 0);
}

TEST_F(SentimentTest, AQuestionWithOnlyPraiseWordsIsNeutral) {
  // 支持 is a praise word; the question asks, it neither praises nor complains.
  Analysis asking = Run("请问这款手机支持5G吗？");
  EXPECT_EQ(asking.intent, "inquiry");
  EXPECT_EQ(asking.polarity, Polarity::kNeutral);
  // A question with a complaint in it keeps its strength.
  EXPECT_EQ(Run("请问为什么质量这么差？").polarity, Polarity::kNegative);
}

TEST_F(SentimentTest, EffortEvidenceInsideOtherEvidenceCountsOnce) {
  // 打不通 inside 一直打不通 is one event, not two.
  Analysis once = Run("客服一直打不通");
  ASSERT_EQ(once.effort_evidence.size(), 1u);
  EXPECT_EQ(once.effort_evidence[0].start, 6u);
  EXPECT_EQ(once.effort_evidence[0].end, 21u);
  EXPECT_LT(once.effort, 0.45);  // one cue of weight 0.5: 1 - e^-0.5
  // 好几次 inside 沟通了好几次 likewise; 反复沟通 overlaps it without containing it: two events.
  Analysis twice = Run("反复沟通了好几次");
  EXPECT_EQ(twice.effort_evidence.size(), 2u);
  // Waits in hours and a half, or more than N minutes, are effort.
  EXPECT_GT(Run("等了一个半小时还没到").effort, 0.3);
  EXPECT_GT(Run("等了40多分钟").effort, 0.3);
}

TEST_F(SentimentTest, SpansAreByteOffsetsIntoTheText) {
  std::string text = "  味道很好，就是送餐太慢了!!";
  Analysis a = Run(text);
  ASSERT_FALSE(a.clauses.empty());
  for (const auto& c : a.clauses) {
    ASSERT_LE(c.span.end, text.size());
    ASSERT_LT(c.span.start, c.span.end);
    for (const auto& e : c.evidence) {
      EXPECT_GE(e.start, c.span.start);
      EXPECT_LE(e.end, c.span.end);
    }
  }
  std::string out;
  json::Writer w(&out);
  w.BeginObject();
  WriteSentimentFields(a, text, &w);
  w.EndObject();
  auto v = json::Parse(out);
  ASSERT_TRUE(v.ok()) << out;
  for (const char* key : {"polarity", "score", "intensity", "emotion", "emotions", "intent", "effort", "clauses"}) {
    EXPECT_NE(v->Find(key), nullptr) << key;
  }
}

// Tokens handed in by a caller that segmented the text already (the analyzer) give the same
// emotions as segmenting here; other tokens reach the emotion model's word features.
TEST_F(SentimentTest, GivenTokensAreTheEmotionModelsWords) {
  auto seg = Segmenter::Create(SegmenterOptions{});
  ASSERT_TRUE(seg.ok()) << seg.status();
  for (const std::string text : {"气死我了，客服一直不回复", "太开心了，物流超快", "就这样吧"}) {
    std::vector<Token> tokens = (*seg)->Segment(text);
    Analysis given;
    ASSERT_TRUE(analyzer_->Analyze(text, &tokens, &given).ok());
    const Analysis own = Run(text);
    EXPECT_EQ(given.emotions, own.emotions) << text;
    EXPECT_EQ(given.score, own.score) << text;
  }
  const std::string text = "气死我了，客服一直不回复";
  const std::vector<Token> one_token = {{0, static_cast<uint32_t>(text.size()), TokenTag::kNoun}};
  Analysis other;
  ASSERT_TRUE(analyzer_->Analyze(text, &one_token, &other).ok());
  EXPECT_NE(other.emotions, Run(text).emotions);
}

TEST_F(SentimentTest, BlankTextIsNeutralWithoutEvidence) {
  // An empty survey comment is common; the models' biases must not turn it into a complaint.
  for (const std::string& text : {std::string(), std::string(" \t\n\r"),
                                 std::string("\u3000\u200b\ufeff"), std::string("\0\x01", 2)}) {
    Analysis a;
    a.clauses.resize(2);  // storage reused from an earlier text is replaced
    a.effort = 0.7;
    ASSERT_TRUE(analyzer_->Analyze(text, &a).ok());
    EXPECT_EQ(a.polarity, Polarity::kNeutral);
    EXPECT_EQ(a.score, 0);
    EXPECT_EQ(a.intensity, 0);
    EXPECT_EQ(a.emotion, "neutral");
    EXPECT_EQ(a.emotions.size(), 8u);
    EXPECT_EQ(a.emotions["neutral"], 1);
    EXPECT_EQ(a.intent, "other");
    EXPECT_EQ(a.effort, 0);
    EXPECT_TRUE(a.clauses.empty());
  }
  // Anything visible is analysed as before.
  EXPECT_NE(Run("差").score, 0);
  EXPECT_NE(Run(" 好 ").score, 0);
}

TEST_F(SentimentTest, HostileInput) {
  Analysis a;
  EXPECT_EQ(analyzer_->Analyze(std::string("\xff\xfe bad", 6), &a).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(analyzer_->Analyze("", &a).ok());
  EXPECT_TRUE(analyzer_->Analyze(std::string("a\0b", 3), &a).ok());
  std::string huge;
  for (int i = 0; i < 20000; ++i) huge += "不是不好，但是";
  EXPECT_TRUE(analyzer_->Analyze(huge, &a).ok());
  EXPECT_TRUE(analyzer_->Analyze("，。！？、  \n\t", &a).ok());
  EXPECT_EQ(analyzer_->ScoreSpan("好", Span{5, 9}), 0);
}

TEST(SentimentModelFile, WrongVersionIsAClearError) {
  std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_bad_version.model";
  {
    std::ofstream f(path, std::ios::binary);
    f.write("VOCSENTM", 8);
    uint32_t header[5] = {99, 1, 12, 1, 4};
    f.write(reinterpret_cast<const char*>(header), sizeof(header));
  }
  SentimentOptions o;
  o.sentiment_model = path;
  o.lexicon = Src("data/lexicon/sentiment.tsv");
  auto a = SentimentAnalyzer::Create(o);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(a.status().message()).find("version 99"), std::string::npos) << a.status();
  // Not a model at all / wrong kind / missing file.
  o.sentiment_model = Src("data/lexicon/sentiment.tsv");
  EXPECT_EQ(SentimentAnalyzer::Create(o).status().code(), absl::StatusCode::kInvalidArgument);
  o.sentiment_model = Src("data/models/emotion.model");
  EXPECT_EQ(SentimentAnalyzer::Create(o).status().code(), absl::StatusCode::kInvalidArgument);
  o.sentiment_model = "/nonexistent/x.model";
  EXPECT_EQ(SentimentAnalyzer::Create(o).status().code(), absl::StatusCode::kNotFound);
  std::remove(path.c_str());
}

// A tiny food-review set and small training settings, for tests that train a model.
std::vector<LabeledText> TinyReviews() {
  std::vector<LabeledText> data;
  for (int i = 0; i < 50; ++i) {
    data.push_back({"很好吃，下次还来", "positive"});
    data.push_back({"太难吃了，再也不点", "negative"});
  }
  return data;
}
TrainOptions SmallTraining(ModelKind kind = ModelKind::kSentiment) {
  TrainOptions t;
  t.kind = kind;
  t.hash_bits = 14;
  t.epochs = 3;
  t.lexicon = Src("data/lexicon/sentiment.tsv");
  if (kind == ModelKind::kEmotion) {
    t.nb_weighting = false;
    t.sentiment_model = Src("data/models/sentiment.model");
  }
  return t;
}

TEST(SentimentTrain, TrainsAndReloads) {
  std::vector<LabeledText> data = TinyReviews();
  std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_tiny.model";
  TrainOptions t = SmallTraining();
  ASSERT_TRUE(TrainSentimentModel(data, t, path).ok());
  SentimentOptions o;
  o.sentiment_model = path;
  o.lexicon = t.lexicon;
  o.emotion_model = Src("data/models/emotion.model");
  auto a = SentimentAnalyzer::Create(o);
  ASSERT_TRUE(a.ok()) << a.status();
  Analysis r;
  ASSERT_TRUE((*a)->Analyze("好吃", &r).ok());
  EXPECT_GT(r.score, 0);
  data.push_back({"x", "meh"});
  EXPECT_EQ(TrainSentimentModel(data, t, path).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MapEmotionLabel("happy"), "joy");
  EXPECT_EQ(MapEmotionLabel("happiness"), "joy");
  EXPECT_EQ(MapEmotionLabel("angry"), "anger");
  EXPECT_EQ(MapEmotionLabel("sad"), "sadness");
  std::remove(path.c_str());
}

// A loaded model scores from its mapping of the file; retraining into the same path replaces
// the file (rename) instead of rewriting it, so an analyzer that is already running keeps its
// weights and a new one sees the new model.
TEST(SentimentTrain, RetrainingOverALoadedModelLeavesItIntact) {
  std::vector<LabeledText> data = TinyReviews();
  std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_replaced.model";
  TrainOptions t = SmallTraining();
  ASSERT_TRUE(TrainSentimentModel(data, t, path).ok());
  SentimentOptions o;
  o.sentiment_model = path;
  o.lexicon = t.lexicon;
  auto a = SentimentAnalyzer::Create(o);
  ASSERT_TRUE(a.ok()) << a.status();
  Analysis before, after;
  ASSERT_TRUE((*a)->Analyze("很好吃", &before).ok());
  EXPECT_GT(before.score, 0);
  for (auto& d : data) d.label = d.label == "positive" ? "negative" : "positive";  // the opposite model
  t.hash_bits = 12;  // and a smaller file
  ASSERT_TRUE(TrainSentimentModel(data, t, path).ok());
  ASSERT_TRUE((*a)->Analyze("很好吃", &after).ok());
  EXPECT_EQ(after.score, before.score);
  auto b = SentimentAnalyzer::Create(o);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_TRUE((*b)->Analyze("很好吃", &after).ok());
  EXPECT_LT(after.score, before.score);
  std::remove(path.c_str());
}

// Domain adaptation and negation-scope features: the model file records them (format v2) and
// the analyzer uses them; two domains with opposite readings of the same phrase are told apart.
TEST(SentimentTrain, DomainsAndNegationFeatures) {
  std::vector<LabeledText> data;
  for (int i = 0; i < 60; ++i) {
    // 很快 is good for delivery (domain 0) and bad for a battery (domain 1).
    data.push_back({"外卖送餐很快，骑手" + std::to_string(i % 7), "positive", 0});
    data.push_back({"外卖送餐太慢，骑手" + std::to_string(i % 5), "negative", 0});
    data.push_back({"手机电池耗电很快，充电" + std::to_string(i % 7), "negative", 1});
    data.push_back({"手机电池很耐用，充电" + std::to_string(i % 5), "positive", 1});
  }
  std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_domains.model";
  TrainOptions t;
  t.hash_bits = 16;
  t.domain_bits = 12;
  t.epochs = 4;
  t.domain_features = true;
  t.negation_features = true;
  t.lexicon = Src("data/lexicon/sentiment.tsv");
  ASSERT_TRUE(TrainSentimentModel(data, t, path).ok());
  SentimentOptions o;
  o.sentiment_model = path;
  o.lexicon = t.lexicon;
  auto a = SentimentAnalyzer::Create(o);
  ASSERT_TRUE(a.ok()) << a.status();
  Analysis r;
  ASSERT_TRUE((*a)->Analyze("外卖送餐很快，骑手", &r).ok());
  EXPECT_GT(r.score, 0);
  ASSERT_TRUE((*a)->Analyze("手机电池耗电很快，充电", &r).ok());
  EXPECT_LT(r.score, 0);
  ASSERT_TRUE((*a)->Analyze("不是不好，但是", &r).ok());  // negation scope on hostile-ish text
  // A truncated v2 file is rejected clearly, not read past its end.
  std::string bytes;
  {
    std::ifstream f(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  }
  {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size() - 3));
  }
  auto bad = SentimentAnalyzer::Create(o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  std::remove(path.c_str());
}

// Format version 1 files (no feature flags, no domain section) still load.
TEST(SentimentModelFile, ReadsVersion1) {
  std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_v1.model";
  {
    std::ofstream f(path, std::ios::binary);
    f.write("VOCSENTM", 8);
    uint32_t header[5] = {1, 1, 12, 1, 4};  // version, kind, bits, classes, max_ngram
    f.write(reinterpret_cast<const char*>(header), sizeof(header));
    float scale = 1e-4f, bias = 0.5f;
    f.write(reinterpret_cast<const char*>(&scale), 4);
    f.write(reinterpret_cast<const char*>(&bias), 4);
    std::string w(size_t{2} << 12, '\0');
    f.write(w.data(), static_cast<std::streamsize>(w.size()));
  }
  SentimentOptions o;
  o.sentiment_model = path;
  o.lexicon = Src("data/lexicon/sentiment.tsv");
  auto a = SentimentAnalyzer::Create(o);
  ASSERT_TRUE(a.ok()) << a.status();
  Analysis r;
  ASSERT_TRUE((*a)->Analyze("还行", &r).ok());
  std::remove(path.c_str());
}

// Per-class bias tuning for macro-F1 runs end to end on a small emotion set.
TEST(SentimentTrain, EmotionBiasTuning) {
  std::vector<LabeledText> data;
  const char* kRows[][2] = {{"气死我了，太过分", "angry"}, {"好开心啊，太棒了", "happy"},
                            {"好难过，想哭", "sad"},       {"好害怕，吓死了", "fear"},
                            {"天哪，居然是真的", "surprise"}, {"今天去上班", "neutral"}};
  for (int i = 0; i < 40; ++i) {
    for (const auto& r : kRows) data.push_back({std::string(r[0]) + std::to_string(i), r[1], 0});
  }
  std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_emo.model";
  TrainOptions t = SmallTraining(ModelKind::kEmotion);
  t.bias_tuning_domains = {0};
  ASSERT_TRUE(TrainSentimentModel(data, t, path).ok());
  SentimentOptions o;
  o.emotion_model = path;
  o.lexicon = t.lexicon;
  auto a = SentimentAnalyzer::Create(o);
  ASSERT_TRUE(a.ok()) << a.status();
  Analysis r;
  ASSERT_TRUE((*a)->Analyze("好开心啊，太棒了", &r).ok());
  EXPECT_EQ(r.emotion, "joy");
  t.bias_tuning_domains = {5};  // no rows of that domain
  EXPECT_EQ(TrainSentimentModel(data, t, path).code(), absl::StatusCode::kInvalidArgument);
  std::remove(path.c_str());
}

// Emotion models read word uni/bigrams (from the segmenter) and the stacked lexicon/sentiment
// features by default; either can be turned off, and each model is scored with the features it
// was trained with.
TEST(SentimentTrain, EmotionWordAndStackFeaturesAreOptional) {
  std::vector<LabeledText> data;
  const char* kRows[][2] = {{"气死我了，太过分了", "angry"}, {"好开心啊，太棒了", "happy"},
                            {"好难过，想哭", "sad"},         {"今天去上班", "neutral"}};
  for (int i = 0; i < 30; ++i) {
    for (const auto& r : kRows) data.push_back({std::string(r[0]) + std::to_string(i), r[1]});
  }
  for (int variant = 0; variant < 3; ++variant) {
    std::string path =
        ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_emo_features.model";
    TrainOptions t = SmallTraining(ModelKind::kEmotion);
    t.emotion_word_features = variant != 1;
    t.emotion_stack_features = variant != 2;
    ASSERT_TRUE(TrainSentimentModel(data, t, path).ok()) << variant;
    SentimentOptions o;
    o.emotion_model = path;
    o.lexicon = t.lexicon;
    auto a = SentimentAnalyzer::Create(o);
    ASSERT_TRUE(a.ok()) << a.status();
    Analysis r;
    ASSERT_TRUE((*a)->Analyze("好开心啊，太棒了", &r).ok());
    EXPECT_EQ(r.emotion, "joy") << variant;
    ASSERT_TRUE((*a)->Analyze("气死我了，太过分了", &r).ok());
    EXPECT_EQ(r.emotion, "anger") << variant;
    std::remove(path.c_str());
  }
}

// Out-of-fold bias tuning (two folds here) keeps repeated rows in one fold and is deterministic.
TEST(SentimentTrain, EmotionBiasTuningOutOfFoldIsDeterministic) {
  std::vector<LabeledText> data;
  const char* kRows[][2] = {{"气死我了，太过分", "angry"}, {"好开心啊，太棒了", "happy"},
                            {"好难过，想哭", "sad"},       {"今天去上班", "neutral"}};
  for (int rep = 0; rep < 2; ++rep) {
    for (int i = 0; i < 20; ++i) {
      for (const auto& r : kRows) data.push_back({std::string(r[0]) + std::to_string(i), r[1], 0});
    }
  }
  for (int i = 0; i < 10; ++i) data.push_back({"好害怕，吓死了" + std::to_string(i), "fear", 1});
  TrainOptions t;
  t.kind = ModelKind::kEmotion;
  t.hash_bits = 14;
  t.epochs = 3;
  t.nb_weighting = false;
  t.lexicon = Src("data/lexicon/sentiment.tsv");
  t.sentiment_model = Src("data/models/sentiment.model");
  t.bias_tuning_domains = {0};
  t.bias_tuning_fraction = 0.5;
  const std::string prefix = ::testing::TempDir() + "/" + std::to_string(::getpid());
  const std::string a = prefix + "_emo_oof_a.model", b = prefix + "_emo_oof_b.model";
  ASSERT_TRUE(TrainSentimentModel(data, t, a).ok());
  ASSERT_TRUE(TrainSentimentModel(data, t, b).ok());
  auto slurp = [](const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  };
  const std::string ca = slurp(a);
  EXPECT_FALSE(ca.empty());
  EXPECT_EQ(ca, slurp(b));
  SentimentOptions o;
  o.emotion_model = a;
  o.lexicon = t.lexicon;
  auto an = SentimentAnalyzer::Create(o);
  ASSERT_TRUE(an.ok()) << an.status();
  Analysis r;
  ASSERT_TRUE((*an)->Analyze("好开心啊，太棒了", &r).ok());
  EXPECT_EQ(r.emotion, "joy");
  std::remove(a.c_str());
  std::remove(b.c_str());
}

}  // namespace
}  // namespace voc
