// Normaliser and segmenter: normalisation with offsets into the original, mixed script, user
// dictionaries (immediate effect, save/load), threads, robustness.
#include "voc/text.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "core/data_path.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace voc {
namespace {

using V = std::vector<std::string>;

std::vector<std::string> WordsOf(const Segmenter& seg, const std::string& text) {
  std::vector<std::string> out;
  for (const Token& t : seg.Segment(text)) out.push_back(text.substr(t.start, t.end - t.start));
  return out;
}

std::unique_ptr<Segmenter> NewSegmenter(SegmenterOptions o = SegmenterOptions()) {
  auto s = Segmenter::Create(o);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? std::move(*s) : nullptr;
}

// ---------------------------------------------------------------- normaliser

TEST(NormalizerTest, FullWidthTraditionalAndCase) {
  auto n = Normalizer::Create(NormalizerOptions());
  ASSERT_TRUE(n.ok()) << n.status();
  auto r = (*n)->Normalize("ＡＢＣ１２３，難道你們不知道嗎？ iPhone");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "abc123,难道你们不知道吗? iphone");
}

TEST(NormalizerTest, OffsetsPointIntoTheOriginal) {
  auto n = Normalizer::Create(NormalizerOptions());
  ASSERT_TRUE(n.ok());
  const std::string in = "Ａ退貨x";  // 3 + 3 + 3 + 1 bytes
  auto r = (*n)->Normalize(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "a退货x");
  ASSERT_EQ(r->source_start.size(), r->text.size());
  ASSERT_EQ(r->source_end.size(), r->text.size());
  EXPECT_EQ(r->source_start[0], 0u);
  EXPECT_EQ(r->source_end[0], 3u);
  EXPECT_EQ(r->source_start[1], 3u);  // 退 (unchanged)
  EXPECT_EQ(r->source_start[4], 6u);  // 货 came from 貨
  EXPECT_EQ(r->source_end[6], 9u);
  EXPECT_EQ(r->source_start[7], 9u);
  for (size_t i = 1; i < r->text.size(); ++i) EXPECT_LE(r->source_start[i - 1], r->source_start[i]);
}

TEST(NormalizerTest, ControlCharactersAndInvalidUtf8) {
  auto n = Normalizer::Create(NormalizerOptions());
  ASSERT_TRUE(n.ok());
  auto r = (*n)->Normalize(std::string("a\tb\x01\xe3\x80\x80" "c", 8));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "a b  c");
  auto bad = (*n)->Normalize("ok\xff");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->text, "ok\xEF\xBF\xBD");  // U+FFFD
  NormalizerOptions strict;
  strict.invalid_utf8 = InvalidUtf8::kError;
  auto s = Normalizer::Create(strict);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->Normalize("ok\xff").status().code(), absl::StatusCode::kInvalidArgument);
}

// ---------------------------------------------------------------- segmenter

class SegmenterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { seg_ = NewSegmenter().release(); }
  static void TearDownTestSuite() {
    delete seg_;
    seg_ = nullptr;
  }
  static Segmenter* seg_;
};
Segmenter* SegmenterTest::seg_ = nullptr;

TEST_F(SegmenterTest, DomainWords) {
  EXPECT_EQ(WordsOf(*seg_, "退货审批太慢了"), (V{"退货审批", "太慢", "了"}));
  EXPECT_EQ(WordsOf(*seg_, "骑手送餐很快"), (V{"骑手", "送餐", "很快"}));
}

TEST_F(SegmenterTest, TokensAreOriginalTextAfterNormalisation) {
  const std::string in = "退貨審批太慢了";
  EXPECT_EQ(WordsOf(*seg_, in), (V{"退貨審批", "太慢", "了"}));
  EXPECT_EQ(WordsOf(*seg_, "ｉＰｈｏｎｅ１５很好"), (V{"ｉＰｈｏｎｅ１５", "很", "好"}));
}

