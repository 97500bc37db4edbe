/* The C API exercised from real C99 (compiled with -Wstrict-prototypes -pedantic). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voc.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                    \
  do {                                                                 \
    ++checks;                                                          \
    if (!(cond)) {                                                     \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                      \
    }                                                                  \
  } while (0)

static void test_versions(void) {
  CHECK(voc_version_number() == VOC_VERSION_NUMBER);
  CHECK(strcmp(voc_version_string(), VOC_VERSION_STRING) == 0);
  CHECK(voc_abi_version() == VOC_ABI_VERSION);
}

static void test_errors(void) {
  CHECK(strcmp(voc_error_name(VOC_OK), "VOC_OK") == 0);
  CHECK(strcmp(voc_error_name(VOC_ESTATE), "VOC_ESTATE") == 0);
  CHECK(strcmp(voc_error_name(-999), "VOC_UNKNOWN") == 0);
  CHECK(voc_last_error_message() != NULL);
}

static void test_buf(void) {
  voc_buf buf = VOC_BUF_INIT;
  voc_buf_dispose(&buf); /* disposing an empty buffer is fine */
  voc_buf_dispose(NULL);
  CHECK(buf.ptr == NULL && buf.size == 0);
}

static void test_analyzer(void) {
  voc_analyzer *az = NULL;
  voc_analyzer_options *opts = NULL;
  voc_buf out = VOC_BUF_INIT;
  voc_batch_result *res = NULL;
  const char *blob = "物流很快但是客服态度很差" "\xff\xfe" "价格太贵";
  uint64_t offsets[4];
  size_t len = 0;
  const char *json;

  CHECK(voc_analyzer_options_create(&opts) == VOC_OK);
  CHECK(voc_analyzer_options_set_path(opts, 999, "x", 1) == VOC_EINVAL);
  /* A NUL would cut the path short and open another file. */
  CHECK(voc_analyzer_options_set_path(opts, VOC_ANALYZER_THEMES, "/tmp/x\0y", 8) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "path") != NULL &&
        strstr(voc_last_error_message(), "NUL") != NULL);
  CHECK(voc_analyzer_options_set_path(opts, VOC_ANALYZER_THEMES, "/nonexistent.json", 17) == VOC_OK);
  CHECK(voc_analyzer_create(&az, opts) != VOC_OK);
  CHECK(az == NULL);
  CHECK(strstr(voc_last_error_message(), "/nonexistent.json") != NULL);
  voc_analyzer_options_destroy(opts);

  CHECK(voc_analyzer_create(&az, NULL) == VOC_OK);
  CHECK(voc_analyzer_analyze_json(az, "物流很快", strlen("物流很快"), &out) == VOC_OK);
  CHECK(out.ptr != NULL && out.ptr[0] == '{' && strlen(out.ptr) == out.size);
  CHECK(strstr(out.ptr, "logistics.speed") != NULL);
  voc_buf_dispose(&out);
  CHECK(voc_analyzer_analyze_json(az, "\xc3\x28", 2, &out) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "UTF-8") != NULL);
  CHECK(voc_analyzer_analyze_json(NULL, "x", 1, &out) == VOC_EINVAL);
  CHECK(voc_analyzer_analyze_json(az, NULL, 5, &out) == VOC_EINVAL);

  offsets[0] = 0;
  offsets[1] = strlen("物流很快但是客服态度很差");
  offsets[2] = offsets[1] + 2;
  offsets[3] = offsets[2] + strlen("价格太贵");
  CHECK(voc_analyzer_analyze_batch(az, &res, blob, offsets, 3) == VOC_OK);
  CHECK(voc_batch_result_count(res) == 3);
  CHECK(voc_batch_result_status(res, 0) == VOC_OK);
  CHECK(voc_batch_result_status(res, 1) == VOC_EINVAL);
  CHECK(strstr(voc_batch_result_error(res, 1), "UTF-8") != NULL);
  CHECK(voc_batch_result_status(res, 2) == VOC_OK);
  json = voc_batch_result_json(res, 2, &len);
  CHECK(json != NULL && len > 2 && strstr(json, "price") != NULL);
  CHECK(voc_batch_result_scores(res) != NULL && voc_batch_result_polarities(res) != NULL);
  CHECK(voc_batch_result_json(res, 1, &len) != NULL && len == 2); /* "{}" for a failed item */
  CHECK(voc_batch_result_json(res, 3, &len) == NULL && len == 0);
  {
    voc_buf all = VOC_BUF_INIT;
    CHECK(voc_batch_result_json_array(res, &all) == VOC_OK);
    CHECK(all.ptr != NULL && all.ptr[0] == '[' && strstr(all.ptr, "\"error\"") != NULL &&
          strstr(all.ptr, "price") != NULL);
    voc_buf_dispose(&all);
    CHECK(voc_batch_result_json_array(NULL, &all) == VOC_EINVAL);
  }
  /* Out of range is not an item's error code (item 1 failed with VOC_EINVAL). */
  CHECK(voc_batch_result_status(res, 3) == VOC_ENOTFOUND);
  CHECK(strstr(voc_last_error_message(), "item 3") != NULL &&
        strstr(voc_last_error_message(), "3 items") != NULL);
  CHECK(voc_batch_result_status(NULL, 0) == VOC_EINVAL);
  voc_batch_result_destroy(res);
  /* An empty batch needs no blob or offsets, and they are not read. */
  res = NULL;
  CHECK(voc_analyzer_analyze_batch(az, &res, "abc", NULL, 0) == VOC_OK);
  CHECK(res != NULL && voc_batch_result_count(res) == 0);
  voc_batch_result_destroy(res);
  res = NULL;
  CHECK(voc_analyzer_analyze_batch(az, &res, NULL, NULL, 0) == VOC_OK);
  CHECK(res != NULL && voc_batch_result_count(res) == 0);
  {
    voc_buf all = VOC_BUF_INIT;
    CHECK(voc_batch_result_json_array(res, &all) == VOC_OK && strcmp(all.ptr, "[]") == 0);
    voc_buf_dispose(&all);
  }
  voc_batch_result_destroy(res);
  offsets[1] = 100; offsets[2] = 50; /* decreasing offsets are refused */
  CHECK(voc_analyzer_analyze_batch(az, &res, blob, offsets, 3) == VOC_EINVAL);
  CHECK(res == NULL);
  voc_analyzer_destroy(az);
  voc_analyzer_destroy(NULL);
  voc_batch_result_destroy(NULL);
}

