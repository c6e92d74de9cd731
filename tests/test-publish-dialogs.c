/* test-publish-dialogs.c: the Send a Test, Hand Off and Publish Archive
 * dialogs in a window
 *
 * Under Xvfb, on a private session bus with its own unlocked GNOME Keyring
 * (publish/with-keyring.sh). The send goes to the local aiosmtpd of
 * publish/, whose certificate the system doesn't trust: the dialog must
 * report that without freezing, and keep the password in the keyring.
 * The hand-off is only checked up to its first request (no network). The
 * archive is published to a local Apache with mod_dav
 * (td-test-site-servers.c).
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "td-document.h"
#include "td-folder-request.h"
#include "td-handoff-dialog.h"
#include "td-keyring.h"
#include "td-publish-dialog.h"
#include "td-send-test-dialog.h"
#include "td-smtp.h"
#include "td-test-servers.h"
#include "td-test-site-servers.h"
#include "td-test-util.h"

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

/* The status line once it has @css_class ("error", "success"); the main
 * loop runs meanwhile, which is the point: the window never waits on the
 * network. */
static const char *
wait_for_status (GtkWidget  *dialog,
                 const char *css_class)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (dialog), "td-test-status");
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_nonnull (status);
  while (g_get_monotonic_time () < end)
    {
      if (gtk_widget_has_css_class (status, css_class))
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
  g_assert_cmpint (width, >=, 300);
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

/* The keyring holds @expected for @user at @url. */
static void
assert_kept (const char *kind,
             const char *user,
             const char *url,
             const char *expected)
{
  g_autofree char *account = td_keyring_smtp_account (user, url);
  char *secret = NULL;

  td_keyring_lookup_async (kind, account, NULL, looked_up_cb, &secret);
  while (secret == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (secret, ==, expected);
  g_free (secret);
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
  message = wait_for_status (dialog, "error");
  g_assert_nonnull (strstr (message, "secure connection"));
  save_screenshot (dialog, "send-test-dialog.png");
  {
    g_autoptr(GDir) received = g_dir_open (spool, 0, NULL);

    g_assert_null (g_dir_read_name (received));
  }

  /* The password went to the keyring, under that server and user. */
  url = td_smtp_url_for ("127.0.0.1", server->port);
  assert_kept (TD_SECRET_SMTP, "rachel", url, "s3cret");

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
  message = wait_for_status (dialog, "error");
  g_assert_nonnull (strstr (message, "data centre"));
  save_screenshot (dialog, "handoff-dialog.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
archive_published_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  char **address = user_data;

  g_free (*address);
  *address = g_variant_dup_string (parameter, NULL);
}

/* A library of one issue: the sample in its own folder. */
static char *
make_library (const char *dir)
{
  g_autofree char *sample = td_test_sample_dir ();
  g_autofree char *from = g_build_filename (sample, "august-2023.tidings", NULL);
  g_autofree char *base_dir = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = td_test_copy_sample (dir, &base_dir);
  gsize length;

  to = g_build_filename (base_dir, "august.tidings", NULL);
  g_assert_true (g_file_get_contents (from, &text, &length, NULL));
  g_assert_true (g_file_set_contents (to, text, (gssize) length, NULL));
  return g_steal_pointer (&base_dir);
}

static void
test_publish_dialog (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tidings-test-dialogs-XXXXXX", NULL);
  g_autofree char *library = make_library (dir);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *published = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GFile) library_dir = g_file_new_for_path (library);
  g_autoptr(GFile) site_dir = g_file_new_for_path (site);
  g_autoptr(TdTestSiteServer) server = td_test_apache_start (dir);
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("archive-published",
                                                         G_VARIANT_TYPE_STRING);
  GtkWidget *dialog;
  const char *message;

  if (server == NULL)
    return;
  /* The window's side: told the archive's address when it is published. */
  g_signal_connect (action, "activate", G_CALLBACK (archive_published_cb), &address);
  g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (action));

  dialog = td_publish_dialog_new (library_dir, site_dir);
  gtk_widget_insert_action_group (dialog, "win", G_ACTION_GROUP (win));
  gtk_window_present (GTK_WINDOW (dialog));
  mark_status_label (dialog, dialog);

  /* Not an address it can publish to: said at once. */
  set_row (dialog, "Address (sftp://host/folder or davs://host/folder)", "ftp://example.com/");
  g_assert_true (gtk_widget_activate_action (dialog, "publish.start", NULL));
  message = wait_for_status (dialog, "error");
  g_assert_nonnull (strstr (message, "sftp://"));

  set_row (dialog, "Web Address (https://example.com/newsletter/)", "https://example.com/news");
  set_row (dialog, "Address (sftp://host/folder or davs://host/folder)", server->url);
  set_row (dialog, "User Name", server->user);
  set_row (dialog, "Password", server->password);
  g_assert_true (gtk_widget_activate_action (dialog, "publish.start", NULL));
  message = wait_for_status (dialog, "success");
  g_test_message ("%s", message);
  /* 12 pictures and the issue's page, the index, the feed, the sitemap. */
  g_assert_nonnull (strstr (message, "16 files uploaded"));
  save_screenshot (dialog, "publish-dialog.png");
  published = g_build_filename (server->root, "2023-08", "index.html", NULL);
  feed = g_build_filename (server->root, "feed.atom", NULL);
  g_assert_true (g_file_test (published, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (feed, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (address, ==, "https://example.com/news/");

  /* The password went to the keyring, under that host and user. */
  assert_kept (TD_SECRET_SITE, server->user, server->url, server->password);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&server, td_test_site_server_stop);
  td_test_remove_tree (dir);
}

static void
requested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GFile) file = td_folder_request_finish (result, error);

  g_assert_null (file);
}

/* The question for an issue whose pictures are out of reach: it names the
 * issue and how many pictures, offers the folder chooser, and "Not Now"
 * leaves the issue as it is. */
static void
test_folder_request (void)
{
  g_autoptr(GFile) issue = g_file_new_for_path ("/run/user/1000/doc/1a2b3c4d/august.tidings");
  g_autoptr(GtkWidget) parent = g_object_ref_sink (gtk_window_new ());
  GError *error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *question = NULL;
  g_autofree char *body = NULL;

  gtk_window_set_default_size (GTK_WINDOW (parent), 1000, 700);
  gtk_window_present (GTK_WINDOW (parent));
  td_folder_request_async (GTK_WINDOW (parent), issue, 12, NULL, requested_cb, &error);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        question = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (question);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (parent));
  g_assert_true (adw_message_dialog_has_response (question, "choose"));
  g_object_get (question, "body", &body, NULL);
  g_assert_nonnull (strstr (body, "“august.tidings”"));
  g_assert_nonnull (strstr (body, "12 pictures"));
  save_screenshot (GTK_WIDGET (question), "folder-request.png");

  adw_message_dialog_response (question, "cancel");
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (parent));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/publish/send-test-dialog", test_send_test_dialog);
  g_test_add_func ("/ui/publish/handoff-dialog", test_handoff_dialog);
  g_test_add_func ("/ui/publish/publish-dialog", test_publish_dialog);
  g_test_add_func ("/ui/publish/folder-request", test_folder_request);
  return g_test_run ();
}
