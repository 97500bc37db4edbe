/* A CRM vendor's first integration: open a store, ingest records built field by field and a
 * JSONL blob, analyse them, and read the results back.
 *   example_c_ingest_analyze /tmp/example.db */
#include <stdio.h>
#include <string.h>

#include "voc.h"

static int fail(const char *what, int rc) {
  fprintf(stderr, "%s failed: %s (%s)\n", what, voc_error_name(rc), voc_last_error_message());
  return 1;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "example.db";
  const char *text = "退货审批太慢了，等了五天还在审核中，客服也不回复";
  const char *jsonl =
      "{\"id\":\"t-2\",\"created_at\":\"2026-05-02T09:00:00Z\",\"channel\":\"chat\","
      "\"text\":\"物流很快，包装也很好\",\"customer_id\":\"c-2\",\"contact_ok\":true}\n"
      "{\"id\":\"t-3\",\"created_at\":\"2026-05-02\",\"text\":\"评分\",\"rating\":99}\n";
  voc_store *store = NULL;
  voc_record *rec = NULL;
  voc_ingest_report *report = NULL;
  voc_analyzer *az = NULL;
  voc_buf out = VOC_BUF_INIT;
  size_t i, analyzed = 0;
  int rc;

  remove(path);
  if ((rc = voc_store_open(&store, path, strlen(path), VOC_STORE_CREATE)) != VOC_OK) return fail("open", rc);

  /* One record through the typed builder. */
  voc_record_create(&rec);
  voc_record_set_str(rec, VOC_FIELD_ID, "t-1", 3);
  voc_record_set_str(rec, VOC_FIELD_TEXT, text, strlen(text));
  voc_record_set_str(rec, VOC_FIELD_CUSTOMER_ID, "c-1", 3);
  voc_record_set_channel(rec, VOC_CHANNEL_APP_REVIEW);
  voc_record_set_created_at(rec, 1777593600); /* 2026-05-01T00:00:00Z */
  voc_record_set_rating(rec, VOC_RATING_STARS, 1);
  voc_record_set_contact_ok(rec, 1);
  {
    const voc_record *batch[1];
    batch[0] = rec;
    if ((rc = voc_store_ingest(store, batch, 1, VOC_INGEST_STRICT, NULL)) != VOC_OK) return fail("ingest", rc);
  }

  /* A JSONL blob, leniently: the bad record is reported, the good one stored. */
  if ((rc = voc_store_ingest_jsonl(store, jsonl, strlen(jsonl), VOC_INGEST_LENIENT, &report)) != VOC_OK)
    return fail("ingest_jsonl", rc);
  printf("stored %zu, rejected %zu\n", voc_ingest_report_stored(report), voc_ingest_report_error_count(report));
  for (i = 0; i < voc_ingest_report_error_count(report); ++i) {
    size_t line;
    const char *id, *field, *message;
    voc_ingest_report_error(report, i, &line, &id, &field, &message);
    printf("  line %zu (%s) field %s: %s\n", line, id, field, message);
  }
  voc_ingest_report_destroy(report);

  if ((rc = voc_analyzer_create(&az, NULL)) != VOC_OK) return fail("analyzer", rc);
  if ((rc = voc_store_analyze(store, az, 0, &analyzed)) != VOC_OK) return fail("analyze", rc);
  printf("analysed %zu records\n", analyzed);
  if ((rc = voc_store_query_jsonl(store, 0, 0, -1, "c-1", 3, 0, &out)) != VOC_OK) return fail("query", rc);
  printf("%s", out.ptr);
  voc_buf_dispose(&out);

  voc_analyzer_destroy(az);
  voc_record_destroy(rec);
  voc_store_close(store);
  return analyzed == 2 ? 0 : 1;
}