/* An analyzer with the default models and this text size limit; NULL (and a failed check)
 * when it cannot be made. */
static voc_analyzer *analyzer_with_limit(uint64_t max_bytes) {
  voc_analyzer *az = NULL;
  voc_analyzer_options *opts = NULL;
  CHECK(voc_analyzer_options_create(&opts) == VOC_OK);
  CHECK(voc_analyzer_options_set_max_text_bytes(opts, max_bytes) == VOC_OK);
  CHECK(voc_analyzer_create(&az, opts) == VOC_OK);
  voc_analyzer_options_destroy(opts);
  return az;
}

/* Texts over the analyzer's size limit are refused by name, before any work is done. */
static void test_analyzer_text_limit(void) {
  voc_analyzer *az = NULL;
  voc_buf out = VOC_BUF_INIT;
  voc_batch_result *res = NULL;
  const char *blob = "物流很快" "物流很快啊";
  uint64_t offsets[3] = {0, 12, 27};
  char *huge;
  const size_t mib = (size_t)1 << 20;

  CHECK(voc_analyzer_options_set_max_text_bytes(NULL, 12) == VOC_EINVAL);
  az = analyzer_with_limit(12);
  CHECK(voc_analyzer_analyze_json(az, "物流很快", 12, &out) == VOC_OK);
  voc_buf_dispose(&out);
  CHECK(voc_analyzer_analyze_json(az, "物流很快啊", 15, &out) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "15 bytes") != NULL &&
        strstr(voc_last_error_message(), "limit of 12") != NULL);
  CHECK(voc_analyzer_analyze_batch(az, &res, blob, offsets, 2) == VOC_OK);
  CHECK(voc_batch_result_status(res, 0) == VOC_OK);
  CHECK(voc_batch_result_status(res, 1) == VOC_EINVAL);
  CHECK(strstr(voc_batch_result_error(res, 1), "limit of 12") != NULL);
  voc_batch_result_destroy(res);
  voc_analyzer_destroy(az);

  /* 0 lifts the limit; the default is 1 MiB. */
  az = analyzer_with_limit(0);
  CHECK(voc_analyzer_analyze_json(az, "物流很快啊", 15, &out) == VOC_OK);
  voc_buf_dispose(&out);
  voc_analyzer_destroy(az);
  CHECK(voc_analyzer_create(&az, NULL) == VOC_OK);
  huge = malloc(mib + 1);
  CHECK(huge != NULL);
  memset(huge, 'a', mib + 1);
  CHECK(voc_analyzer_analyze_json(az, huge, mib + 1, &out) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "limit of 1048576") != NULL);
  free(huge);
  voc_analyzer_destroy(az);
}

