/* test-document.c: commands, undo/redo and the modified flag */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-document.h"
#include "td-picture-convert.h"
#include "td-issue-saver.h"
#include "td-json-path.h"
#include "td-test-util.h"

static const char *
string_at (TdDocument *document,
           const char *path)
{
  JsonNode *node = td_json_path_lookup (td_document_get_root (document), path);

  return node != NULL ? json_node_get_string (node) : NULL;
}

static guint
n_sections (TdDocument *document)
{
  return json_array_get_length (json_node_get_array (
    td_json_path_lookup (td_document_get_root (document), "sections")));
}

/* -- What the signals say ------------------------------------------------ */

static void
log_changed_cb (TdDocument *document,
                GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup ("changed"));
}

static void
log_field_cb (TdDocument *document,
              const char *scope,
              const char *key_path,
              GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup_printf ("field %s %s", scope, key_path));
}

static void
log_inserted_cb (TdDocument *document,
                 const char *id,
                 guint       position,
                 GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup_printf ("inserted %s %u", id, position));
}

static void
log_removed_cb (TdDocument *document,
                const char *id,
                guint       position,
                GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup_printf ("removed %s %u", id, position));
}

static void
log_moved_cb (TdDocument *document,
              const char *id,
              guint       from,
              guint       to,
              GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup_printf ("moved %s %u %u", id, from, to));
}

/* Every signal of document, as one line each, in order. */
static GPtrArray *
log_signals (TdDocument *document)
{
  GPtrArray *log = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (document, "changed", G_CALLBACK (log_changed_cb), log);
  g_signal_connect (document, "field-changed", G_CALLBACK (log_field_cb), log);
  g_signal_connect (document, "section-inserted", G_CALLBACK (log_inserted_cb), log);
  g_signal_connect (document, "section-removed", G_CALLBACK (log_removed_cb), log);
  g_signal_connect (document, "section-moved", G_CALLBACK (log_moved_cb), log);
  return log;
}

/* Compares the log with expected (lines joined by "; ") and empties it. */
static void
assert_log (GPtrArray  *log,
            const char *expected)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < log->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", (char *) g_ptr_array_index (log, i));
  g_assert_cmpstr (text->str, ==, expected);
  g_ptr_array_set_size (log, 0);
}

static void
test_set_undo_redo (void)
{
  g_autoptr(TdDocument) document = td_document_new ();
  g_autoptr(GPtrArray) log = log_signals (document);

  g_assert_false (td_document_get_modified (document));
  g_assert_false (td_document_can_undo (document));

  td_document_set_string (document, "issue.title", "First", TD_EDIT_NONE);
  td_document_set_string (document, "issue.title", "Second", TD_EDIT_NONE);
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "Second");
  g_assert_true (td_document_get_modified (document));
  assert_log (log, "field issue title; changed; field issue title; changed");

  g_assert_true (td_document_undo (document));
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "First");
  g_assert_true (td_document_undo (document));
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "");
  g_assert_false (td_document_get_modified (document));
  g_assert_false (td_document_undo (document));

  g_assert_true (td_document_redo (document));
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "First");
  g_assert_true (td_document_get_modified (document));
  assert_log (log, "field issue title; changed; field issue title; changed; "
                   "field issue title; changed");

  /* A new edit drops what could be redone. */
  td_document_set_string (document, "issue.title", "Third", TD_EDIT_NONE);
  g_assert_false (td_document_can_redo (document));
}

static void
test_typing_merges (void)
{
  g_autoptr(TdDocument) document = td_document_new ();

  td_document_set_string (document, "issue.subject", "H", TD_EDIT_MERGE);
  td_document_set_string (document, "issue.subject", "He", TD_EDIT_MERGE);
  td_document_set_string (document, "issue.subject", "Hey", TD_EDIT_MERGE);
  td_document_seal_undo (document);
  td_document_set_string (document, "issue.subject", "Hey!", TD_EDIT_MERGE);

  g_assert_true (td_document_undo (document));
  g_assert_cmpstr (string_at (document, "issue.subject"), ==, "Hey");
  g_assert_true (td_document_undo (document));
  g_assert_null (string_at (document, "issue.subject"));
  g_assert_false (td_document_can_undo (document));
}

