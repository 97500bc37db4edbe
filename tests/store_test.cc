// Tests of the SQLite store: migrations, ingest modes, import formats, PII, queries, analysis.
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/sqlite.h"
#include "voc/redact.h"
#include "voc/store.h"

namespace voc {
namespace {

using ::testing::HasSubstr;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("voc_store_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "voc.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Store> Open() {
    StoreOptions o;
    o.path = path_;
    auto s = Store::Open(o);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? std::move(*s) : nullptr;
  }

  static Feedback Record(const std::string& id, const std::string& text, int64_t t = 1772353800) {
    Feedback f;
    f.id = id;
    f.text = text;
    f.created_at = t;
    f.channel = Channel::kAppReview;
    return f;
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(StoreTest, CreatesSchemaAndReopens) {
  {
    auto store = Open();
    EXPECT_EQ(store->schema_version(), Store::LatestSchemaVersion());
    ASSERT_TRUE(store->Ingest({Record("a", "物流太慢")}).ok());
  }
  auto store = Open();
  EXPECT_EQ(*store->CountFeedback(), 1);
}

// Offsets and polarities read back from a damaged or hand-edited store are never out of
// range (a double cast to an integer out of range is undefined; an offset past the text breaks
// every reader of spans): they read as 0 and neutral.
TEST_F(StoreTest, DamagedAnalysisRowsReadAsZeroAndNeutral) {
  {
    auto store = Open();
    ASSERT_TRUE(store->Ingest({Record("a", "物流太慢，客服很差")}).ok());
    Analysis a;
    a.polarity = Polarity::kNegative;
    ClauseResult c;
    c.span = {0, 12};
    c.evidence = {{0, 6}};
    a.clauses = {c};
    ThemeMention t;
    t.theme = "logistics.speed";
    t.polarity = Polarity::kNegative;
    t.span = {0, 6};
    a.themes = {t};
    ASSERT_TRUE(store->SaveAnalysis({{"a", a}}, "test").ok());
  }
  {
    sqlite3* db;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "UPDATE analysis SET polarity = 7, details = '{\"clauses\":[{\"start\":1e300,"
                           "\"end\":-5,\"polarity\":1e300,\"score\":0.5,\"evidence\":[[-1,1e20]]}]}';"
                           "UPDATE analysis_theme SET polarity = 9, span_start = -1, span_end = 1e12;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = Open();
  auto rows = store->LoadAnalyzed(FeedbackQuery());
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  const Analysis& a = (*rows)[0].analysis;
  EXPECT_EQ(a.polarity, Polarity::kPositive);  // 7 reads as its sign, never as an eighth value
  ASSERT_EQ(a.clauses.size(), 1u);
  EXPECT_EQ(a.clauses[0].span.start, 0u);
  EXPECT_EQ(a.clauses[0].span.end, 0u);
  EXPECT_EQ(a.clauses[0].polarity, Polarity::kPositive);
  ASSERT_EQ(a.clauses[0].evidence.size(), 1u);
  EXPECT_EQ(a.clauses[0].evidence[0].start, 0u);
  EXPECT_EQ(a.clauses[0].evidence[0].end, 0u);
  ASSERT_EQ(a.themes.size(), 1u);
  EXPECT_EQ(a.themes[0].polarity, Polarity::kPositive);
  EXPECT_EQ(a.themes[0].span.start, 0u);
  EXPECT_EQ(a.themes[0].span.end, 0u);
}

TEST_F(StoreTest, MigratesAnOlderSchemaKeepingItsData) {
  {
    auto store = Open();
    ASSERT_TRUE(store->Ingest({Record("a", "物流太慢")}).ok());
  }
  {  // Make it a schema-1 database: undo migrations 3 and 2.
    sqlite3* db;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "ALTER TABLE feedback DROP COLUMN duplicate_of; "
                               "DROP TABLE workflow_tasks; DROP TABLE workflow_cases; "
                               "PRAGMA user_version = 1", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = Open();
  EXPECT_EQ(store->schema_version(), Store::LatestSchemaVersion());
  EXPECT_GE(Store::LatestSchemaVersion(), 2);
  EXPECT_EQ(*store->CountFeedback(), 1);
  auto st = store->db().Prepare(
      "SELECT count(*) FROM sqlite_master WHERE name IN ('workflow_tasks', 'workflow_cases')");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*(*st)->Step());
  EXPECT_EQ((*st)->Int(0), 2);
}

TEST_F(StoreTest, RefusesNewerSchemaAndMissingFile) {
  { Open(); }
  {
    sqlite3* db;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  StoreOptions o;
  o.path = path_;
  auto s = Store::Open(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(s.status().message()).find("newer"), std::string::npos);
  o.path = (dir_ / "missing.db").string();
  o.create_if_missing = false;
  EXPECT_EQ(Store::Open(o).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(StoreTest, StrictBatchWritesNothingOnError) {
  auto store = Open();
  std::vector<Feedback> batch = {Record("a", "好"), Record("b", "坏")};
  batch[1].rating = Rating{RatingScale::kNps, 11};
  auto r = store->Ingest(batch);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "record 2 (id=b): rating 11 outside nps 0..10");
  EXPECT_EQ(*store->CountFeedback(), 0);
}

TEST_F(StoreTest, LenientBatchReportsAndStoresTheRest) {
  auto store = Open();
  std::vector<Feedback> batch = {Record("a", "好"), Record("", "x"), Record("c", "差")};
  IngestOptions o;
  o.strict = false;
  auto r = store->Ingest(batch, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->stored, 2u);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].line, 2u);
  EXPECT_EQ(r->errors[0].field, "id");
  EXPECT_EQ(*store->CountFeedback(), 2);
}

TEST_F(StoreTest, DuplicatePolicies) {
  auto store = Open();
  ASSERT_TRUE(store->Ingest({Record("a", "第一版")}).ok());
  auto dup = store->Ingest({Record("a", "第二版")});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), absl::StatusCode::kAlreadyExists);
  IngestOptions skip;
  skip.on_duplicate = OnDuplicate::kSkip;
  EXPECT_EQ(store->Ingest({Record("a", "第二版")}, skip)->skipped, 1u);
  EXPECT_EQ(store->GetFeedback("a")->text, "第一版");
  IngestOptions update;
  update.on_duplicate = OnDuplicate::kUpdate;
  EXPECT_EQ(store->Ingest({Record("a", "第二版")}, update)->updated, 1u);
  EXPECT_EQ(store->GetFeedback("a")->text, "第二版");
  EXPECT_EQ(*store->CountFeedback(), 1);
  // A duplicate inside one batch is never stored twice either.
  auto twice = store->Ingest({Record("b", "x"), Record("b", "y")});
  EXPECT_FALSE(twice.ok());
  EXPECT_EQ(*store->CountFeedback(), 1);
}

TEST_F(StoreTest, ImportsJsonlWithTypeErrorsNamed) {
  auto store = Open();
  std::string data =
      "{\"id\":\"j1\",\"text\":\"退货审批太慢\",\"created_at\":\"2026-05-01T10:00:00Z\","
      "\"channel\":\"chat\",\"rating\":{\"scale\":\"csat\",\"value\":2},\"contact_ok\":true,"
      "\"attributes\":{\"order\":\"A1\"}}\n"
      "\n"
      "{\"id\":\"j2\",\"text\":\"ok\",\"created_at\":\"2026-05-01\",\"rating\":\"five\"}\n"
      "not json\n"
      "{\"id\":\"j4\",\"text\":\"ok\",\"created_at\":\"2026-05-01\",\"channel\":\"fax\"}\n"
      "{\"id\":5,\"text\":\"数字 id\",\"created_at\":1772353800}\n";
  auto strict = store->IngestJsonl(data);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(*store->CountFeedback(), 0);
  IngestOptions o;
  o.strict = false;
  auto r = store->IngestJsonl(data, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->stored, 2u);
  ASSERT_EQ(r->errors.size(), 3u);
  EXPECT_EQ(r->errors[0].line, 3u);
  EXPECT_EQ(r->errors[0].field, "rating");
  EXPECT_EQ(r->errors[0].message, "record 3 (id=j2): rating must be a number, got string");
  EXPECT_EQ(r->errors[1].field, "json");
  EXPECT_EQ(r->errors[2].field, "channel");
  Feedback f = *store->GetFeedback("j1");
  EXPECT_EQ(f.channel, Channel::kChat);
  ASSERT_TRUE(f.rating.has_value());
  EXPECT_EQ(f.rating->scale, RatingScale::kCsat);
  EXPECT_TRUE(f.contact_ok);
  EXPECT_EQ(f.attributes["order"], "A1");
  EXPECT_TRUE(store->GetFeedback("5").ok());
}

TEST_F(StoreTest, ImportsCsvWithBomAndQuotes) {
  auto store = Open();
  std::string csv =
      "\xEF\xBB\xBFid,created_at,channel,text,rating,rating_scale,contact_ok,attributes.order\r\n"
      "c1,2026-05-01,survey,\"物流快, 包装好\",9,nps,yes,A-1\r\n"
      "c2,2026-05-02,email,\"他说\"\"太慢\"\"\n还没到\",,,no,\r\n"
      "c3,2026-05-02,email,too,many,fields,x,y,z\r\n";
  IngestOptions o;
  o.strict = false;
  auto r = store->IngestCsv(csv, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->stored, 2u);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].line, 5u);  // c2 spans lines 3-4
  EXPECT_EQ(store->GetFeedback("c1")->text, "物流快, 包装好");
  EXPECT_EQ(store->GetFeedback("c1")->attributes["order"], "A-1");
  EXPECT_EQ(store->GetFeedback("c2")->text, "他说\"太慢\"\n还没到");
  EXPECT_FALSE(store->GetFeedback("c2")->contact_ok);
  auto unterminated = store->IngestCsv("id,text\nx,\"open");
  EXPECT_FALSE(unterminated.ok());
}

TEST_F(StoreTest, RejectsHostileFields) {
  auto store = Open();
  IngestOptions o;
  o.strict = false;
  std::vector<Feedback> batch = {Record("u", std::string("bad \xFF utf8")),
                                 Record("n", std::string("nul\0byte", 8)),
                                 Record("h", std::string(2 << 20, 'x')), Record("ok", "正常")};
  auto r = store->Ingest(batch, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stored, 1u);
  ASSERT_EQ(r->errors.size(), 3u);
  EXPECT_NE(r->errors[0].message.find("UTF-8"), std::string::npos);
  EXPECT_NE(r->errors[1].message.find("NUL"), std::string::npos);
  EXPECT_NE(r->errors[2].message.find("over the limit"), std::string::npos);
}

// Regression: numbers were cast to int64/int unchecked (UB out of range), so 1e300 or -1e18
// read as "created_at is missing" and tenure 1e12 as "-2147483648 is negative".
TEST_F(StoreTest, OutOfRangeNumbersAreNamedNotWrapped) {
  auto store = Open();
  IngestOptions o;
  o.strict = false;
  auto r = store->IngestJsonl(
      "{\"id\":\"a\",\"text\":\"x\",\"created_at\":1e300}\n"
      "{\"id\":\"b\",\"text\":\"x\",\"created_at\":-1e18}\n"
      "{\"id\":\"c\",\"text\":\"x\",\"created_at\":-100}\n"
      "{\"id\":\"d\",\"text\":\"x\",\"created_at\":\"1969-12-31\"}\n",
      o);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->errors.size(), 4u);
  EXPECT_EQ(r->errors[0].field, "created_at");
  EXPECT_THAT(r->errors[0].message, HasSubstr("created_at 1e+300 is out of range"));
  EXPECT_THAT(r->errors[1].message, HasSubstr("created_at -1e+18 is out of range"));
  EXPECT_THAT(r->errors[2].message, HasSubstr("created_at -100 is out of range"));
  EXPECT_THAT(r->errors[3].message, HasSubstr("created_at -86400 is out of range"));
  Feedback f = Record("e", "x");
  f.created_at = -100;  // the C++ and C APIs set it directly
  auto v = ValidateFeedback(f, 1);
  EXPECT_THAT(std::string(v.message()), HasSubstr("created_at -100 is out of range"));

