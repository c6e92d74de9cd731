/* test-publish-dialogs.c: the Send a Test and Hand Off dialogs in a window
 *
 * Under Xvfb, on a private session bus with its own unlocked GNOME Keyring
 * (publish/with-keyring.sh). The send goes to the local aiosmtpd of
 * publish/, whose certificate the system doesn't trust: the dialog must
 * report that without freezing, and keep the password in the keyring.
 * The hand-off is only checked up to its first request (no network).
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "td-document.h"
#include "td-handoff-dialog.h"
#include "td-keyring.h"
#include "td-send-test-dialog.h"
#include "td-smtp.h"
#include "td-test-servers.h"

static GtkWidget *
find_child (GtkWidget  *widget,
            GType       type,
            const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (title == NULL
              || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)),
                            title) == 0))
        return child;
      found = find_child (child, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
set_row (GtkWidget  *dialog,
         const char *title,
         const char *text)
{
  GtkWidget *row = find_child (dialog, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The status line once it shows an error; the main loop runs meanwhile,
 * which is the point: the window never waits on the network. */
static const char *
wait_for_error (GtkWidget *dialog)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (dialog), "td-test-status");
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_nonnull (status);
  while (g_get_monotonic_time () < end)
    {
      if (gtk_widget_has_css_class (status, "error"))
        return gtk_label_get_text (GTK_LABEL (status));
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
    }
  g_assert_not_reached ();
}

/* The label whose text the dialog sets: the selectable one. */
static void
mark_status_label (GtkWidget *widget,
                   GtkWidget *dialog)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_selectable (GTK_LABEL (child)))
        g_object_set_data (G_OBJECT (dialog), "td-test-status", child);
      mark_status_label (child, dialog);
    }
}

/* Saves the dialog as build/tests/NAME, to look at (an artifact). */
static void
save_screenshot (GtkWidget  *dialog,
                 const char *name)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *out = g_test_build_filename (G_TEST_BUILT, name, NULL);
  gint64 end = g_get_monotonic_time () + 500 * 1000;
  int width;
  int height;

  /* Mapped, then a few frames, so that what changed is laid out and
   * drawn. */
  while (g_get_monotonic_time () < end || !gtk_widget_get_mapped (dialog))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);
  width = gtk_widget_get_width (dialog);
  height = gtk_widget_get_height (dialog);
  g_assert_cmpint (width, >, 300);
  GTK_WIDGET_GET_CLASS (dialog)->snapshot (dialog, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (dialog)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, out));
  g_test_message ("screenshot saved to %s", out);
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **secret = user_data;
  g_autoptr(GError) error = NULL;

  *secret = td_keyring_lookup_finish (result, &error);
  g_assert_no_error (error);
  if (*secret == NULL)
    *secret = g_strdup ("");
}

static void
test_send_test_dialog (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tidings-test-dialogs-XXXXXX", NULL);
  g_autofree char *spool = g_build_filename (dir, "spool", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *base_dir = NULL;
  g_autofree char *url = NULL;
  g_autofree char *account = NULL;
  char *secret = NULL;
  const char *args[] = { "--spool", spool, "--cert", cert, "--key", key, "--user", "rachel",
                         "--password", "s3cret", NULL };
  g_autoptr(TdTestServer) server = NULL;
  g_autoptr(TdDocument) document = NULL;
  GtkWidget *dialog;
  GtkWidget *spin;
  const char *message;

  td_test_make_certificate (dir);
  g_mkdir (spool, 0700);
  server = td_test_server_start ("smtp-server.py", dir, args);
  document = td_document_new_from_root (td_test_copy_sample (dir, &base_dir));
  td_document_set_base_dir (document, base_dir);

  dialog = td_send_test_dialog_new (document);
  gtk_window_present (GTK_WINDOW (dialog));
  mark_status_label (dialog, dialog);
  set_row (dialog, "Send To", "rachel@example.com");
  set_row (dialog, "Server", "127.0.0.1");
  set_row (dialog, "User Name", "rachel");
  set_row (dialog, "Password", "s3cret");
  spin = find_child (dialog, GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), server->port);

  g_assert_true (gtk_widget_activate_action (dialog, "send-test.send", NULL));
  message = wait_for_error (dialog);
  g_assert_nonnull (strstr (message, "secure connection"));
  save_screenshot (dialog, "send-test-dialog.png");
  {
    g_autoptr(GDir) received = g_dir_open (spool, 0, NULL);

    g_assert_null (g_dir_read_name (received));
  }

  /* The password went to the keyring, under that server and user. */
  url = td_smtp_url_for ("127.0.0.1", server->port);
  account = td_keyring_smtp_account ("rachel", url);
  td_keyring_lookup_async (TD_SECRET_SMTP, account, NULL, looked_up_cb, &secret);
  while (secret == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (secret, ==, "s3cret");
  g_free (secret);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_handoff_dialog (void)
{
  g_autoptr(TdDocument) document = td_document_new ();
  GtkWidget *dialog = td_handoff_dialog_new (document);
  const char *message;

  gtk_window_present (GTK_WINDOW (dialog));
  mark_status_label (dialog, dialog);

  /* A Mailchimp key without its data centre is refused before any request. */
  set_row (dialog, "API Key", "nodatacentre");
  g_assert_true (gtk_widget_activate_action (dialog, "handoff.start", NULL));
  message = wait_for_error (dialog);
  g_assert_nonnull (strstr (message, "data centre"));
  save_screenshot (dialog, "handoff-dialog.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/publish/send-test-dialog", test_send_test_dialog);
  g_test_add_func ("/ui/publish/handoff-dialog", test_handoff_dialog);
  return g_test_run ();
}