/* Typing into a field whose object isn't there yet (a new item's link):
 * the first character creates the object, and the next ones join that
 * step rather than leaving the first character an undo step of its own. */
static void
test_typing_merges_into_new_parent (void)
{
  g_autoptr(TdDocument) document = td_document_new ();

  td_document_set_string (document, "issue.title", "Kept", TD_EDIT_NONE);
  td_document_seal_undo (document);
  td_document_set_string (document, "sections[0].banner.alt", "A", TD_EDIT_MERGE);
  td_document_set_string (document, "sections[0].banner.alt", "A ", TD_EDIT_MERGE);
  td_document_set_string (document, "sections[0].banner.alt", "A b", TD_EDIT_MERGE);
  g_assert_cmpstr (string_at (document, "sections[0].banner.alt"), ==, "A b");

  g_assert_true (td_document_undo (document));
  g_assert_null (td_json_path_lookup (td_document_get_root (document), "sections[0].banner"));
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "Kept");
  g_assert_true (td_document_redo (document));
  g_assert_cmpstr (string_at (document, "sections[0].banner.alt"), ==, "A b");
}

static void
test_creates_missing_parents (void)
{
  g_autoptr(TdDocument) document = td_document_new ();

  td_document_set_string (document, "sections[0].banner.src", "images/b.png", TD_EDIT_NONE);
  g_assert_cmpstr (string_at (document, "sections[0].banner.src"), ==, "images/b.png");
  g_assert_true (td_document_undo (document));
  g_assert_null (td_json_path_lookup (td_document_get_root (document), "sections[0].banner"));
}

static JsonNode *
tip_section (const char *id)
{
  g_autofree char *text = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"tip\"}", id);

  return json_from_string (text, NULL);
}

static void
test_list_commands (void)
{
  g_autoptr(TdDocument) document = td_document_new ();
  g_autoptr(JsonNode) tip = tip_section ("tip");

  g_assert_cmpuint (n_sections (document), ==, 2);
  g_assert_true (td_document_insert (document, "sections", 1, tip));
  g_assert_cmpuint (n_sections (document), ==, 3);
  g_assert_cmpstr (string_at (document, "sections[1].id"), ==, "tip");

  g_assert_true (td_document_move (document, "sections", 1, 0));
  g_assert_cmpstr (string_at (document, "sections[0].id"), ==, "tip");
  g_assert_cmpstr (string_at (document, "sections[1].id"), ==, "masthead");

  g_assert_true (td_document_remove (document, "sections", 0));
  g_assert_cmpuint (n_sections (document), ==, 2);
  g_assert_false (td_document_remove (document, "sections", 5));
  g_assert_false (td_document_move (document, "sections", 0, 9));

  g_assert_true (td_document_undo (document));
  g_assert_cmpstr (string_at (document, "sections[0].id"), ==, "tip");
  g_assert_true (td_document_undo (document));
  g_assert_cmpstr (string_at (document, "sections[1].id"), ==, "tip");
  g_assert_true (td_document_undo (document));
  g_assert_cmpuint (n_sections (document), ==, 2);
  g_assert_false (td_document_get_modified (document));
}

/* Undo restores exactly what was there, even after the inserted value is
 * edited further (the history must not share nodes with the tree). */
static void
test_history_is_isolated (void)
{
  g_autoptr(TdDocument) document = td_document_new ();
  g_autoptr(JsonNode) tip = tip_section ("tip");

  td_document_insert (document, "sections", 2, tip);
  td_document_set_string (document, "sections[2].title", "Changed", TD_EDIT_NONE);
  td_document_remove (document, "sections", 2);
  g_assert_true (td_document_undo (document));
  g_assert_cmpstr (string_at (document, "sections[2].title"), ==, "Changed");
  g_assert_true (td_document_undo (document));
  g_assert_null (string_at (document, "sections[2].title"));
  g_assert_cmpstr (string_at (document, "sections[2].id"), ==, "tip");
}

