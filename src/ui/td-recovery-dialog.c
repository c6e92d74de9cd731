/* td-recovery-dialog.c: offering the changes a crash left unsaved */

#include "config.h"

#include <glib/gi18n.h>

#include "td-recovery-dialog.h"

struct _TdRecoveryDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkLabel *heading_label;
  GtkLabel *body_label;
  GtkGrid *grid;
  GtkLabel *saved_heading;
  GtkButton *discard_button;
  GtkButton *restore_button;

  /* owned */
  char *key;
  GtkApplication *application;
};

G_DEFINE_FINAL_TYPE (TdRecoveryDialog, td_recovery_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
value_label (const char *text,
             gboolean    recovered)
{
  GtkWidget *label = gtk_label_new (text[0] != '\0' ? text : _("(empty)"));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "card");
  gtk_widget_add_css_class (label, "recovery-value");
  if (text[0] == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  if (recovered)
    gtk_widget_add_css_class (label, "recovered");
  return label;
}

static void
fill_grid (TdRecoveryDialog *self,
           JsonNode         *saved,
           JsonNode         *recovered)
{
  g_autoptr(GPtrArray) changes = td_recovery_diff (saved, recovered);
  int row = 1;

  for (guint i = 0; i < changes->len; i++)
    {
      TdRecoveryChange *change = g_ptr_array_index (changes, i);
      GtkWidget *label = gtk_label_new (change->label);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_set_margin_top (label, 6);
      gtk_grid_attach (self->grid, label, 0, row++, 2, 1);
      gtk_grid_attach (self->grid, value_label (change->saved, FALSE), 0, row, 1, 1);
      gtk_grid_attach (self->grid, value_label (change->recovered, TRUE), 1, row++, 1, 1);
    }
}

static void
action_state_changed_cb (TdRecoveryDialog *self,
                         const char       *action_name,
                         GVariant         *state,
                         GActionGroup     *group)
{
  g_autofree const char **keys = NULL;

  if (!g_str_equal (action_name, "restore-recovery"))
    return;
  /* Restored or discarded (from here, or from elsewhere): done. */
  keys = g_variant_get_strv (state, NULL);
  if (!g_strv_contains (keys, self->key))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
td_recovery_dialog_dispose (GObject *object)
{
  TdRecoveryDialog *self = TD_RECOVERY_DIALOG (object);

  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_clear_object (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_RECOVERY_DIALOG);

  G_OBJECT_CLASS (td_recovery_dialog_parent_class)->dispose (object);
}

static void
td_recovery_dialog_finalize (GObject *object)
{
  TdRecoveryDialog *self = TD_RECOVERY_DIALOG (object);

  g_free (self->key);

  G_OBJECT_CLASS (td_recovery_dialog_parent_class)->finalize (object);
}

static void
td_recovery_dialog_class_init (TdRecoveryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_recovery_dialog_dispose;
  object_class->finalize = td_recovery_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-recovery-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdRecoveryDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, TdRecoveryDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, TdRecoveryDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, TdRecoveryDialog, saved_heading);
  gtk_widget_class_bind_template_child (widget_class, TdRecoveryDialog, discard_button);
  gtk_widget_class_bind_template_child (widget_class, TdRecoveryDialog, restore_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_recovery_dialog_init (TdRecoveryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
td_recovery_dialog_new (GtkWindow       *parent,
                        TdRecoveryEntry *entry,
                        JsonNode        *saved,
                        JsonNode        *recovered)
{
  TdRecoveryDialog *self;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *when = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkApplication *application;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (recovered != NULL, NULL);

  application = gtk_window_get_application (parent);
  self = g_object_new (TD_TYPE_RECOVERY_DIALOG,
                       "transient-for", parent,
                       "application", application,
                       NULL);
  self->key = g_strdup (entry->key);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->restore_button),
                                          g_variant_new_string (entry->key));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->discard_button),
                                          g_variant_new_string (entry->key));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->restore_button));

  time = g_date_time_new_from_unix_local (entry->time);
  /* Translators: a date and time, see g_date_time_format() */
  when = time != NULL ? g_date_time_format (time, _("%A %e %B, %H:%M")) : g_strdup ("");
  if (entry->uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (entry->uri);

      name = g_file_get_basename (file);
    }
  else
    name = g_strdup (_("an untitled issue"));

  if (entry->uri != NULL && saved != NULL)
    {
      gtk_label_set_label (self->heading_label, _("Tidings Closed Before Your Changes Were Saved"));
      /* Translators: the first %s is a file name, the second a date and time */
      body = g_strdup_printf (_("Changes to “%s” from %s were kept. Here they are beside the "
                                "saved file. Restore them to go on where you were, or discard "
                                "them to keep the file as it is."), name, when);
    }
  else if (entry->uri != NULL)
    {
      gtk_label_set_label (self->heading_label, _("Tidings Closed Before Your Changes Were Saved"));
      body = g_strdup_printf (_("Changes to “%s” from %s were kept, but the file itself can’t "
                                "be read any more. Restore them and save them again."),
                              name, when);
      gtk_label_set_label (self->saved_heading, _("Saved (not found)"));
    }
  else
    {
      gtk_label_set_label (self->heading_label, _("Tidings Closed Before an Issue Was Saved"));
      body = g_strdup_printf (_("An issue you were writing on %s was never saved. Restore it "
                                "to go on writing, or discard it."), when);
      gtk_label_set_label (self->saved_heading, _("Saved"));
    }
  gtk_label_set_label (self->body_label, body);
  fill_grid (self, saved, recovered);

  if (application != NULL)
    {
      self->application = g_object_ref (application);
      g_signal_connect_object (application, "action-state-changed",
                               G_CALLBACK (action_state_changed_cb), self, G_CONNECT_SWAPPED);
    }
  return GTK_WIDGET (self);
}

const char *
td_recovery_dialog_get_key (TdRecoveryDialog *self)
{
  g_return_val_if_fail (TD_IS_RECOVERY_DIALOG (self), NULL);
  return self->key;
}
