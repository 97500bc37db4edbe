/* voc.h — the stable C ABI of voc (libvoc_c.so).
 *
 * voc turns Chinese customer feedback into owned, tracked, verified action. This header is
 * the only interface of libvoc_c; the C++ API (include/voc/) is source-compatible only.
 *
 * Conventions
 *  1. Plain C99. Every symbol starts with voc_ (functions, types) or VOC_ (macros, enum
 *     constants). Names with a double underscore are internal.
 *  2. Handles are opaque: `typedef struct voc_x voc_x;`. Constructors take the out-parameter
 *     first and return an error code: `int voc_x_open(voc_x **out, ...)`. Every handle has a
 *     `voc_x_destroy()` or `voc_x_close()` that accepts NULL.
 *  3. Functions that can fail return `int`: VOC_OK (0) or a negative VOC_E* code. The codes
 *     are pinned forever. `voc_last_error_message()` describes the last failure on the calling
 *     thread (never NULL; "" after success is not guaranteed: read it only after a failure).
 *  4. Text input is UTF-8 given as pointer + byte length; it need not be NUL-terminated.
 *     Offsets in results are UTF-8 byte offsets into the text the caller passed.
 *  5. Output strings are either borrowed (`const char *` valid until the owning handle is
 *     destroyed or next mutated, as each function states) or written to a `voc_buf` that the
 *     caller releases with `voc_buf_dispose()`. voc never hands out memory to free().
 *  6. No exception ever crosses this boundary; out-of-memory is VOC_ENOMEM, any other
 *     internal failure VOC_EINTERNAL. No call aborts the process on bad input.
 *  7. Threading: immutable objects (analyzers with their models) are thread-safe and can be
 *     shared; a voc_store handle is thread-compatible (use one per thread); error text is per
 *     thread. There is no global initialisation call.
 *  8. Compatibility: shipped signatures never change; new behaviour gets a new name (_v2).
 *     VOC_ABI_VERSION (the SONAME number) changes only on an incompatible change.
 */
#ifndef VOC_H_
#define VOC_H_

#include <stddef.h>
#include <stdint.h>

#include "voc_version.h"

#ifndef VOC_API
#  if defined(_WIN32)
#    if defined(VOC_BUILDING_LIBRARY)
#      define VOC_API __declspec(dllexport)
#    else
#      define VOC_API __declspec(dllimport)
#    endif
#  elif defined(__GNUC__)
#    define VOC_API __attribute__((visibility("default")))
#  else
#    define VOC_API
#  endif
#endif

#ifdef __cplusplus
#  define VOC_BEGIN_DECL extern "C" {
#  define VOC_END_DECL }
#else
#  define VOC_BEGIN_DECL
#  define VOC_END_DECL
#endif

VOC_BEGIN_DECL

/* ---- Errors ------------------------------------------------------------------------------ */

enum {
  VOC_OK = 0,
  VOC_ERROR = -1,      /* generic failure */
  VOC_EINVAL = -2,     /* invalid argument or input record */
  VOC_ENOTFOUND = -3,  /* the thing looked up does not exist */
  VOC_EEXISTS = -4,    /* already exists */
  VOC_ESTATE = -5,     /* illegal workflow transition */
  VOC_ECONFLICT = -6,  /* stale version: a concurrent update won */
  VOC_EIO = -7,        /* storage (SQLite, file system) error */
  VOC_ENOMEM = -8,     /* out of memory */
  VOC_EBUFS = -9,      /* buffer too small */
  VOC_EVERSION = -10,  /* unknown struct or ABI version */
  VOC_EUSER = -11,     /* a callback stopped the operation */
  VOC_EINTERNAL = -12, /* internal error (a bug): please report it */
  VOC_EPERM = -13      /* the actor's role may not do this (closed loop) */
};

/* Static name of an error code ("VOC_EINVAL"); "VOC_UNKNOWN" for other values. */
VOC_API const char *voc_error_name(int code);

/* Message of the last failure on this thread. Never NULL. Valid until the next voc call on
 * this thread. Valid UTF-8 on one line: control characters from the input it quotes (a NUL in
 * an id or a word) are written as \u00XX, invalid UTF-8 as U+FFFD. */
