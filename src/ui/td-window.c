/* td-window.c: the window editing one issue */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-application.h"
#include "td-export-dialog.h"
#include "td-form.h"
#include "td-issue-saver.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-next-issue.h"
#include "td-outline.h"
#include "td-preview.h"
#include "td-recovery.h"
#include "td-registry.h"
#include "td-window.h"
#include "td-window-private.h"

#define TIDINGS_MIME_TYPE "application/x-tidings-issue"
#define MAX_RECENT_ITEMS  10

struct _TdWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwHeaderBar *header_bar;
  AdwWindowTitle *window_title;
  GtkToggleButton *sidebar_button;
  AdwSplitButton *open_button;
  GtkButton *save_button;
  GtkButton *export_button;
  GtkToggleButton *preview_button;
  AdwFlap *flap;
  TdOutline *outline;
  AdwLeaflet *leaflet;
  GtkScrolledWindow *editor_scroller;
  AdwBin *editor_bin;
  AdwBin *preview_slot;
  TdPreview *preview;
  GMenu *recent_menu;

  /* owned */
  TdDocument *document;
  TdRecovery *recovery;
  char *form_path;          /* what the form shows: "practice", "sections[3]" */
  char *form_selection;     /* the outline selection it was built for */
  JsonNode *form_node;      /* the object the form shows (a reference, to compare) */
  GBinding *undo_binding;
  GBinding *redo_binding;
  GSettings *settings;
  GtkWidget *confirm_dialog;

  /* borrowed */
  GtkWidget *form;
  AdwToast *delete_toast;

  gboolean deleting;
  gboolean close_confirmed;
  gboolean was_mapped;
  gboolean recovery_warned;
  gboolean syncing_preview_button;
};

G_DEFINE_FINAL_TYPE (TdWindow, td_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_selection (TdWindow *self,
                            gboolean  force);

/* -- Small helpers ------------------------------------------------------- */

static GSimpleAction *
lookup_action (TdWindow   *self,
               const char *name)
{
  return G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), name));
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);
  return g_file_get_basename (file);
}

static char *
dup_folder_display (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;

  if (parent == NULL)
    return g_strdup ("");
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  if ((relative = g_file_get_relative_path (home, parent)) != NULL)
    {
      g_autofree char *display = g_filename_display_name (relative);

      return g_strconcat ("~/", display, NULL);
    }
  if ((path = g_file_get_path (parent)) != NULL)
    return g_filename_display_name (path);
  return g_file_get_parse_name (parent);
}

static char *
dup_document_name (TdWindow *self)
{
  GFile *file = self->document != NULL ? td_document_get_file (self->document) : NULL;

  if (file == NULL)
    return g_strdup (_("Untitled Issue"));
  return dup_display_name (file);
}

static void
show_message (TdWindow   *self,
              const char *heading,
              const char *body,
              const char *details)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  if (details != NULL && details[0] != '\0')
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();

      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), details, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Details"), -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_widget_add_css_class (scroller, "card");
      gtk_widget_add_css_class (view, "diagnostics");
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
      gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
