/* test-document.c: commands, undo/redo and the modified flag */

#include "config.h"

#include "td-document.h"
#include "td-json-path.h"

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

static void
count_changes_cb (TdDocument *document,
                  const char *path,
                  gpointer    user_data)
{
  GPtrArray *paths = user_data;

  g_ptr_array_add (paths, g_strdup (path));
}

static void
test_set_undo_redo (void)
{
  g_autoptr(TdDocument) document = td_document_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (document, "changed", G_CALLBACK (count_changes_cb), paths);
  g_assert_false (td_document_get_modified (document));
  g_assert_false (td_document_can_undo (document));

  td_document_set_string (document, "issue.title", "First", TD_EDIT_NONE);
  td_document_set_string (document, "issue.title", "Second", TD_EDIT_NONE);
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "Second");
  g_assert_true (td_document_get_modified (document));
  g_assert_cmpuint (paths->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (paths, 0), ==, "issue.title");

  g_assert_true (td_document_undo (document));
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "First");
  g_assert_true (td_document_undo (document));
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "");
  g_assert_false (td_document_get_modified (document));
  g_assert_false (td_document_undo (document));

  g_assert_true (td_document_redo (document));
  g_assert_cmpstr (string_at (document, "issue.title"), ==, "First");
  g_assert_true (td_document_get_modified (document));
  g_assert_cmpuint (paths->len, ==, 5);

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

static void
test_new_section_id (void)
{
  g_autoptr(TdDocument) document = td_document_new ();
  g_autofree char *tip = td_document_new_section_id (document, "tip");
  g_autofree char *masthead = td_document_new_section_id (document, "masthead");
  g_autofree char *odd = td_document_new_section_id (document, "we ird");

  g_assert_cmpstr (tip, ==, "tip");
  g_assert_cmpstr (masthead, ==, "masthead-2");
  g_assert_cmpstr (odd, ==, "we-ird");
}

static void
test_import_image (void)
{
  g_autoptr(TdDocument) document = td_document_new ();
  g_autofree char *dir = g_dir_make_tmp ("tidings-import-XXXXXX", NULL);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "august-2023", "images", "logo.png", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (sample);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *pasted = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GBytes) not_image = g_bytes_new_static ("hello", 5);
  g_autofree char *refused = NULL;

  /* Untitled and without a folder, there is nowhere to put it. */
  g_assert_null (td_document_import_image (document, source, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  td_document_set_base_dir (document, dir);
  first = td_document_import_image (document, source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "images/logo.png");
  copied = g_build_filename (dir, "images", "logo.png", NULL);
  g_assert_true (g_file_test (copied, G_FILE_TEST_IS_REGULAR));

  /* The same picture is not copied twice. */
  again = td_document_import_image (document, source, &error);
  g_assert_cmpstr (again, ==, "images/logo.png");

  /* Different bytes under the same name get a new name. */
  {
    g_autofree char *contents = NULL;
    gsize length;
    g_autoptr(GBytes) bytes = NULL;

    g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
    contents[length - 1] ^= 1;
    bytes = g_bytes_new (contents, length);
    pasted = td_document_import_image_bytes (document, bytes, "Logo.PNG", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pasted, ==, "images/logo-2.png");
  }

  refused = td_document_import_image_bytes (document, not_image, "notes.png", &error);
  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

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
  g_test_add_func ("/core/document/creates-missing-parents", test_creates_missing_parents);
  g_test_add_func ("/core/document/list-commands", test_list_commands);
  g_test_add_func ("/core/document/history-is-isolated", test_history_is_isolated);
  g_test_add_func ("/core/document/group", test_group);
  g_test_add_func ("/core/document/new-section-id", test_new_section_id);
  g_test_add_func ("/core/document/import-image", test_import_image);
  g_test_add_func ("/core/document/json-paths", test_json_paths);

  return g_test_run ();
}
