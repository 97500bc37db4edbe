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

int main(void) {
  test_versions();
  test_errors();
  test_buf();
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