td_window_add_toast (TdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* -- Title and state ----------------------------------------------------- */

static void
update_title (TdWindow *self)
{
  g_autofree char *name = dup_document_name (self);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *window_title = NULL;
  GFile *file = td_document_get_file (self->document);

  if (td_document_get_modified (self->document))
    /* Translators: the window title of an issue with unsaved changes */
    title = g_strdup_printf (_("• %s"), name);
  else
    title = g_strdup (name);
  if (file != NULL)
    subtitle = dup_folder_display (file);
  else
    subtitle = g_strdup (_("Not saved yet"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* Translators: the window's name: the issue, then the application */
  window_title = g_strdup_printf (_("%s — Tidings"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
update_section_actions (TdWindow *self)
{
  const char *id = td_outline_get_section_id (self->outline);
  int index = self->document != NULL ? td_sections_find (self->document, id) : -1;
  guint n = self->document != NULL ? td_sections_get_length (self->document) : 0;

  g_simple_action_set_enabled (lookup_action (self, "section-delete"), index >= 0);
  g_simple_action_set_enabled (lookup_action (self, "section-duplicate"), index >= 0);
  g_simple_action_set_enabled (lookup_action (self, "section-move-up"), index > 0);
  g_simple_action_set_enabled (lookup_action (self, "section-move-down"),
                               index >= 0 && (guint) index + 1 < n);
}

static void
remember_file (TdWindow *self)
{
  GFile *file = td_document_get_file (self->document);
  g_autofree char *uri = NULL;
  GtkRecentData data = { 0 };

  if (file == NULL)
    return;
  uri = g_file_get_uri (file);
  data.mime_type = (char *) TIDINGS_MIME_TYPE;
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "tidings %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-file", uri);
}

/* -- The document -------------------------------------------------------- */

static void
document_notify_cb (TdWindow   *self,
                    GParamSpec *pspec,
                    TdDocument *document)
{
  update_title (self);
}

static char *
section_path (int index)
{
  return td_json_path_child_index ("sections", (guint) index);
}

static void
remember_form_node (TdWindow *self)
{
  JsonNode *node = self->form_path != NULL
    ? td_json_path_lookup (td_document_get_root (self->document), self->form_path) : NULL;

  /* The document keeps untouched nodes when it inserts, removes or moves
   * list items, and replaces a node when it is set anew: remembering the
   * node itself (not a copy of it) tells the two apart, cheaply enough for
   * every keystroke. */
  if (node == self->form_node)
    return;
  g_clear_pointer (&self->form_node, json_node_unref);
  if (node != NULL)
    self->form_node = json_node_ref (node);
}

static void
rebuild_form (TdWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean had_focus = focus != NULL && self->form != NULL &&
                       gtk_widget_is_ancestor (focus, self->form);

  g_clear_pointer (&self->form_path, g_free);
  show_selection (self, FALSE);
  /* The field that had the focus is gone with the old form: the focus goes
   * to the section in the outline, which shows where it went. */
  if (had_focus)
    td_outline_focus (self->outline);
}

static void
document_changed_cb (TdWindow   *self,
                     const char *path,
                     TdDocument *document)
{
  const char *id = td_outline_get_section_id (self->outline);
  g_autofree char *current = NULL;

  /* The undo toast of a deletion is only right until the next change. */
  if (!self->deleting && self->delete_toast != NULL)
    adw_toast_dismiss (self->delete_toast);
  update_section_actions (self);

  if (self->form_path == NULL)
    return;
  if (id != NULL)
    {
      int index = td_sections_find (document, id);

      /* Gone: the outline selects another one. */
      if (index < 0)
        return;
      current = section_path (index);
      /* A section's form edits it by index: follow it when it moves. */
      if (!g_str_equal (current, self->form_path))
        {
          rebuild_form (self);
          return;
        }
    }

  if (td_json_path_is_within (path, self->form_path))
    {
      /* The form follows its own object (and rebuilds itself when the
       * object is replaced): remember what it shows. */
      remember_form_node (self);
    }
  else if (td_json_path_is_within (self->form_path, path))
    {
      /* Something above it changed ("sections" set as a whole, say by
       * undoing a recovery): rebuild if what the form shows changed. */
      JsonNode *node = td_json_path_lookup (td_document_get_root (document), self->form_path);

      if (node == NULL || node != self->form_node)
        rebuild_form (self);
    }
}

static void
focus_widget_cb (TdWindow   *self,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  /* Typing in another field starts a new undo step. */
  if (self->document != NULL)
    td_document_seal_undo (self->document);
}

static void
recovery_write_failed_cb (TdWindow   *self,
                          GError     *error,
                          TdRecovery *recovery)
{
  g_autofree char *message = NULL;

  g_message ("Could not write the recovery copy: %s", error->message);
  /* Once per issue: the changes are still in the window, but a crash now
   * would lose them. */
  if (self->recovery_warned)
    return;
  self->recovery_warned = TRUE;
  /* Translators: %s says why, such as "No space left on device" */
  message = g_strdup_printf (_("Tidings can’t keep a recovery copy (%s): save your changes soon"),
                             error->message);
  td_window_add_toast (self, adw_toast_new (message));
}

static const char *
initial_selection (TdDocument *document,
                   char      **owned)
{
  guint n = td_sections_get_length (document);

  /* Straight to the writing: the first article, if there is one. */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *section = td_sections_get (document, i);

      if (section != NULL && g_str_equal (td_json_get_string (section, "type"), "article"))
        return *owned = g_strconcat (TD_SELECTION_SECTION_PREFIX,
                                     td_json_get_string (section, "id"), NULL);
    }
  return TD_SELECTION_ISSUE;
}

void
td_window_set_document (TdWindow   *self,
                        TdDocument *document)
{
  g_autofree char *owned = NULL;

  g_return_if_fail (TD_IS_WINDOW (self));
  g_return_if_fail (TD_IS_DOCUMENT (document));

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_clear_pointer (&self->undo_binding, g_binding_unbind);
      g_clear_pointer (&self->redo_binding, g_binding_unbind);
    }
  /* The issue being replaced was saved or its changes discarded. */
  if (self->recovery != NULL)
    td_recovery_discard (self->recovery);
  g_clear_object (&self->recovery);
  if (self->delete_toast != NULL)
    adw_toast_dismiss (self->delete_toast);

  g_set_object (&self->document, document);
  self->recovery_warned = FALSE;
  self->recovery = td_recovery_new (document);
  g_signal_connect_object (self->recovery, "write-failed",
                           G_CALLBACK (recovery_write_failed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (document, "notify::modified",
                           G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::file",
                           G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  self->undo_binding = g_object_bind_property (document, "can-undo",
                                               lookup_action (self, "undo"), "enabled",
                                               G_BINDING_SYNC_CREATE);
  self->redo_binding = g_object_bind_property (document, "can-redo",
                                               lookup_action (self, "redo"), "enabled",
                                               G_BINDING_SYNC_CREATE);

  g_clear_pointer (&self->form_path, g_free);
  g_clear_pointer (&self->form_selection, g_free);
  td_outline_set_document (self->outline, document);
  td_preview_set_document (self->preview, document);
  /* After the outline's handler: it has followed the change first. */
  g_signal_connect_object (document, "changed",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  td_window_select (self, initial_selection (document, &owned));
  show_selection (self, FALSE);

  update_title (self);
  update_section_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static char *
dup_parent_path (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);

  return parent != NULL ? g_file_get_path (parent) : NULL;
}

static gboolean
load_file (TdWindow  *self,
           GFile     *file,
           gboolean   quietly)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDocument) document = NULL;

  document = td_document_new_from_file (file, diags);
  if (document == NULL)
    {
      g_autofree char *name = dup_display_name (file);
      g_autofree char *heading = NULL;
      g_autofree char *details = td_diagnostics_format (diags, name);

      if (quietly)
        return FALSE;
      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      show_message (self, heading,
                    _("Tidings found these problems in the file and left it as it is. "
                      "If someone edited it by hand, the messages say where to look."),
                    details);
      return FALSE;
    }

  td_window_set_document (self, document);
  remember_file (self);

  if (td_document_get_from_version (document) < TD_FORMAT_VERSION)
    td_window_add_toast (self, adw_toast_new (_("This issue was written by an older Tidings; "
                                                "saving it updates the file")));
  return TRUE;
}

gboolean
td_window_load_file (TdWindow *self,
                     GFile    *file)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return load_file (self, file, FALSE);
}

gboolean
_td_window_load_file_quietly (TdWindow *self,
                             GFile    *file)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return load_file (self, file, TRUE);
}

/* $XDG_DATA_HOME/tidings/drafts/<unique>/images/…: a copy of the
 * pictures in dir/images. NULL if that fails. */
static char *
copy_to_draft_folder (const char *dir)
{
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *draft = NULL;
  g_autofree char *draft_images = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(GDir) folder = g_dir_open (images, 0, NULL);
  const char *name;

  draft = g_build_filename (g_get_user_data_dir (), "tidings", "drafts", uuid, NULL);
  draft_images = g_build_filename (draft, "images", NULL);
  if (folder == NULL || g_mkdir_with_parents (draft_images, 0700) != 0)
    return NULL;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *from = g_build_filename (images, name, NULL);
      g_autofree char *to = g_build_filename (draft_images, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (from, G_FILE_TEST_IS_REGULAR) &&
          g_file_get_contents (from, &contents, &length, NULL))
        g_file_set_contents (to, contents, length, NULL);
    }
  return g_steal_pointer (&draft);
}

void
td_window_load_sample (TdWindow *self)
{
  g_autofree char *dir = td_application_dup_sample_dir ();
  g_autofree char *path = g_build_filename (dir, "august-2023.tidings", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDocument) loaded = NULL;
  g_autoptr(TdDocument) copy = NULL;

  g_return_if_fail (TD_IS_WINDOW (self));

  loaded = td_document_new_from_file (file, diags);
  if (loaded == NULL)
    {
      g_autofree char *details = td_diagnostics_format (diags, path);

      g_autoptr(TdDocument) blank = td_document_new ();

      g_warning ("The sample issue could not be loaded:\n%s", details);
      td_window_set_document (self, blank);
      return;
    }
  /* An untitled copy: saving asks where, so the sample stays as it is. Its
   * pictures are copied to a draft folder of the user's, so that pictures
   * added before the first save have somewhere to go other than the
   * (possibly read-only) installed sample. */
  copy = td_document_new_from_root (td_document_get_root (loaded));
  {
    g_autofree char *draft = copy_to_draft_folder (dir);

    td_document_set_base_dir (copy, draft != NULL ? draft : dir);
    td_window_set_document (self, copy);
  }
}

gboolean
td_window_is_replaceable (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);

  return self->document == NULL ||
         (td_document_get_file (self->document) == NULL &&
          !td_document_get_modified (self->document));
}

TdDocument *
td_window_get_document (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);
  return self->document;
}