  auto c = store->UpsertCustomersJsonl("{\"id\":\"c1\",\"tenure_months\":1e12}\n");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("tenure_months 1000000000000 is out of range"));
  c = store->UpsertCustomersJsonl("{\"id\":\"c1\",\"tenure_months\":2.5}\n");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("tenure_months 2.5 is not a whole number"));
}

// Regression: an id with a NUL cut the message short after the C boundary ("record 1 (id=n").
TEST_F(StoreTest, ControlCharactersInIdsAreEscapedInErrors) {
  auto store = Open();
  IngestOptions o;
  o.strict = false;
  auto r = store->IngestJsonl("{\"id\":\"n\\u0000x\",\"text\":\"x\",\"created_at\":1772353800}\n", o);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].id, "n\\u0000x");
  EXPECT_EQ(r->errors[0].message, "record 1 (id=n\\u0000x): id contains a NUL byte");
  EXPECT_EQ(RecordPrefix(3, "a\tb\x1b"), "record 3 (id=a\\u0009b\\u001b): ");
}

TEST(Redact, ReplacesPersonalDataByTypedPlaceholders) {
  RedactionStats stats;
  std::string out = RedactPii(
      "我的手机13812345678，邮箱 zhang.san@example.com，身份证11010519491231002X，"
      "卡号 6222 0212 3456 7890 128 请回电 +86 139-1234-5678",
      &stats);
  EXPECT_EQ(out,
            "我的手机[PHONE]，邮箱 [EMAIL]，身份证[ID_CARD]，卡号 [BANK_CARD] 请回电 [PHONE]");
  EXPECT_EQ(stats.phones, 2);
  EXPECT_EQ(stats.emails, 1);
  EXPECT_EQ(stats.id_cards, 1);
  EXPECT_EQ(stats.bank_cards, 1);
}

