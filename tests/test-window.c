/* test-window.c: the editor window, under Xvfb
 *
 * In-process tests build the real window (TdApplication registered without
 * uniqueness) on temporary copies of the sample and drive it through its
 * actions and widgets. The crash-recovery test runs the real tidings
 * program, edits it over D-Bus (org.gtk.Actions, the window's own
 * actions), kills it with SIGKILL, starts it again and finds the edit
 * offered back.
 *
 * Run by meson under xvfb-run and dbus-run-session (suite 'gui').
 */

#include "config.h"

#include <glib/gi18n.h>

#include <locale.h>
#include <signal.h>

#include <glib/gstdio.h>

#include "td-application.h"
#include "td-export-dialog.h"
#include "td-image-info.h"
#include "td-form.h"
#include "td-image-row.h"
#include "td-issue.h"
#include "td-json-path.h"
#include "td-outline.h"
#include "td-recovery.h"
#include "td-recovery-dialog.h"
#include "td-sample.h"
#include "td-settings.h"
#include "td-spell.h"
#include "td-window.h"
#include "td-window-private.h"
#include "td-test-util.h"

#define BUS_NAME    "io.github.tidings.Tidings"
#define APP_PATH    "/io/github/tidings/Tidings"
#define WINDOW_PATH "/io/github/tidings/Tidings/window/1"

static TdApplication *app;
static char *tmp_root;

/* -- Helpers ------------------------------------------------------------- */

/* Lets the main loop run for a while (layout, frames, idles). */
/* A fresh copy of the sample issue; returns the .tidings path. */
static char *
copy_sample (const char *name)
{
  g_autofree char *sample_dir = td_sample_dup_dir ();
  g_autofree char *dir = g_build_filename (tmp_root, name, NULL);

  td_test_copy_tree (sample_dir, dir);
  return g_build_filename (dir, "august-2023.tidings", NULL);
}

static TdWindow *
new_window_on (const char *path)
{
  TdWindow *window = td_window_new (GTK_APPLICATION (app));

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (td_window_load_file (window, file, TD_WINDOW_LOAD_DEFAULT));
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  td_test_settle (150);
  return window;
}

static void
destroy_window (TdWindow *window)
{
  /* Unsaved changes in a test are not meant to be kept. */
  td_recovery_discard (_td_window_get_recovery (window));
  gtk_window_destroy (GTK_WINDOW (window));
  td_test_settle (20);
}

static void
activate (TdWindow   *window,
          const char *name,
          GVariant   *parameter)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), name, parameter);
  td_test_settle (30);
}

static JsonNode *
lookup (TdWindow   *window,
        const char *path)
{
  return td_json_path_lookup (td_document_get_root (td_window_get_document (window)), path);
}

static const char *
lookup_string (TdWindow   *window,
               const char *path)
{
  JsonNode *node = lookup (window, path);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static guint
n_sections (TdWindow *window)
{
  return td_issue_get_n_sections (td_document_get_root (td_window_get_document (window)));
}

static int
section_index (TdWindow   *window,
               const char *id)
{
  return td_issue_find_section (td_document_get_root (td_window_get_document (window)), id);
}

static guint
n_outline_rows (TdWindow *window)
{
  GtkListBox *list = td_outline_get_list_box (_td_window_get_outline (window));
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The editable that has the keyboard focus (an entry row, an entry). */
static GtkEditable *
focused_editable (TdWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkEditable *outermost = NULL;

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w))
      outermost = GTK_EDITABLE (w);
  return outermost;
}

/* The dialog of this type on top of parent, if any. */
static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (parent == NULL || gtk_window_get_transient_for (window) == parent))
        return window;
    }
  return NULL;
}

typedef struct
{
  GType type;
  GtkWindow *parent;
} ToplevelWait;

static gboolean
toplevel_shown (gpointer data)
{
  ToplevelWait *wait = data;

  return find_toplevel (wait->type, wait->parent) != NULL;
}

static GtkWindow *
wait_for_toplevel (GType      type,
                   GtkWindow *parent)
{
  ToplevelWait wait = { type, parent };

  g_assert_true (td_test_iterate_until (toplevel_shown, &wait, 5000));
  return find_toplevel (type, parent);
}

static gboolean
not_modified (gpointer data)
{
  return !td_document_get_modified (td_window_get_document (data));
}

static JsonNode *
parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static guint
count_recovery_copies (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".tidings"))
      n++;
  return n;
}

/* Whether a GtkLabel (or a row title) under widget shows text. */
static gboolean
widget_tree_has_label (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_tree_has_label (child, text))
      return TRUE;
  return FALSE;
}

/* -- First run ------------------------------------------------------------ */

static void
test_first_run_sample (void)
{
  TdWindow *window = td_window_new (GTK_APPLICATION (app));
  g_autofree char *sample_dir = td_sample_dup_dir ();
  GtkWidget *preview_slot;

  td_window_load_sample (window);
  gtk_window_present (GTK_WINDOW (window));
  td_test_settle (100);

  /* An untitled copy; its pictures are copied to a draft folder of the
   * user's (so added pictures never land in the installed sample), and the
   * document finds them there. */
  g_assert_null (td_document_get_file (td_window_get_document (window)));
  g_assert_false (td_document_get_modified (td_window_get_document (window)));
  g_assert_true (g_str_has_prefix (td_document_get_base_dir (td_window_get_document (window)),
                                   g_get_user_data_dir ()));
  {
    const char *base = td_document_get_base_dir (td_window_get_document (window));
    g_autofree char *logo = g_build_filename (base, "images", "logo.png", NULL);
    g_autofree char *original = g_build_filename (sample_dir, "images", "logo.png", NULL);
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    gsize a_length = 0, b_length = 0;

    g_assert_true (g_file_get_contents (logo, &a, &a_length, NULL));
    g_assert_true (g_file_get_contents (original, &b, &b_length, NULL));
    g_assert_cmpmem (a, a_length, b, b_length);
  }
  g_assert_true (td_window_is_replaceable (window));
  g_assert_cmpstr (lookup_string (window, "issue.title"), ==, "News: August 2023");
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "Untitled Issue"));

  /* The outline: profile, settings, and the nine sections; the article is
   * selected and its form shown. */
  g_assert_cmpuint (n_outline_rows (window), ==, 2 + n_sections (window));
  g_assert_cmpuint (n_sections (window), ==, 9);
  g_assert_cmpstr (_td_window_get_selection (window), ==, "section/hamstrings");
  g_assert_true (TD_IS_FORM (_td_window_get_form (window)));
  g_assert_cmpstr (td_form_get_scope (TD_FORM (_td_window_get_form (window))), ==,
                   "section/hamstrings");

  /* The pane left for the preview. */
  preview_slot = GTK_WIDGET (_td_window_get_preview_slot (window));
  g_assert_true (ADW_IS_BIN (preview_slot));
  g_assert_cmpstr (gtk_widget_get_name (preview_slot), ==, "preview_slot");

  destroy_window (window);
}

