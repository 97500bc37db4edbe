/* The seed scenario through the C ABI, as a helpdesk vendor would drive it: ingest the bundled
 * sample feedback, analyse it, turn the 退货审批 insight into an owned task with a target,
 * ship the fix, verify the effect, queue the follow-up messages and close the task.
 *   VOC_DATA_DIR=build/data example_c_closed_loop /tmp/closed_loop.db */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voc.h"

static int fail(const char *what, int rc) {
  fprintf(stderr, "%s failed: %s (%s)\n", what, voc_error_name(rc), voc_last_error_message());
  return 1;
}

/* Reads a whole file; the caller frees the result. */
static char *slurp(const char *dir, const char *name, size_t *len) {
  char path[4096];
  FILE *f;
  char *data;
  long n;
  snprintf(path, sizeof path, "%s/samples/%s", dir, name);
  f = fopen(path, "rb");
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = malloc((size_t)n + 1);
  if (data != NULL && fread(data, 1, (size_t)n, f) != (size_t)n) {
    free(data);
    data = NULL;
  }
  fclose(f);
  if (data != NULL) data[n] = '\0';
  *len = (size_t)n;
  return data;
}

/* Copies the value of "key":"..." from a flat JSON text (enough for ids in this example). */
static void json_string(const char *json, const char *key, char *out, size_t cap) {
  char pattern[64];
  const char *p, *end;
  size_t n;
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  out[0] = '\0';
  p = strstr(json, pattern);
  if (p == NULL) return;
  p += strlen(pattern);
  end = strchr(p, '"');
  if (end == NULL) return;
  n = (size_t)(end - p) < cap - 1 ? (size_t)(end - p) : cap - 1;
  memcpy(out, p, n);
  out[n] = '\0';
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "closed_loop.db";
  const char *dir = getenv("VOC_DATA_DIR") ? getenv("VOC_DATA_DIR") : "data";
  voc_store *store = NULL;
  voc_analyzer *az = NULL;
  voc_workflow *wf = NULL;
  voc_actor *manager = NULL;
  voc_buf buf = VOC_BUF_INIT;
  char *feedback, *customers, task_id[32], insight_key[256], draft[1024];
  size_t feedback_len, customers_len, analyzed;
  const char *p;
  int rc, ok;

  feedback = slurp(dir, "feedback.jsonl", &feedback_len);
  customers = slurp(dir, "customers.jsonl", &customers_len);
  if (feedback == NULL || customers == NULL) {
    fprintf(stderr, "cannot read the sample data under %s/samples (set VOC_DATA_DIR)\n", dir);
    return 1;
  }
  remove(path);
  if ((rc = voc_store_open(&store, path, strlen(path), VOC_STORE_CREATE)) != VOC_OK) return fail("open", rc);
  if ((rc = voc_store_upsert_customers_jsonl(store, customers, customers_len, NULL)) != VOC_OK) return fail("customers", rc);
  if ((rc = voc_store_ingest_jsonl(store, feedback, feedback_len, VOC_INGEST_STRICT, NULL)) != VOC_OK) return fail("ingest", rc);
  if ((rc = voc_analyzer_create(&az, NULL)) != VOC_OK) return fail("analyzer", rc);
  if ((rc = voc_store_analyze(store, az, 0, &analyzed)) != VOC_OK) return fail("analyze", rc);
  printf("analysed %zu records\n", analyzed);

  if ((rc = voc_workflow_open(&wf, store)) != VOC_OK) return fail("workflow", rc);
  voc_actor_create(&manager, "li.manager", 10, VOC_ROLE_MANAGER);
  voc_workflow_set_now(wf, 1783987200); /* 2026-07-14T00:00:00Z */

  /* The insight on returns (theme service.returns_refunds). */
  if ((rc = voc_workflow_insights(wf, 60 * 86400, &buf)) != VOC_OK) return fail("insights", rc);
  p = strstr(buf.ptr, "\"key\":\"service.returns_refunds");
  if (p == NULL) {
    fprintf(stderr, "no returns insight\n");
    return 1;
  }
  json_string(p, "key", insight_key, sizeof insight_key);
  voc_buf_dispose(&buf);
  printf("insight: %s\n", insight_key);

  snprintf(draft, sizeof draft,
           "{\"from_insight\":\"%s\",\"insight_window\":\"60d\",\"title\":\"退货审批太慢\"}", insight_key);
  if ((rc = voc_workflow_task_create(wf, draft, strlen(draft), manager, &buf)) != VOC_OK) return fail("task create", rc);
  json_string(buf.ptr, "id", task_id, sizeof task_id);
  voc_buf_dispose(&buf);

#define MOVE(move, options)                                                                    \
  do {                                                                                          \
    const char *o_ = (options);                                                                 \
    rc = voc_workflow_task_move(wf, task_id, strlen(task_id), move, strlen(move), o_,           \
                                o_ ? strlen(o_) : 0, manager, &buf);                            \
    if (rc != VOC_OK) return fail("move " move, rc);                                            \
    voc_buf_dispose(&buf);                                                                      \
  } while (0)

  MOVE("assign", "{\"owner\":\"zhang.dev\",\"department\":\"电商技术部\",\"deadline\":\"2026-08-13\","
                 "\"target\":{\"metric\":\"negative_rate\",\"direction\":\"down\",\"change\":\"50%\",\"window\":\"60d\"}}");
  /* An illegal move is refused with VOC_ESTATE and changes nothing. */
  rc = voc_workflow_task_move(wf, task_id, strlen(task_id), "close", 5, NULL, 0, manager, &buf);
  printf("close while assigned: %s (%s)\n", voc_error_name(rc), voc_last_error_message());
  if (rc != VOC_ESTATE) return 1;
  MOVE("start", NULL);
  voc_workflow_set_now(wf, 1784138400); /* 2026-07-15T18:00:00Z: the automatic approval ships */
  MOVE("implement", "{\"shipped_at\":\"2026-07-15\",\"change\":\"退货申请改为自动审批\"}");

  voc_workflow_set_now(wf, 1790726400); /* 2026-09-30 */
  if ((rc = voc_workflow_verify(wf, task_id, strlen(task_id), manager, &buf)) != VOC_OK) return fail("verify", rc);
  printf("verification: %.200s\n", buf.ptr);
  ok = strstr(buf.ptr, "\"verdict\":\"effective\"") != NULL;
  voc_buf_dispose(&buf);
  if (!ok) return 1;
  if ((rc = voc_workflow_followup(wf, task_id, strlen(task_id), manager, &buf)) != VOC_OK) return fail("followup", rc);
  printf("follow-up: %.120s\n", buf.ptr);
  voc_buf_dispose(&buf);
  MOVE("close", "{\"root_cause\":\"退货审批依赖人工，排队时间长\"}");
  if ((rc = voc_workflow_task_get(wf, task_id, strlen(task_id), &buf)) != VOC_OK) return fail("get", rc);
  ok = strstr(buf.ptr, "\"state\":\"closed\"") != NULL;
  printf("task %s closed: %s\n", task_id, ok ? "yes" : "no");
  voc_buf_dispose(&buf);

  voc_actor_destroy(manager);
  voc_workflow_close(wf);
  voc_analyzer_destroy(az);
  voc_store_close(store);
  free(feedback);
  free(customers);
  return ok ? 0 : 1;
}
