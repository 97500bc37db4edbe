// Tests of the core helpers: JSON, UTF-8, the code-point matcher, mapped files, timestamps and
// feedback validation.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/code_point_matcher.h"
#include "core/files.h"
#include "core/json.h"
#include "core/mapped_file.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "voc/analysis.h"
#include "voc/types.h"

namespace voc {
namespace {

TEST(Json, ParsesNestedValuesInOrder) {
  auto v = json::Parse(R"( {"b": [1, 2.5, -3e2], "a": {"x": null, "y": true}, "s": "中文\u4e2d\n"} )");
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_TRUE(v->is_object());
  EXPECT_EQ(v->members()[0].first, "b");
  EXPECT_EQ(v->Find("b")->items()[2].number(), -300);
  EXPECT_TRUE(v->Find("a")->Find("x")->is_null());
  EXPECT_TRUE(v->Find("a")->Find("y")->bool_value());
  EXPECT_EQ(v->Find("s")->str(), "中文中\n");
  EXPECT_EQ(v->Find("missing"), nullptr);
}

TEST(Json, DecodesSurrogatePairs) {
  auto v = json::Parse(R"("\ud83d\ude00")");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->str(), "\xF0\x9F\x98\x80");
}

TEST(Json, RejectsMalformedInputWithOffset) {
  for (const char* bad : {"{", "[1,]", "{\"a\" 1}", "\"\\ud800\"", "01", "nul", "\"a\tb\"",
                          "{} x", "\"\xC3\x28\"", "1.", "-"}) {
    auto v = json::Parse(bad);
    EXPECT_FALSE(v.ok()) << bad;
    if (!v.ok()) {
      EXPECT_NE(std::string(v.status().message()).find("invalid JSON at byte"), std::string::npos);
    }
  }
}

TEST(Json, LimitsDepth) {
  std::string deep(1000, '[');
  deep += std::string(1000, ']');
  EXPECT_FALSE(json::Parse(deep).ok());
}

TEST(Json, WriterRoundTrips) {
  std::string out;
  json::Writer w(&out);
  w.BeginObject().Key("id").String("a\"b").Key("n").Number(0.25).Key("i").Int(-7);
  w.Key("list").BeginArray().Bool(true).Null().String("中").EndArray().EndObject();
  EXPECT_EQ(out, R"({"id":"a\"b","n":0.25,"i":-7,"list":[true,null,"中"]})");
  auto v = json::Parse(out);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(json::Serialize(*v), out);
}

TEST(Json, QuotingReplacesInvalidUtf8AndEscapesControls) {
  std::string out;
  json::AppendQuoted(&out, std::string("a\x01\xFF", 3));
  EXPECT_EQ(out, "\"a\\u0001\xEF\xBF\xBD\"");
  EXPECT_TRUE(json::Parse(out).ok());
}

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_TRUE(utf8::IsValid("hello 你好 😀"));
  EXPECT_EQ(utf8::FindInvalid("ab\xC0\x80"), 2u);          // overlong
  EXPECT_EQ(utf8::FindInvalid("\xED\xA0\x80"), 0u);        // surrogate
  EXPECT_EQ(utf8::FindInvalid("x\xF4\x90\x80\x80"), 1u);   // > U+10FFFF
  EXPECT_EQ(utf8::FindInvalid("\xE4\xBD"), 0u);            // truncated
  EXPECT_EQ(utf8::Sanitize("a\xFF"), "a\xEF\xBF\xBD");
  EXPECT_EQ(utf8::Length("你好a"), 3u);
}

// (start, end, value) triples, for readable expectations.
std::vector<std::vector<int>> Found(const CodePointMatcher& m, std::string_view text) {
  std::vector<CodePointMatcher::Match> found;
  m.FindAll(text, &found);
  std::vector<std::vector<int>> out;
  for (const auto& f : found) {
    out.push_back({static_cast<int>(f.start), static_cast<int>(f.end), f.value});
  }
  return out;
}