VOC_API const char *voc_last_error_message(void);

/* ---- Versions ---------------------------------------------------------------------------- */

VOC_API int voc_version_number(void);          /* VOC_VERSION_NUMBER of the loaded library */
VOC_API const char *voc_version_string(void);  /* "0.1.0" */
VOC_API int voc_abi_version(void);             /* VOC_ABI_VERSION of the loaded library */

/* ---- Buffers ----------------------------------------------------------------------------- */

/* A byte buffer filled by voc (always NUL-terminated for convenience; `size` excludes the
 * terminator). Initialise with VOC_BUF_INIT, release with voc_buf_dispose(). */
typedef struct voc_buf {
  char *ptr;
  size_t size;
} voc_buf;
#define VOC_BUF_INIT {NULL, 0}

/* Frees the buffer's memory and resets it to VOC_BUF_INIT. NULL is a no-op. */
VOC_API void voc_buf_dispose(voc_buf *buf);


/* ---- Feedback records -------------------------------------------------------------------- */

/* Channels (the wire names in JSONL/CSV are in parentheses). */
enum {
  VOC_CHANNEL_SURVEY = 0,      /* "survey" */
  VOC_CHANNEL_APP_REVIEW = 1,  /* "app_review" */
  VOC_CHANNEL_CALL_CENTER = 2, /* "call_center" */
  VOC_CHANNEL_CHAT = 3,        /* "chat" */
  VOC_CHANNEL_EMAIL = 4,       /* "email" */
  VOC_CHANNEL_SOCIAL = 5,      /* "social" */
  VOC_CHANNEL_FORUM = 6,       /* "forum" */
  VOC_CHANNEL_STORE = 7,       /* "store" */
  VOC_CHANNEL_OTHER = 8        /* "other" */
};

/* Rating scales. */
enum {
  VOC_RATING_NPS = 1,   /* 0..10 */
  VOC_RATING_CSAT = 2,  /* 1..5 */
  VOC_RATING_STARS = 3  /* 1..5 */
};

/* String fields of a record, for voc_record_set_str(). */
enum {
  VOC_FIELD_ID = 1,          /* required, unique in a store */
  VOC_FIELD_TEXT = 2,        /* UTF-8 feedback text */
  VOC_FIELD_TOUCHPOINT = 3,  /* optional hint: "delivery" or "delivery.logistics" */
  VOC_FIELD_CUSTOMER_ID = 4,
  VOC_FIELD_PRODUCT = 5,
  VOC_FIELD_REGION = 6
};

/* A reusable builder for one feedback record. Thread-compatible. */
typedef struct voc_record voc_record;

VOC_API int voc_record_create(voc_record **out);
VOC_API void voc_record_destroy(voc_record *record);
/* Clears every field so the builder can be reused for the next record. */
VOC_API void voc_record_reset(voc_record *record);
VOC_API int voc_record_set_str(voc_record *record, int field, const char *value, size_t len);
VOC_API int voc_record_set_channel(voc_record *record, int channel);
/* Seconds since the Unix epoch, UTC: 1 to 253402300799 (9999-12-31T23:59:59Z); validation
 * and ingest refuse other values (0 reads as missing), naming the field and the value. */
VOC_API int voc_record_set_created_at(voc_record *record, int64_t unix_seconds);
VOC_API int voc_record_set_rating(voc_record *record, int scale, double value);
VOC_API int voc_record_set_attribute(voc_record *record, const char *key, size_t key_len,
                                     const char *value, size_t value_len);
VOC_API int voc_record_set_contact_ok(voc_record *record, int contact_ok);
/* Checks the record as ingest would; the message names the field. `index` is used in it. */
VOC_API int voc_record_validate(const voc_record *record, size_t index);

/* ---- Store ------------------------------------------------------------------------------- */

/* A SQLite-backed store (one database file). Thread-compatible: use one handle per thread;
 * several handles (threads or processes) may open the same file. */
typedef struct voc_store voc_store;