AdwBin *
td_window_get_preview_slot (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);
  return self->preview_slot;
}

void
_td_window_restore (TdWindow   *self,
                   const char *uri,
                   const char *base_dir,
                   JsonNode   *recovered)
{
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *current;

  g_return_if_fail (TD_IS_WINDOW (self));
  g_return_if_fail (recovered != NULL && JSON_NODE_HOLDS_OBJECT (recovered));

  /* The saved file, with the recovered changes as one undoable step on
   * top: saving writes them to the file; Undo shows the saved version. */
  if (uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();

      document = td_document_new_from_file (file, diags);
    }
  if (document == NULL)
    {
      document = td_document_new ();
      td_document_set_base_dir (document, base_dir);
    }

  td_document_begin_group (document);
  current = json_node_get_object (td_document_get_root (document));
  names = json_object_get_members (current);
  for (GList *l = names; l != NULL; l = l->next)
    if (!json_object_has_member (json_node_get_object (recovered), l->data))
      td_document_set (document, l->data, NULL, TD_EDIT_NONE);
  g_clear_pointer (&names, g_list_free);
  names = json_object_get_members (json_node_get_object (recovered));
  for (GList *l = names; l != NULL; l = l->next)
    td_document_set (document, l->data,
                     json_object_get_member (json_node_get_object (recovered), l->data),
                     TD_EDIT_NONE);
  td_document_end_group (document);

  td_window_set_document (self, document);
  if (td_document_get_file (document) != NULL)
    remember_file (self);
  /* At once: the copy that was offered is about to be deleted. */
  td_recovery_write_now (self->recovery, NULL);
  td_window_add_toast (self, adw_toast_new (_("Unsaved changes recovered")));
}

/* -- Selection and the form ---------------------------------------------- */

static gboolean
restore_scroll_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  TdWindow *self = TD_WINDOW (widget);
  double *value = user_data;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->editor_scroller), *value);
  return G_SOURCE_REMOVE;
}

/* Builds the form of what the outline selects. Until the window is shown
 * (force: now), only notes that it is wanted, so that starting up builds
 * the first form once. */
static void
show_selection (TdWindow *self,
                gboolean  force)
{
  const char *selection = td_outline_get_selection (self->outline);
  const TdFieldSpec *fields = NULL;
  g_autofree char *path = NULL;
  gboolean same_selection;
  GtkWidget *form;

  if (self->document == NULL || selection == NULL)
    return;
  if (!force && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_pointer (&self->form_path, g_free);
      g_clear_pointer (&self->form_selection, g_free);
      self->form = NULL;
      adw_bin_set_child (self->editor_bin, NULL);
      return;
    }

  if (g_str_equal (selection, TD_SELECTION_PRACTICE))
    {
      path = g_strdup ("practice");
      fields = td_registry_get_practice_fields ();
    }
  else if (g_str_equal (selection, TD_SELECTION_ISSUE))
    {
      path = g_strdup ("issue");
      fields = td_registry_get_issue_fields ();
    }
  else
    {
      const char *id = td_outline_get_section_id (self->outline);
      int index = td_sections_find (self->document, id);
      JsonObject *section = index >= 0 ? td_sections_get (self->document, (guint) index) : NULL;
      const TdSectionType *type = section != NULL
        ? td_registry_lookup_section_type (td_json_get_string (section, "type")) : NULL;

      if (type == NULL)
        return;
      path = section_path (index);
      fields = type->fields;
    }

  if (g_strcmp0 (path, self->form_path) == 0 &&
      g_strcmp0 (selection, self->form_selection) == 0 &&
      self->form != NULL)
    return;

  same_selection = g_strcmp0 (selection, self->form_selection) == 0;
  if (same_selection)
    {
      /* The same section at a new index: keep the reader's place. */
      double *value = g_new (double, 1);

      *value = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->editor_scroller));
      gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_scroll_cb, value, g_free);
    }

  g_free (self->form_path);
  self->form_path = g_strdup (path);
  g_free (self->form_selection);
  self->form_selection = g_strdup (selection);

  form = td_form_new (self->document, path, fields);
  self->form = form;
  adw_bin_set_child (self->editor_bin, form);
  remember_form_node (self);
  if (!same_selection)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->editor_scroller), 0);
}

static void
preview_section_activated_cb (TdWindow   *self,
                              const char *section_id)
{
  g_autofree char *selection = g_strconcat (TD_SELECTION_SECTION_PREFIX, section_id, NULL);

  td_window_select (self, selection);
}

static void
outline_selection_cb (TdWindow   *self,
                      GParamSpec *pspec,
                      TdOutline  *outline)
{
  const char *selection = td_outline_get_selection (outline);

  if (selection != NULL)
    g_simple_action_set_state (lookup_action (self, "select"), g_variant_new_string (selection));
  if (selection != NULL && g_str_has_prefix (selection, TD_SELECTION_SECTION_PREFIX))
    td_preview_scroll_to_section (self->preview,
                                  selection + strlen (TD_SELECTION_SECTION_PREFIX));
  show_selection (self, FALSE);
  update_section_actions (self);
  /* On a narrow window the outline covers the form: get out of the way. */
  if (adw_flap_get_folded (self->flap) && adw_flap_get_reveal_flap (self->flap) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (outline)))
        adw_flap_set_reveal_flap (self->flap, FALSE);
    }
}

void
td_window_select (TdWindow   *self,
                  const char *selection)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  td_outline_set_selection (self->outline, selection);
}