TEST_F(SegmenterTest, MixedScript) {
  EXPECT_EQ(WordsOf(*seg_, "等了3天，花了15.5元"), (V{"等", "了", "3天", "，", "花", "了", "15.5元"}));
  EXPECT_EQ(WordsOf(*seg_, "看https://x.cn/a?b=1 @客服小王 😀😀"),
            (V{"看", "https://x.cn/a?b=1", "@客服小王", "😀", "😀"}));
  // An e-mail address is one token, also right after Han text; a mention stays a mention.
  EXPECT_EQ(WordsOf(*seg_, "请发到lily_chen88@example.cn，谢谢"),
            (V{"请", "发到", "lily_chen88@example.cn", "，", "谢谢"}));
  auto mail = seg_->Segment("a.b-c@mail.qq.com");
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].tag, TokenTag::kUrl);
  EXPECT_EQ(WordsOf(*seg_, "user@localhost"), (V{"user", "@localhost"}));
  EXPECT_EQ(WordsOf(*seg_, "订单123@"), (V{"订单", "123", "@"}));
  // Spaces separate and are never tokens.
  EXPECT_EQ(WordsOf(*seg_, "  物流  客服  "), (V{"物流", "客服"}));
  auto tokens = seg_->Segment("物流 abc 😀");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].tag, TokenTag::kLatin);
  EXPECT_EQ(tokens[2].tag, TokenTag::kEmoji);
}

TEST_F(SegmenterTest, AllocationLightOverloadMatches) {
  std::vector<Token> out = {{1, 2, TokenTag::kNoun}};
  seg_->Segment("物流很快但是客服态度很差", &out);
  EXPECT_EQ(out, seg_->Segment("物流很快但是客服态度很差"));
}

TEST(SegmenterUserDictTest, AddRemoveSaveLoadTakeEffectImmediately) {
  auto seg = NewSegmenter();
  ASSERT_NE(seg, nullptr);
  const std::string text = "这个蓝牙耳机续航拉胯";
  auto words = WordsOf(*seg, text);
  EXPECT_EQ(std::count(words.begin(), words.end(), "续航拉胯"), 0);
  ASSERT_TRUE(seg->AddWord("续航拉胯").ok());
  words = WordsOf(*seg, text);
  EXPECT_NE(std::find(words.begin(), words.end(), "续航拉胯"), words.end());
  // Traditional / full-width forms of a user word match too.
  ASSERT_TRUE(seg->AddWord("藍牙耳機").ok());
  words = WordsOf(*seg, text);
  EXPECT_NE(std::find(words.begin(), words.end(), "蓝牙耳机"), words.end());

  const std::string path =
      ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_voc_user_dict.txt";
  ASSERT_TRUE(seg->RemoveWord("续航拉胯").ok());
  ASSERT_TRUE(seg->RemoveWord("客服").ok());
  words = WordsOf(*seg, text);
  EXPECT_EQ(std::find(words.begin(), words.end(), "续航拉胯"), words.end());
  EXPECT_EQ(WordsOf(*seg, "客服"), (V{"客", "服"}));
  ASSERT_TRUE(seg->SaveUserDict(path).ok());

  auto other = NewSegmenter();
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(other->LoadUserDict(path).ok());
  EXPECT_EQ(WordsOf(*other, text), WordsOf(*seg, text));
  EXPECT_EQ(WordsOf(*other, "客服态度"), WordsOf(*seg, "客服态度"));
  std::remove(path.c_str());

  EXPECT_FALSE(seg->AddWord("").ok());
  EXPECT_FALSE(seg->AddWord("两个 词").ok());
  EXPECT_FALSE(seg->AddWord("\xff").ok());
  EXPECT_EQ(seg->LoadUserDict("/nonexistent/dict.txt").code(), absl::StatusCode::kNotFound);
}

TEST(SegmenterThreadTest, EightThreadsMatchOneThread) {
  auto seg = NewSegmenter();
  ASSERT_NE(seg, nullptr);
  const std::vector<std::string> texts = {
      "物流很快，包装也很好，但是客服态度太差了，问了三次都没人回复，要求退款😡",
      "味道不错，分量也足，就是送餐有点慢，等了1个多小时，汤都凉了，骑手态度也差。",
      "這款車動力充沛，油耗6.5L也不高，就是隔音效果一般，4S店提車時發現掉漆。",
      "退货审批太慢了，七天无理由退货居然要等2周，售后电话一直打不通，差评！ＡＢＣ"};
  std::vector<std::vector<Token>> want;
  for (const auto& t : texts) want.push_back(seg->Segment(t));
  std::vector<int> ok(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      bool same = true;
      std::vector<Token> out;
      for (int i = 0; i < 300; ++i) {
        const size_t k = (i + t) % texts.size();
        seg->Segment(texts[k], &out);
        same = same && out == want[k];
      }
      ok[t] = same;
    });
  }
  // A concurrent user-dictionary update of a word none of the texts contains.
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(seg->AddWord("不相干词" + std::to_string(i % 5)).ok());
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_TRUE(v);
}