/* -- Typing, undo and redo ------------------------------------------------ */

static void
test_edit_undo_redo (void)
{
  g_autofree char *path = copy_sample ("edit");
  TdWindow *window = new_window_on (path);
  TdDocument *document = td_window_get_document (window);
  GtkEditable *editable;
  const char *original = "Why Your Hamstrings and Lower Back Are Always Tight";

  activate (window, "select", g_variant_new_string ("section/hamstrings"));
  g_assert_cmpstr (_td_window_get_selection (window), ==, "section/hamstrings");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));

  /* Type into the headline, as the keyboard would. */
  g_assert_true (td_window_show_path (window, "sections[1].title"));
  editable = focused_editable (window);
  g_assert_nonnull (editable);
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, original);
  gtk_editable_set_text (editable, "Strengthen Before You Lengthen");
  td_test_settle (20);

  g_assert_cmpstr (lookup_string (window, "sections[1].title"), ==, "Strengthen Before You Lengthen");
  g_assert_true (td_document_get_modified (document));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));
  /* The outline follows the title. */
  {
    GtkListBox *list = td_outline_get_list_box (_td_window_get_outline (window));
    GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 3));
    GtkWidget *label = find_descendant (row, GTK_TYPE_LABEL);

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Strengthen Before You Lengthen");
  }

  activate (window, "undo", NULL);
  g_assert_cmpstr (lookup_string (window, "sections[1].title"), ==, original);
  g_assert_false (td_document_get_modified (document));
  g_assert_cmpstr (gtk_editable_get_text (focused_editable (window) != NULL
                                          ? focused_editable (window) : editable), ==, original);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "redo"));

  activate (window, "redo", NULL);
  g_assert_cmpstr (lookup_string (window, "sections[1].title"), ==, "Strengthen Before You Lengthen");
  g_assert_true (td_document_get_modified (document));

  /* "sections" replaced as a whole (undoing a recovery does that): the
   * form shows the new content. */
  {
    g_autoptr(JsonNode) sections = td_json_node_deep_copy (lookup (window, "sections"));

    json_object_set_string_member (json_array_get_object_element (json_node_get_array (sections), 1),
                                   "title", "Replaced");
    td_document_set (document, "sections", sections, TD_EDIT_NONE);
    td_test_settle (30);
    g_assert_true (td_window_show_path (window, "sections[1].title"));
    g_assert_cmpstr (gtk_editable_get_text (focused_editable (window)), ==, "Replaced");
  }

  /* Moving the section while typing in it (Alt+Up): the form edits the
   * section wherever it is, so it stays, and so does the focus. */
  {
    GtkWidget *before = _td_window_get_form (window);

    activate (window, "section-move-up", NULL);
    g_assert_cmpstr (lookup_string (window, "sections[0].id"), ==, "hamstrings");
    g_assert_true (_td_window_get_form (window) == before);
    g_assert_cmpstr (gtk_editable_get_text (focused_editable (window)), ==, "Replaced");
    gtk_editable_set_text (focused_editable (window), "Typed after the move");
    td_test_settle (20);
    g_assert_cmpstr (lookup_string (window, "sections[0].title"), ==, "Typed after the move");
  }

  destroy_window (window);
}

/* -- Sections ------------------------------------------------------------ */

static gboolean
drop_row_on (TdWindow   *window,
             const char *from_id,
             const char *to_id)
{
  GtkListBox *list = td_outline_get_list_box (_td_window_get_outline (window));
  GtkWidget *from = NULL;
  GtkWidget *to = NULL;
  GtkDropTarget *target = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;
  g_autofree char *from_sel = g_strconcat ("section/", from_id, NULL);
  g_autofree char *to_sel = g_strconcat ("section/", to_id, NULL);
  g_autoptr(GListModel) controllers = NULL;

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      const char *sel = g_object_get_data (G_OBJECT (row), "td-selection");

      if (g_strcmp0 (sel, from_sel) == 0)
        from = row;
      if (g_strcmp0 (sel, to_sel) == 0)
        to = row;
    }
  g_assert_nonnull (from);
  g_assert_nonnull (to);
  controllers = gtk_widget_observe_controllers (to);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  /* What a drag of the row delivers to the target's ::drop. */
  g_value_init (&value, GTK_TYPE_LIST_BOX_ROW);
  g_value_set_object (&value, from);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  td_test_settle (20);
  return handled;
}