gboolean
td_window_show_path (TdWindow   *self,
                     const char *path)
{
  g_autofree char *selection = NULL;
  g_autofree char *try_path = NULL;

  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_str_has_prefix (path, "practice"))
    selection = g_strdup (TD_SELECTION_PRACTICE);
  else if (g_str_has_prefix (path, "issue"))
    selection = g_strdup (TD_SELECTION_ISSUE);
  else if (g_str_has_prefix (path, "sections["))
    {
      guint64 index = g_ascii_strtoull (path + strlen ("sections["), NULL, 10);
      JsonObject *section = td_sections_get (self->document, (guint) MIN (index, G_MAXUINT));

      if (section == NULL)
        return FALSE;
      selection = g_strconcat (TD_SELECTION_SECTION_PREFIX,
                               td_json_get_string (section, "id"), NULL);
    }
  else
    return FALSE;

  td_window_select (self, selection);
  show_selection (self, TRUE);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  if (self->form == NULL || !TD_IS_FORM (self->form))
    return FALSE;

  /* The field itself, or the nearest of its parents the form shows. */
  try_path = g_strdup (path);
  while (try_path != NULL && try_path[0] != '\0')
    {
      g_autofree char *parent = NULL;
      g_autofree char *key = NULL;
      int index = -1;

      if (td_form_focus_field (TD_FORM (self->form), try_path))
        return TRUE;
      if (!td_json_path_split (try_path, &parent, &key, &index))
        break;
      g_free (try_path);
      try_path = g_steal_pointer (&parent);
    }
  return FALSE;
}

/* -- Sections ------------------------------------------------------------ */

static JsonNode *
new_empty_value (const TdFieldSpec *spec);

static JsonObject *
new_object_with_required (const TdFieldSpec *fields)
{
  JsonObject *object = json_object_new ();

  for (const TdFieldSpec *spec = fields; spec != NULL && spec->key != NULL; spec++)
    if ((spec->flags & TD_FIELD_FLAG_REQUIRED) != 0)
      json_object_set_member (object, spec->key, new_empty_value (spec));
  return object;
}

static JsonNode *
new_empty_value (const TdFieldSpec *spec)
{
  JsonNode *node = json_node_alloc ();

  switch (spec->kind)
    {
    case TD_FIELD_BOOLEAN:
      return json_node_init_boolean (node, FALSE);
    case TD_FIELD_INTEGER:
      return json_node_init_int (node, 0);
    case TD_FIELD_LIST:
      return json_node_init_array (node, json_array_new ());
    case TD_FIELD_IMAGE:
    case TD_FIELD_VIDEO:
    case TD_FIELD_LINK:
    case TD_FIELD_GROUP:
      return json_node_init_object (node, new_object_with_required (spec->fields));
    default:
      return json_node_init_string (node, "");
    }
}

/* A new section of type: an id, its required fields, and a title. */
static JsonNode *
new_section (TdWindow            *self,
             const TdSectionType *type)
{
  JsonObject *object = json_object_new ();
  g_autofree char *id = td_document_new_section_id (self->document, type->type);

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "type", type->type);
  for (const TdFieldSpec *spec = type->fields; spec->key != NULL; spec++)
    if ((spec->flags & TD_FIELD_FLAG_REQUIRED) != 0)
      json_object_set_member (object, spec->key, new_empty_value (spec));
  if (type->title_key != NULL && type->default_title != NULL)
    json_object_set_string_member (object, type->title_key, _(type->default_title));
  return json_node_init_object (json_node_alloc (), object);
}

/* Where a new section goes: after the selected one, else before the
 * footer. */
static guint
insertion_index (TdWindow *self)
{
  int selected = td_sections_find (self->document, td_outline_get_section_id (self->outline));
  guint n = td_sections_get_length (self->document);
  JsonObject *last;

  if (selected >= 0)
    {
      JsonObject *section = td_sections_get (self->document, (guint) selected);

      /* Nothing goes after the footer by default. */
      if ((guint) selected + 1 < n ||
          !g_str_equal (td_json_get_string (section, "type"), "footer"))
        return (guint) selected + 1;
      return (guint) selected;
    }
  last = n > 0 ? td_sections_get (self->document, n - 1) : NULL;
  if (last != NULL && g_str_equal (td_json_get_string (last, "type"), "footer"))
    return n - 1;
  return n;
}

static void
select_section_at (TdWindow *self,
                   guint     index)
{
  JsonObject *section = td_sections_get (self->document, index);
  g_autofree char *selection = NULL;

  if (section == NULL)
    return;
  selection = g_strconcat (TD_SELECTION_SECTION_PREFIX, td_json_get_string (section, "id"), NULL);
  td_window_select (self, selection);
}

static void
focus_section_title (TdWindow *self,
                     guint     index)
{
  JsonObject *section = td_sections_get (self->document, index);
  const TdSectionType *type = section != NULL
    ? td_registry_lookup_section_type (td_json_get_string (section, "type")) : NULL;
  g_autofree char *path = NULL;
  g_autofree char *field = NULL;

  if (type == NULL || type->title_key == NULL || self->form == NULL || !TD_IS_FORM (self->form))
    return;
  path = section_path ((int) index);
  field = td_json_path_child_key (path, type->title_key);
  td_form_focus_field (TD_FORM (self->form), field);
}

static void
add_section_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TdWindow *self = user_data;
  const TdSectionType *type = td_registry_lookup_section_type (g_variant_get_string (parameter, NULL));
  g_autoptr(JsonNode) section = NULL;
  guint index;

  if (type == NULL)
    return;
  section = new_section (self, type);
  index = insertion_index (self);
  td_document_seal_undo (self->document);
  if (!td_document_insert (self->document, "sections", index, section))
    return;
  select_section_at (self, index);
  focus_section_title (self, index);
}

static void
add_section_menu_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  TdWindow *self = user_data;

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, TRUE);
  td_outline_popup_add_menu (self->outline);
}

static void
section_duplicate_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TdWindow *self = user_data;
  int index = td_sections_find (self->document, td_outline_get_section_id (self->outline));
  JsonObject *section;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *id = NULL;

  if (index < 0)
    return;
  section = td_sections_get (self->document, (guint) index);
  copy = td_json_node_deep_copy (json_array_get_element (
    td_json_get_array (json_node_get_object (td_document_get_root (self->document)), "sections"),
    (guint) index));
  id = td_document_new_section_id (self->document, td_json_get_string (section, "type"));
  json_object_set_string_member (json_node_get_object (copy), "id", id);
  td_document_seal_undo (self->document);
  if (td_document_insert (self->document, "sections", (guint) index + 1, copy))
    select_section_at (self, (guint) index + 1);
}

static void
delete_toast_button_cb (AdwToast *toast,
                        TdWindow *self)
{
  const char *selection = g_object_get_data (G_OBJECT (toast), "td-selection");
  g_autofree char *restored = g_strdup (selection);

  if (td_document_undo (self->document) && restored != NULL)
    td_window_select (self, restored);
}

static void
delete_toast_dismissed_cb (AdwToast *toast,
                           TdWindow *self)
{
  if (self->delete_toast == toast)
    self->delete_toast = NULL;
}