/* Store flags for voc_store_open(). */
enum {
  VOC_STORE_CREATE = 1,         /* create the file if missing (else VOC_ENOTFOUND) */
  VOC_STORE_READ_ONLY = 2,
  VOC_STORE_KEEP_RAW_TEXT = 4   /* also keep the unredacted text (PII!) */
};

/* Opens (and migrates) the store at `path` (UTF-8, `path_len` bytes). */
VOC_API int voc_store_open(voc_store **out, const char *path, size_t path_len, int flags);
/* Closes the store; NULL is a no-op. */
VOC_API void voc_store_close(voc_store *store);

/* Ingest flags. */
enum {
  VOC_INGEST_STRICT = 0,            /* a bad record aborts the batch: nothing is written */
  VOC_INGEST_LENIENT = 1,           /* bad records are reported, the rest stored */
  VOC_INGEST_ON_DUPLICATE_ERROR = 0,
  VOC_INGEST_ON_DUPLICATE_UPDATE = 2, /* re-ingesting an id updates the record */
  VOC_INGEST_ON_DUPLICATE_SKIP = 4    /* re-ingesting an id keeps the stored record */
};

/* What an ingest did. Destroy with voc_ingest_report_destroy(). */
typedef struct voc_ingest_report voc_ingest_report;

/* Ingests `count` records built with voc_record in one transaction. `report` may be NULL.
 * In strict mode the first bad record fails the call (VOC_EINVAL) and nothing is written. */
VOC_API int voc_store_ingest(voc_store *store, const voc_record *const *records, size_t count,
                             int flags, voc_ingest_report **report);
/* Ingests JSONL (one record object per line; see README "Record format"). */
VOC_API int voc_store_ingest_jsonl(voc_store *store, const char *data, size_t len, int flags,
                                   voc_ingest_report **report);
/* Ingests CSV with a header row (UTF-8, optional BOM). */
VOC_API int voc_store_ingest_csv(voc_store *store, const char *data, size_t len, int flags,
                                 voc_ingest_report **report);
/* Upserts customers given as JSONL (id, name, tier, tenure_months, lifetime_value, region,
 * contact_ok, attributes). `stored` (may be NULL) receives the count. */
VOC_API int voc_store_upsert_customers_jsonl(voc_store *store, const char *data, size_t len,
                                             size_t *stored);

VOC_API size_t voc_ingest_report_stored(const voc_ingest_report *report);   /* new records */
VOC_API size_t voc_ingest_report_updated(const voc_ingest_report *report);
VOC_API size_t voc_ingest_report_skipped(const voc_ingest_report *report);  /* duplicates kept */
VOC_API size_t voc_ingest_report_error_count(const voc_ingest_report *report);
/* The i-th rejected record: 1-based line (or index), its id ("" if unknown; control
 * characters such as NUL written as \u00XX, as in the message), the field and the full
 * message. The strings are borrowed from the report. */
VOC_API int voc_ingest_report_error(const voc_ingest_report *report, size_t i, size_t *line,
                                    const char **id, const char **field, const char **message);
VOC_API void voc_ingest_report_destroy(voc_ingest_report *report);

/* Number of stored feedback records. */
VOC_API int voc_store_count(voc_store *store, int64_t *count);

/* Feedback matching a filter, as JSONL (records with their analysis when present) in `out`.
 * from/to: [from, to) in epoch seconds (0 = unbounded); channel: -1 for any; customer_id:
 * NULL/0 for any; limit 0 (or above INT64_MAX) = no limit. */
VOC_API int voc_store_query_jsonl(voc_store *store, int64_t from, int64_t to, int channel,
                                  const char *customer_id, size_t customer_id_len, size_t limit,
                                  voc_buf *out);

/* ---- Analysis ---------------------------------------------------------------------------- */

/* Options of an analyzer: model and data paths. Thread-compatible; an options handle can be
 * destroyed as soon as voc_analyzer_create() returns. */
typedef struct voc_analyzer_options voc_analyzer_options;

