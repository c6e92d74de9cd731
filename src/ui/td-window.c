/* td-window.c: the window editing one issue -- the widget, its document,
 * the outline and the form (the actions, the files and drag and drop are in
 * td-window-actions.c, td-window-files.c and td-window-dnd.c) */

#include "config.h"

#include <glib/gi18n.h>

#include "td-form.h"
#include "td-issue.h"
#include "td-json-path.h"
#include "td-registry.h"
#include "td-renderer.h"
#include "td-settings.h"
#include "td-ui-util.h"
#include "td-window.h"
#include "td-window-private.h"

G_DEFINE_FINAL_TYPE (TdWindow, td_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* -- Small helpers ------------------------------------------------------- */

GSimpleAction *
_td_window_lookup_action (TdWindow   *self,
                          const char *name)
{
  return G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), name));
}

char *
_td_window_dup_display_name (GFile *file)
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

char *
_td_window_dup_document_name (TdWindow *self)
{
  GFile *file = self->document != NULL ? td_document_get_file (self->document) : NULL;

  if (file == NULL)
    return g_strdup (_("Untitled Issue"));
  return _td_window_dup_display_name (file);
}

void
_td_window_show_message (TdWindow   *self,
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
  td_buttons_fix_names (dialog);
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

void
_td_window_update_title (TdWindow *self)
{
  g_autofree char *name = _td_window_dup_document_name (self);
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

  /* The library has a title of its own. */
  if (_td_window_library_shown (self))
    return;
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* Translators: the window's name: the issue, then the application */
  window_title = g_strdup_printf (_("%s — Tidings"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

void
_td_window_update_section_actions (TdWindow *self)
{
  JsonNode *root = self->document != NULL ? td_document_get_root (self->document) : NULL;
  int index = td_issue_find_section (root, td_outline_get_section_id (self->outline));
  guint n = td_issue_get_n_sections (root);

  g_simple_action_set_enabled (_td_window_lookup_action (self, "section-delete"), index >= 0);
  g_simple_action_set_enabled (_td_window_lookup_action (self, "section-duplicate"), index >= 0);
  g_simple_action_set_enabled (_td_window_lookup_action (self, "section-move-up"), index > 0);
  g_simple_action_set_enabled (_td_window_lookup_action (self, "section-move-down"),
                               index >= 0 && (guint) index + 1 < n);
}

/* -- The document -------------------------------------------------------- */

static void
document_notify_cb (TdWindow   *self,
                    GParamSpec *pspec,
                    TdDocument *document)
{
  _td_window_update_title (self);
}

static void
document_changed_cb (TdWindow   *self,
                     TdDocument *document)
{
  /* The undo toast of a deletion is only right until the next change. */
  if (!self->deleting)
    _td_window_dismiss_delete_toast (self);
  _td_window_update_section_actions (self);
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

/* Straight to the writing: the first article, if there is one. */
static char *
dup_initial_scope (TdDocument *document)
{
  JsonNode *root = td_document_get_root (document);
  guint n = td_issue_get_n_sections (root);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *section = td_issue_get_section (root, i);

      if (section != NULL && g_str_equal (td_json_get_string (section, "type"), "article"))
        return td_scope_for_section (td_json_get_string (section, "id"));
    }
  return g_strdup (TD_SCOPE_ISSUE);
}

void
td_window_set_document (TdWindow   *self,
                        TdDocument *document)
{
  g_autofree char *scope = NULL;

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
  _td_window_dismiss_delete_toast (self);

  g_set_object (&self->document, document);
  self->recovery_warned = FALSE;
  self->library_new = FALSE;
  self->recovery = td_recovery_new (document);
  g_signal_connect_object (self->recovery, "write-failed",
                           G_CALLBACK (recovery_write_failed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (document, "notify::modified",
                           G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::file",
                           G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  self->undo_binding = g_object_bind_property (document, "can-undo",
                                               _td_window_lookup_action (self, "undo"), "enabled",
                                               G_BINDING_SYNC_CREATE);
  self->redo_binding = g_object_bind_property (document, "can-redo",
                                               _td_window_lookup_action (self, "redo"), "enabled",
                                               G_BINDING_SYNC_CREATE);

  g_clear_pointer (&self->form_scope, g_free);
  td_outline_set_document (self->outline, document);
  td_preview_set_document (self->preview, document);
  /* After the outline's handlers: it has followed the change first. */
  g_signal_connect_object (document, "changed",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  scope = dup_initial_scope (document);
  td_window_select (self, scope);
  _td_window_show_form (self, FALSE);

  /* An issue opened, or begun: the editor shows it. */
  _td_window_hide_library (self);
  _td_window_update_title (self);
  _td_window_update_section_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

TdDocument *
td_window_get_document (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);
  return self->document;
}

gboolean
td_window_is_replaceable (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);

  return self->document == NULL ||
         (td_document_get_file (self->document) == NULL &&
          !td_document_get_modified (self->document));
}

/* -- Selection and the form ---------------------------------------------- */

static const TdFieldSpec *
scope_fields (TdWindow   *self,
              const char *scope)
{
  JsonNode *root = td_document_get_root (self->document);
  const char *id = td_scope_get_section_id (scope);
  int index;
  const TdSectionType *type;

  if (g_str_equal (scope, TD_SCOPE_PRACTICE))
    return td_registry_get_practice_fields ();
  if (g_str_equal (scope, TD_SCOPE_ISSUE))
    return td_registry_get_issue_fields ();
  index = td_issue_find_section (root, id);
  if (index < 0)
    return NULL;
  type = td_registry_lookup_section_type (
    td_json_get_string (td_issue_get_section (root, (guint) index), "type"));
  return type != NULL ? type->fields : NULL;
}

void
_td_window_show_form (TdWindow *self,
                      gboolean  force)
{
  const char *scope = td_outline_get_selection (self->outline);
  const TdFieldSpec *fields;
  GtkWidget *focus;
  gboolean had_focus;

  if (self->document == NULL || scope == NULL)
    return;
  /* Until the window is shown, only note that a form is wanted, so that
   * starting up builds the first form once. */
  if (!force && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_pointer (&self->form_scope, g_free);
      self->form = NULL;
      adw_bin_set_child (self->editor_bin, NULL);
      return;
    }
  if (g_strcmp0 (scope, self->form_scope) == 0 && self->form != NULL)
    return;
  if ((fields = scope_fields (self, scope)) == NULL)
    return;

  focus = gtk_root_get_focus (GTK_ROOT (self));
  had_focus = focus != NULL && self->form != NULL && gtk_widget_is_ancestor (focus, self->form);

  g_free (self->form_scope);
  self->form_scope = g_strdup (scope);
  self->form = td_form_new (self->document, scope, fields);
  adw_bin_set_child (self->editor_bin, self->form);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->editor_scroller), 0);
  /* The field that had the focus is gone with the old form: the focus goes
   * to the outline, which shows where it went. */
  if (had_focus)
    td_outline_focus (self->outline);
}

static void
preview_section_activated_cb (TdWindow   *self,
                              const char *section_id)
{
  g_autofree char *scope = td_scope_for_section (section_id);

  td_window_select (self, scope);
}

static void
outline_selection_cb (TdWindow   *self,
                      GParamSpec *pspec,
                      TdOutline  *outline)
{
  const char *scope = td_outline_get_selection (outline);
  const char *id = td_scope_get_section_id (scope);

  if (scope != NULL)
    g_simple_action_set_state (_td_window_lookup_action (self, "select"),
                               g_variant_new_string (scope));
  if (id != NULL)
    td_preview_scroll_to_section (self->preview, id);
  _td_window_show_form (self, FALSE);
  _td_window_update_section_actions (self);
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
                  const char *scope)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  td_outline_set_selection (self->outline, scope);
}

gboolean
td_window_show_path (TdWindow   *self,
                     const char *path)
{
  g_autofree char *key_path = NULL;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  scope = td_issue_scope_for_path (td_document_get_root (self->document), path, &key_path);
  if (scope == NULL)
    return FALSE;

  td_window_select (self, scope);
  _td_window_show_form (self, TRUE);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  if (self->form == NULL || !TD_IS_FORM (self->form) ||
      !g_str_equal (td_form_get_scope (TD_FORM (self->form)), scope))
    return FALSE;

  /* The field itself, or the nearest of its parents the form shows. */
  while (key_path != NULL)
    {
      g_autofree char *parent = NULL;
      g_autofree char *key = NULL;
      int index = -1;

      if (td_form_focus_field (TD_FORM (self->form), key_path))
        return TRUE;
      if (key_path[0] == '\0' || !td_json_path_split (key_path, &parent, &key, &index))
        break;
      g_free (key_path);
      key_path = g_steal_pointer (&parent);
    }
  return FALSE;
}

/* -- The panes ------------------------------------------------------------ */

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
set_button_compact (GtkButton  *button,
                    gboolean    compact,
                    const char *icon_name,
                    const char *label,
                    const char *accessible_name)
{
  if (compact)
    gtk_button_set_icon_name (button, icon_name);
  else
    {
      gtk_button_set_label (button, label);
      gtk_button_set_use_underline (button, TRUE);
    }
  /* An icon says nothing to a screen reader. */
  td_button_set_accessible_name (GTK_WIDGET (button), accessible_name);
}

static gboolean
update_layout_cb (gpointer user_data)
{
  TdWindow *self = user_data;
  gboolean narrow = adw_leaflet_get_folded (self->leaflet);

  self->layout_source = 0;
  set_button_compact (self->open_button, narrow, "document-open-symbolic", _("_Open"),
                      _("Open"));
  set_button_compact (self->save_button, narrow, "document-save-symbolic", _("_Save"),
                      _("Save"));
  /* Export… stays in the main menu (and on Ctrl+E); the library shows
   * none of the editor's buttons. */
  _td_window_update_library_header (self);
  /* Unfolded, the outline is there unless she hid it. */
  if (!adw_flap_get_folded (self->flap) && self->flap_was_folded)
    adw_flap_set_reveal_flap (self->flap, TRUE);
  self->flap_was_folded = adw_flap_get_folded (self->flap);
  leaflet_visible_child_cb (self, NULL, self->leaflet);
  /* The header bar's new size lays the window out again, but GTK 4.8
   * leaves the flap with the allocation from before the fold and draws
   * nothing of it ("Trying to snapshot AdwFlap without a current
   * allocation", a blank window until the next resize): ask for it. */
  gtk_widget_queue_resize (GTK_WIDGET (self->flap));
  return G_SOURCE_REMOVE;
}

/* The flap and the leaflet fold while they are being allocated: the
 * header bar and the flap change after that, not inside it, or GTK is
 * left with widgets that have no allocation and draws a blank window
 * until the next resize. */
static void
folded_cb (TdWindow   *self,
           GParamSpec *pspec,
           GtkWidget  *widget)
{
  if (self->layout_source == 0)
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_layout_cb, self, NULL);
}

/* -- GtkWidget and GtkWindow ---------------------------------------------- */

static gboolean
td_window_focus (GtkWidget        *widget,
                 GtkDirectionType  direction)
{
  /* The panes are the editor's: the library is one pane, GTK's order. */
  if ((direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD) &&
      !_td_window_library_shown (TD_WINDOW (widget)) &&
      _td_window_focus (TD_WINDOW (widget), direction))
    return TRUE;
  return GTK_WIDGET_CLASS (td_window_parent_class)->focus (widget, direction);
}

static void
td_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (td_window_parent_class)->realize (widget);
  td_renderer_forget ();
}

static void
td_window_map (GtkWidget *widget)
{
  TdWindow *self = TD_WINDOW (widget);

  GTK_WIDGET_CLASS (td_window_parent_class)->map (widget);

  _td_window_show_form (self, FALSE);
  /* Keyboard users start in the outline, on what the form shows. */
  if (!self->was_mapped)
    {
      self->was_mapped = TRUE;
      if (!_td_window_library_shown (self))
        td_outline_focus (self->outline);
      else
        td_library_view_focus (self->library_view);
    }
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
close_confirmed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);

  if (!_td_window_confirm_unsaved_finish (self, result))
    return;
  self->close_confirmed = TRUE;
  /* Once the question's dialog is gone: it is transient for this window,
   * and would otherwise outlive it (GObject criticals on quitting). */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

/* As gnome-text-editor does: the size the window had, not a maximized or
 * full-screen one, and the issue it shows, written when it closes. */
static void
save_window_state (TdWindow *self)
{
  int width = 0;
  int height = 0;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 294));
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
  _td_window_remember_file (self);
}

