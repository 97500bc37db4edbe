/* A helpdesk vendor's view of segmentation: one segmenter per tenant, each with its own
 * words, edited while the product runs. Usage: example_c_tenant_segmenter [PREFIX]
 * (the tenant's user dictionary is saved to PREFIX.dict; default /tmp/tenant_car). */
#include <stdio.h>
#include <string.h>

#include "voc.h"

static int print_tokens(const voc_segmenter *seg, const char *text) {
  voc_token tokens[64];
  size_t n = 0, i;
  if (voc_segmenter_segment(seg, text, strlen(text), tokens, 64, &n) != VOC_OK) {
    fprintf(stderr, "segment: %s\n", voc_last_error_message());
    return 1;
  }
  for (i = 0; i < n; ++i) {
    printf("%s%.*s/%s", i ? " " : "", (int)(tokens[i].end - tokens[i].start),
           text + tokens[i].start, voc_token_tag_name(tokens[i].tag));
  }
  printf("\n");
  return 0;
}

int main(int argc, char **argv) {
  const char *prefix = argc > 1 ? argv[1] : "/tmp/tenant_car";
  const char *text = "星耀Pro的续航太拉胯，退货审批也慢";
  char path[512];
  voc_segmenter *car_tenant = NULL, *reloaded = NULL;
  int rc = 0;

  if (voc_segmenter_create(&car_tenant, NULL, 0, NULL, 0) != VOC_OK) {
    fprintf(stderr, "create: %s\n", voc_last_error_message());
    return 1;
  }
  rc |= print_tokens(car_tenant, text);
  /* The tenant's product name, added at run time: the next call sees it. */
  if (voc_segmenter_add_word(car_tenant, "星耀Pro", strlen("星耀Pro"), 0) != VOC_OK) rc = 1;
  rc |= print_tokens(car_tenant, text);

  snprintf(path, sizeof path, "%s.dict", prefix);
  if (voc_segmenter_save_user_dict(car_tenant, path, strlen(path)) != VOC_OK) {
    fprintf(stderr, "save: %s\n", voc_last_error_message());
    rc = 1;
  } else if (voc_segmenter_create(&reloaded, NULL, 0, path, strlen(path)) != VOC_OK) {
    fprintf(stderr, "reload: %s\n", voc_last_error_message());
    rc = 1;
  } else {
    rc |= print_tokens(reloaded, text); /* same words after a restart */
  }
  voc_segmenter_destroy(reloaded);
  voc_segmenter_destroy(car_tenant);
  remove(path);
  return rc;
}