/* Path settings for voc_analyzer_options_set_path(); an unset path means the default model. */
enum {
  VOC_ANALYZER_SENTIMENT_MODEL = 1, /* from voc train-sentiment */
  VOC_ANALYZER_EMOTION_MODEL = 2,   /* from voc train-emotion */
  VOC_ANALYZER_THEMES = 3,          /* taxonomy JSON or a voc train-themes model */
  VOC_ANALYZER_JOURNEY_MAP = 4,     /* journey map JSON */
  VOC_ANALYZER_SEGMENTER_MODEL = 5, /* from voc train-segmenter */
  VOC_ANALYZER_USER_DICT = 6,       /* extra words for the segmenter */
  VOC_ANALYZER_KEYWORD_IDF = 7      /* IDF table for key phrases (voc keywords --build-idf) */
};

VOC_API int voc_analyzer_options_create(voc_analyzer_options **out);
VOC_API void voc_analyzer_options_destroy(voc_analyzer_options *options);
VOC_API int voc_analyzer_options_set_path(voc_analyzer_options *options, int which,
                                          const char *path, size_t path_len);
/* Texts longer than `max_bytes` are refused with VOC_EINVAL (0: no limit; the default is
 * 1 MiB, the store's limit on a record's text). Analysis holds about 110 bytes of memory per
 * byte of text while it runs. */
VOC_API int voc_analyzer_options_set_max_text_bytes(voc_analyzer_options *options,
                                                    uint64_t max_bytes);

/* The full analysis (sentiment, emotion, intent, effort, clauses, journey stages, themes,
 * key phrases). Immutable after creation and thread-safe: share one across threads. */
typedef struct voc_analyzer voc_analyzer;

/* `options` may be NULL for the defaults. Loading errors name the file. */
VOC_API int voc_analyzer_create(voc_analyzer **out, const voc_analyzer_options *options);
VOC_API void voc_analyzer_destroy(voc_analyzer *analyzer);

/* Analyses one text and writes the result as a JSON object (the same fields as
 * `voc analyze --format jsonl`, without "id") to `out`. Invalid UTF-8 is VOC_EINVAL. */
VOC_API int voc_analyzer_analyze_json(const voc_analyzer *analyzer, const char *text, size_t len,
                                      voc_buf *out);

/* Polarity values in batch results. */
enum { VOC_NEGATIVE = -1, VOC_NEUTRAL = 0, VOC_POSITIVE = 1 };

/* Results of a batch analysis: one item per input text. Destroy with
 * voc_batch_result_destroy(); every pointer it hands out is valid until then. */
typedef struct voc_batch_result voc_batch_result;

/* Analyses `count` texts given as one UTF-8 blob: text i is blob[offsets[i] .. offsets[i+1]),
 * so `offsets` has count + 1 entries (count 0 is an empty batch: blob and offsets may be NULL
 * and are not read). A bad text gets a per-item error code; the call itself
 * fails only for bad arguments or out of memory. Runs on the calling thread. */
VOC_API int voc_analyzer_analyze_batch(const voc_analyzer *analyzer, voc_batch_result **out,
                                       const char *blob, const uint64_t *offsets, size_t count);

VOC_API size_t voc_batch_result_count(const voc_batch_result *result);
/* VOC_OK or the error code of item i (the message: voc_batch_result_error). An index past
 * the end is VOC_ENOTFOUND (never an item's code; the message names the index and the count),
 * a NULL result VOC_EINVAL. */
VOC_API int voc_batch_result_status(const voc_batch_result *result, size_t i);
VOC_API const char *voc_batch_result_error(const voc_batch_result *result, size_t i);
/* Item i as a JSON object (borrowed; `len` may be NULL); "{}" for a failed item, NULL for a
 * bad index. Built on first request, so callers that only read the columns below do not pay
 * for it; safe to call from several threads. */
VOC_API const char *voc_batch_result_json(const voc_batch_result *result, size_t i, size_t *len);
/* All items as one JSON array, in order; a failed item is {"error": message}. One call
 * instead of one per item, for bindings that parse the whole batch at once. */