TEST(Redact, LeavesOrderNumbersAndDatesAlone) {
  for (const char* text : {"订单号 2026050112345678901 还没发货", "2026-05-01 下单", "型号 iPhone15",
                           "订单1381234567890", "价格 15.5元，3天到"}) {
    RedactionStats stats;
    EXPECT_EQ(RedactPii(text, &stats), text);
    EXPECT_EQ(stats.total(), 0) << text;
  }
}

TEST_F(StoreTest, RedactsBeforeStoringAndKeepsRawOnlyWhenAsked) {
  auto store = Open();
  ASSERT_TRUE(store->Ingest({Record("p", "电话13812345678")}).ok());
  EXPECT_EQ(store->GetFeedback("p")->text, "电话[PHONE]");
  EXPECT_EQ(store->GetRawText("p").status().code(), absl::StatusCode::kNotFound);
  IngestOptions keep;
  keep.keep_raw_text = true;
  ASSERT_TRUE(store->Ingest({Record("q", "电话13812345678")}, keep).ok());
  EXPECT_EQ(*store->GetRawText("q"), "电话13812345678");
}

TEST_F(StoreTest, QueriesByTimeChannelAndCustomer) {
  auto store = Open();
  std::vector<Feedback> batch;
  for (int i = 0; i < 10; ++i) {
    Feedback f = Record("q" + std::to_string(i), "文本", 1000000 + i * 100);
    f.channel = i % 2 ? Channel::kEmail : Channel::kChat;
    f.customer_id = i < 3 ? "c1" : "c2";
    batch.push_back(f);
  }
  ASSERT_TRUE(store->Ingest(batch).ok());
  FeedbackQuery q;
  q.from = 1000200;
  q.to = 1000600;
  EXPECT_EQ(store->Query(q)->size(), 4u);
  q.channel = Channel::kEmail;
  EXPECT_EQ(store->Query(q)->size(), 2u);
  FeedbackQuery c;
  c.customer_id = "c1";
  EXPECT_EQ(store->Query(c)->size(), 3u);
  c.limit = 2;
  EXPECT_EQ(store->Query(c)->size(), 2u);
}