TEST(CodePointMatcher, ReportsOverlappingMatchesByEndThenLongestFirst) {
  CodePointMatcher m;
  m.Add("退货", 1);
  m.Add("退货审批", 2);
  m.Add("审批", 3);
  m.Add("货审", 4);
  m.Add("审批", 5);  // the same word again: both copies report, in the order added
  m.Build();
  using ::testing::ElementsAre;
  EXPECT_THAT(Found(m, "退货审批慢"),
              ElementsAre(ElementsAre(0, 6, 1), ElementsAre(3, 9, 4), ElementsAre(0, 12, 2),
                          ElementsAre(6, 12, 3), ElementsAre(6, 12, 5)));
  // Appends: what *out held stays in front.
  std::vector<CodePointMatcher::Match> found = {{7, 8, 9}};
  m.FindAll("审批", &found);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].value, 9);
  EXPECT_EQ(found[1].value, 3);
  EXPECT_EQ(found[2].value, 5);
}

TEST(CodePointMatcher, LongestAtPrefersTheLongestWord) {
  CodePointMatcher m;
  m.Add("不", 1);
  m.Add("不错", 2);
  m.Add("不错的服务", 3);
  m.Build();
  int32_t value = -1;
  EXPECT_EQ(m.LongestAt("不错的", 0, &value), 6u);  // 不错的服务 is cut short by the text
  EXPECT_EQ(value, 2);
  EXPECT_EQ(m.LongestAt("不错的服务", 0, &value), 15u);
  EXPECT_EQ(value, 3);
  // A shorter view bounds the length, even when it ends inside a code point.
  EXPECT_EQ(m.LongestAt(std::string_view("不错的服务").substr(0, 14), 0, &value), 6u);
  EXPECT_EQ(value, 2);
  EXPECT_EQ(m.LongestAt(std::string_view("不错").substr(0, 2), 0, &value), 0u);
  EXPECT_EQ(m.LongestAt("很不错", 0, &value), 0u);
  EXPECT_EQ(m.LongestAt("很不错", 3, &value), 6u);
  EXPECT_EQ(m.LongestAt("很不错", 9, &value), 0u);  // at the end of the text
}

TEST(CodePointMatcher, MatchesNonBmpCodePoints) {
  CodePointMatcher m;
  m.Add("😀", 1);      // U+1F600
  m.Add("𠮷野家", 2);  // U+20BB7 first
  m.Add("👍👍", 3);
  m.Build();
  using ::testing::ElementsAre;
  EXPECT_THAT(Found(m, "a😀𠮷野家👍👍👍"),
              ElementsAre(ElementsAre(1, 5, 1), ElementsAre(5, 15, 2), ElementsAre(15, 23, 3),
                          ElementsAre(19, 27, 3)));
  int32_t value = -1;
  EXPECT_EQ(m.LongestAt("𠮷野家", 0, &value), 10u);
  EXPECT_EQ(value, 2);
  // A lone continuation byte or a truncated sequence is a symbol of its own: no word spans it.
  EXPECT_THAT(Found(m, "\x80😀\xF0\x9F👍\xF0\x9F"), ElementsAre(ElementsAre(1, 5, 1)));
}

TEST(CodePointMatcher, IgnoresEmptyWords) {
  CodePointMatcher m;
  EXPECT_FALSE(m.Add("", 1));
  m.Build();
  EXPECT_TRUE(m.empty());
  EXPECT_TRUE(Found(m, "anything").empty());
  int32_t value = -1;
  EXPECT_EQ(m.LongestAt("anything", 0, &value), 0u);

  CodePointMatcher n;
  EXPECT_FALSE(n.Add("", 1));
  EXPECT_TRUE(n.Add("a", 2));
  n.Build();
  EXPECT_FALSE(n.empty());
  EXPECT_EQ(Found(n, "a").size(), 1u);
}

TEST(CodePointMatcher, FindsAWordAtTheVeryEndOfTheText) {
  CodePointMatcher m;
  m.Add("好", 1);
  m.Add("好评", 2);  // only its first character is left at the end
  m.Add("!", 3);
  m.Build();
  using ::testing::ElementsAre;
  EXPECT_THAT(Found(m, "服务好"), ElementsAre(ElementsAre(6, 9, 1)));
  EXPECT_THAT(Found(m, "好!"), ElementsAre(ElementsAre(0, 3, 1), ElementsAre(3, 4, 3)));
  int32_t value = -1;
  EXPECT_EQ(m.LongestAt("服务好", 6, &value), 3u);
  EXPECT_EQ(value, 1);
}

