/* td-window-actions.c: the window's editing actions -- undo, sections,
 * selection, export, print and the panes (the file actions are in
 * td-window-files.c) */

#include "config.h"

#include <glib/gi18n.h>

#include "td-export-dialog.h"
#include "td-handoff-dialog.h"
#include "td-send-test-dialog.h"
#include "td-form.h"
#include "td-issue.h"
#include "td-json-path.h"
#include "td-registry.h"
#include "td-ui-util.h"
#include "td-window-private.h"

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

/* -- Sections ------------------------------------------------------------ */

static JsonNode *
root_of (TdWindow *self)
{
  return td_document_get_root (self->document);
}

static int
selected_index (TdWindow *self)
{
  return td_issue_find_section (root_of (self), td_outline_get_section_id (self->outline));
}

/* Where a new section goes: after the selected one, else before the
 * footer. */
static guint
insertion_index (TdWindow *self)
{
  int selected = selected_index (self);
  guint n = td_issue_get_n_sections (root_of (self));
  JsonObject *last;

  if (selected >= 0)
    {
      JsonObject *section = td_issue_get_section (root_of (self), (guint) selected);

      /* Nothing goes after the footer by default. */
      if ((guint) selected + 1 < n ||
          !g_str_equal (td_json_get_string (section, "type"), "footer"))
        return (guint) selected + 1;
      return (guint) selected;
    }
  last = n > 0 ? td_issue_get_section (root_of (self), n - 1) : NULL;
  if (last != NULL && g_str_equal (td_json_get_string (last, "type"), "footer"))
    return n - 1;
  return n;
}

static void
select_section (TdWindow   *self,
                const char *id)
{
  g_autofree char *scope = td_scope_for_section (id);

  td_window_select (self, scope);
}

static void
add_section_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TdWindow *self = user_data;
  const TdSectionType *type = td_registry_lookup_section_type (g_variant_get_string (parameter, NULL));
  g_autoptr(JsonNode) section = NULL;
  g_autofree char *id = NULL;

  if (type == NULL)
    return;
  section = td_issue_new_section (root_of (self), type);
  id = g_strdup (td_json_get_string (json_node_get_object (section), "id"));
  td_document_seal_undo (self->document);
  if (!td_document_insert (self->document, "sections", insertion_index (self), section))
    return;
  select_section (self, id);
  /* Straight to its title, to name it. */
  _td_window_show_form (self, TRUE);
  if (type->title_key != NULL && self->form != NULL && TD_IS_FORM (self->form))
    td_form_focus_field (TD_FORM (self->form), type->title_key);
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
  int index = selected_index (self);
  JsonObject *section;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *id = NULL;

  if (index < 0)
    return;
  section = td_issue_get_section (root_of (self), (guint) index);
  copy = td_json_node_deep_copy (json_array_get_element (td_issue_get_sections (root_of (self)),
                                                         (guint) index));
  id = td_issue_new_section_id (root_of (self), td_json_get_string (section, "type"));
  json_object_set_string_member (json_node_get_object (copy), "id", id);
  td_document_seal_undo (self->document);
  if (td_document_insert (self->document, "sections", (guint) index + 1, copy))
    select_section (self, id);
}

/* libadwaita 1.2 crashes when a toast is dismissed while its showing
 * animation runs (the animation's "done" handler unrefs what the dismissal
 * freed): a toast is dismissed no sooner than this after it was added. */
#define TOAST_SHOW_MS 500

static void
delete_toast_button_cb (AdwToast *toast,
                        TdWindow *self)
{
  const char *scope = g_object_get_data (G_OBJECT (toast), "td-scope");
  g_autofree char *restored = g_strdup (scope);

  if (td_document_undo (self->document) && restored != NULL)
    td_window_select (self, restored);
}

static void
mark_dismissed_cb (AdwToast *toast)
{
  g_object_set_data (G_OBJECT (toast), "td-dismissed", GINT_TO_POINTER (TRUE));
}

static void
delete_toast_dismissed_cb (AdwToast *toast,
                           TdWindow *self)
{
  if (self->delete_toast == toast)
    self->delete_toast = NULL;
}

static gboolean
dismiss_later_cb (gpointer data)
{
  AdwToast *toast = data;

  if (g_object_get_data (G_OBJECT (toast), "td-dismissed") == NULL)
    adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

void
_td_window_dismiss_delete_toast (TdWindow *self)
{
  AdwToast *toast = g_steal_pointer (&self->delete_toast);
  gint64 shown;
  gint64 wait_ms;

  if (toast == NULL)
    return;
  /* Its Undo would now undo something else. */
  g_signal_handlers_disconnect_by_data (toast, self);
  shown = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "td-shown-ms"));
  wait_ms = TOAST_SHOW_MS - (g_get_monotonic_time () / 1000 - shown);
  if (wait_ms <= 0)
    {
      adw_toast_dismiss (toast);
      return;
    }
  g_signal_connect (toast, "dismissed", G_CALLBACK (mark_dismissed_cb), NULL);
  g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) wait_ms, dismiss_later_cb,
                      g_object_ref (toast), g_object_unref);
}