static void test_store(void) {
  const char *path = "c_api_test_store.db";
  voc_store *store = NULL;
  voc_record *rec = NULL;
  const voc_record *recs[2];
  voc_ingest_report *report = NULL;
  voc_analyzer *az = NULL;
  int64_t count = -1;
  size_t line = 0, analyzed = 0;
  const char *id, *field, *message;
  voc_buf buf = VOC_BUF_INIT;
  const char *jsonl =
      "{\"id\":\"j1\",\"text\":\"退货审批太慢\",\"created_at\":\"2026-05-01\"}\n"
      "{\"id\":\"j2\",\"text\":5,\"created_at\":\"2026-05-01\"}\n";

  remove(path);
  CHECK(voc_store_open(&store, path, strlen(path), 0) == VOC_ENOTFOUND);
  CHECK(store == NULL);
  CHECK(voc_store_open(&store, path, strlen(path), 999) == VOC_EINVAL);
  CHECK(voc_store_open(&store, path, strlen(path), VOC_STORE_CREATE) == VOC_OK);

  CHECK(voc_record_create(&rec) == VOC_OK);
  CHECK(voc_record_set_str(rec, VOC_FIELD_ID, "r1", 2) == VOC_OK);
  CHECK(voc_record_set_str(rec, VOC_FIELD_TEXT, "物流很快但是客服态度很差", strlen("物流很快但是客服态度很差")) == VOC_OK);
  CHECK(voc_record_set_str(rec, 42, "x", 1) == VOC_EINVAL);
  CHECK(voc_record_set_channel(rec, VOC_CHANNEL_CHAT) == VOC_OK);
  CHECK(voc_record_set_channel(rec, 99) == VOC_EINVAL);
  CHECK(voc_record_set_created_at(rec, 1772353800) == VOC_OK);
  CHECK(voc_record_set_rating(rec, VOC_RATING_NPS, 11) == VOC_OK);
  CHECK(voc_record_validate(rec, 7) == VOC_EINVAL);
  CHECK(strcmp(voc_last_error_message(), "record 7 (id=r1): rating 11 outside nps 0..10") == 0);
  recs[0] = rec;
  CHECK(voc_store_ingest(store, recs, 1, VOC_INGEST_STRICT, &report) == VOC_EINVAL);
  CHECK(report == NULL);
  CHECK(voc_store_count(store, &count) == VOC_OK && count == 0);
  CHECK(voc_record_set_rating(rec, VOC_RATING_NPS, 3) == VOC_OK);
  CHECK(voc_record_set_attribute(rec, "order", 5, "A-1", 3) == VOC_OK);
  CHECK(voc_record_set_contact_ok(rec, 1) == VOC_OK);
  CHECK(voc_store_ingest(store, recs, 1, VOC_INGEST_STRICT, &report) == VOC_OK);
  CHECK(voc_ingest_report_stored(report) == 1);
  voc_ingest_report_destroy(report);
  CHECK(voc_store_ingest(store, recs, 1, VOC_INGEST_STRICT, NULL) == VOC_EEXISTS);
  CHECK(voc_store_ingest(store, recs, 1, VOC_INGEST_ON_DUPLICATE_SKIP, &report) == VOC_OK);
  CHECK(voc_ingest_report_skipped(report) == 1);
  voc_ingest_report_destroy(report);
  recs[1] = NULL;
  CHECK(voc_store_ingest(store, recs, 2, 0, NULL) == VOC_EINVAL);

  CHECK(voc_store_ingest_jsonl(store, jsonl, strlen(jsonl), VOC_INGEST_LENIENT, &report) == VOC_OK);
  CHECK(voc_ingest_report_stored(report) == 1);
  CHECK(voc_ingest_report_error_count(report) == 1);
  CHECK(voc_ingest_report_error(report, 0, &line, &id, &field, &message) == VOC_OK);
  CHECK(line == 2 && strcmp(id, "j2") == 0 && strcmp(field, "text") == 0);
  CHECK(strstr(message, "text must be a string") != NULL);
  CHECK(voc_ingest_report_error(report, 5, &line, &id, &field, &message) == VOC_ENOTFOUND);
  voc_ingest_report_destroy(report);
  {
    /* The message quotes the id: its NUL is escaped, not the end of the message. */
    const char *nul_id = "{\"id\":\"n\\u0000x\",\"text\":\"x\",\"created_at\":\"2026-05-01\"}\n";
    CHECK(voc_store_ingest_jsonl(store, nul_id, strlen(nul_id), VOC_INGEST_STRICT, NULL) == VOC_EINVAL);
    CHECK(strstr(voc_last_error_message(), "id=n\\u0000x") != NULL);
    CHECK(strstr(voc_last_error_message(), "NUL") != NULL); /* the reason survives */
  }
  CHECK(voc_store_upsert_customers_jsonl(store, "{\"id\":\"c1\"}\n", 11, &analyzed) == VOC_OK);
  CHECK(analyzed == 1);

  CHECK(voc_analyzer_create(&az, NULL) == VOC_OK);
  CHECK(voc_store_analyze(store, az, 0, &analyzed) == VOC_OK && analyzed == 2);
  CHECK(voc_store_analyze(store, az, 0, &analyzed) == VOC_OK && analyzed == 0);
  CHECK(voc_store_query_jsonl(store, 0, 0, VOC_CHANNEL_CHAT, NULL, 0, 0, &buf) == VOC_OK);
  CHECK(buf.ptr != NULL && strstr(buf.ptr, "\"id\":\"r1\"") != NULL);
  CHECK(strstr(buf.ptr, "service.attitude") != NULL);
  CHECK(strstr(buf.ptr, "j1") == NULL);
  voc_buf_dispose(&buf);
  CHECK(voc_store_query_jsonl(store, 0, 0, 77, NULL, 0, 0, &buf) == VOC_EINVAL);
  /* Regression: a limit above INT64_MAX failed with VOC_EINTERNAL; it means no limit. */
  CHECK(voc_store_query_jsonl(store, 0, 0, -1, NULL, 0, (size_t)-1, &buf) == VOC_OK);
  CHECK(buf.ptr != NULL && strstr(buf.ptr, "\"id\":\"r1\"") != NULL && strstr(buf.ptr, "j1") != NULL);
  voc_buf_dispose(&buf);
  {
    voc_buf svg = VOC_BUF_INIT;
    CHECK(voc_store_journey_json(store, 0, 0, NULL, 0, &buf, &svg) == VOC_OK);
    CHECK(buf.ptr != NULL && strstr(buf.ptr, "\"stages\"") != NULL);
    CHECK(strstr(buf.ptr, "\"delivery\"") != NULL); /* 物流很快 is a delivery mention */
    CHECK(svg.ptr != NULL && strncmp(svg.ptr, "<svg", 4) == 0);
    voc_buf_dispose(&buf);
    voc_buf_dispose(&svg);
    CHECK(voc_store_journey_json(store, 0, 0, "/nonexistent-map.json", 21, &buf, NULL) != VOC_OK);
    CHECK(strstr(voc_last_error_message(), "/nonexistent-map.json") != NULL);
    CHECK(voc_store_journey_json(store, 0, 0, "/tmp/m.json\0x", 13, &buf, NULL) == VOC_EINVAL);
    CHECK(strstr(voc_last_error_message(), "map_path") != NULL);
  }
  voc_analyzer_destroy(az);
  voc_record_destroy(rec);
  voc_record_destroy(NULL);
  voc_store_close(store);
  voc_store_close(NULL);
  remove(path);
}