static void
test_group (void)
{
  g_autoptr(TdDocument) document = td_document_new ();

  td_document_begin_group (document);
  td_document_set_string (document, "issue.title", "A", TD_EDIT_NONE);
  td_document_set_string (document, "practice.name", "B", TD_EDIT_NONE);
  td_document_end_group (document);
  g_assert_true (td_document_undo (document));
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "");
  g_assert_cmpstr (string_at (document, "practice.name"), ==, "");
  g_assert_false (td_document_can_undo (document));
}

/* Sections are named by id in what listeners hear, wherever they are. */
static void
test_section_signals (void)
{
  g_autoptr(TdDocument) document = td_document_new ();
  g_autoptr(GPtrArray) log = log_signals (document);
  g_autoptr(JsonNode) tip = tip_section ("tip");
  g_autoptr(JsonNode) item = json_from_string ("{\"text\": \"x\"}", NULL);
  g_autoptr(JsonNode) replacement = tip_section ("tip");
  g_autoptr(JsonNode) sections = json_from_string (
    "[{\"id\": \"footer\", \"type\": \"footer\"}, {\"id\": \"new\", \"type\": \"tip\"}]",
    NULL);
  g_autoptr(JsonNode) empty_list = json_from_string ("[]", NULL);
  g_autoptr(JsonNode) issue = json_from_string ("{\"title\": \"T\"}", NULL);

  td_document_insert (document, "sections", 1, tip);
  assert_log (log, "inserted tip 1; changed");
  td_document_set_string (document, "sections[1].title", "Hello", TD_EDIT_NONE);
  assert_log (log, "field section/tip title; changed");
  td_document_move (document, "sections", 1, 0);
  assert_log (log, "moved tip 1 0; changed");
  /* Moved, the same field is still the same section's. */
  td_document_set_string (document, "sections[0].title", "Again", TD_EDIT_NONE);
  assert_log (log, "field section/tip title; changed");

  /* A list inside a section: its key path, relative to the section. */
  td_document_set (document, "sections[0].items", empty_list, TD_EDIT_NONE);
  assert_log (log, "field section/tip items; changed");
  td_document_insert (document, "sections[0].items", 0, item);
  assert_log (log, "field section/tip items; changed");
  td_document_set_string (document, "sections[0].items[0].text", "y", TD_EDIT_NONE);
  assert_log (log, "field section/tip items[0].text; changed");

  /* A section replaced as a whole, then renamed. */
  td_document_set (document, "sections[0]", replacement, TD_EDIT_NONE);
  assert_log (log, "field section/tip ; changed");
  td_document_set_string (document, "sections[0].id", "hint", TD_EDIT_NONE);
  assert_log (log, "removed tip 0; inserted hint 0; changed");

  /* The list replaced wholesale (as undoing a recovery does): what went,
   * what came, what moved and was replaced. */
  td_document_set (document, "sections", sections, TD_EDIT_NONE);
  assert_log (log, "removed hint 0; removed masthead 1; moved footer 2 0; "
                   "field section/footer ; inserted new 1; changed");

  td_document_undo (document);
  assert_log (log, "removed new 1; inserted hint 0; inserted masthead 1; moved footer 0 2; "
                   "field section/footer ; changed");

  td_document_remove (document, "sections", 1);
  assert_log (log, "removed masthead 1; changed");
  td_document_undo (document);
  assert_log (log, "inserted masthead 1; changed");

  /* The profile and the settings are scopes of their own. */
  td_document_set_string (document, "practice.name", "Rachel", TD_EDIT_NONE);
  assert_log (log, "field practice name; changed");
  td_document_set (document, "issue", issue, TD_EDIT_NONE);
  assert_log (log, "field issue ; changed");
}