static void
section_delete_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TdWindow *self = user_data;
  const char *id = td_outline_get_section_id (self->outline);
  int index = td_sections_find (self->document, id);
  g_autofree char *title = NULL;
  g_autofree char *selection = NULL;
  AdwToast *toast;

  if (index < 0)
    return;
  title = td_section_dup_short_title (td_sections_get (self->document, (guint) index));
  selection = g_strdup (td_outline_get_selection (self->outline));

  if (self->delete_toast != NULL)
    adw_toast_dismiss (self->delete_toast);
  td_document_seal_undo (self->document);
  self->deleting = TRUE;
  td_document_remove (self->document, "sections", (guint) index);
  self->deleting = FALSE;

  /* Translators: %s is the title of a section of the newsletter */
  toast = adw_toast_new_format (_("“%s” deleted"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "td-selection", g_steal_pointer (&selection), g_free);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (delete_toast_button_cb), self, 0);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (delete_toast_dismissed_cb), self, 0);
  self->delete_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
move_section (TdWindow *self,
              int       delta)
{
  int index = td_sections_find (self->document, td_outline_get_section_id (self->outline));
  int to = index + delta;

  if (index < 0 || to < 0 || (guint) to >= td_sections_get_length (self->document))
    return;
  td_document_seal_undo (self->document);
  td_document_move (self->document, "sections", (guint) index, (guint) to);
}

static void
section_move_up_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  move_section (user_data, -1);
}

static void
section_move_down_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  move_section (user_data, 1);
}

static void
select_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TdWindow *self = user_data;

  td_window_select (self, g_variant_get_string (parameter, NULL));
}

/* -- Undo ---------------------------------------------------------------- */

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TdWindow *self = user_data;

  td_document_undo (self->document);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TdWindow *self = user_data;

  td_document_redo (self->document);
}

/* -- Saving -------------------------------------------------------------- */

typedef struct
{
  GFile *file;
  GtkNativeDialog *chooser;
  GPtrArray *copies;      /* picture paths to copy into the new folder */
  GPtrArray *conflicts;   /* of those, the ones a different file is in the way of */
  char *old_base_dir;
  char *new_base_dir;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->file);
  if (save->chooser != NULL)
    gtk_native_dialog_destroy (save->chooser);
  g_clear_object (&save->chooser);
  g_clear_pointer (&save->copies, g_ptr_array_unref);
  g_clear_pointer (&save->conflicts, g_ptr_array_unref);
  g_free (save->old_base_dir);
  g_free (save->new_base_dir);
  g_free (save);
}

static void
collect_images (JsonNode          *node,
                const TdFieldSpec *fields,
                GPtrArray         *paths)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  for (const TdFieldSpec *spec = fields; spec != NULL && spec->key != NULL; spec++)
    {
      JsonNode *member = json_object_get_member (object, spec->key);

      if (member == NULL)
        continue;
      if (spec->kind == TD_FIELD_IMAGE_PATH && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING)
        {
          const char *path = json_node_get_string (member);

          if (path[0] != '\0' &&
              !g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
            g_ptr_array_add (paths, g_strdup (path));
        }
      else if (spec->kind == TD_FIELD_LIST && JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *array = json_node_get_array (member);

          for (guint i = 0; i < json_array_get_length (array); i++)
            collect_images (json_array_get_element (array, i), spec->fields, paths);
        }
      else if (spec->fields != NULL)
        collect_images (member, spec->fields, paths);
    }
}

/* The pictures the issue refers to, relative to its folder. */
static GPtrArray *
list_images (TdDocument *document)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  JsonNode *root = td_document_get_root (document);
  JsonObject *top = json_node_get_object (root);

  collect_images (json_object_get_member (top, "practice"),
                  td_registry_get_practice_fields (), paths);
  for (guint i = 0; i < td_sections_get_length (document); i++)
    {
      JsonObject *section = td_sections_get (document, i);
      const TdSectionType *type = section != NULL
        ? td_registry_lookup_section_type (td_json_get_string (section, "type")) : NULL;

      if (type != NULL)
        collect_images (json_array_get_element (td_json_get_array (top, "sections"), i),
                        type->fields, paths);
    }
  return paths;
}

static gboolean
same_contents (GFile *a,
               GFile *b)
{
  g_autoptr(GBytes) x = g_file_load_bytes (a, NULL, NULL, NULL);
  g_autoptr(GBytes) y = g_file_load_bytes (b, NULL, NULL, NULL);

  return x != NULL && y != NULL && g_bytes_equal (x, y);
}

static void save_write (GTask *task, gboolean force);

static void
changed_on_disk_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;

  if (g_str_equal (response, "overwrite"))
    save_write (g_steal_pointer (&task), TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
}