static void test_discover_themes(void) {
  const char data[] =
      "{\"id\":\"a1\",\"text\":\"会员积分莫名其妙清零了\"}\n"
      "{\"id\":\"a2\",\"text\":\"我的会员积分莫名其妙没了\"}\r\n"
      "\n"
      "{\"text\":\"积分突然清零，莫名其妙\"}\n"
      "{\"id\":\"m\",\"text\":\"物流很快\"}";
  voc_buf buf = VOC_BUF_INIT;
  CHECK(voc_discover_themes(data, sizeof data - 1, 1, 7, 0, &buf) == VOC_OK);
  CHECK(buf.ptr != NULL && strstr(buf.ptr, "\"documents\":4") != NULL);
  CHECK(strstr(buf.ptr, "\"unmatched\":3") != NULL); /* 物流很快 has a theme */
  CHECK(strstr(buf.ptr, "积分") != NULL && strstr(buf.ptr, "\"4\"") != NULL); /* line-number id */
  voc_buf_dispose(&buf);
  CHECK(voc_discover_themes(data, sizeof data - 1, 1, 7, VOC_DISCOVER_ALL, &buf) == VOC_OK);
  CHECK(buf.ptr != NULL && strstr(buf.ptr, "\"unmatched\":4") != NULL);
  voc_buf_dispose(&buf);
  CHECK(voc_discover_themes("{\"id\":1}\n", 10, 0, 1, 0, &buf) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "line 1") != NULL);
  CHECK(voc_discover_themes("not json", 8, 0, 1, 0, &buf) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "line 1: invalid JSON") != NULL);
  /* Each bad line says what is wrong with it. */
  CHECK(voc_discover_themes("{\"text\":\"\xff\"}", 12, 0, 1, 0, &buf) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "line 1: invalid UTF-8 at byte offset 9") != NULL);
  CHECK(voc_discover_themes("{\"text\":5}", 10, 0, 1, 0, &buf) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "\"text\" must be a string, got number") != NULL);
  CHECK(voc_discover_themes("{\"id\":\"x\"}\n", 11, 0, 1, 0, &buf) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "line 1: missing \"text\"") != NULL);
  CHECK(voc_discover_themes("[1]\n", 4, 0, 1, 0, &buf) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "got array") != NULL);
  {
    size_t n = 200000;
    char *deep = (char *)malloc(n);
    if (deep != NULL) {
      memset(deep, '[', n);
      CHECK(voc_discover_themes(deep, n, 0, 1, 0, &buf) == VOC_EINVAL);
      CHECK(strstr(voc_last_error_message(), "line 1: invalid JSON") != NULL &&
            strstr(voc_last_error_message(), "nesting too deep") != NULL);
      free(deep);
    }
  }
  CHECK(voc_discover_themes(NULL, 0, 0, 1, 0, &buf) == VOC_OK);
  voc_buf_dispose(&buf);
  CHECK(voc_discover_themes(NULL, 5, 0, 1, 0, &buf) == VOC_EINVAL);
  CHECK(voc_discover_themes(data, sizeof data - 1, -1, 1, 0, &buf) == VOC_EINVAL);
  CHECK(voc_discover_themes(data, sizeof data - 1, 0, 1, 8, &buf) == VOC_EINVAL);
  CHECK(voc_discover_themes(data, sizeof data - 1, 0, 1, 0, NULL) == VOC_EINVAL);
}