static void
test_sections (void)
{
  g_autofree char *path = copy_sample ("sections");
  TdWindow *window = new_window_on (path);
  TdDocument *document = td_window_get_document (window);
  guint n = n_sections (window);
  const char *new_id;

  /* Add: after the selected section, selected, with its default title. */
  activate (window, "select", g_variant_new_string ("section/hamstrings"));
  activate (window, "add-section", g_variant_new_string ("tip"));
  g_assert_cmpuint (n_sections (window), ==, n + 1);
  g_assert_cmpstr (lookup_string (window, "sections[2].type"), ==, "tip");
  g_assert_cmpstr (lookup_string (window, "sections[2].title"), ==, "Did you know?");
  new_id = lookup_string (window, "sections[2].id");
  g_assert_cmpstr (new_id, ==, "tip-2");
  g_assert_cmpstr (_td_window_get_selection (window), ==, "section/tip-2");
  g_assert_cmpuint (n_outline_rows (window), ==, 2 + n + 1);

  /* A new video section has what a video section must have. */
  activate (window, "add-section", g_variant_new_string ("video"));
  g_assert_nonnull (lookup (window, "sections[3].video.url"));
  activate (window, "undo", NULL);
  g_assert_cmpuint (n_sections (window), ==, n + 1);

  /* Move down, then up (Alt+Down, Alt+Up): the selection follows. */
  activate (window, "select", g_variant_new_string ("section/tip-2"));
  activate (window, "section-move-down", NULL);
  g_assert_cmpint (section_index (window, "tip-2"), ==, 3);
  g_assert_cmpstr (_td_window_get_selection (window), ==, "section/tip-2");
  g_assert_cmpstr (td_form_get_scope (TD_FORM (_td_window_get_form (window))), ==,
                   "section/tip-2");
  activate (window, "section-move-up", NULL);
  activate (window, "section-move-up", NULL);
  g_assert_cmpint (section_index (window, "tip-2"), ==, 1);
  g_assert_cmpint (section_index (window, "hamstrings"), ==, 2);

  /* Drag the row onto another. */
  g_assert_true (drop_row_on (window, "tip-2", "contact"));
  g_assert_cmpint (section_index (window, "tip-2"), ==, section_index (window, "contact") + 1);
  activate (window, "undo", NULL);
  g_assert_cmpint (section_index (window, "tip-2"), ==, 1);

  /* Duplicate. */
  activate (window, "select", g_variant_new_string ("section/news"));
  activate (window, "section-duplicate", NULL);
  g_assert_cmpint (section_index (window, "news-2"), ==, section_index (window, "news") + 1);
  g_assert_cmpstr (lookup_string (window, "sections[5].items[0].link.label"), ==, "Check it out!");
  g_assert_cmpstr (_td_window_get_selection (window), ==, "section/news-2");

  /* Delete, and Undo (what the toast's button does). */
  {
    guint before = n_sections (window);

    activate (window, "section-delete", NULL);
    g_assert_cmpuint (n_sections (window), ==, before - 1);
    g_assert_cmpint (section_index (window, "news-2"), ==, -1);
    g_assert_nonnull (_td_window_get_selection (window));
    g_assert_cmpstr (_td_window_get_selection (window), !=, "section/news-2");
    activate (window, "undo", NULL);
    g_assert_cmpuint (n_sections (window), ==, before);
    g_assert_cmpint (section_index (window, "news-2"), >=, 0);
  }

  /* Moves are disabled at the ends. */
  activate (window, "select", g_variant_new_string ("section/masthead"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "section-move-up"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "section-move-down"));
  activate (window, "select", g_variant_new_string ("issue"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "section-delete"));

  g_assert_true (td_document_get_modified (document));
  destroy_window (window);
}

/* -- Pictures, saving ----------------------------------------------------- */