static void
save_write (GTask    *task_in,
            gboolean  force)
{
  g_autoptr(GTask) task = task_in;
  TdWindow *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!td_document_save (self->document, save->file, force, &error))
    {
      if (g_error_matches (error, TD_SAVE_ERROR, TD_SAVE_ERROR_CHANGED_ON_DISK))
        {
          g_autofree char *name = dup_display_name (save->file);
          g_autofree char *heading = g_strdup_printf (_("“%s” Changed on Disk"), name);
          GtkWidget *dialog =
            adw_message_dialog_new (GTK_WINDOW (self), heading,
                                    _("Another program changed the file since you opened it. "
                                      "Overwriting it replaces those changes with yours."));

          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "overwrite", _("_Overwrite"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_signal_connect (dialog, "response",
                            G_CALLBACK (changed_on_disk_response_cb), g_steal_pointer (&task));
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  remember_file (self);
  update_title (self);
  g_task_return_boolean (task, TRUE);
}

static gboolean
copy_images (SaveData  *save,
             gboolean   replace,
             GError   **error)
{
  for (guint i = 0; i < save->copies->len; i++)
    {
      const char *path = g_ptr_array_index (save->copies, i);
      g_autofree char *from_path = g_build_filename (save->old_base_dir, path, NULL);
      g_autofree char *to_path = g_build_filename (save->new_base_dir, path, NULL);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autoptr(GFile) to = g_file_new_for_path (to_path);
      g_autoptr(GFile) parent = g_file_get_parent (to);
      g_autoptr(GError) local_error = NULL;
      gboolean conflict = g_ptr_array_find_with_equal_func (save->conflicts, path,
                                                            g_str_equal, NULL);

      if (conflict && !replace)
        continue;
      if (!g_file_make_directory_with_parents (parent, NULL, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!g_file_copy (from, to, conflict ? G_FILE_COPY_OVERWRITE : G_FILE_COPY_NONE,
                        NULL, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static void
conflicts_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "cancel"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  if (!copy_images (save, g_str_equal (response, "replace"), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  save_write (g_steal_pointer (&task), FALSE);
}

/* Save As into another folder takes the pictures along: images/ beside the
 * new file. A different picture already there is not replaced silently. */
static void
save_copy_images (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  TdWindow *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;

  save->new_base_dir = dup_parent_path (save->file);
  save->old_base_dir = g_strdup (td_document_get_base_dir (self->document));
  save->copies = g_ptr_array_new_with_free_func (g_free);
  save->conflicts = g_ptr_array_new ();

  if (save->old_base_dir == NULL || save->new_base_dir == NULL ||
      g_str_equal (save->old_base_dir, save->new_base_dir))
    {
      save_write (g_steal_pointer (&task), FALSE);
      return;
    }

  images = list_images (self->document);
  for (guint i = 0; i < images->len; i++)
    {
      const char *path = g_ptr_array_index (images, i);
      g_autofree char *from_path = NULL;
      g_autofree char *to_path = NULL;
      g_autoptr(GFile) from = NULL;
      g_autoptr(GFile) to = NULL;

      /* Only pictures inside the issue's folder (the loader's rule). */
      if (!td_image_path_is_safe (path, NULL))
        continue;
      from_path = g_build_filename (save->old_base_dir, path, NULL);
      to_path = g_build_filename (save->new_base_dir, path, NULL);
      if (!g_file_test (from_path, G_FILE_TEST_IS_REGULAR))
        continue;
      from = g_file_new_for_path (from_path);
      to = g_file_new_for_path (to_path);
      if (g_file_query_exists (to, NULL))
        {
          if (same_contents (from, to))
            continue;
          g_ptr_array_add (save->conflicts, g_strdup (path));
        }
      g_ptr_array_add (save->copies, g_strdup (path));
    }
  /* The conflicts' strings are owned by copies. */
  g_ptr_array_set_free_func (save->conflicts, g_free);

  if (save->conflicts->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      GtkWidget *dialog;

      for (guint i = 0; i < save->conflicts->len; i++)
        g_string_append_printf (list, "%s\n", (char *) g_ptr_array_index (save->conflicts, i));
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace Pictures?"),
                                       _("The folder you chose already has pictures with the "
                                         "same names as this issue’s, but different. Keep "
                                         "them, or replace them with this issue’s pictures?"));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "keep", _("_Keep Theirs"),
                                        "replace", _("_Replace"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      {
        GtkWidget *label = gtk_label_new (list->str);

        gtk_label_set_selectable (GTK_LABEL (label), TRUE);
        gtk_widget_add_css_class (label, "monospace");
        adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
      }
      g_signal_connect (dialog, "response", G_CALLBACK (conflicts_response_cb),
                        g_steal_pointer (&task));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (!copy_images (save, FALSE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  save_write (g_steal_pointer (&task), FALSE);
}

static char *
suggest_file_name (TdWindow *self)
{
  JsonObject *issue = td_json_get_object (json_node_get_object (td_document_get_root (self->document)),
                                          "issue");
  const char *date = td_json_get_string (issue, "date");
  const char *title = td_json_get_string (issue, "title");
  g_autoptr(GString) name = g_string_new (NULL);

  /* "2023-09.tidings": months sort in order in the file chooser. */
  if (strlen (date) >= 7)
    g_string_append_len (name, date, 7);
  else if (title[0] != '\0')
    {
      for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == '/' || c == '\\' || c == ':')
            g_string_append_c (name, '-');
          else
            g_string_append_unichar (name, c);
        }
    }
  else
    g_string_append (name, _("issue"));
  g_string_append (name, ".tidings");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static GtkFileFilter *
new_issue_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Newsletter Issues"));
  gtk_file_filter_add_mime_type (filter, TIDINGS_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "tidings");
  return filter;
}

static void
save_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;

  gtk_native_dialog_hide (chooser);
  if (response != GTK_RESPONSE_ACCEPT ||
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  /* "september" means "september.tidings", unless that would replace a
   * file the chooser didn't ask about. */
  {
    g_autofree char *basename = g_file_get_basename (file);

    if (!g_str_has_suffix (basename, ".tidings"))
      {
        g_autofree char *with_suffix = g_strconcat (basename, ".tidings", NULL);
        g_autoptr(GFile) parent = g_file_get_parent (file);
        g_autoptr(GFile) other = parent != NULL ? g_file_get_child (parent, with_suffix) : NULL;

        if (other != NULL && !g_file_query_exists (other, NULL))
          g_set_object (&file, other);
      }
  }
  g_set_object (&save->file, file);
  save_copy_images (g_steal_pointer (&task));
}

static void
save_choose_file (GTask *task)
{
  TdWindow *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = new_issue_filter ();
  g_autofree char *name = suggest_file_name (self);
  GFile *current = td_document_get_file (self->document);

  chooser = gtk_file_chooser_native_new (_("Save Issue"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (current != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), current, NULL);
  else
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) folder = g_file_new_for_path (documents);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
        }
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  save->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chooser_response_cb),
                    g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* file: where to save (Save As once chosen); NULL: the issue's own file, or
 * ask when it has none. */
static void
save_async (TdWindow            *self,
            GFile               *file,
            gboolean             ask,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SaveData *save = g_new0 (SaveData, 1);

  g_task_set_task_data (task, save, save_data_free);

  if (file == NULL && !ask)
    file = td_document_get_file (self->document);
  if (file == NULL)
    {
      save_choose_file (task);
      return;
    }
  save->file = g_object_ref (file);
  save_copy_images (g_steal_pointer (&task));
}

void
_td_window_save_async (TdWindow            *self,
                       GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  save_async (self, file, FALSE, cancellable, callback, user_data);
}

gboolean
_td_window_save_finish (TdWindow      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
report_save_error (TdWindow *self,
                   GError   *error)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  name = dup_document_name (self);
  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Save “%s”"), name);
  show_message (self, heading,
                _("Your changes are still here, and a recovery copy is kept until they are "
                  "saved. Try another folder, or free some disk space."),
                error->message);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!_td_window_save_finish (self, result, &error))
    report_save_error (self, error);
}

static void
save_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TdWindow *self = user_data;

  save_async (self, NULL, FALSE, NULL, save_done_cb, NULL);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TdWindow *self = user_data;

  save_async (self, NULL, TRUE, NULL, save_done_cb, NULL);
}

/* -- Unsaved changes ----------------------------------------------------- */

static void
confirm_save_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_td_window_save_finish (self, result, &error))
    {
      report_save_error (self, error);
      g_task_return_boolean (task, FALSE);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  TdWindow *self = g_task_get_source_object (task);

  self->confirm_dialog = NULL;
  if (g_str_equal (response, "save"))
    save_async (self, NULL, FALSE, NULL, confirm_save_cb, g_steal_pointer (&task));
  else
    g_task_return_boolean (task, g_str_equal (response, "discard"));
}

/* Resolves to TRUE when the issue may be dropped: nothing unsaved, saved
 * now, or discarded. */
static void
confirm_unsaved_async (TdWindow            *self,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!td_document_get_modified (self->document))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->confirm_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm_dialog));
      g_task_return_boolean (task, FALSE);
      return;
    }

  name = dup_document_name (self);
  /* Translators: %s is a file name, or "Untitled Issue" */
  body = g_strdup_printf (_("“%s” has changes that are not saved. If you don’t save them, "
                            "they are lost."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), g_steal_pointer (&task));
  self->confirm_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
confirm_unsaved_finish (TdWindow     *self,
                        GAsyncResult *result)
{
  return g_task_propagate_boolean (G_TASK (result), NULL);
}

/* -- New and open -------------------------------------------------------- */

static void
new_confirmed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(TdDocument) document = NULL;

  if (!confirm_unsaved_finish (self, result))
    return;
  document = td_document_new ();
  td_window_set_document (self, document);
  td_window_select (self, TD_SELECTION_PRACTICE);
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  confirm_unsaved_async (user_data, new_confirmed_cb, NULL);
}

static void
new_from_current_confirmed_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TdDocument) document = NULL;

  if (!confirm_unsaved_finish (self, result))
    return;
  root = td_next_issue_new_root (td_document_get_root (self->document));
  document = td_document_new_from_root (root);
  /* Untitled; the pictures it keeps (the logo, the badges) are read from
   * this issue's folder until it is saved, and then copied along. */
  td_document_set_base_dir (document, td_document_get_base_dir (self->document));
  td_window_set_document (self, document);
  td_window_add_toast (self, adw_toast_new (_("Next month’s issue, ready to write")));
}

