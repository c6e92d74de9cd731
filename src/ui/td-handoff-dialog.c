/* td-handoff-dialog.c: handing the issue to Mailchimp or Buttondown */

#include "config.h"

#include <glib/gi18n.h>

#include "td-handoff-dialog.h"
#include "td-handoff.h"
#include "td-keyring.h"
#include "td-network-status.h"
#include "td-settings.h"

struct _TdHandoffDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwComboRow *service_row;
  AdwPasswordEntryRow *key_row;
  GtkProgressBar *progress_bar;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  AdwPreferencesGroup *draft_group;
  AdwActionRow *draft_row;

  /* owned */
  GSettings *settings;
  GCancellable *cancellable;     /* the hand-off under way, or NULL */
  GCancellable *lookup;          /* the keyring lookup under way, or NULL */
  /* Closed while the network was busy: results come back to no widgets. */
  gboolean disposed;
  char *draft_url;
};

G_DEFINE_FINAL_TYPE (TdHandoffDialog, td_handoff_dialog, TD_TYPE_DOCUMENT_DIALOG)

static TdDocument *
document_of (TdHandoffDialog *self)
{
  return td_document_dialog_get_document (TD_DOCUMENT_DIALOG (self));
}

/* The combo's rows are in TdService's order. */
static TdService
selected_service (TdHandoffDialog *self)
{
  return adw_combo_row_get_selected (self->service_row) == TD_SERVICE_BUTTONDOWN
    ? TD_SERVICE_BUTTONDOWN : TD_SERVICE_MAILCHIMP;
}

static const char *
key_text (TdHandoffDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->key_row));
}

static void
set_busy (TdHandoffDialog *self,
          gboolean         busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handoff.start", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->service_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
}

/* Shows the key the keyring has for the chosen service. */
static void
look_up_key (TdHandoffDialog *self)
{
  td_network_fill_secret (GTK_EDITABLE (self->key_row),
                          td_service_to_string (selected_service (self)), "", &self->lookup);
}

static void
progress_cb (const TdHandoffProgress *progress,
             gpointer                 user_data)
{
  TdHandoffDialog *self = user_data;
  g_autofree char *message = NULL;
  double fraction = progress->n_pictures > 0
    ? (double) (progress->index + 1) / (progress->n_pictures + 1) : 0.;

  if (self->disposed)
    return;
  switch (progress->stage)
    {
    case TD_HANDOFF_UPLOADING:
      /* Translators: "Uploading picture 2 of 12: images/logo.png" */
      message = g_strdup_printf (_("Uploading picture %u of %u: %s"), progress->index + 1,
                                 progress->n_pictures, progress->src);
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      break;
    case TD_HANDOFF_KEPT:
      message = g_strdup_printf (_("Picture %u of %u is already there: %s"),
                                 progress->index + 1, progress->n_pictures, progress->src);
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      break;
    case TD_HANDOFF_WAITING:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The service is busy: waiting %u second…",
                                              "The service is busy: waiting %u seconds…",
                                              progress->wait_seconds),
                                 progress->wait_seconds);
      break;
    case TD_HANDOFF_SAVING:
    default:
      message = g_strdup (_("Saving the draft…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 1.);
    }
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_BUSY, message);
}