static void
test_image_and_save (void)
{
  g_autofree char *path = copy_sample ("save");
  TdWindow *window = new_window_on (path);
  g_autofree char *picture = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWidget *image_row;
  GtkEditable *editable;
  g_autoptr(GError) error = NULL;

  /* A picture from elsewhere, set the way the chooser, a drop and a paste
   * do it: copied into images/ and the field pointed at it. */
  picture = g_build_filename (tmp_root, "new-photo.png", NULL);
  {
    g_autofree char *logo = g_build_filename (dir, "images", "logo.png", NULL);
    g_autofree char *data = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (logo, &data, &length, NULL));
    g_assert_true (g_file_set_contents (picture, data, length, NULL));
  }
  activate (window, "select", g_variant_new_string ("section/hamstrings"));
  image_row = find_descendant (_td_window_get_form (window), TD_TYPE_IMAGE_ROW);
  g_assert_nonnull (image_row);
  file = g_file_new_for_path (picture);
  g_assert_true (td_image_row_set_file (TD_IMAGE_ROW (image_row), file, &error));
  g_assert_no_error (error);
  /* Imported in a worker thread; waiting in the draft area until Save. */
  while (td_image_row_get_busy (TD_IMAGE_ROW (image_row)))
    g_main_context_iteration (NULL, TRUE);
  td_test_settle (20);
  g_assert_cmpstr (lookup_string (window, "sections[1].image.src"), ==, "images/new-photo.png");
  {
    g_autofree char *copied = g_build_filename (dir, "images", "new-photo.png", NULL);

    g_assert_false (g_file_test (copied, G_FILE_TEST_EXISTS));
  }

  /* And some typing. */
  g_assert_true (td_window_show_path (window, "issue.subject"));
  editable = focused_editable (window);
  g_assert_nonnull (editable);
  gtk_editable_set_text (editable, "A glute bridge to try this week");
  td_test_settle (20);
  activate (window, "add-section", g_variant_new_string ("promotion"));

  /* Save (Ctrl+S) writes the file; the unsaved mark goes. */
  activate (window, "save", NULL);
  g_assert_true (td_test_iterate_until (not_modified, window, 5000));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  {
    g_autofree char *copied = g_build_filename (dir, "images", "new-photo.png", NULL);

    g_assert_true (g_file_test (copied, G_FILE_TEST_IS_REGULAR));
  }

  saved = parse_file (path);
  g_assert_cmpstr (td_json_get_string (td_json_get_object (json_node_get_object (saved), "issue"),
                                       "subject"), ==, "A glute bridge to try this week");
  g_assert_cmpstr (td_json_get_string (json_node_get_object (td_json_path_lookup (saved, "sections[1].image")),
                                       "src"), ==, "images/new-photo.png");
  /* The new section: before the footer, the profile and settings being
   * selected. */
  g_assert_cmpstr (json_node_get_string (td_json_path_lookup (saved, "sections[8].type")), ==,
                   "promotion");
  g_assert_cmpstr (json_node_get_string (td_json_path_lookup (saved, "sections[9].type")), ==,
                   "footer");
  /* Everything else as it was. */
  g_assert_cmpstr (json_node_get_string (td_json_path_lookup (saved, "practice.name")), ==,
                   "Rachel Richards");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (td_json_path_lookup (saved, "sections"))),
                    ==, 10);

  destroy_window (window);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  if (!_td_window_save_finish (TD_WINDOW (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "done");
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_save_as_copies_images (void)
{
  TdWindow *window = td_window_new (GTK_APPLICATION (app));
  g_autofree char *target_dir = g_build_filename (tmp_root, "save-as", NULL);
  g_autofree char *target = g_build_filename (target_dir, "september.tidings", NULL);
  g_autofree char *other_dir = g_build_filename (tmp_root, "save-as-conflict", NULL);
  g_autofree char *other = g_build_filename (other_dir, "copy.tidings", NULL);
  g_autofree char *other_logo = g_build_filename (other_dir, "images", "logo.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  td_window_load_sample (window);
  gtk_window_present (GTK_WINDOW (window));
  td_test_settle (50);
  g_assert_cmpint (g_mkdir_with_parents (target_dir, 0700), ==, 0);

  /* The untitled sample copy, saved elsewhere: its pictures go along. */
  _td_window_save_async (window, file, NULL, save_done_cb, &error);
  g_assert_true (td_test_iterate_until (error_set, &error, 5000));
  g_assert_cmpint (error->code, ==, G_IO_ERROR_NONE);
  g_clear_error (&error);
  g_assert_true (g_file_equal (td_document_get_file (td_window_get_document (window)), file));
  g_assert_cmpstr (td_document_get_base_dir (td_window_get_document (window)), ==, target_dir);
  {
    const char *pictures[] = { "logo.png", "glute-bridge.jpg", "glute-bridge-video.jpg",
                               "self-massage-video.jpg", "massage-today.jpg",
                               "sienna-teaching-store.jpg", "badge-amta.png",
                               "badge-ncbtmb.png", "gift-certificate.jpg",
                               "massage-packages.jpg" };

    for (guint i = 0; i < G_N_ELEMENTS (pictures); i++)
      {
        g_autofree char *copied = g_build_filename (target_dir, "images", pictures[i], NULL);

        g_assert_true (g_file_test (copied, G_FILE_TEST_IS_REGULAR));
      }
  }

  /* A different picture of the same name in the way: asked, and kept. */
  g_assert_cmpint (g_mkdir_with_parents (other_dir, 0700), ==, 0);
  {
    g_autofree char *images = g_build_filename (other_dir, "images", NULL);

    g_assert_cmpint (g_mkdir_with_parents (images, 0700), ==, 0);
    g_assert_true (g_file_set_contents (other_logo, "not the logo", -1, NULL));
  }
  _td_window_save_async (window, other_file, NULL, save_done_cb, &error);
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Replace Pictures?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  gtk_window_destroy (dialog);
  g_assert_true (td_test_iterate_until (error_set, &error, 5000));
  g_assert_cmpint (error->code, ==, G_IO_ERROR_NONE);
  {
    g_autofree char *data = NULL;
    g_autofree char *badge = g_build_filename (other_dir, "images", "badge-amta.png", NULL);

    g_assert_true (g_file_get_contents (other_logo, &data, NULL, NULL));
    g_assert_cmpstr (data, ==, "not the logo");
    g_assert_true (g_file_test (badge, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));
  }
  destroy_window (window);
}

/* -- Unsaved changes, bad files ------------------------------------------ */

static void
weak_notify_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_unsaved_changes (void)
{
  g_autofree char *path = copy_sample ("unsaved");
  TdWindow *window = new_window_on (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean destroyed = FALSE;
  GtkWindow *dialog;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  activate (window, "add-section", g_variant_new_string ("tip"));
  g_assert_true (td_document_get_modified (td_window_get_document (window)));

  /* Closing asks; Cancel keeps the window and the changes. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "discard"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  td_test_settle (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (td_document_get_modified (td_window_get_document (window)));

  /* The recovery copy is written while the changes are unsaved... */
  g_assert_true (td_recovery_write_now (_td_window_get_recovery (window), NULL));
  g_assert_nonnull (td_recovery_get_path (_td_window_get_recovery (window)));

  /* ...and Discard closes the window, leaves the file as it was, and
   * deletes the copy. */
  g_object_weak_ref (G_OBJECT (window), weak_notify_cb, &destroyed);
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  gtk_window_destroy (dialog);
  g_assert_true (td_test_iterate_until (flag_set, &destroyed, 5000));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_recovery_copies (td_recovery_get_dir ()), ==, 0);
}

static void
test_load_error (void)
{
  g_autofree char *path = g_build_filename (tmp_root, "broken.tidings", NULL);
  const char *broken = "{\n  \"format\": \"tidings-issue\",\n  \"version\": 1,\n  \"practice\": {\n";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *after = NULL;
  TdWindow *window = new_window_on (NULL);
  TdDocument *before = td_window_get_document (window);
  GtkWindow *dialog;
  GtkWidget *view;
  g_autofree char *details = NULL;

  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  g_assert_false (td_window_load_file (window, file, TD_WINDOW_LOAD_DEFAULT));

  /* The loader's diagnostics, with the place of the problem. */
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Open “broken.tidings”");
  view = find_descendant (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)),
                          GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (view);
  g_object_get (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "text", &details, NULL);
  g_assert_true (strstr (details, "broken.tidings:") != NULL);
  g_assert_true (strstr (details, "error") != NULL);
  gtk_window_destroy (dialog);

  /* The file is untouched, and the window still shows what it showed. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, broken);
  g_assert_true (td_window_get_document (window) == before);
  destroy_window (window);
}

/* -- Next month's issue --------------------------------------------------- */

static void
test_new_from_current (void)
{
  g_autofree char *path = copy_sample ("next");
  g_autofree char *dir = g_path_get_dirname (path);
  TdWindow *window = new_window_on (path);
  JsonArray *sections;
  gboolean has_video = FALSE;
  guint articles = 0;

  activate (window, "new-from-current", NULL);
  g_assert_null (td_document_get_file (td_window_get_document (window)));
  g_assert_cmpstr (td_document_get_base_dir (td_window_get_document (window)), ==, dir);
  g_assert_cmpstr (lookup_string (window, "issue.date"), ==, "2023-09");
  g_assert_cmpstr (lookup_string (window, "issue.title"), ==, "News: September 2023");
  g_assert_cmpstr (lookup_string (window, "issue.subject"), ==, "");
  g_assert_cmpstr (lookup_string (window, "issue.public_base_url"), ==,
                   "https://rachelrichardsmassage.example/news/2023-09/");
  g_assert_cmpstr (lookup_string (window, "practice.name"), ==, "Rachel Richards");

  sections = json_node_get_array (lookup (window, "sections"));
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);
      const char *type = td_json_get_string (section, "type");

      if (g_str_equal (type, "video"))
        has_video = TRUE;
      if (g_str_equal (type, "article"))
        {
          articles++;
          g_assert_cmpstr (td_json_get_string (section, "body"), ==, "");
          g_assert_false (json_object_has_member (section, "image"));
        }
      if (g_str_equal (type, "news"))
        g_assert_cmpuint (json_array_get_length (td_json_get_array (section, "items")), ==, 1);
    }
  g_assert_false (has_video);
  g_assert_cmpuint (articles, ==, 1);
  g_assert_cmpint (section_index (window, "credentials"), >=, 0);
  g_assert_cmpint (section_index (window, "contact"), >=, 0);
  g_assert_cmpint (section_index (window, "footer"), >=, 0);
  g_assert_cmpint (section_index (window, "masthead"), ==, 0);
  destroy_window (window);
}

/* -- Export dialog -------------------------------------------------------- */

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* Whether a label inside @widget reads @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_export_dialog (void)
{
  g_autofree char *path = copy_sample ("export");
  TdWindow *window = new_window_on (path);
  GtkWindow *dialog;
  g_autofree char *text = NULL;
  GtkWidget *focus;
  GtkWidget *form;

  /* The fields' dictionary, loaded in a thread, is there before the
   * dialog runs the checks. */
  {
    g_autoptr(TdSpeller) english = td_speller_get_shared_deferred ("en");

    while (td_speller_is_loading (english))
      g_main_context_iteration (NULL, TRUE);
  }

  /* Copy the email for the mailing service. */
  activate (window, "export", NULL);
  dialog = wait_for_toplevel (TD_TYPE_EXPORT_DIALOG, GTK_WINDOW (window));
  /* Spelling is among the findings: the sample's one misspelt word. */
  g_assert_true (has_label (GTK_WIDGET (dialog), "\"Youtube\" may be misspelt"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.copy-email-html", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL,
                                 clipboard_read_cb, &text);
  g_assert_true (td_test_iterate_until (pointer_set, &text, 5000));
  g_assert_true (strstr (text, "<html") != NULL || strstr (text, "<!DOCTYPE") != NULL ||
                 strstr (text, "<!doctype") != NULL);

  /* The sample's one finding, a health claim, dismissed for that
   * sentence through the document's undo stack, and brought back. */
  {
    JsonObject *root = json_node_get_object (td_document_get_root (td_window_get_document (window)));
    JsonArray *dismissed;

    g_assert_null (td_json_get_array (root, "dismissed"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.dismiss", "u", 0));
    root = json_node_get_object (td_document_get_root (td_window_get_document (window)));
    dismissed = td_json_get_array (root, "dismissed");
    g_assert_nonnull (dismissed);
    g_assert_cmpuint (json_array_get_length (dismissed), ==, 1);
    g_assert_cmpstr (td_json_get_string (json_array_get_object_element (dismissed, 0), "code"),
                     ==, "health-claim");
    g_assert_cmpstr (td_json_get_string (json_array_get_object_element (dismissed, 0), "path"),
                     ==, "sections[1].video.caption");
    g_assert_true (td_document_get_modified (td_window_get_document (window)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.undo", NULL));
    root = json_node_get_object (td_document_get_root (td_window_get_document (window)));
    g_assert_null (td_json_get_array (root, "dismissed"));
  }

  /* A warning's Show button: the dialog goes, the field gets the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.show-path", "s",
                                             "issue.preheader"));
  td_test_settle (50);
  g_assert_null (find_toplevel (TD_TYPE_EXPORT_DIALOG, GTK_WINDOW (window)));
  g_assert_cmpstr (_td_window_get_selection (window), ==, "issue");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  form = _td_window_get_form (window);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, form));

  /* A section's field. */
  g_assert_true (td_window_show_path (window, "sections[3].items[1].photo.alt"));
  g_assert_cmpstr (_td_window_get_selection (window), ==, "section/news");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         _td_window_get_form (window)));
  {
    g_autofree char *where = td_issue_describe_path (td_document_get_root (td_window_get_document (window)),
                                                     "sections[3].items[1].photo.alt");

    g_assert_cmpstr (where, ==, "News “What's new with me ...” › News items 2 › Photo › Description");
  }
  destroy_window (window);
}

/* -- The crash: the real program, killed and started again ---------------- */

typedef struct
{
  GDBusConnection *bus;
  const char *path;
  const char *action;
} ActionWait;

static GVariant *
describe_action (GDBusConnection *bus,
                 const char      *path,
                 const char      *action)
{
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (bus, BUS_NAME, path, "org.gtk.Actions", "Describe",
                                       g_variant_new ("(s)", action), G_VARIANT_TYPE ("((bgav))"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, 2000, NULL, NULL);
  return reply != NULL ? g_variant_get_child_value (reply, 0) : NULL;
}

static gboolean
action_exported (gpointer data)
{
  ActionWait *wait = data;
  g_autoptr(GVariant) description = describe_action (wait->bus, wait->path, wait->action);

  if (description == NULL)
    g_usleep (50000);
  return description != NULL;
}

static void
activate_remote (GDBusConnection *bus,
                 const char      *path,
                 const char      *action,
                 GVariant        *parameter)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder params;

  g_variant_builder_init (&params, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&params, "v", parameter);
  reply = g_dbus_connection_call_sync (bus, BUS_NAME, path, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", action, &params, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, &error);
  g_assert_no_error (error);
}

static GSubprocess *
launch (const char *binary,
        const char *data_home,
        const char *file)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, binary, file, NULL);
  g_assert_no_error (error);
  return process;
}

typedef struct
{
  GDBusConnection *bus;
  const char *key;
} OfferWait;

static gboolean
recovery_offered (gpointer data)
{
  OfferWait *wait = data;
  g_autoptr(GVariant) description = describe_action (wait->bus, APP_PATH, "restore-recovery");
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GVariant) keys = NULL;
  g_autofree const char **strv = NULL;

  if (description == NULL)
    {
      g_usleep (50000);
      return FALSE;
    }
  state = g_variant_get_child_value (description, 2);
  if (g_variant_n_children (state) == 0)
    {
      g_usleep (50000);
      return FALSE;
    }
  keys = g_variant_get_variant (g_variant_get_child_value (state, 0));
  strv = g_variant_get_strv (keys, NULL);
  return g_strv_contains (strv, wait->key);
}

typedef struct
{
  const char *path;
  const char *needle;
} FileWait;

static gboolean
file_contains (gpointer data)
{
  FileWait *wait = data;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (wait->path, &text, NULL, NULL) || strstr (text, wait->needle) == NULL)
    {
      g_usleep (20000);
      return FALSE;
    }
  return TRUE;
}

static char *
find_recovery_copy (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".tidings"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static gboolean
recovery_copy_present (gpointer data)
{
  g_autofree char *found = find_recovery_copy (data);

  if (found == NULL)
    g_usleep (20000);
  return found != NULL;
}

static void
process_waited_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
save_screen (const char *name)
{
  g_autofree char *out = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) import = NULL;

  if (g_find_program_in_path ("import") == NULL)
    return;
  import = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             "import", "-window", "root", out, NULL);
  if (import != NULL && g_subprocess_wait (import, NULL, NULL))
    g_test_message ("screen saved to %s", out);
}