static void
new_from_current_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  confirm_unsaved_async (user_data, new_from_current_confirmed_cb, NULL);
}

static void
open_confirmed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  g_autoptr(GFile) file = user_data;

  if (confirm_unsaved_finish (self, result))
    td_window_load_file (self, file);
}

static void
open_file_here (TdWindow *self,
                GFile    *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GFile *current = td_document_get_file (self->document);

  if (current != NULL && g_file_equal (current, file))
    return;
  /* Already open in another window: go there. */
  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data) && l->data != (gpointer) self)
      {
        GFile *shown = td_document_get_file (TD_WINDOW (l->data)->document);

        if (shown != NULL && g_file_equal (shown, file))
          {
            gtk_window_present (GTK_WINDOW (l->data));
            return;
          }
      }
  confirm_unsaved_async (self, open_confirmed_cb, g_object_ref (file));
}

static void
open_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          TdWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    open_file_here (self, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TdWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = new_issue_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GFile *current = td_document_get_file (self->document);

  chooser = gtk_file_chooser_native_new (_("Open Issue"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (current != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (current);

      if (folder != NULL)
        {
          /* The folder holding this month's folder: where the others are. */
          g_autoptr(GFile) up = g_file_get_parent (folder);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser),
                                               up != NULL ? up : folder, NULL);
        }
    }
  g_signal_connect (chooser, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TdWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  open_file_here (self, file);
}

static int
compare_recent_newest_first (gconstpointer a,
                             gconstpointer b)
{
  return g_date_time_compare (gtk_recent_info_get_modified ((GtkRecentInfo *) b),
                              gtk_recent_info_get_modified ((GtkRecentInfo *) a));
}

static void
update_recent_menu (TdWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  items = g_list_sort (items, compare_recent_newest_first);
  for (GList *l = items; l != NULL && n < MAX_RECENT_ITEMS; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".tidings") || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (uri));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  if (n == 0)
    g_menu_append (self->recent_menu, _("No Recent Issues"), "win.no-recent");
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TdWindow      *self)
{
  GSList *files = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = gdk_file_list_get_files (g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = g_slist_prepend (NULL, g_value_get_object (value));

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *basename = g_file_get_basename (l->data);

      if (basename != NULL && g_str_has_suffix (basename, ".tidings"))
        {
          open_file_here (self, l->data);
          g_slist_free (files);
          return TRUE;
        }
    }
  g_slist_free (files);
  return FALSE;
}

/* -- Other actions ------------------------------------------------------- */

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TdWindow *self = user_data;
  GtkWidget *dialog = td_export_dialog_new (self);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TdWindow *self = user_data;

  td_preview_print (self->preview);
}

static void
toggle_sidebar_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TdWindow *self = user_data;
  gboolean reveal = !adw_flap_get_reveal_flap (self->flap);

  adw_flap_set_reveal_flap (self->flap, reveal);
  if (reveal)
    td_outline_focus (self->outline);
}

static void
toggle_preview_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TdWindow *self = user_data;

  if (!adw_leaflet_get_folded (self->leaflet))
    return;
  gtk_toggle_button_set_active (self->preview_button,
                                !gtk_toggle_button_get_active (self->preview_button));
}

static void
preview_button_toggled_cb (TdWindow        *self,
                           GtkToggleButton *button)
{
  if (self->syncing_preview_button)
    return;
  adw_leaflet_set_visible_child_name (self->leaflet,
                                      gtk_toggle_button_get_active (button) ? "preview" : "editor");
}

static void
leaflet_visible_child_cb (TdWindow   *self,
                          GParamSpec *pspec,
                          AdwLeaflet *leaflet)
{
  const char *name = adw_leaflet_get_visible_child_name (leaflet);

  self->syncing_preview_button = TRUE;
  gtk_toggle_button_set_active (self->preview_button,
                                adw_leaflet_get_folded (leaflet) && g_strcmp0 (name, "preview") == 0);
  self->syncing_preview_button = FALSE;
}

/* A narrow window has room for icons only in its header bar. */
static void
leaflet_folded_cb (TdWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  if (adw_leaflet_get_folded (leaflet))
    {
      adw_split_button_set_icon_name (self->open_button, "document-open-symbolic");
      gtk_button_set_icon_name (self->save_button, "document-save-symbolic");
    }
  else
    {
      adw_split_button_set_label (self->open_button, _("_Open"));
      gtk_button_set_label (self->save_button, _("_Save"));
    }
  /* Export… stays in the main menu (and on Ctrl+E). */
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), !adw_leaflet_get_folded (leaflet));
  leaflet_visible_child_cb (self, pspec, leaflet);
}

static void
flap_folded_cb (TdWindow   *self,
                GParamSpec *pspec,
                AdwFlap    *flap)
{
  /* Unfolded, the outline is always there. */
  if (!adw_flap_get_folded (flap))
    adw_flap_set_reveal_flap (flap, TRUE);
}