static gboolean
td_window_close_request (GtkWindow *window)
{
  TdWindow *self = TD_WINDOW (window);

  if (!self->close_confirmed && self->document != NULL &&
      td_document_get_modified (self->document))
    {
      _td_window_confirm_unsaved_async (self, close_confirmed_cb, NULL);
      return TRUE;
    }
  /* A clean close: saved, or the changes discarded. */
  if (self->recovery != NULL)
    td_recovery_discard (self->recovery);
  save_window_state (self);
  return GTK_WINDOW_CLASS (td_window_parent_class)->close_request (window);
}

/* -- GObject ------------------------------------------------------------- */

static void
td_window_constructed (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  G_OBJECT_CLASS (td_window_parent_class)->constructed (object);

  self->settings = td_settings_new ();
  if (self->settings == NULL)
    return;
  /* The size is read here and written when the window closes
   * (save_window_state()): GTK doesn't say when the user resizes. */
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* The preview's options are written as they change. */
  g_settings_bind (self->settings, "preview-view", self->preview, "view",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "preview-dark", self->preview, "dark",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "preview-images-off", self->preview, "images-off",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "load-remote-images", self->preview,
                   "load-remote-images", G_SETTINGS_BIND_DEFAULT);
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
  g_clear_handle_id (&self->layout_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WINDOW);
  g_clear_object (&self->recovery);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_weak_ref_set (&self->last_form_focus, NULL);

  G_OBJECT_CLASS (td_window_parent_class)->dispose (object);
}

