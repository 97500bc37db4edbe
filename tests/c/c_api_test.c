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
  CHECK(voc_batch_result_status(res, 3) == VOC_EINVAL); /* out of range */
  voc_batch_result_destroy(res);
  offsets[1] = 100; offsets[2] = 50; /* decreasing offsets are refused */
  CHECK(voc_analyzer_analyze_batch(az, &res, blob, offsets, 3) == VOC_EINVAL);
  CHECK(res == NULL);
  voc_analyzer_destroy(az);
  voc_analyzer_destroy(NULL);
  voc_batch_result_destroy(NULL);
}

int main(void) {
  test_versions();
  test_errors();
  test_buf();
  test_analyzer();
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