static void
section_delete_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TdWindow *self = user_data;
  int index = selected_index (self);
  g_autofree char *title = NULL;
  g_autofree char *scope = NULL;
  AdwToast *toast;

  if (index < 0)
    return;
  title = td_section_dup_title (td_issue_get_section (root_of (self), (guint) index));
  scope = g_strdup (td_outline_get_selection (self->outline));

  _td_window_dismiss_delete_toast (self);
  td_document_seal_undo (self->document);
  self->deleting = TRUE;
  td_document_remove (self->document, "sections", (guint) index);
  self->deleting = FALSE;

  /* Translators: %s is the title of a section of the newsletter */
  toast = adw_toast_new_format (_("“%s” deleted"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "td-scope", g_steal_pointer (&scope), g_free);
  g_object_set_data (G_OBJECT (toast), "td-shown-ms",
                     GSIZE_TO_POINTER ((gsize) (g_get_monotonic_time () / 1000)));
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (delete_toast_button_cb), self, 0);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (delete_toast_dismissed_cb), self, 0);
  self->delete_toast = toast;
  td_window_add_toast (self, toast);
}

static void
move_section (TdWindow *self,
              int       delta)
{
  int index = selected_index (self);
  int to = index + delta;

  if (index < 0 || to < 0 || (guint) to >= td_issue_get_n_sections (root_of (self)))
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

/* -- Selection ----------------------------------------------------------- */

static void
select_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  td_window_select (user_data, g_variant_get_string (parameter, NULL));
}

/* What dialogs use to send her to a field: a JSON path. */
static void
show_path_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  td_window_show_path (user_data, g_variant_get_string (parameter, NULL));
}

/* -- Export and print ---------------------------------------------------- */

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TdWindow *self = user_data;
  GtkWidget *dialog = td_export_dialog_new (self->document);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  td_buttons_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A dialog built on the issue, over the window. */
static void
present_dialog (TdWindow  *self,
                GtkWidget *dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
send_test_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TdWindow *self = user_data;

  present_dialog (self, td_send_test_dialog_new (self->document));
}

static void
handoff_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TdWindow *self = user_data;

  present_dialog (self, td_handoff_dialog_new (self->document));
}

static void
print_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TdWindow *self = user_data;

  td_preview_print (self->preview);
}

/* -- The panes ------------------------------------------------------------ */

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

static const GActionEntry edit_actions[] = {
  { "undo", undo_action, NULL, NULL, NULL, { 0 } },
  { "redo", redo_action, NULL, NULL, NULL, { 0 } },
  { "add-section", add_section_action, "s", NULL, NULL, { 0 } },
  { "add-section-menu", add_section_menu_action, NULL, NULL, NULL, { 0 } },
  { "section-duplicate", section_duplicate_action, NULL, NULL, NULL, { 0 } },
  { "section-delete", section_delete_action, NULL, NULL, NULL, { 0 } },
  { "section-move-up", section_move_up_action, NULL, NULL, NULL, { 0 } },
  { "section-move-down", section_move_down_action, NULL, NULL, NULL, { 0 } },
  { "select", select_action, "s", "'issue'", NULL, { 0 } },
  { "show-path", show_path_action, "s", NULL, NULL, { 0 } },
  { "export", export_action, NULL, NULL, NULL, { 0 } },
  { "send-test", send_test_action, NULL, NULL, NULL, { 0 } },
  { "handoff", handoff_action, NULL, NULL, NULL, { 0 } },
  { "print", print_action, NULL, NULL, NULL, { 0 } },
  { "toggle-sidebar", toggle_sidebar_action, NULL, NULL, NULL, { 0 } },
  { "toggle-preview", toggle_preview_action, NULL, NULL, NULL, { 0 } },
};

void
_td_window_actions_init (TdWindow *self)
{
  /* In the window's action map (not the widget class), so that they are
   * exported on the session bus with the window (org.gtk.Actions) -- the
   * crash-recovery test drives the real program through them -- and can
   * be lent to the window's dialogs. */
  g_action_map_add_action_entries (G_ACTION_MAP (self), edit_actions,
                                   G_N_ELEMENTS (edit_actions), self);
}