static void test_segmenter(void) {
  voc_segmenter *seg = NULL;
  voc_token tokens[32];
  size_t n = 0;
  voc_buf buf = VOC_BUF_INIT;
  const char *text = "物流很快，客服態度很差 3天";

  CHECK(voc_segmenter_create(&seg, "/nonexistent.model", 18, NULL, 0) != VOC_OK);
  CHECK(seg == NULL);
  CHECK(voc_segmenter_create(&seg, "/tmp/m\0x", 8, NULL, 0) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "model") != NULL);
  CHECK(voc_segmenter_create(&seg, NULL, 0, "/tmp/u\0x", 8) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "user_dict") != NULL);
  CHECK(seg == NULL);
  CHECK(voc_segmenter_create(&seg, NULL, 0, NULL, 0) == VOC_OK);
  CHECK(voc_segmenter_segment(seg, text, strlen(text), tokens, 32, &n) == VOC_OK);
  CHECK(n >= 6);
  CHECK(tokens[0].start == 0 && tokens[0].end == 6); /* 物流 */
  CHECK(strcmp(voc_token_tag_name(tokens[0].tag), "n") == 0);
  CHECK(tokens[n - 1].end == strlen(text)); /* 3天 is one token, the space none */
  CHECK(voc_segmenter_segment(seg, text, strlen(text), tokens, 2, &n) == VOC_EBUFS);
  CHECK(n >= 6);
  CHECK(voc_segmenter_segment(seg, "\xff\x00", 2, tokens, 32, &n) == VOC_OK);
  /* Invalid bytes are one-byte tokens each, never merged with their neighbours. */
  CHECK(voc_segmenter_segment(seg, "ab\xff\xfe" "cd", 6, tokens, 32, &n) == VOC_OK);
  CHECK(n == 4 && tokens[0].start == 0 && tokens[0].end == 2 && tokens[1].start == 2 &&
        tokens[1].end == 3 && tokens[2].start == 3 && tokens[2].end == 4 &&
        tokens[3].start == 4 && tokens[3].end == 6);
  CHECK(voc_segmenter_segment(seg, "ab\xc0\xaf\xed\xa0\x80\xe7\x89", 9, tokens, 32, &n) == VOC_OK);
  CHECK(n == 8);
  {
    size_t k;
    for (k = 1; k < n && k < 8; ++k) CHECK(tokens[k].start == k + 1 && tokens[k].end == k + 2);
  }
  /* A genuine U+FFFD run is still one token. */
  CHECK(voc_segmenter_segment(seg, "\xef\xbf\xbd\xef\xbf\xbd", 6, tokens, 32, &n) == VOC_OK);
  CHECK(n == 1 && tokens[0].start == 0 && tokens[0].end == 6);
  CHECK(voc_segmenter_segment(NULL, text, 3, tokens, 32, &n) == VOC_EINVAL);
  CHECK(voc_segmenter_segment_text(seg, "退货审批太慢", strlen("退货审批太慢"), 0, &buf) == VOC_OK);
  CHECK(strncmp(buf.ptr, "退货审批 ", strlen("退货审批 ")) == 0);
  voc_buf_dispose(&buf);
  CHECK(voc_segmenter_remove_word(seg, "退货审批", strlen("退货审批")) == VOC_OK);
  CHECK(voc_segmenter_segment_text(seg, "退货审批太慢", strlen("退货审批太慢"), 0, &buf) == VOC_OK);
  CHECK(strncmp(buf.ptr, "退货 审批 ", strlen("退货 审批 ")) == 0);
  voc_buf_dispose(&buf);
  CHECK(voc_segmenter_add_word(seg, "", 0, 0) == VOC_EINVAL);
  CHECK(voc_segmenter_add_word(seg, "\xc3\x28", 2, 0) == VOC_EINVAL);
  /* The message quotes the word whole: the NUL is escaped, not where the message ends. */
  CHECK(voc_segmenter_add_word(seg, "a\0b", 3, 0) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "\"a\\u0000b\"") != NULL);
  CHECK(voc_segmenter_add_word(seg, "a\x01" "b", 3, 0) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "\"a\\u0001b\"") != NULL);
  /* A path with a NUL is refused, not cut short at it. */
  remove("c_api_test_ud.txt");
  CHECK(voc_segmenter_save_user_dict(seg, "c_api_test_ud.txt\0.evil", 23) == VOC_EINVAL);
  CHECK(strstr(voc_last_error_message(), "path") != NULL);
  {
    FILE *f = fopen("c_api_test_ud.txt", "r");
    CHECK(f == NULL);
    if (f != NULL) fclose(f);
  }
  CHECK(voc_segmenter_save_user_dict(seg, "c_api_test_ud.txt", 17) == VOC_OK);
  remove("c_api_test_ud.txt");
  /* An unwritable place is an I/O error, not a bug in voc. */
  CHECK(voc_segmenter_save_user_dict(seg, "/nonexistent-dir/ud.txt", 23) == VOC_EIO);
  CHECK(strstr(voc_last_error_message(), "/nonexistent-dir/ud.txt") != NULL);
  CHECK(strcmp(voc_token_tag_name(9999), "x") == 0);
  voc_segmenter_destroy(seg);
  voc_segmenter_destroy(NULL);
}