VOC_API int voc_batch_result_json_array(const voc_batch_result *result, voc_buf *out);
/* Columnar views (arrays of voc_batch_result_count() values, borrowed). */
VOC_API const float *voc_batch_result_scores(const voc_batch_result *result);
VOC_API const float *voc_batch_result_intensities(const voc_batch_result *result);
VOC_API const int32_t *voc_batch_result_polarities(const voc_batch_result *result);
VOC_API void voc_batch_result_destroy(voc_batch_result *result);

/* Analyses the stored feedback that has no analysis yet (all of it when `reanalyze` is
 * non-zero) and saves the results in one transaction per chunk. `analyzed` may be NULL. */
VOC_API int voc_store_analyze(voc_store *store, const voc_analyzer *analyzer, int reanalyze,
                              size_t *analyzed);

/* ---- Segmentation ------------------------------------------------------------------------- */

/* A word segmenter: the default lexicon (or a `voc train-segmenter` model) plus this handle's
 * own user dictionary. Thread-safe: segment from many threads while another adds words; each
 * call sees the dictionary before or after an edit, never half of one. */
typedef struct voc_segmenter voc_segmenter;

/* `model` (a voc train-segmenter file) and `user_dict` (lines "word [freq] [tag]") may be
 * NULL for none. Errors name the file. */
VOC_API int voc_segmenter_create(voc_segmenter **out, const char *model, size_t model_len,
                                 const char *user_dict, size_t user_dict_len);
VOC_API void voc_segmenter_destroy(voc_segmenter *segmenter);

/* One token: bytes [start, end) of the input and its coarse part of speech (the tag names of
 * `voc segment --pos`, see voc_token_tag_name). */
typedef struct voc_token {
  uint32_t start;
  uint32_t end;
  uint32_t tag;
} voc_token;

/* Segments `text` into `tokens` (capacity `capacity`); *count receives the number of tokens.
 * When they do not fit, nothing is written, *count is the number needed and the result is
 * VOC_EBUFS (a capacity of len + 1 always suffices). Invalid UTF-8 bytes come out as one-byte
 * tokens; this never fails on content. */
VOC_API int voc_segmenter_segment(const voc_segmenter *segmenter, const char *text, size_t len,
                                  voc_token *tokens, size_t capacity, size_t *count);
/* The tokens as text, separated by single spaces (word/TAG when `with_tags`), as
 * `voc segment` prints one line. */
VOC_API int voc_segmenter_segment_text(const voc_segmenter *segmenter, const char *text,
                                       size_t len, int with_tags, voc_buf *out);
/* "n", "v", "neg", ... for a voc_token tag; "x" for an unknown value. Static storage. */
VOC_API const char *voc_token_tag_name(uint32_t tag);

/* User dictionary of this handle. `freq` 0 picks one that makes the word win over its parts. */
VOC_API int voc_segmenter_add_word(voc_segmenter *segmenter, const char *word, size_t len,
                                   int64_t freq);
VOC_API int voc_segmenter_remove_word(voc_segmenter *segmenter, const char *word, size_t len);
VOC_API int voc_segmenter_save_user_dict(const voc_segmenter *segmenter, const char *path,
                                         size_t path_len);

/* ---- Customer journey ------------------------------------------------------------------- */

/* The journey report over the analysed feedback with from <= created_at < to (0 = unbounded)
 * as JSON (`voc journey --format json`): per stage and touchpoint health, key moments,
 * breakpoints, root causes. `map_path` NULL = the default journey map. Rows analysed before
 * journey attribution existed (no stages stored) are attributed from their stored text, as
 * `voc journey --db` does. With `svg` non-NULL the SVG journey curve is written there too. */
VOC_API int voc_store_journey_json(voc_store *store, int64_t from, int64_t to,
                                   const char *map_path, size_t map_path_len, voc_buf *out,
                                   voc_buf *svg);

/* ---- Theme discovery --------------------------------------------------------------------- */

enum { VOC_DISCOVER_ALL = 1 }; /* cluster every line, not only those no theme matched */