static void
test_crash_recovery (void)
{
  const char *binary = g_getenv ("TIDINGS_BINARY");
  g_autofree char *path = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *recovery_dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *key = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  ActionWait window_wait;
  gboolean exited = FALSE;
  gint64 edited;
  gint64 elapsed;

  if (binary == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("needs TIDINGS_BINARY and a session bus (dbus-run-session)");
      return;
    }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  path = copy_sample ("crash");
  data_home = g_build_filename (tmp_root, "crash-data", NULL);
  recovery_dir = g_build_filename (data_home, "tidings", "recovery", NULL);

  /* Start the program on the issue and add a section, through the same
   * window action the "Add Section" menu uses. */
  first = launch (binary, data_home, path);
  window_wait = (ActionWait) { bus, WINDOW_PATH, "add-section" };
  g_assert_true (td_test_iterate_until (action_exported, &window_wait, 20000));
  activate_remote (bus, WINDOW_PATH, "add-section", g_variant_new_string ("tip"));
  edited = g_get_monotonic_time ();

  /* The recovery copy comes within 2 s of the last edit. */
  g_assert_true (td_test_iterate_until (recovery_copy_present, recovery_dir, 5000));
  elapsed = (g_get_monotonic_time () - edited) / 1000;
  g_test_message ("recovery copy written %" G_GINT64_FORMAT " ms after the edit", elapsed);
  g_assert_cmpint (elapsed, <=, 2000 + 500);
  copy = find_recovery_copy (recovery_dir);
  {
    FileWait wait = { copy, "\"id\": \"tip-2\"" };

    g_assert_true (td_test_iterate_until (file_contains, &wait, 2000));
  }

  /* The crash. */
  g_subprocess_send_signal (first, SIGKILL);
  g_assert_true (g_subprocess_wait (first, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (first));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_null (strstr (text, "tip-2"));
  }

  /* Started again, it offers the copy... */
  basename = g_path_get_basename (copy);
  key = g_strndup (basename, strlen (basename) - strlen (".tidings"));
  second = launch (binary, data_home, path);
  {
    OfferWait wait = { bus, key };

    g_assert_true (td_test_iterate_until (recovery_offered, &wait, 20000));
  }
  td_test_settle (500);
  save_screen ("recovery-dialog.png");

  /* ...Restore gives the edit back, and Save keeps it. */
  activate_remote (bus, APP_PATH, "restore-recovery", g_variant_new_string (key));
  activate_remote (bus, WINDOW_PATH, "save", NULL);
  {
    FileWait wait = { path, "\"id\": \"tip-2\"" };

    g_assert_true (td_test_iterate_until (file_contains, &wait, 5000));
  }
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\"type\": \"tip\""));
  {
    g_autofree char *left = NULL;
    gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

    /* Saved: nothing left to recover. */
    while ((left = find_recovery_copy (recovery_dir)) != NULL && g_get_monotonic_time () < end)
      {
        g_clear_pointer (&left, g_free);
        g_usleep (20000);
      }
    g_assert_null (left);
  }

  activate_remote (bus, APP_PATH, "quit", NULL);
  g_subprocess_wait_async (second, NULL, process_waited_cb, &exited);
  if (!td_test_iterate_until (flag_set, &exited, 5000))
    {
      g_subprocess_force_exit (second);
      g_subprocess_wait (second, NULL, NULL);
      g_assert_not_reached ();
    }
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
}