static void
test_import_image (void)
{
  g_autoptr(TdDocument) document = td_document_new ();
  g_autofree char *dir = g_dir_make_tmp ("tidings-import-XXXXXX", NULL);
  g_autofree char *drafts = g_build_filename (dir, "drafts", NULL);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "august-2023", "images", "logo.png", NULL);
  g_autofree char *photo = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                  "august-2023", "images", "glute-bridge.jpg",
                                                  NULL);
  g_autoptr(GFile) source = g_file_new_for_path (sample);
  g_autoptr(GFile) photo_file = g_file_new_for_path (photo);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *pasted = NULL;
  g_autofree char *jpeg = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *issue_path = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(GFile) issue_file = NULL;
  g_autoptr(GBytes) not_image = g_bytes_new_static ("hello", 5);
  g_autofree char *refused = NULL;
  g_autoptr(GDateTime) day = g_date_time_new_utc (2026, 12, 3, 10, 0, 0);
  g_autofree char *paste_name = td_picture_name_for_paste ("Article", day);

  g_setenv ("TIDINGS_DRAFTS_DIR", drafts, TRUE);

  /* Untitled and without a folder: it waits in the draft area. */
  first = td_document_import_image (document, source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "images/logo.png");
  draft = g_strdup (td_document_get_draft_dir (document));
  g_assert_nonnull (draft);
  g_assert_true (g_str_has_prefix (draft, drafts));
  g_assert_cmpstr (td_document_get_picture_dir (document, first), ==, draft);

  /* The same picture is not stored twice. */
  again = td_document_import_image (document, source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, "images/logo.png");

  /* A photo becomes a JPEG named after its file. */
  jpeg = td_document_import_image (document, photo_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jpeg, ==, "images/glute-bridge.jpg");

  /* Another picture under the same name gets a new name; a paste is
   * named from its section and the day. */
  g_assert_cmpstr (paste_name, ==, "article-2026-12-03");
  {
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (photo, &contents, &length, NULL));
    bytes = g_bytes_new (contents, length);
    pasted = td_document_import_image_bytes (document, bytes, "Logo.PNG", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pasted, ==, "images/logo.jpg");
  }

  refused = td_document_import_image_bytes (document, not_image, "notes.png", &error);
  g_assert_null (refused);
  g_assert_error (error, TD_PICTURE_CONVERT_ERROR, TD_PICTURE_CONVERT_ERROR_DECODE);
  g_assert_nonnull (strstr (error->message, "notes.png"));
  g_clear_error (&error);

  /* Nothing in the issue's folder before Save; Save brings in what the
   * issue uses and empties the draft area. */
  td_document_set_string (document, "practice.logo", first, TD_EDIT_NONE);
  issue_path = g_build_filename (dir, "issue", "march.tidings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (issue_path, 0700), ==, 0);
  g_rmdir (issue_path);
  issue_file = g_file_new_for_path (issue_path);
  saved = g_build_filename (dir, "issue", "images", "logo.png", NULL);
  g_assert_false (g_file_test (saved, G_FILE_TEST_EXISTS));
  g_assert_true (td_document_save (document, issue_file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));
  g_assert_null (td_document_get_draft_dir (document));
  {
    g_autofree char *images = g_build_filename (draft, "images", NULL);
    g_autoptr(GDir) left = g_dir_open (images, 0, NULL);

    g_assert_nonnull (left);
    g_assert_null (g_dir_read_name (left));
  }
  g_assert_cmpstr (td_document_get_picture_dir (document, first), ==,
                   td_document_get_base_dir (document));

  /* Closing the document removes its draft area; an orphan (no lock
   * held) is removed at start-up, a living document's is not. */
  g_clear_object (&document);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  {
    g_autofree char *orphan = g_build_filename (drafts, "orphan", "images", NULL);
    g_autoptr(TdDocument) living = td_document_new ();
    g_autofree char *kept = NULL;

    g_assert_cmpint (g_mkdir_with_parents (orphan, 0700), ==, 0);
    g_free (td_document_import_image (living, source, &error));
    g_assert_no_error (error);
    kept = g_strdup (td_document_get_draft_dir (living));
    g_assert_cmpuint (td_picture_drafts_clean_orphans (), ==, 1);
    g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (kept, G_FILE_TEST_IS_DIR));
  }

  g_unsetenv ("TIDINGS_DRAFTS_DIR");
  td_test_remove_tree (dir);
}