TEST(CodePointMatcher, FoldsAsciiCaseOnlyWhenAsked) {
  CodePointMatcher exact;
  exact.Add("App", 1);
  exact.Build();
  CodePointMatcher folded(CodePointMatcher::Case::kFoldAscii);
  folded.Add("App", 1);
  folded.Add("Ｘ", 2);  // full-width letters are not ASCII: matched exactly
  folded.Build();
  EXPECT_EQ(Found(exact, "APP app App").size(), 1u);
  EXPECT_EQ(Found(folded, "APP app App").size(), 3u);
  EXPECT_EQ(Found(folded, "ｘＸ").size(), 1u);
  int32_t value = -1;
  EXPECT_EQ(folded.LongestAt("aPP", 0, &value), 3u);
  EXPECT_EQ(exact.LongestAt("aPP", 0, &value), 0u);
}

TEST(Files, WriteAtomicallyAndCheckInputs) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  const std::string path = dir + "/voc_core_test_files_" + std::to_string(::getpid());
  ASSERT_TRUE(WriteFileAtomically(path, std::string("v1\0x", 4), "test file").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "v2", "test file").ok());  // replaces
  {
    std::ifstream f(path, std::ios::binary);
    std::string got((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    EXPECT_EQ(got, "v2");
  }
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp" + std::to_string(::getpid())));
  EXPECT_TRUE(CheckInputFile(path, "test file").ok());
  std::remove(path.c_str());

  // The file system's failures are Unavailable (VOC_EIO) and say which file and why.
  absl::Status s = WriteFileAtomically(dir + "/no-such-dir-voc/x", "v", "test file");
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(s.message()), ::testing::AllOf(::testing::HasSubstr("test file"),
                                                         ::testing::HasSubstr("no-such-dir-voc/x"),
                                                         ::testing::HasSubstr("No such file")));
  s = CheckInputFile(path, "test file");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  s = CheckInputFile(dir, "test file");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), ::testing::HasSubstr("is a directory"));
}

TEST(Files, FingerprintTellsContentsApart) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  const std::string a = dir + "/voc_core_test_fp_a_" + std::to_string(::getpid());
  const std::string b = dir + "/voc_core_test_fp_b_" + std::to_string(::getpid());
  std::string big(3 << 20, 'x');  // past the sampled size: ends and strides are read
  ASSERT_TRUE(WriteFileAtomically(a, big, "test file").ok());
  ASSERT_TRUE(WriteFileAtomically(b, big, "test file").ok());
  const uint64_t fa = FileFingerprint(a);
  EXPECT_NE(fa, 0u);
  EXPECT_EQ(FileFingerprint(b), fa);  // same bytes, other name
  big[0] = 'y';
  ASSERT_TRUE(WriteFileAtomically(b, big, "test file").ok());
  EXPECT_NE(FileFingerprint(b), fa);
  big[0] = 'x';
  big.pop_back();
  ASSERT_TRUE(WriteFileAtomically(b, big, "test file").ok());
  EXPECT_NE(FileFingerprint(b), fa);  // the size counts
  ASSERT_TRUE(WriteFileAtomically(b, "small", "test file").ok());
  EXPECT_NE(FileFingerprint(b), FileFingerprint(a));
  std::remove(a.c_str());
  std::remove(b.c_str());
  EXPECT_EQ(FileFingerprint(a), 0u);
}

TEST(MappedFile, MapsBytesAndNamesWhatFailed) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  const std::string path = dir + "/voc_core_test_mapped_" + std::to_string(::getpid());
  {
    std::ofstream f(path, std::ios::binary);
    f << std::string("ab\0cd", 5);
  }
  auto file = MappedFile::Open(path, "test table");
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->bytes(), std::string_view("ab\0cd", 5));
  // The mapping outlives the file's name.
  std::remove(path.c_str());
  EXPECT_EQ((*file)->bytes().substr(3), "cd");

  auto missing = MappedFile::Open(path, "test table");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()),
              ::testing::AllOf(::testing::HasSubstr("test table"), ::testing::HasSubstr(path)));
  EXPECT_EQ(MappedFile::Open(dir, "test table").status().code(), absl::StatusCode::kInvalidArgument);

  { std::ofstream f(path, std::ios::binary); }
  auto empty = MappedFile::Open(path, "test table", /*populate=*/true);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_TRUE((*empty)->bytes().empty());
  std::remove(path.c_str());
}