/* -- Opening: recent files, a dropped file, a file changed on disk -------- */

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropTarget *found;

      /* Not the outline's rows: the window's own target. */
      if (GTK_IS_LIST_BOX_ROW (child))
        continue;
      if ((found = find_drop_target (child)) != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  TdWindow *window;
  GFile    *file;
} ShowsFile;

static gboolean
window_shows_file (gpointer data)
{
  ShowsFile *wait = data;
  GFile *shown = td_document_get_file (td_window_get_document (wait->window));

  return shown != NULL && g_file_equal (shown, wait->file);
}

/* Opening goes through the unsaved-changes question, a GTask whose callback
 * runs in a later main-loop iteration: wait for it rather than for a fixed
 * time, which a busy machine can outlast. */
static void
wait_for_file (TdWindow *window,
               GFile    *file)
{
  ShowsFile wait = { window, file };

  g_assert_true (td_test_iterate_until (window_shows_file, &wait, 10000));
}

static void
test_open_ways (void)
{
  g_autofree char *first = copy_sample ("open-first");
  g_autofree char *second = copy_sample ("open-second");
  g_autoptr(GFile) second_file = g_file_new_for_path (second);
  g_autofree char *first_uri = g_filename_to_uri (first, NULL, NULL);
  TdWindow *window = new_window_on (NULL);
  GtkDropTarget *target;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  /* A recent file (the Open button's menu). */
  activate (window, "open-recent", g_variant_new_string (first_uri));
  {
    g_autoptr(GFile) first_file = g_file_new_for_path (first);

    wait_for_file (window, first_file);
  }
  {
    g_autofree char *shown = g_file_get_path (td_document_get_file (td_window_get_document (window)));

    g_assert_cmpstr (shown, ==, first);
  }
  /* Opening adds to the recent files, which the menu lists. */
  td_test_settle (100);
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), first_uri));

  /* A .tidings file dropped on the window. */
  target = find_drop_target (gtk_window_get_child (GTK_WINDOW (window)));
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, second_file);
  g_signal_emit_by_name (target, "drop", &value, 100.0, 100.0, &handled);
  g_assert_true (handled);
  wait_for_file (window, second_file);

  destroy_window (window);
}

