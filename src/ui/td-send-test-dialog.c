/* td-send-test-dialog.c: sending the issue to her own inbox first */

#include "config.h"

#include <glib/gi18n.h>

#include "td-keyring.h"
#include "td-network-status.h"
#include "td-send-test-dialog.h"
#include "td-send-test.h"
#include "td-settings.h"

struct _TdSendTestDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwEntryRow *to_row;
  AdwEntryRow *host_row;
  GtkSpinButton *port_spin;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  GtkSpinner *spinner;
  GtkLabel *status_label;

  /* owned */
  GSettings *settings;
  GCancellable *cancellable;     /* the send under way, or NULL */
  GCancellable *lookup;          /* the keyring lookup under way, or NULL */
  /* Closed while the network was busy: results come back to no widgets. */
  gboolean disposed;
};

G_DEFINE_FINAL_TYPE (TdSendTestDialog, td_send_test_dialog, TD_TYPE_DOCUMENT_DIALOG)

static TdDocument *
document_of (TdSendTestDialog *self)
{
  return td_document_dialog_get_document (TD_DOCUMENT_DIALOG (self));
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* "smtps://host:465", or NULL when no server is given. */
static char *
dup_url (TdSendTestDialog *self)
{
  g_autofree char *host = g_strstrip (g_strdup (row_text (self->host_row)));

  if (host[0] == '\0')
    return NULL;
  return td_smtp_url_for (host, (guint) gtk_spin_button_get_value_as_int (self->port_spin));
}

static char *
dup_account (TdSendTestDialog *self)
{
  g_autofree char *url = dup_url (self);

  return td_keyring_smtp_account (row_text (self->user_row), url);
}

static void
set_busy (TdSendTestDialog *self,
          gboolean          busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "send-test.send", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->host_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->port_spin), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
}

/* Fills in the password the keyring has for the server and user shown. */
static void
look_up_password (TdSendTestDialog *self)
{
  g_autofree char *account = NULL;

  if (row_text (self->host_row)[0] == '\0')
    {
      g_cancellable_cancel (self->lookup);
      return;
    }
  account = dup_account (self);
  td_network_fill_secret (GTK_EDITABLE (self->password_row), TD_SECRET_SMTP, account,
                          &self->lookup);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdSendTestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean sent = td_send_test_finish (result, &error);

  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  if (!sent)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        td_network_status_set (self->status_label, self->spinner, TD_NETWORK_FAILED,
                               error->message);
      else
        td_network_status_set (self->status_label, self->spinner, TD_NETWORK_IDLE, NULL);
    }
  else
    {
      /* Translators: %s is an email address */
      message = g_strdup_printf (_("Sent to %s. Look at it in your inbox, on your phone "
                                   "too, before you hand the issue to your readers."),
                                 row_text (self->to_row));
      td_network_status_set (self->status_label, self->spinner, TD_NETWORK_DONE, message);
    }
  set_busy (self, FALSE);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdSendTestDialog *self = TD_SEND_TEST_DIALOG (widget);
  g_autofree char *url = dup_url (self);
  g_autofree char *account = NULL;
  g_autoptr(GError) error = NULL;
  const char *password = row_text (ADW_ENTRY_ROW (self->password_row));
  const char *user = row_text (self->user_row);
  TdSendTestOptions options = { { url, user, password, NULL, 0 }, row_text (self->to_row),
                                g_get_real_time () / G_USEC_PER_SEC };

  if (self->cancellable != NULL)
    return;
  if (url == NULL || !td_smtp_check_url (url, NULL, &error))
    {
      td_network_status_set (self->status_label, self->spinner, TD_NETWORK_FAILED,
                             error != NULL ? error->message
                                           : _("Give the name of your mail server"));
      gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
      return;
    }

  account = dup_account (self);
  td_network_store_secret (self->toast_overlay, TD_SECRET_SMTP, account,
                           _("Tidings: mail server password"), password);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_BUSY, _("Sending…"));
  td_send_test_async (td_document_get_root (document_of (self)),
                      td_document_get_base_dir (document_of (self)), &options, self->cancellable,
                      sent_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdSendTestDialog *self = TD_SEND_TEST_DIALOG (widget);

  /* First press stops the send; the next closes. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
server_changed_cb (TdSendTestDialog *self)
{
  look_up_password (self);
}

static void
bind_settings (TdSendTestDialog *self)
{
  self->settings = td_settings_new ();
  if (self->settings == NULL)
    return;
  g_settings_bind (self->settings, "smtp-host", self->host_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "smtp-port", self->port_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "smtp-user", self->user_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "test-address", self->to_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
td_send_test_dialog_constructed (GObject *object)
{
  TdSendTestDialog *self = TD_SEND_TEST_DIALOG (object);

  G_OBJECT_CLASS (td_send_test_dialog_parent_class)->constructed (object);

  bind_settings (self);
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_IDLE, NULL);
  look_up_password (self);
  g_signal_connect_object (self->host_row, "changed", G_CALLBACK (server_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->user_row, "changed", G_CALLBACK (server_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->port_spin, "value-changed", G_CALLBACK (server_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
td_send_test_dialog_dispose (GObject *object)
{
  TdSendTestDialog *self = TD_SEND_TEST_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_SEND_TEST_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (td_send_test_dialog_parent_class)->dispose (object);
}

static void
td_send_test_dialog_class_init (TdSendTestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_send_test_dialog_constructed;
  object_class->dispose = td_send_test_dialog_dispose;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-send-test-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSendTestDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdSendTestDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, TdSendTestDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, TdSendTestDialog, port_spin);
  gtk_widget_class_bind_template_child (widget_class, TdSendTestDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, TdSendTestDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TdSendTestDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdSendTestDialog, status_label);

  gtk_widget_class_install_action (widget_class, "send-test.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "send-test.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "send-test.cancel", NULL);
}

static void
td_send_test_dialog_init (TdSendTestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
td_send_test_dialog_new (TdDocument *document)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  return g_object_new (TD_TYPE_SEND_TEST_DIALOG, "document", document, NULL);
}