/* Candidate new themes (`voc discover-themes`): `jsonl` holds {"id","text"} lines (an id
 * missing is the line number); the feedback no theme of the default taxonomy matches is
 * clustered into at most `clusters` groups (0 = 8), deterministically for a fixed `seed`, and
 * *out receives {"documents","unmatched","candidates":[{"top_terms","size","share_negative",
 * "example_ids"}]}, largest first. A line that is not such an object is VOC_EINVAL, naming
 * the line. The default taxonomy and sentiment models are loaded on the first call and kept
 * for the process (shared by all threads), so later calls pay only for the clustering. */
VOC_API int voc_discover_themes(const char *jsonl, size_t len, int clusters, uint64_t seed,
                                int flags, voc_buf *out);

/* ---- Closed loop: insights, improvement tasks, cases, verification, follow-up ------------ */

/* Roles decide who may do what (the table is in include/voc/workflow.h). */
enum {
  VOC_ROLE_VIEWER = 0,   /* read only */
  VOC_ROLE_ANALYST = 1,  /* create tasks (draft) and cases */
  VOC_ROLE_AGENT = 2,    /* work cases */
  VOC_ROLE_OWNER = 3,    /* work the tasks they own */
  VOC_ROLE_MANAGER = 4,  /* everything on tasks and cases */
  VOC_ROLE_ADMIN = 5,
  VOC_ROLE_SYSTEM = 6    /* automatic moves */
};

/* Who performs a change: a name (recorded in the audit trail) and a role. Thread-compatible. */
typedef struct voc_actor voc_actor;
VOC_API int voc_actor_create(voc_actor **out, const char *name, size_t name_len, int role);
VOC_API void voc_actor_destroy(voc_actor *actor);

/* The closed loop over one store. Every change is one transaction with its audit event;
 * illegal moves fail with VOC_ESTATE (the message names the current state and the move),
 * stale expected versions with VOC_ECONFLICT, changes the actor's role (or, for an owner,
 * their name) does not allow with VOC_EPERM. Thread-compatible, like the store, which must
 * outlive it. Results are JSON written to a voc_buf. */
typedef struct voc_workflow voc_workflow;

VOC_API int voc_workflow_open(voc_workflow **out, voc_store *store);
VOC_API void voc_workflow_close(voc_workflow *workflow);
/* Fixes the clock at `unix_seconds` (0: back to the system clock). Negative times and times
 * after 9999-12-31T23:59:59Z (253402300799) are VOC_EINVAL. */
VOC_API int voc_workflow_set_now(voc_workflow *workflow, int64_t unix_seconds);

/* Insights over the analysed feedback of the last `window_seconds` (0: 30 days; at most 3660
 * days, ~10 years, like every window and SLA), ranked by priority, as a JSON array. */
VOC_API int voc_workflow_insights(voc_workflow *workflow, int64_t window_seconds, voc_buf *out);

/* Creates a task (in draft) from a JSON object: {"title", "description", "department",
 * "owner", "deadline", "target": {"metric", "direction": "down"|"up", "change": "50%",
 * "window": "90d"}, "themes": [...], "key_phrases": [...], "evidence_ids": [...]}; with
 * "from_insight": KEY (and optional "insight_window": "30d") the insight's themes, phrases and
 * evidence are linked. Writes the task as JSON. Timestamps ("deadline", "shipped_at") are
 * RFC 3339 strings or whole epoch seconds from 1970-01-01T00:00:01Z to 9999-12-31T23:59:59Z;
 * numbers that are not whole or out of range ("expected_version" >= 1 too) are VOC_EINVAL. */
VOC_API int voc_workflow_task_create(voc_workflow *workflow, const char *draft_json, size_t len,
                                     const voc_actor *actor, voc_buf *out);
/* Applies a move ("assign", "start", "hold", "resume", "implement", "verify", "pass", "fail",
 * "rework", "notify", "close", "cancel") with options as a JSON object (may be NULL/0):
 * {"expected_version", "note", "owner", "department", "deadline", "target", "shipped_at",
 * "change", "root_cause", "reason"}. Writes the updated task. */