static void
td_window_finalize (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_free (self->form_scope);
  g_weak_ref_clear (&self->last_form_focus);

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
  widget_class->realize = td_window_realize;
  widget_class->map = td_window_map;
  widget_class->focus = td_window_focus;
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
  g_type_ensure (TD_TYPE_LIBRARY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, primary_menu_button);
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
  gtk_widget_class_bind_template_child (widget_class, TdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, library_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, library_view);
  gtk_widget_class_bind_template_callback (widget_class, outline_selection_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
}

static void
td_window_init (TdWindow *self)
{
  g_autoptr(TdDocument) blank = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->main_stack, "editor");

  _td_window_actions_init (self);
  _td_window_files_init (self);
  _td_window_dnd_init (self);
  _td_window_library_init (self);

  /* The live preview, fed by the document; a click on a section in it
   * selects that section's form. */
  self->preview = TD_PREVIEW (td_preview_new ());
  adw_bin_set_child (self->preview_slot, GTK_WIDGET (self->preview));
  g_signal_connect_object (self->preview, "section-activated",
                           G_CALLBACK (preview_section_activated_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_widget_cb), NULL);
  _td_window_focus_init (self);

  td_button_set_accessible_name (GTK_WIDGET (self->open_button), _("Open"));
  td_button_set_accessible_name (GTK_WIDGET (self->save_button), _("Save"));
  td_button_set_accessible_name (GTK_WIDGET (self->export_button), _("Export"));
  td_menu_button_quiet_tooltip (self->recent_button);
  td_menu_button_quiet_tooltip (self->primary_menu_button);
  self->flap_was_folded = adw_flap_get_folded (self->flap);

  /* Never without an issue. */
  blank = td_document_new ();
  td_window_set_document (self, blank);
}

TdWindow *
td_window_new (GtkApplication *application)
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

AdwBin *
_td_window_get_preview_slot (TdWindow *self)
{
  return self->preview_slot;
}