/* A store and workflow in a fresh file, for the closed-loop tests. */
static voc_store *wf_store = NULL;
static voc_workflow *wf = NULL;
static voc_actor *manager = NULL;
static voc_buf out = VOC_BUF_INIT;

static void wf_open(void) {
  const char *path = "c_api_test_wf.db";
  remove(path);
  CHECK(voc_store_open(&wf_store, path, strlen(path), VOC_STORE_CREATE) == VOC_OK);
  CHECK(voc_workflow_open(&wf, wf_store) == VOC_OK);
  CHECK(voc_workflow_set_now(wf, 1781481600) == VOC_OK); /* 2026-06-15 */
  CHECK(voc_actor_create(&manager, "boss", 4, VOC_ROLE_MANAGER) == VOC_OK);
}

static void wf_close(void) {
  voc_buf_dispose(&out);
  voc_actor_destroy(manager);
  voc_workflow_close(wf);
  voc_store_close(wf_store);
  manager = NULL;
  wf = NULL;
  wf_store = NULL;
  remove("c_api_test_wf.db");
}

static int task_create(const char *json) {
  return voc_workflow_task_create(wf, json, strlen(json), manager, &out);
}

static int case_create(const char *json) {
  return voc_workflow_case_create(wf, json, strlen(json), manager, &out);
}