static void
test_changed_on_disk (void)
{
  g_autofree char *path = copy_sample ("on-disk");
  TdWindow *window = new_window_on (path);
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  GtkWindow *dialog;

  /* Another program rewrites the file after Tidings read it. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  changed = g_strconcat (text, "\n", NULL);
  g_usleep (1100 * 1000);
  g_assert_true (g_file_set_contents (path, changed, -1, NULL));

  activate (window, "add-section", g_variant_new_string ("tip"));
  activate (window, "save", NULL);
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  g_assert_true (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                         "Changed on Disk") != NULL);

  /* Cancel: nothing written. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  td_test_settle (50);
  g_assert_true (td_document_get_modified (td_window_get_document (window)));
  {
    g_autofree char *now = NULL;

    g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
    g_assert_cmpstr (now, ==, changed);
  }

  /* Overwrite: written. */
  activate (window, "save", NULL);
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "overwrite");
  gtk_window_destroy (dialog);
  g_assert_true (td_test_iterate_until (not_modified, window, 5000));
  {
    g_autofree char *now = NULL;

    g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
    g_assert_nonnull (strstr (now, "tip-2"));
  }
  destroy_window (window);
}

/* -- Exports, the shortcuts window, About --------------------------------- */

static void
test_export_files (void)
{
  g_autofree char *path = copy_sample ("export-files");
  g_autofree char *out = g_build_filename (tmp_root, "exported", NULL);
  TdWindow *window = new_window_on (path);
  GtkWindow *dialog;
  const struct { const char *format; const char *name; const char *needle; } exports[] = {
    { "email", "august-2023.html", "https://rachelrichardsmassage.example/news/2023-08/images/" },
    { "text", "august-2023.txt", "Why Your Hamstrings" },
    { "eml", "august-2023.eml", "MIME-Version" },
    { "web", "web", NULL },
  };

  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  activate (window, "export", NULL);
  dialog = wait_for_toplevel (TD_TYPE_EXPORT_DIALOG, GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *target_path = g_build_filename (out, exports[i].name, NULL);
      g_autoptr(GFile) target = g_file_new_for_path (target_path);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_assert_true (td_export_dialog_export (TD_EXPORT_DIALOG (dialog), exports[i].format,
                                              target, &error));
      g_assert_no_error (error);
      if (exports[i].needle == NULL)
        {
          g_autofree char *index = g_build_filename (target_path, "index.html", NULL);
          g_autofree char *logo = g_build_filename (target_path, "images", "logo.png", NULL);

          g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
          g_assert_true (g_file_test (logo, G_FILE_TEST_IS_REGULAR));
          continue;
        }
      g_assert_true (g_file_get_contents (target_path, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, exports[i].needle));
    }
  gtk_window_destroy (dialog);
  destroy_window (window);
}

static void
test_shortcuts_and_about (void)
{
  TdWindow *window = new_window_on (NULL);
  GtkWindow *shortcuts;
  GtkWindow *about;

  activate (window, "show-help-overlay", NULL);
  shortcuts = wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL);
  g_assert_nonnull (shortcuts);
  gtk_window_destroy (shortcuts);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW, NULL);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Tidings");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);

  /* Every window action with a shortcut is in the shortcuts window. */
  {
    const char *actions[] = { "win.new", "win.new-from-current", "win.open", "win.save",
                              "win.save-as", "win.export", "win.undo", "win.redo",
                              "win.section-move-up", "win.section-move-down",
                              "win.section-duplicate", "win.add-section-menu",
                              "win.toggle-sidebar", "win.toggle-preview",
                              "win.next-pane", "win.previous-pane", "app.quit" };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                      actions[i]);

        g_assert_nonnull (accels);
        g_assert_nonnull (accels[0]);
      }
  }
  destroy_window (window);
}

/* Check Spelling in the main menu: the app's action, the setting, and
 * what every field follows. */
static void
test_spell_check_setting (void)
{
  g_autoptr(GSettings) settings = td_settings_new ();
  g_autoptr(GVariant) state = NULL;

  g_assert_nonnull (settings);
  g_assert_true (g_settings_get_boolean (settings, "spell-check"));
  g_assert_true (td_spell_get_enabled ());

  g_action_group_activate_action (G_ACTION_GROUP (app), "spell-check", NULL);
  g_assert_false (td_spell_get_enabled ());
  g_assert_false (g_settings_get_boolean (settings, "spell-check"));

  g_settings_set_boolean (settings, "spell-check", TRUE);
  g_assert_true (td_spell_get_enabled ());
  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "spell-check");
  g_assert_true (g_variant_get_boolean (state));
}

/* -- How it looks ---------------------------------------------------------- */

/* Saves the window as build/tests/NAME and checks it is not blank: many
 * colours, and most pixels not the background's. */
static void
save_screenshot (GtkWindow  *window,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *out = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GHashTable) colours = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree guchar *pixels = NULL;
  int width;
  int height;
  gsize stride;
  guint32 background;
  gsize other = 0;

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  g_assert_cmpint (width, >, 600);
  g_assert_cmpint (height, >, 400);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, out));
  g_test_message ("window screenshot saved to %s", out);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * (gsize) height);
  gdk_texture_download (texture, pixels, stride);
  background = *(guint32 *) (pixels + stride * (height / 2) + (gsize) (width - 40) * 4);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(guint32 *) (pixels + stride * (gsize) y + (gsize) x * 4);

        g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
        if (pixel != background)
          other++;
      }
  g_test_message ("%u colours, %.0f%% not the background",
                  g_hash_table_size (colours), 100.0 * other / ((double) width * height));
  g_assert_cmpuint (g_hash_table_size (colours), >, 64);
  g_assert_cmpuint (other, >, (gsize) width * height / 5);
}

/* How many widgets below @widget activate @action. */
static guint
count_actionables (GtkWidget  *widget,
                   const char *action)
{
  guint n = GTK_IS_ACTIONABLE (widget)
            && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_actionables (child, action);
  return n;
}

/* A heavy phone photo with its GPS position: the warnings offer Make
 * Smaller, which stores it again in the draft area in one undo step. */