/* -- Saving, and Save As with the pictures ------------------------------ */

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
  GStrv conflicts;
} SaveResult;

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = td_document_save_finish (TD_DOCUMENT (object), result, &save->conflicts,
                                      &save->error);
  save->done = TRUE;
}

static void
save_result_clear (SaveResult *save)
{
  g_clear_error (&save->error);
  g_clear_pointer (&save->conflicts, g_strfreev);
  save->done = FALSE;
  save->ok = FALSE;
}

static void
wait_for (SaveResult *save)
{
  while (!save->done)
    g_main_context_iteration (NULL, TRUE);
}

static char *
make_folder (const char *root,
             const char *name,
             const char *logo_bytes)
{
  char *dir = g_build_filename (root, name, NULL);
  g_autofree char *images = g_build_filename (dir, "images", NULL);

  g_assert_cmpint (g_mkdir_with_parents (images, 0700), ==, 0);
  if (logo_bytes != NULL)
    {
      g_autofree char *logo = g_build_filename (images, "logo.png", NULL);

      g_assert_true (g_file_set_contents (logo, logo_bytes, -1, NULL));
    }
  return dir;
}

static char *
read_logo (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "images", "logo.png", NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents;
}

static void
test_save_as_pictures (void)
{
  g_autofree char *root = g_dir_make_tmp ("tidings-save-as-XXXXXX", NULL);
  g_autofree char *source = make_folder (root, "source", "ours");
  g_autofree char *theirs = make_folder (root, "theirs", "theirs");
  g_autofree char *empty = make_folder (root, "empty", NULL);
  g_autofree char *replace = make_folder (root, "replace", "old");
  g_autofree char *theirs_path = g_build_filename (theirs, "issue.tidings", NULL);
  g_autoptr(GFile) theirs_file = g_file_new_for_path (theirs_path);
  g_autoptr(TdDocument) document = td_document_new ();
  SaveResult save = { FALSE, FALSE, NULL, NULL };
  SaveResult second = { FALSE, FALSE, NULL, NULL };
  g_autofree char *logo = NULL;

  td_document_set_base_dir (document, source);
  td_document_set_string (document, "practice.logo", "images/logo.png", TD_EDIT_NONE);

  /* A different picture of the same name is in the way: nothing is
   * written until she says what to do. */
  td_document_save_async (document, theirs_file, TD_SAVE_FLAGS_NONE, NULL, save_done_cb, &save);
  wait_for (&save);
  g_assert_false (save.ok);
  g_assert_error (save.error, TD_SAVE_ERROR, TD_SAVE_ERROR_PICTURES);
  g_assert_nonnull (save.conflicts);
  g_assert_cmpstr (save.conflicts[0], ==, "images/logo.png");
  g_assert_null (save.conflicts[1]);
  g_assert_false (g_file_test (theirs_path, G_FILE_TEST_EXISTS));
  g_assert_true (td_document_get_modified (document));
  save_result_clear (&save);

  /* Keep theirs. */
  td_document_save_async (document, theirs_file, TD_SAVE_FLAGS_KEEP_PICTURES, NULL,
                          save_done_cb, &save);
  wait_for (&save);
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  g_assert_null (save.conflicts);
  logo = read_logo (theirs);
  g_assert_cmpstr (logo, ==, "theirs");
  g_clear_pointer (&logo, g_free);
  g_assert_true (g_file_equal (td_document_get_file (document), theirs_file));
  g_assert_cmpstr (td_document_get_base_dir (document), ==, theirs);
  g_assert_false (td_document_get_modified (document));
  save_result_clear (&save);

  /* Into an empty folder: the picture goes along. Editing during the save
   * leaves the issue modified; a second save at once is refused. */
  {
    g_autofree char *path = g_build_filename (empty, "issue.tidings", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    td_document_save_async (document, file, TD_SAVE_FLAGS_NONE, NULL, save_done_cb, &save);
    td_document_save_async (document, file, TD_SAVE_FLAGS_NONE, NULL, save_done_cb, &second);
    td_document_set_string (document, "issue.title", "Typed while saving", TD_EDIT_MERGE);
    wait_for (&second);
    g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_PENDING);
    wait_for (&save);
    g_assert_no_error (save.error);
    logo = read_logo (empty);
    g_assert_cmpstr (logo, ==, "theirs");
    g_clear_pointer (&logo, g_free);
    g_assert_true (td_document_get_modified (document));
    /* Undoing the typing is back to what was saved. */
    g_assert_true (td_document_undo (document));
    g_assert_false (td_document_get_modified (document));
    save_result_clear (&save);
    save_result_clear (&second);
  }

  /* Replace theirs. */
  {
    g_autofree char *path = g_build_filename (replace, "issue.tidings", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    td_document_save_async (document, file, TD_SAVE_FLAGS_REPLACE_PICTURES, NULL,
                            save_done_cb, &save);
    wait_for (&save);
    g_assert_no_error (save.error);
    logo = read_logo (replace);
    g_assert_cmpstr (logo, ==, "theirs");
    g_clear_pointer (&logo, g_free);
    save_result_clear (&save);
  }

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", root);

    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  }
}