static int msg_has(const char *needle) {
  return strstr(voc_last_error_message(), needle) != NULL;
}

/* Regression: huge durations and times overflowed int64 (UB; garbage in release builds). */
static void test_time_overflow(void) {
  wf_open();
  CHECK(task_create("{\"title\":\"x\",\"target\":{\"change\":\"5%\",\"window\":\"999999999999999999d\"}}") == VOC_EINVAL);
  CHECK(msg_has("window") && msg_has("'999999999999999999d' is out of range"));
  CHECK(task_create("{\"title\":\"x\",\"from_insight\":\"k\",\"insight_window\":\"999999999999999999d\"}") == VOC_EINVAL);
  CHECK(msg_has("insight_window"));
  CHECK(case_create("{\"title\":\"x\",\"sla\":{\"first_response\":\"999999999999999999w\"}}") == VOC_EINVAL);
  CHECK(msg_has("first_response"));
  CHECK(case_create("{\"title\":\"x\",\"sla\":{\"resolution\":\"9223372036854775807s\"}}") == VOC_EINVAL);
  CHECK(msg_has("resolution"));
  CHECK(voc_workflow_insights(wf, (int64_t)1 << 62, &out) == VOC_EINVAL);
  CHECK(msg_has("4611686018427387904"));
  CHECK(voc_workflow_set_now(wf, INT64_MAX) == VOC_EINVAL);
  CHECK(case_create("{\"title\":\"x\"}") == VOC_OK);
  wf_close();
}

/* Regression: JSON numbers were cast to integers unchecked: 1e300 deadlines vanished, created_at
 * 1e300 read as "missing", expected_version 1e300 became a conflict. */
