// Mixed-script scanners of the segmenter: emoji sequences, keycaps, dates and clock times,
// numeral + classifier splitting, hostile input. (tests/text_test.cc covers the rest.)
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "voc/text.h"

namespace voc {
namespace {

class ScannersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto s = Segmenter::Create(SegmenterOptions());
    ASSERT_TRUE(s.ok()) << s.status();
    seg_ = s->release();
  }
  static void TearDownTestSuite() {
    delete seg_;
    seg_ = nullptr;
  }
  static std::vector<std::string> Words(const std::string& text) {
    std::vector<std::string> out;
    for (const Token& t : seg_->Segment(text)) out.push_back(text.substr(t.start, t.end - t.start));
    return out;
  }
  static std::vector<TokenTag> Tags(const std::string& text) {
    std::vector<TokenTag> out;
    for (const Token& t : seg_->Segment(text)) out.push_back(t.tag);
    return out;
  }
  static Segmenter* seg_;
};
Segmenter* ScannersTest::seg_ = nullptr;

using V = std::vector<std::string>;

TEST_F(ScannersTest, EmojiSequencesAreOneTokenEach) {
  EXPECT_EQ(Words("👨‍👩‍👧‍👦👍🏻🇨🇳❤️1️⃣#️⃣"), (V{"👨‍👩‍👧‍👦", "👍🏻", "🇨🇳", "❤️", "1️⃣", "#️⃣"}));
  for (TokenTag t : Tags("👨‍👩‍👧‍👦👍🏻1️⃣")) EXPECT_EQ(t, TokenTag::kEmoji);
  // A joiner outside an emoji separates, it is not a token.
  EXPECT_EQ(Words("物流\u200d客服"), (V{"物流", "客服"}));
}

TEST_F(ScannersTest, DatesAndTimes) {
  EXPECT_EQ(Words("2024-01-05到货"), (V{"2024-01-05", "到货"}));
  EXPECT_EQ(Words("2024/1/5 12:30"), (V{"2024/1/5", "12:30"}));
  EXPECT_EQ(Words("08:15:00发车"), (V{"08:15:00", "发车"}));
  EXPECT_EQ(Tags("2024-01-05")[0], TokenTag::kTime);
  // Full-width forms are dates too, and the token is the original text.
  EXPECT_EQ(Words("２０２４－０１－０５"), (V{"２０２４－０１－０５"}));
  // Not dates: a phone-like number and a long time.
  EXPECT_NE(Words("2024-01-05x")[0], "2024-01-05");
  EXPECT_NE(Words("12:345")[0], "12:345");
}

TEST_F(ScannersTest, NumeralClassifierPairsSplit) {
  EXPECT_EQ(Words("一位客服"), (V{"一", "位", "客服"}));
  EXPECT_EQ(Words("这位客服"), (V{"这", "位", "客服"}));
  // Frequent fused forms stay words.
  EXPECT_EQ(Words("一个"), (V{"一个"}));
}

TEST_F(ScannersTest, NumbersWithUnits) {
  EXPECT_EQ(Words("等了3天"), (V{"等", "了", "3天"}));
  EXPECT_EQ(Words("15.5元"), (V{"15.5元"}));
  EXPECT_EQ(Words("2小时"), (V{"2小时"}));
}

TEST_F(ScannersTest, HostileInputKeepsInvariants) {
  const std::string inputs[] = {std::string("\xff\xfe\x00\x00\xe7\x89", 6),
                                std::string(100000, '\x00'),
                                std::string(20000, '@'),
                                "http://" + std::string(100000, 'x'),
                                std::string(50000, '1') + "-" + std::string(50000, '2'),
                                "\u0301\u0301\u0301物流",
                                "\u200d\u200d\ufe0f\u20e3"};
  for (const std::string& in : inputs) {
    uint32_t prev = 0;
    for (const Token& t : seg_->Segment(in)) {
      ASSERT_LT(t.start, t.end);
      ASSERT_LE(t.end, in.size());
      ASSERT_GE(t.start, prev);
      prev = t.end;
    }
  }
}

}  // namespace
}  // namespace voc