TEST(Time, ParsesCommonForms) {
  EXPECT_EQ(*ParseTimestamp("2026-03-01T08:30:00Z"), 1772353800);
  EXPECT_EQ(*ParseTimestamp("2026-03-01T16:30:00+08:00"), 1772353800);
  EXPECT_EQ(*ParseTimestamp("2026-03-01 08:30:00"), 1772353800);
  EXPECT_EQ(*ParseTimestamp("2026-03-01"), 1772323200);
  EXPECT_EQ(*ParseTimestamp("1772353800"), 1772353800);
  EXPECT_EQ(FormatTimestamp(1772353800), "2026-03-01T08:30:00Z");
  EXPECT_FALSE(ParseTimestamp("yesterday").ok());
  EXPECT_EQ(*ParseDuration("30d"), 30 * 86400);
  EXPECT_FALSE(ParseDuration("30x").ok());
}

TEST(Time, DurationOverflowIsAnErrorNotUb) {
  // Regression: n * 86400 overflowed int64 (UB) for large counts.
  auto d = ParseDuration("999999999999999999d");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(d.status().message().find("'999999999999999999d' is out of range"),
            std::string::npos)
      << d.status();
  EXPECT_FALSE(ParseDuration("999999999999999999w").ok());
  EXPECT_FALSE(ParseDuration("9223372036854775807s").ok());  // over the 10-year bound
  EXPECT_EQ(*ParseDuration("3660d"), kMaxDurationSeconds);
  EXPECT_FALSE(ParseDuration("3661d").ok());
}

Feedback Valid() {
  Feedback f;
  f.id = "a-9";
  f.created_at = 1772353800;
  f.text = "物流太慢了";
  return f;
}

TEST(Validation, NamesRecordAndField) {
  Feedback f = Valid();
  EXPECT_TRUE(ValidateFeedback(f, 17).ok());
  f.rating = Rating{RatingScale::kNps, 11};
  auto s = ValidateFeedback(f, 17);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "record 17 (id=a-9): rating 11 outside nps 0..10");
}

TEST(Validation, RejectsBadFields) {
  Feedback f = Valid();
  f.text = std::string("abc\xFF", 4);
  EXPECT_NE(std::string(ValidateFeedback(f, 1).message()).find("text is not valid UTF-8"),
            std::string::npos);
  f = Valid();
  f.text = std::string("a\0b", 3);
  EXPECT_NE(std::string(ValidateFeedback(f, 1).message()).find("NUL"), std::string::npos);
  f = Valid();
  f.id.clear();
  EXPECT_EQ(ValidateFeedback(f, 3).message(), "record 3: id is missing");
  f = Valid();
  f.created_at = 0;
  EXPECT_NE(std::string(ValidateFeedback(f, 1).message()).find("created_at"), std::string::npos);
  f = Valid();
  f.text = std::string(2 << 20, 'a');
  EXPECT_NE(std::string(ValidateFeedback(f, 1).message()).find("over the limit"),
            std::string::npos);
  f = Valid();
  f.attributes["k"] = std::string("\xC3", 1);
  EXPECT_NE(std::string(ValidateFeedback(f, 1).message()).find("attributes.k"), std::string::npos);
}

TEST(Types, ChannelAndScaleNamesRoundTrip) {
  for (int i = 0; i < kChannelCount; ++i) {
    Channel c = static_cast<Channel>(i);
    EXPECT_EQ(ParseChannel(ChannelName(c)), c);
  }
  EXPECT_FALSE(ParseChannel("fax").has_value());
  EXPECT_EQ(ParseRatingScale("nps"), RatingScale::kNps);
  EXPECT_DOUBLE_EQ(NormalizedRating({RatingScale::kNps, 10}), 1.0);
  EXPECT_DOUBLE_EQ(NormalizedRating({RatingScale::kStars, 1}), -1.0);
  EXPECT_EQ(ParsePolarity(PolarityName(Polarity::kNegative)), Polarity::kNegative);
}

}  // namespace
}  // namespace voc