TEST(SegmenterRobustnessTest, HostileInputs) {
  auto seg = NewSegmenter();
  ASSERT_NE(seg, nullptr);
  std::string ten_mb;
  while (ten_mb.size() < 10u << 20) ten_mb += "物流很快但是客服态度很差，";
  const std::string inputs[] = {
      "", std::string("\xff\xfe\xc3\x28\xed\xa0\x80\xf4\x90\x80\x80", 11),
      std::string("\x00\x00物流\x00", 9), "😀😀😀👍🏻👨‍👩‍👧‍👦🇨🇳", "。。。！！！，，，；；……——",
      std::string(1 << 20, 'a'), ten_mb};
  for (const std::string& in : inputs) {
    auto tokens = seg->Segment(in);
    uint32_t prev = 0;
    for (const Token& t : tokens) {
      ASSERT_LT(t.start, t.end);
      ASSERT_LE(t.end, in.size());
      ASSERT_GE(t.start, prev);
      prev = t.end;
    }
  }
  EXPECT_EQ(WordsOf(*seg, "😀👍🏻"), (V{"😀", "👍🏻"}));
}

TEST(SegmenterCreateTest, BadLexiconIsAnError) {
  SegmenterOptions o;
  o.lexicon = "/nonexistent/base.voclex";
  EXPECT_FALSE(Segmenter::Create(o).ok());
  const std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_bad.voclex";
  {
    std::ofstream f(path, std::ios::binary);
    f << "VOCLEX01" << std::string(100, '\xff');
  }
  o.lexicon = path;
  EXPECT_FALSE(Segmenter::Create(o).ok());
  std::remove(path.c_str());
}

// Damaged copies of the real lexicon: each defect is named, and scrambled trie slots (which
// open cannot check without scanning them) segment without reading outside the file.
TEST(SegmenterCreateTest, DamagedLexiconIsNamedOrHarmless) {
  std::string good;
  {
    std::ifstream f(DefaultDataPath("lexicon/base.voclex"), std::ios::binary);
    good.assign(std::istreambuf_iterator<char>(f), {});
  }
  ASSERT_GT(good.size(), size_t{1} << 20);
  const std::string path =
      ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_damaged.voclex";
  auto open_copy = [&](const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    SegmenterOptions o;
    o.lexicon = path;
    return Segmenter::Create(o);
  };
  std::string old_version = good;
  old_version[8] = 3;
  EXPECT_THAT(open_copy(old_version).status().message(), ::testing::HasSubstr("format version 3"));
  EXPECT_THAT(open_copy(good.substr(0, good.size() - 1)).status().message(),
              ::testing::HasSubstr("does not match its header"));
  std::string bad_root = good;
  const size_t root_of_han_one = 120 + 8 * 0x4E00;  // the root entry of 一
  bad_root.replace(root_of_han_one, 4, "\xff\xff\xff\x7f");
  EXPECT_THAT(open_copy(bad_root).status().message(), ::testing::HasSubstr("root table"));
  std::string scrambled = good;
  uint32_t x = 12345;
  for (size_t i = 120 + 8 * 65536; i < scrambled.size(); ++i) {
    x = x * 1103515245u + 12345u;
    scrambled[i] = static_cast<char>(x >> 24);
  }
  auto seg = open_copy(scrambled);
  ASSERT_TRUE(seg.ok()) << seg.status();
  const std::string text = "物流很快，但是客服态度很差😀 abc 123";
  std::string joined;
  for (const Token& t : (*seg)->Segment(text)) joined += text.substr(t.start, t.end - t.start);
  EXPECT_EQ(joined, "物流很快，但是客服态度很差😀abc123");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace voc
