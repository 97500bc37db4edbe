#include "voc/keywords.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace voc {
namespace {

using ::testing::Contains;
using ::testing::Not;

std::vector<std::string> Texts(const std::vector<Keyword>& ks) {
  std::vector<std::string> out;
  for (const Keyword& k : ks) out.push_back(k.text);
  return out;
}

class KeywordsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto k = KeywordExtractor::Create(KeywordOptions());
    ASSERT_TRUE(k.ok()) << k.status();
    extractor_ = k->release();
  }
  static void TearDownTestSuite() {
    delete extractor_;
    extractor_ = nullptr;
  }
  static KeywordExtractor* extractor_;
};
KeywordExtractor* KeywordsTest::extractor_ = nullptr;

TEST_F(KeywordsTest, RepeatedTopicWordRanksFirst) {
  std::string text = "物流太慢了，物流客服也不理人，退货审批要等很久";
  auto ks = extractor_->Extract(text, 3);
  ASSERT_FALSE(ks.empty());
  EXPECT_EQ(ks[0].text, "物流");
  EXPECT_EQ(ks[0].count, 2u);
  EXPECT_EQ(text.substr(ks[0].start, ks[0].end - ks[0].start), "物流");
  EXPECT_LE(ks.size(), 3u);
  for (size_t i = 1; i < ks.size(); ++i) EXPECT_GE(ks[i - 1].weight, ks[i].weight);
}

TEST_F(KeywordsTest, StopWordsAndFunctionWordsAreSkipped) {
  auto ks = Texts(extractor_->Extract("我觉得这个东西真的不是很好，但是客服态度还可以", 10));
  EXPECT_THAT(ks, Not(Contains("觉得")));
  EXPECT_THAT(ks, Not(Contains("东西")));
  EXPECT_THAT(ks, Not(Contains("但是")));
  EXPECT_THAT(ks, Not(Contains("很")));
  EXPECT_THAT(ks, Contains("客服"));
}

TEST_F(KeywordsTest, KeysAreNormalisedSurfacesAreOriginal) {
  std::string text = "ＩＰＨＯＮＥ螢幕壞了";
  auto ks = extractor_->Extract(text, 5);
  auto texts = Texts(ks);
  EXPECT_THAT(texts, Contains("iphone"));
  for (const Keyword& k : ks) {
    ASSERT_LE(k.end, text.size());
    EXPECT_EQ(k.surface, text.substr(k.start, k.end - k.start));
  }
}

TEST_F(KeywordsTest, DefaultTopKAndIdf) {
  auto ks = extractor_->Extract(
      "快递员态度恶劣，包装破损，商品掉漆，售后电话打不通，退款迟迟不到账，客服推诿，物流信息不更新");
  EXPECT_EQ(ks.size(), 5u);
  EXPECT_GT(extractor_->Idf("物流"), 0.0);
  // A rare word is more informative than a very common one.
  EXPECT_GT(extractor_->Idf("掉漆"), extractor_->Idf("问题"));
}

TEST_F(KeywordsTest, HostileInputNeverCrashes) {
  const std::string inputs[] = {"", "😀😀😀👍🏻", "。。。！！！", std::string("\xff\xfe\x00物流\x00", 9),
                                std::string(1 << 20, 'a'), "     "};
  for (const std::string& in : inputs) {
    auto ks = extractor_->Extract(in, 5);
    for (const Keyword& k : ks) EXPECT_LE(k.end, in.size());
  }
  // Tokens that do not belong to the text are ignored, not trusted.
  std::vector<Token> foreign = {{0, 100, TokenTag::kNoun}, {5, 2, TokenTag::kNoun}};
  EXPECT_TRUE(extractor_->Extract("物流", foreign, 5).empty());
  // Tokens out of text order (a caller's own) find the same words as in order.
  const std::string text = "物流很快，客服态度差，包装破损";
  auto segmenter = Segmenter::Create(SegmenterOptions());
  ASSERT_TRUE(segmenter.ok()) << segmenter.status();
  std::vector<Token> tokens = (*segmenter)->Segment(text);
  std::vector<Token> reversed(tokens.rbegin(), tokens.rend());
  std::vector<std::string> in_order = Texts(extractor_->Extract(text, tokens, 10));
  std::vector<std::string> out_of_order = Texts(extractor_->Extract(text, reversed, 10));
  ASSERT_GE(in_order.size(), 3u);
  std::sort(in_order.begin(), in_order.end());
  std::sort(out_of_order.begin(), out_of_order.end());
  EXPECT_EQ(in_order, out_of_order);
}

