/* td-network-status.c: what the send-test and hand-off dialogs share */

#include "config.h"

#include <glib/gi18n.h>

#include "td-keyring.h"
#include "td-network-status.h"

void
td_network_status_set (GtkLabel       *label,
                       GtkSpinner     *spinner,
                       TdNetworkState  state,
                       const char     *message)
{
  GtkWidget *widget = GTK_WIDGET (label);

  gtk_spinner_set_spinning (spinner, state == TD_NETWORK_BUSY);
  gtk_widget_set_visible (GTK_WIDGET (spinner), state == TD_NETWORK_BUSY);
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (widget, message != NULL && message[0] != '\0');
  if (state == TD_NETWORK_FAILED)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  if (state == TD_NETWORK_DONE)
    gtk_widget_add_css_class (widget, "success");
  else
    gtk_widget_remove_css_class (widget, "success");
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_keyring_store_finish (result, &error))
    adw_toast_overlay_add_toast (overlay, adw_toast_new (error->message));
}

void
td_network_store_secret (AdwToastOverlay *overlay,
                         const char      *kind,
                         const char      *account,
                         const char      *label,
                         const char      *secret)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  if (secret == NULL || secret[0] == '\0')
    return;
  td_keyring_store_async (kind, account, label, secret, NULL, stored_cb,
                          g_object_ref (overlay));
}

static void
secret_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkEditable) editable = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = td_keyring_lookup_finish (result, &error);

  /* Typed meanwhile: hers wins. A cancelled lookup's owner is gone, or
   * asked for another account. */
  if (secret != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && gtk_editable_get_text (editable)[0] == '\0')
    gtk_editable_set_text (editable, secret);
  td_keyring_free (secret);
}

void
td_network_fill_secret (GtkEditable   *editable,
                        const char    *kind,
                        const char    *account,
                        GCancellable **lookup)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (lookup != NULL);

  g_cancellable_cancel (*lookup);
  g_clear_object (lookup);
  *lookup = g_cancellable_new ();
  td_keyring_lookup_async (kind, account, *lookup, secret_found_cb, g_object_ref (editable));
}