static void
handed_off_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TdHandoffDialog) self = user_data;
  g_autoptr(TdHandoffResult) handoff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *service;

  handoff = td_handoff_finish (result, &error);
  g_clear_object (&self->cancellable);
  /* The draft exists: record it even if the dialog was closed meanwhile,
   * or the next hand-off would make a second one. */
  if (handoff != NULL)
    td_handoff_record (document_of (self), handoff);
  if (self->disposed)
    return;
  set_busy (self, FALSE);
  if (handoff == NULL)
    {
      td_network_status_set (self->status_label, self->spinner,
                             g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                             ? TD_NETWORK_IDLE : TD_NETWORK_FAILED,
                             g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                             ? NULL : error->message);
      return;
    }

  service = td_service_get_title (td_handoff_result_get_service (handoff));
  message = td_handoff_result_get_created (handoff)
    /* Translators: %s is "Mailchimp" or "Buttondown" */
    ? g_strdup_printf (_("The draft is in %s. Open it there to check it, choose who gets it "
                         "and send it."), service)
    : g_strdup_printf (_("The draft in %s is updated. Open it there to check it, choose who "
                         "gets it and send it."), service);
  if (td_handoff_result_get_warning (handoff) != NULL)
    {
      g_autofree char *both = g_strconcat (message, "\n\n",
                                           td_handoff_result_get_warning (handoff), NULL);

      td_network_status_set (self->status_label, self->spinner, TD_NETWORK_FAILED, both);
    }
  else
    td_network_status_set (self->status_label, self->spinner, TD_NETWORK_DONE, message);

  g_free (self->draft_url);
  self->draft_url = g_strdup (td_handoff_result_get_url (handoff));
  adw_action_row_set_subtitle (self->draft_row, self->draft_url != NULL ? self->draft_url
                                                : td_handoff_result_get_id (handoff));
  gtk_widget_set_visible (GTK_WIDGET (self->draft_group), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handoff.open-draft",
                                 self->draft_url != NULL);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdHandoffDialog *self = TD_HANDOFF_DIALOG (widget);
  TdService service = selected_service (self);
  g_autofree char *label = NULL;
  TdHandoffOptions options = { service, key_text (self) };

  if (self->cancellable != NULL)
    return;
  if (key_text (self)[0] == '\0')
    {
      g_autofree char *message = g_strdup_printf (_("Give your %s API key"),
                                                  td_service_get_title (service));

      td_network_status_set (self->status_label, self->spinner, TD_NETWORK_FAILED, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  /* Translators: %s is "Mailchimp" or "Buttondown" */
  label = g_strdup_printf (_("Tidings: %s API key"), td_service_get_title (service));
  td_network_store_secret (self->toast_overlay, td_service_to_string (service), "", label,
                           key_text (self));

  gtk_widget_set_visible (GTK_WIDGET (self->draft_group), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_BUSY, _("Starting…"));
  td_handoff_async (td_document_get_root (document_of (self)),
                    td_document_get_base_dir (document_of (self)), &options, progress_cb, self,
                    self->cancellable, handed_off_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdHandoffDialog *self = TD_HANDOFF_DIALOG (widget);

  /* First press stops the hand-off; the next closes. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
open_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TdHandoffDialog *self = TD_HANDOFF_DIALOG (widget);

  if (self->draft_url != NULL)
    gtk_show_uri (GTK_WINDOW (self), self->draft_url, GDK_CURRENT_TIME);
}

static void
service_changed_cb (TdHandoffDialog *self)
{
  if (self->settings != NULL)
    g_settings_set_enum (self->settings, "handoff-service", (int) selected_service (self));
  gtk_widget_set_visible (GTK_WIDGET (self->draft_group), FALSE);
  /* Another service, another key. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  look_up_key (self);
}

static void
td_handoff_dialog_constructed (GObject *object)
{
  TdHandoffDialog *self = TD_HANDOFF_DIALOG (object);

  G_OBJECT_CLASS (td_handoff_dialog_parent_class)->constructed (object);

  self->settings = td_settings_new ();
  if (self->settings != NULL)
    adw_combo_row_set_selected (self->service_row,
                                (guint) g_settings_get_enum (self->settings, "handoff-service"));
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_IDLE, NULL);
  look_up_key (self);
  g_signal_connect_object (self->service_row, "notify::selected",
                           G_CALLBACK (service_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
td_handoff_dialog_dispose (GObject *object)
{
  TdHandoffDialog *self = TD_HANDOFF_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_HANDOFF_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->draft_url, g_free);

  G_OBJECT_CLASS (td_handoff_dialog_parent_class)->dispose (object);
}

static void
td_handoff_dialog_class_init (TdHandoffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_handoff_dialog_constructed;
  object_class->dispose = td_handoff_dialog_dispose;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-handoff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdHandoffDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdHandoffDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, TdHandoffDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, TdHandoffDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TdHandoffDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdHandoffDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, TdHandoffDialog, draft_group);
  gtk_widget_class_bind_template_child (widget_class, TdHandoffDialog, draft_row);

  gtk_widget_class_install_action (widget_class, "handoff.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "handoff.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "handoff.open-draft", NULL, open_draft_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "handoff.cancel", NULL);
}

static void
td_handoff_dialog_init (TdHandoffDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
td_handoff_dialog_new (TdDocument *document)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  return g_object_new (TD_TYPE_HANDOFF_DIALOG, "document", document, NULL);
}