TEST_F(StoreTest, AnalysisRoundTripWithCustomerConsent) {
  auto store = Open();
  Feedback f = Record("a1", "物流很快但是客服态度很差");
  f.customer_id = "c1";
  f.contact_ok = true;
  ASSERT_TRUE(store->Ingest({f}).ok());
  Customer c;
  c.id = "c1";
  c.lifetime_value = 1200;
  c.contact_ok = false;  // global opt-out wins over the record's consent
  ASSERT_TRUE(store->UpsertCustomers({c}).ok());
  Analysis a;
  a.polarity = Polarity::kNegative;
  a.score = -0.4;
  a.intent = "complaint";
  a.emotion = "anger";
  a.emotions["anger"] = 0.7;
  a.key_phrases = {"客服态度"};
  a.effort_evidence = {{3, 9}};
  a.clauses.push_back({{0, 12}, Polarity::kPositive, 0.4, {{0, 6}, {6, 12}}});
  a.themes.push_back({"service.attitude", Polarity::kNegative, -0.6, "客服态度", "很差", {18, 36}});
  a.stages.push_back({"service", "service.customer_service", 0.9, {18, 24}});
  ASSERT_TRUE(store->SaveAnalysis({{"a1", a}}, "test").ok());
  EXPECT_EQ(store->SaveAnalysis({{"missing", a}}, "test").code(), absl::StatusCode::kNotFound);
  FeedbackQuery all;
  auto rows = store->LoadAnalyzed(all);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  const AnalyzedFeedback& r = (*rows)[0];
  EXPECT_EQ(r.customer_id, "c1");
  EXPECT_FALSE(r.contact_ok);
  EXPECT_EQ(r.analysis.intent, "complaint");
  EXPECT_DOUBLE_EQ(r.analysis.emotions.at("anger"), 0.7);
  ASSERT_EQ(r.analysis.themes.size(), 1u);
  EXPECT_EQ(r.analysis.themes[0].opinion, "很差");
  EXPECT_EQ(r.analysis.themes[0].span.end, 36u);
  ASSERT_EQ(r.analysis.stages.size(), 1u);
  EXPECT_EQ(r.analysis.stages[0].touchpoint, "service.customer_service");
  EXPECT_EQ(r.analysis.key_phrases, std::vector<std::string>{"客服态度"});
  ASSERT_EQ(r.analysis.effort_evidence.size(), 1u);
  EXPECT_EQ(r.analysis.effort_evidence[0].end, 9u);
  ASSERT_EQ(r.analysis.clauses.size(), 1u);
  EXPECT_EQ(r.analysis.clauses[0].polarity, Polarity::kPositive);
  ASSERT_EQ(r.analysis.clauses[0].evidence.size(), 2u);
  EXPECT_EQ(r.analysis.clauses[0].evidence[1].start, 6u);
  FeedbackQuery unanalyzed;
  unanalyzed.only_unanalyzed = true;
  EXPECT_EQ(store->Query(unanalyzed)->size(), 0u);
  // Re-ingesting with new text drops the stale analysis.
  IngestOptions update;
  update.on_duplicate = OnDuplicate::kUpdate;
  ASSERT_TRUE(store->Ingest({Record("a1", "新的文本")}, update).ok());
  EXPECT_EQ(store->LoadAnalyzed(all)->size(), 0u);
}

