/* td-test-util.h: what the core's tests share */
#pragma once

#include <json-glib/json-glib.h>

#include "td-render.h"

G_BEGIN_DECLS

/* data/samples/august-2023, the sample issue's folder. */
char     *td_test_sample_dir    (void);

/* The sample, loaded and validated like a file: the document's root. */
JsonNode *td_test_load_sample   (void);

/* Compares data with tests/data/golden/NAME, saying where they first
 * differ; with TD_UPDATE_GOLDEN=1 rewrites the golden file instead (look
 * at the new output before committing it). */
void      td_test_assert_golden (const char *name,
                                 const char *data,
                                 gsize       length);

/* A copy of data that ends exactly where an unreadable page begins, so that
 * a read past its end crashes at once, with or without AddressSanitizer.
 * No NUL follows it. Free with td_test_guarded_free(). */
char     *td_test_guarded_copy  (const char *data,
                                 gsize       length);
void      td_test_guarded_free  (char       *copy,
                                 gsize       length);
/* td_render() of @format, which must succeed, as a NUL-terminated string
 * of valid UTF-8 (but for TD_RENDER_EML); its length goes to @length
 * when not NULL. */
char     *td_test_render        (TdRenderFormat         format,
                                 const TdRenderContext *context,
                                 gsize                 *length);

/* Deletes @path and everything below it (symbolic links are not followed). */
void      td_test_remove_tree   (const char *path);

/* Copies the folder @from into @to (created), files and folders. */
void      td_test_copy_tree     (const char *from,
                                 const char *to);

/* The sample as @name in @folder (its images beside it), of @date and
 * @title, saved: a library's issue. Returns its path. */
char     *td_test_add_issue     (const char *folder,
                                 const char *name,
                                 const char *date,
                                 const char *title);

/* Runs the default main context until @condition holds, for @timeout_ms at
 * most; whether it held. td_test_settle() just lets it run @ms. */
typedef gboolean (*TdTestCondition) (gpointer data);

gboolean  td_test_iterate_until (TdTestCondition condition,
                                 gpointer        data,
                                 guint           timeout_ms);
void      td_test_settle        (guint           ms);

G_END_DECLS