TEST_F(KeywordsTest, AddressesAndCodesAreNoKeywords) {
  auto words = Texts(extractor_->Extract(
      "电子发票请发到我邮箱lily_chen88@example.cn，订单号SO2026081519520，iPhone15也要", 10));
  EXPECT_THAT(words, Contains("电子发票"));
  EXPECT_THAT(words, Contains("iphone15"));
  for (const std::string& w : words) {
    EXPECT_EQ(w.find("lily"), std::string::npos) << w;
    EXPECT_EQ(w.find("2026"), std::string::npos) << w;
  }
}

// Many distinct words (finding a repeated key by scanning the candidates was quadratic in
// them; BM_KeywordsDistinctWords measures it): the repeated word still wins.
TEST_F(KeywordsTest, ManyDistinctWordsKeepTheRepeatedOne) {
  std::string s;
  for (size_t i = 0; s.size() + 6 <= (256 << 10); ++i) {  // kaaaa kaaab ...
    std::string w = "k";
    for (size_t k = 0, v = i; k < 4; ++k, v /= 26) w += static_cast<char>('a' + v % 26);
    s += w + " ";
    if (i % 100 == 0) s += "退货审批 ";
  }
  std::vector<Keyword> top = extractor_->Extract(s, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].text, "退货审批");
}

TEST_F(KeywordsTest, ThreadsAgree) {
  std::string text = "外卖送餐太慢，骑手态度差，商家还少送了饮料，客服处理退款很慢";
  auto want = Texts(extractor_->Extract(text, 5));
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      bool same = true;
      for (int i = 0; i < 200; ++i) same = same && Texts(extractor_->Extract(text, 5)) == want;
      ok[t] = same;
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_TRUE(v);
}

TEST(KeywordsCreateTest, BadTablesAreErrors) {
  KeywordOptions o;
  o.idf_path = "/nonexistent/idf.bin";
  EXPECT_EQ(KeywordExtractor::Create(o).status().code(), absl::StatusCode::kNotFound);
  std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_bad_idf.bin";
  {
    std::ofstream f(path, std::ios::binary);
    f << "VOCIDF01" << std::string(16, '\x7f');
  }
  o.idf_path = path;
  EXPECT_EQ(KeywordExtractor::Create(o).status().code(), absl::StatusCode::kDataLoss);
  o.idf_path.clear();
  o.top_k = 0;
  EXPECT_EQ(KeywordExtractor::Create(o).status().code(), absl::StatusCode::kInvalidArgument);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace voc

namespace voc {
namespace {

TEST(IdfTableTest, CorpusTableReflectsDocumentFrequency) {
  auto base = KeywordExtractor::Create(KeywordOptions());
  ASSERT_TRUE(base.ok()) << base.status();
  // 物流 is in every document, 骑手 in two, 冰淇淋 in one (below min_df).
  std::vector<std::string> docs = {"物流很快，骑手态度好", "物流太慢了", "物流还行，骑手迟到",
                                   "物流一般", "物流不错，冰淇淋化了"};
  const std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_corpus.idf";
  ASSERT_TRUE(WriteIdfTable(**base, docs, path).ok());
  KeywordOptions o;
  o.idf_path = path;
  auto corpus = KeywordExtractor::Create(o);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  EXPECT_GT((*corpus)->Idf("骑手"), (*corpus)->Idf("物流"));
  EXPECT_GT((*corpus)->Idf("冰淇淋"), (*corpus)->Idf("骑手"));  // unseen: as rare as df = 1
  // A word in every document barely counts as a key phrase against a rarer one.
  auto ks = (*corpus)->Extract("物流骑手", 1);
  ASSERT_EQ(ks.size(), 1u);
  EXPECT_EQ(ks[0].text, "骑手");
  EXPECT_EQ(WriteIdfTable(**base, {}, path).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(WriteIdfTable(**base, docs, "/nonexistent-dir/x.idf").ok());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace voc