static void test_json_numbers(void) {
  const char *opts = "{\"expected_version\":1e300}";
  const char *big = "{\"id\":\"a\",\"text\":\"x\",\"created_at\":1e300}\n";
  const char *neg = "{\"id\":\"a\",\"text\":\"x\",\"created_at\":-1e18}\n";
  const char *cust = "{\"id\":\"c1\",\"tenure_months\":1e12}\n";
  voc_record *rec = NULL;
  wf_open();
  CHECK(task_create("{\"title\":\"x\",\"deadline\":1e300}") == VOC_EINVAL);
  CHECK(msg_has("deadline 1e+300 is out of range"));
  CHECK(task_create("{\"title\":\"x\",\"deadline\":-1e300}") == VOC_EINVAL);
  CHECK(task_create("{\"title\":\"x\",\"deadline\":-5}") == VOC_EINVAL);
  CHECK(msg_has("deadline -5 is out of range"));
  CHECK(task_create("{\"title\":\"x\",\"deadline\":\"1969-12-31\"}") == VOC_EINVAL);
  CHECK(task_create("{\"title\":\"x\",\"deadline\":1781481600.5}") == VOC_EINVAL);
  CHECK(msg_has("whole number"));
  CHECK(task_create("{\"title\":\"x\",\"target\":{\"change\":\"50%\",\"window\":1e300}}") == VOC_EINVAL);
  CHECK(msg_has("window 1e+300 is out of range"));
  CHECK(case_create("{\"title\":\"x\",\"sla\":{\"resolution\":1e300}}") == VOC_EINVAL);
  CHECK(msg_has("resolution 1e+300 is out of range"));
  CHECK(task_create("{\"title\":\"x\",\"deadline\":1781481600}") == VOC_OK);
  CHECK(strstr(out.ptr, "\"deadline\":\"2026-06-15") != NULL);
  CHECK(voc_workflow_task_move(wf, "T-1", 3, "start", 5, opts, strlen(opts), manager, &out) == VOC_EINVAL);
  CHECK(msg_has("expected_version 1e+300 is out of range"));
  CHECK(voc_store_ingest_jsonl(wf_store, big, strlen(big), VOC_INGEST_STRICT, NULL) == VOC_EINVAL);
  CHECK(msg_has("created_at 1e+300 is out of range"));
  CHECK(voc_store_ingest_jsonl(wf_store, neg, strlen(neg), VOC_INGEST_STRICT, NULL) == VOC_EINVAL);
  CHECK(msg_has("created_at -1e+18 is out of range"));
  CHECK(voc_store_upsert_customers_jsonl(wf_store, cust, strlen(cust), NULL) == VOC_EINVAL);
  CHECK(msg_has("tenure_months 1000000000000 is out of range"));
  CHECK(voc_record_create(&rec) == VOC_OK);
  CHECK(voc_record_set_str(rec, VOC_FIELD_ID, "r", 1) == VOC_OK);
  CHECK(voc_record_set_str(rec, VOC_FIELD_TEXT, "x", 1) == VOC_OK);
  CHECK(voc_record_set_created_at(rec, -100) == VOC_OK);
  CHECK(voc_record_validate(rec, 1) == VOC_EINVAL);
  CHECK(msg_has("created_at -100 is out of range"));
  voc_record_destroy(rec);
  wf_close();
}

/* Regression: a role refusal came back as VOC_EIO (a storage error). */
static void test_permission(void) {
  voc_actor *viewer = NULL;
  const char *draft = "{\"title\":\"x\"}";
  wf_open();
  CHECK(voc_actor_create(&viewer, "guest", 5, VOC_ROLE_VIEWER) == VOC_OK);
  CHECK(voc_workflow_task_create(wf, draft, strlen(draft), viewer, &out) == VOC_EPERM);
  CHECK(msg_has("role 'viewer' may not create tasks"));
  CHECK(task_create(draft) == VOC_OK);
  CHECK(voc_workflow_task_move(wf, "T-1", 3, "cancel", 6, NULL, 0, viewer, &out) == VOC_EPERM);
  CHECK(strcmp(voc_error_name(VOC_EPERM), "VOC_EPERM") == 0);
  voc_actor_destroy(viewer);
  wf_close();
}

/* Regression: a bad outbox state or a non-boolean only_escalated was ignored (VOC_OK, wrong
 * results); filters now refuse bad values as task_list already did. */
static void test_filters(void) {
  const char *esc = "{\"only_escalated\":\"yes\"}";
  const char *state = "{\"state\":\"flying\"}";
  wf_open();
  CHECK(voc_workflow_outbox_list(wf, "zzz", 3, NULL, 0, &out) == VOC_EINVAL);
  CHECK(msg_has("'zzz'") && msg_has("pending, delivered or failed"));
  CHECK(voc_workflow_outbox_list(wf, "pending", 7, NULL, 0, &out) == VOC_OK);
  CHECK(voc_workflow_outbox_list(wf, NULL, 0, NULL, 0, &out) == VOC_OK);
  CHECK(voc_workflow_case_list(wf, esc, strlen(esc), &out) == VOC_EINVAL);
  CHECK(msg_has("only_escalated must be a boolean"));
  CHECK(voc_workflow_case_list(wf, state, strlen(state), &out) == VOC_EINVAL);
  CHECK(msg_has("'flying'") && msg_has("pending_customer"));
  CHECK(voc_workflow_task_list(wf, state, strlen(state), &out) == VOC_EINVAL);
  CHECK(msg_has("'flying'") && msg_has("in_progress"));
  wf_close();
}

int main(void) {
  test_versions();
  test_errors();
  test_buf();
  test_analyzer();
  test_analyzer_text_limit();
  test_store();
  test_segmenter();
  test_discover_themes();
  test_time_overflow();
  test_json_numbers();
  test_permission();
  test_filters();
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