TEST_F(StoreTest, FullDatabaseFailsCleanlyAndKeepsEarlierData) {
  auto store = Open();
  ASSERT_TRUE(store->Ingest({Record("keep", "早先的数据")}).ok());
  // Cap the file at its current size so the next big batch cannot fit.
  ASSERT_TRUE(store->db().Exec("PRAGMA max_page_count = 40").ok());
  std::vector<Feedback> big;
  for (int i = 0; i < 2000; ++i) big.push_back(Record("b" + std::to_string(i), std::string(400, 'x')));
  auto r = store->Ingest(big);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.status().message()).find("full"), std::string::npos) << r.status();
  EXPECT_EQ(*store->CountFeedback(), 1);
  EXPECT_EQ(store->GetFeedback("keep")->text, "早先的数据");
}

}  // namespace
}  // namespace voc

namespace voc {
namespace {

TEST_F(StoreTest, MarksNearDuplicatesButNotRepeatedShortPhrasesOrDistinctCustomers) {
  auto store = Open();
  const int64_t t0 = 1772353800;
  auto rec = [&](const std::string& id, const std::string& customer, const std::string& text,
                 int64_t dt) {
    Feedback f = Record(id, text, t0 + dt);
    f.customer_id = customer;
    return f;
  };
  const std::string long_text =
      "退货审批太慢了，提交申请以后等了五天还在审核中，客服电话也打不通，钱一直卡着不退，"
      "这样的售后流程实在让人失望，希望尽快改进";
  ASSERT_TRUE(store->Ingest({
      rec("a1", "c1", "退款审核要等好几天，钱一直卡着，太失望了💔", 0),
      rec("a2", "c1", "退款审核要等好几天 钱一直卡着 太失望了！！", 3600),   // same customer again
      rec("b1", "c2", "退款审核要等好几天，钱一直卡着，太失望了", 7200),      // short, other customer
      rec("s1", "c3", long_text, 0),
      rec("s2", "c4", long_text + "。", 600),                            // copy-paste campaign
      rec("s3", "c5", long_text, 5 * 86400),                              // days later: its own
      rec("p1", "c1", "好评", 0), rec("p2", "c1", "好评", 60),             // short: customers repeat
      rec("x1", "c6", "物流很快，包装完好，下次还来", 0),
  }).ok());
  auto report = store->MarkDuplicates();
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->examined, 9u);
  EXPECT_EQ(report->duplicates, 2u);
  EXPECT_EQ(report->same_customer, 1u);
  EXPECT_EQ(*store->DuplicateOf("a2"), "a1");
  EXPECT_EQ(*store->DuplicateOf("s2"), "s1");
  for (const char* id : {"a1", "b1", "s1", "s3", "p1", "p2", "x1"}) {
    EXPECT_EQ(*store->DuplicateOf(id), "") << id;
  }
  EXPECT_EQ(store->DuplicateOf("nope").status().code(), absl::StatusCode::kNotFound);
  // Idempotent.
  auto again = store->MarkDuplicates();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->duplicates, 2u);
  EXPECT_EQ(again->changed, 0u);
  // Aggregate readers can leave them out; plain queries still see everything.
  FeedbackQuery q;
  EXPECT_EQ(store->Query(q)->size(), 9u);
  q.skip_duplicates = true;
  EXPECT_EQ(store->Query(q)->size(), 7u);
}

}  // namespace
}  // namespace voc