VOC_API int voc_workflow_task_move(voc_workflow *workflow, const char *task_id, size_t id_len,
                                   const char *move, size_t move_len, const char *options_json,
                                   size_t options_len, const voc_actor *actor, voc_buf *out);
VOC_API int voc_workflow_task_get(voc_workflow *workflow, const char *task_id, size_t id_len,
                                  voc_buf *out);
/* filter_json (may be NULL/0): {"state", "owner", "department"}. Writes a JSON array. */
VOC_API int voc_workflow_task_list(voc_workflow *workflow, const char *filter_json, size_t len,
                                   voc_buf *out);
/* The audit trail of a task ("T-1"), case ("C-1") or outbox message ("O-1"), oldest first. */
VOC_API int voc_workflow_history(voc_workflow *workflow, const char *entity_id, size_t id_len,
                                 voc_buf *out);

/* Cases (one customer's complaint): {"title", "customer_id", "feedback_id", "task_id",
 * "assignee", "sla": {"first_response": "4h", "resolution": "72h", "auto_close": "7d"}}.
 * Durations (here and in task targets) are a count and a unit (s, m, h, d, w) or a number of
 * seconds, at most 3660d; a longer one is VOC_EINVAL naming the field and the value. */
VOC_API int voc_workflow_case_create(voc_workflow *workflow, const char *draft_json, size_t len,
                                     const voc_actor *actor, voc_buf *out);
/* Moves: "assign", "start", "wait", "reply", "resolve", "close", "reopen"; options JSON
 * {"expected_version", "note", "assignee"} (may be NULL/0). */
VOC_API int voc_workflow_case_move(voc_workflow *workflow, const char *case_id, size_t id_len,
                                   const char *move, size_t move_len, const char *options_json,
                                   size_t options_len, const voc_actor *actor, voc_buf *out);
VOC_API int voc_workflow_case_get(voc_workflow *workflow, const char *case_id, size_t id_len,
                                  voc_buf *out);
/* filter_json (may be NULL/0): {"state", "task_id", "customer_id", "only_escalated": bool}.
 * An unknown state or a value of the wrong type is VOC_EINVAL (as for voc_workflow_task_list). */
VOC_API int voc_workflow_case_list(voc_workflow *workflow, const char *filter_json, size_t len,
                                   voc_buf *out);
/* Applies due escalations and auto-closes at the workflow's clock; idempotent. */
VOC_API int voc_workflow_tick(voc_workflow *workflow, voc_buf *out);

/* Effect verification of an implemented/verifying task; writes the report (verdict
 * "effective" | "not_effective" | "insufficient_data", windows, tests, p-values). */
VOC_API int voc_workflow_verify(voc_workflow *workflow, const char *task_id, size_t id_len,
                                const voc_actor *actor, voc_buf *out);
/* Queues one follow-up message per consenting customer whose feedback is evidence of a
 * verified task; running it again adds nothing. */
VOC_API int voc_workflow_followup(voc_workflow *workflow, const char *task_id, size_t id_len,
                                  const voc_actor *actor, voc_buf *out);
/* Outbox messages (state "" for any, "pending", "delivered" or "failed", anything else is
 * VOC_EINVAL; task_id may be NULL/0). */
VOC_API int voc_workflow_outbox_list(voc_workflow *workflow, const char *state, size_t state_len,
                                     const char *task_id, size_t task_id_len, voc_buf *out);
/* The host product delivered ("delivered") or could not deliver ("failed") a message. */
VOC_API int voc_workflow_outbox_ack(voc_workflow *workflow, const char *message_id, size_t id_len,
                                    const char *state, size_t state_len, const char *note,
                                    size_t note_len, const voc_actor *actor, voc_buf *out);
/* A customer answered; when `unhappy` is non-zero their cases linked to the task reopen.
 * Writes the ids of reopened cases as a JSON array. */
VOC_API int voc_workflow_outbox_reply(voc_workflow *workflow, const char *message_id,
                                      size_t id_len, const char *reply, size_t reply_len,
                                      int unhappy, const voc_actor *actor, voc_buf *out);

VOC_END_DECL

#endif /* VOC_H_ */