static void
test_json_paths (void)
{
  g_autoptr(JsonNode) root = json_from_string ("{\"a\": {\"b\": [\"x\", 2]}, \"odd key\": \"y\"}",
                                               NULL);
  g_autofree char *odd = td_json_path_child_key ("", "odd key");

  g_assert_cmpstr (td_json_path_get_string (root, "a.b[0]"), ==, "x");
  g_assert_cmpstr (td_json_path_get_string (root, "a.b[1]"), ==, "");
  g_assert_cmpstr (td_json_path_get_string (root, "a.b[9]"), ==, "");
  g_assert_cmpstr (odd, ==, "[\"odd key\"]");
  g_assert_cmpstr (td_json_path_get_string (root, odd), ==, "y");

  g_assert_true (td_json_path_is_within ("sections[1].title", "sections[1]"));
  g_assert_true (td_json_path_is_within ("sections[1]", "sections[1]"));
  g_assert_true (td_json_path_is_within ("sections[1]", "sections"));
  g_assert_false (td_json_path_is_within ("sections[10]", "sections[1]"));
  g_assert_false (td_json_path_is_within ("sections[1]x", "sections[1]"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/document/set-undo-redo", test_set_undo_redo);
  g_test_add_func ("/core/document/typing-merges", test_typing_merges);
  g_test_add_func ("/core/document/typing-merges-into-new-parent",
                   test_typing_merges_into_new_parent);
  g_test_add_func ("/core/document/creates-missing-parents", test_creates_missing_parents);
  g_test_add_func ("/core/document/list-commands", test_list_commands);
  g_test_add_func ("/core/document/history-is-isolated", test_history_is_isolated);
  g_test_add_func ("/core/document/group", test_group);
  g_test_add_func ("/core/document/section-signals", test_section_signals);
  g_test_add_func ("/core/document/import-image", test_import_image);
  g_test_add_func ("/core/document/save-as-pictures", test_save_as_pictures);
  g_test_add_func ("/core/document/json-paths", test_json_paths);

  return g_test_run ();
}