static void
test_make_smaller (void)
{
  g_autofree char *path = copy_sample ("smaller");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *photo = g_build_filename (dir, "images", "glute-bridge.jpg", NULL);
  g_autofree char *convert = g_find_program_in_path ("convert");
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  g_autofree char *command = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0, after_length = 0;
  TdWindow *window;
  TdDocument *document;
  GtkWindow *dialog;
  const char *draft;

  if (convert == NULL || exiftool == NULL)
    {
      g_test_skip ("needs ImageMagick's convert and exiftool");
      return;
    }
  command = g_strdup_printf ("sh -c \"convert -size 1008x756 -seed 3 plasma:orange-green "
                             "-resize 4032x3024! -attenuate 0.4 +noise Gaussian -quality 92 "
                             "'%s' && exiftool -q -overwrite_original -Orientation#=6 "
                             "-GPSLatitude=40.7 -GPSLatitudeRef=N '%s'\"", photo, photo);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_assert_true (g_file_get_contents (photo, &before, &before_length, NULL));

  window = new_window_on (path);
  document = td_window_get_document (window);
  activate (window, "export", NULL);
  dialog = wait_for_toplevel (TD_TYPE_EXPORT_DIALOG, GTK_WINDOW (window));
  td_test_settle (50);
  /* Both warnings (over 1 MB, a GPS position) offer it. */
  g_assert_cmpuint (count_actionables (GTK_WIDGET (dialog), "export.make-smaller"), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.make-smaller", "s",
                                             "sections[1].image.src"));
  td_test_settle (20);
  g_assert_cmpstr (lookup_string (window, "sections[1].image.src"), ==,
                   "images/glute-bridge-2.jpg");
  /* The original is untouched; the new one waits in the draft area. */
  g_assert_true (g_file_get_contents (photo, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  draft = td_document_get_draft_dir (document);
  g_assert_nonnull (draft);
  {
    g_autofree char *made = g_build_filename (draft, "images", "glute-bridge-2.jpg", NULL);
    g_autofree char *in_issue = g_build_filename (dir, "images", "glute-bridge-2.jpg", NULL);
    TdImageInfo info;
    g_autoptr(GError) error = NULL;

    g_assert_true (td_image_info_from_file (made, &info, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (info.width, ==, 1512);
    g_assert_cmpuint (info.height, ==, 2016);
    g_assert_false (info.has_gps);
    g_assert_false (g_file_test (in_issue, G_FILE_TEST_EXISTS));
  }

  /* One undo step gives the original back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.undo", NULL));
  td_test_settle (20);
  g_assert_cmpstr (lookup_string (window, "sections[1].image.src"), ==,
                   "images/glute-bridge.jpg");
  gtk_window_destroy (dialog);
  destroy_window (window);
}

static void
test_screenshot (void)
{
  g_autofree char *path = copy_sample ("screenshot");
  TdWindow *window = new_window_on (path);

  activate (window, "select", g_variant_new_string ("section/hamstrings"));
  td_test_settle (500);
  save_screenshot (GTK_WINDOW (window), "window-screenshot.png");
  destroy_window (window);
}

/* Run by the "window-es" test, with a Spanish locale and LANGUAGE=es: the
 * whole window speaks Spanish. */
static void
test_spanish (void)
{
  TdWindow *window;

  if (g_strcmp0 (g_getenv ("TIDINGS_TEST_LANGUAGE"), "es") != 0)
    {
      g_test_skip ("run by the window-es test, in a Spanish locale");
      return;
    }

  window = td_window_new (GTK_APPLICATION (app));
  td_window_load_sample (window);
  gtk_window_present (GTK_WINDOW (window));
  activate (window, "select", g_variant_new_string ("section/hamstrings"));
  td_test_settle (500);

  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)),
                                   "Edición sin título"));
  g_assert_true (widget_tree_has_label (GTK_WIDGET (window), "Perfil del negocio"));
  g_assert_true (widget_tree_has_label (GTK_WIDGET (window), "Artículo"));
  g_assert_false (widget_tree_has_label (GTK_WIDGET (window), "Practice Profile"));
  save_screenshot (GTK_WINDOW (window), "window-screenshot-es.png");
  destroy_window (window);
}

/* -------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Everything the app keeps (recovery copies, backups, recent files)
   * goes to a temporary data folder. */
  tmp_root = g_dir_make_tmp ("tidings-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *data_home = g_build_filename (tmp_root, "data", NULL);

    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  /* As in test-preview: this process keeps meson's MALLOC_PERTURB_ (glibc
   * read it at start), but WebKit's web process, which inherits the
   * environment, crashes now and then with it, and the crash warning is
   * fatal here. */
  g_unsetenv ("MALLOC_PERTURB_");
  if (g_getenv ("TIDINGS_SAMPLE_DIR") == NULL)
    {
      g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                        "august-2023", NULL);

      g_setenv ("TIDINGS_SAMPLE_DIR", sample, TRUE);
    }

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() keeps the C locale; the Spanish run wants its own. */
  if (g_getenv ("TIDINGS_TEST_LANGUAGE") != NULL)
    setlocale (LC_ALL, "");
  /* The build's catalogues, as the app's main() binds them. */
  if (g_getenv ("TIDINGS_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TIDINGS_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  app = td_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/window/first-run-sample", test_first_run_sample);
  g_test_add_func ("/ui/window/edit-undo-redo", test_edit_undo_redo);
  g_test_add_func ("/ui/window/sections", test_sections);
  g_test_add_func ("/ui/window/image-and-save", test_image_and_save);
  g_test_add_func ("/ui/window/save-as-copies-images", test_save_as_copies_images);
  g_test_add_func ("/ui/window/unsaved-changes", test_unsaved_changes);
  g_test_add_func ("/ui/window/load-error", test_load_error);
  g_test_add_func ("/ui/window/new-from-current", test_new_from_current);
  g_test_add_func ("/ui/window/export-dialog", test_export_dialog);
  g_test_add_func ("/ui/window/export-files", test_export_files);
  g_test_add_func ("/ui/window/open-ways", test_open_ways);
  g_test_add_func ("/ui/window/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/ui/window/shortcuts-and-about", test_shortcuts_and_about);
  g_test_add_func ("/ui/window/spell-check-setting", test_spell_check_setting);
  g_test_add_func ("/ui/window/screenshot", test_screenshot);
  g_test_add_func ("/ui/window/make-smaller", test_make_smaller);
  g_test_add_func ("/ui/window/spanish", test_spanish);
  g_test_add_func ("/ui/recovery/crash", test_crash_recovery);

  status = g_test_run ();

  g_clear_object (&app);
  td_test_remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