static const GActionEntry win_actions[] = {
  { "new", new_action, NULL, NULL, NULL, { 0 } },
  { "new-from-current", new_from_current_action, NULL, NULL, NULL, { 0 } },
  { "open", open_action, NULL, NULL, NULL, { 0 } },
  { "open-recent", open_recent_action, "s", NULL, NULL, { 0 } },
  { "save", save_action, NULL, NULL, NULL, { 0 } },
  { "save-as", save_as_action, NULL, NULL, NULL, { 0 } },
  { "export", export_action, NULL, NULL, NULL, { 0 } },
  { "print", print_action, NULL, NULL, NULL, { 0 } },
  { "undo", undo_action, NULL, NULL, NULL, { 0 } },
  { "redo", redo_action, NULL, NULL, NULL, { 0 } },
  { "add-section", add_section_action, "s", NULL, NULL, { 0 } },
  { "add-section-menu", add_section_menu_action, NULL, NULL, NULL, { 0 } },
  { "section-duplicate", section_duplicate_action, NULL, NULL, NULL, { 0 } },
  { "section-delete", section_delete_action, NULL, NULL, NULL, { 0 } },
  { "section-move-up", section_move_up_action, NULL, NULL, NULL, { 0 } },
  { "section-move-down", section_move_down_action, NULL, NULL, NULL, { 0 } },
  { "select", select_action, "s", "'issue'", NULL, { 0 } },
  { "toggle-sidebar", toggle_sidebar_action, NULL, NULL, NULL, { 0 } },
  { "toggle-preview", toggle_preview_action, NULL, NULL, NULL, { 0 } },
};

/* -- Startup report (build-aux/bench-startup) ---------------------------- */

static gulong after_paint_id;

static void
after_paint_cb (GdkFrameClock *clock,
                TdWindow      *self)
{
  g_clear_signal_handler (&after_paint_id, clock);
  /* Wall-clock microseconds, compared with the launcher's clock. */
  g_printerr ("tidings-startup: mapped %" G_GINT64_FORMAT "\n", g_get_real_time ());
}

static void
td_window_map (GtkWidget *widget)
{
  static gboolean reported;

  GTK_WIDGET_CLASS (td_window_parent_class)->map (widget);

  show_selection (TD_WINDOW (widget), FALSE);
  /* Keyboard users start in the outline, on what the form shows. */
  if (!TD_WINDOW (widget)->was_mapped)
    {
      TD_WINDOW (widget)->was_mapped = TRUE;
      td_outline_focus (TD_WINDOW (widget)->outline);
    }

  if (!reported && g_getenv ("TIDINGS_REPORT_STARTUP") != NULL)
    {
      reported = TRUE;
      after_paint_id = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                         G_CALLBACK (after_paint_cb), widget);
    }
}

/* -- GtkWindow ----------------------------------------------------------- */

static void
close_confirmed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);

  if (!confirm_unsaved_finish (self, result))
    return;
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
td_window_close_request (GtkWindow *window)
{
  TdWindow *self = TD_WINDOW (window);

  if (!self->close_confirmed && self->document != NULL &&
      td_document_get_modified (self->document))
    {
      confirm_unsaved_async (self, close_confirmed_cb, NULL);
      return TRUE;
    }
  /* A clean close: saved, or the changes discarded. */
  if (self->recovery != NULL)
    td_recovery_discard (self->recovery);
  return GTK_WINDOW_CLASS (td_window_parent_class)->close_request (window);
}

/* -- GObject ------------------------------------------------------------- */

static void
td_window_constructed (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (td_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL && TD_IS_APPLICATION (app) &&
      td_application_get_settings (TD_APPLICATION (app)) != NULL)
    {
      self->settings = g_object_ref (td_application_get_settings (TD_APPLICATION (app)));
      g_settings_bind (self->settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "preview-view", self->preview, "view",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "preview-dark", self->preview, "dark",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "preview-images-off", self->preview, "images-off",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "load-remote-images", self->preview,
                       "load-remote-images", G_SETTINGS_BIND_DEFAULT);
    }
}

static void
td_window_dispose (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_pointer (&self->undo_binding, g_binding_unbind);
  g_clear_pointer (&self->redo_binding, g_binding_unbind);
  g_signal_handlers_disconnect_by_data (gtk_recent_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WINDOW);
  g_clear_object (&self->recovery);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (td_window_parent_class)->dispose (object);
}

static void
td_window_finalize (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_free (self->form_path);
  g_free (self->form_selection);
  g_clear_pointer (&self->form_node, json_node_unref);

  G_OBJECT_CLASS (td_window_parent_class)->finalize (object);
}

static void
td_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_class_init (TdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = td_window_constructed;
  object_class->dispose = td_window_dispose;
  object_class->finalize = td_window_finalize;
  object_class->get_property = td_window_get_property;
  widget_class->map = td_window_map;
  window_class->close_request = td_window_close_request;

  /**
   * TdWindow:document:
   *
   * The issue shown; replaced by New, Open and the like.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TD_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TD_TYPE_OUTLINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, preview_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, editor_scroller);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, preview_slot);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, outline_selection_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, flap_folded_cb);
}

static void
td_window_init (TdWindow *self)
{
  GtkDropTarget *drop;
  g_autoptr(TdDocument) blank = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Window actions live in the window's action map (not the widget
   * class), so that they are exported on the session bus with the window
   * (org.gtk.Actions) -- the crash-recovery test drives the real program
   * through them. */
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  /* The live preview, fed by the document; a click on a section in it
   * selects that section's form. */
  self->preview = TD_PREVIEW (td_preview_new ());
  adw_bin_set_child (self->preview_slot, GTK_WIDGET (self->preview));
  g_signal_connect_object (self->preview, "section-activated",
                           G_CALLBACK (preview_section_activated_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_swapped (gtk_recent_manager_get_default (), "changed",
                            G_CALLBACK (update_recent_menu), self);
  update_recent_menu (self);

  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_widget_cb), NULL);

  /* Named for screen readers also when they show only an icon. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export"), -1);

  /* Never without an issue. */
  blank = td_document_new ();
  td_window_set_document (self, blank);
}

TdWindow *
td_window_new (TdApplication *application)
{
  return g_object_new (TD_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

TdOutline *
_td_window_get_outline (TdWindow *self)
{
  return self->outline;
}

GtkWidget *
_td_window_get_form (TdWindow *self)
{
  return self->form;
}

const char *
_td_window_get_selection (TdWindow *self)
{
  return td_outline_get_selection (self->outline);
}

TdRecovery *
_td_window_get_recovery (TdWindow *self)
{
  return self->recovery;
}
