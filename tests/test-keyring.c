/* test-keyring.c: the passwords and API keys in a real GNOME Keyring
 *
 * Run by meson under dbus-run-session and publish/with-keyring.sh, which
 * start a keyring of their own, unlocked, in a private home.
 */

#include "config.h"

#include "td-keyring.h"
#include "td-publish-error.h"

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static gboolean
store (const char *kind,
       const char *account,
       const char *secret)
{
  Wait wait = { NULL };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  td_keyring_store_async (kind, account, "Tidings test", secret, NULL, done_cb, &wait);
  ok = td_keyring_store_finish (wait_for (&wait), &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return ok;
}

static char *
lookup (const char *kind,
        const char *account)
{
  Wait wait = { NULL };
  g_autoptr(GError) error = NULL;
  char *secret;

  td_keyring_lookup_async (kind, account, NULL, done_cb, &wait);
  secret = td_keyring_lookup_finish (wait_for (&wait), &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return secret;
}

static void
test_store_and_read_back (void)
{
  g_autofree char *account = td_keyring_smtp_account ("rachel", "smtps://mail.example.com:465");
  char *secret;

  g_assert_cmpstr (account, ==, "rachel smtps://mail.example.com:465");
  g_assert_null (lookup (TD_SECRET_SMTP, account));

  g_assert_true (store (TD_SECRET_SMTP, account, "s3cret ü"));
  g_assert_true (store (TD_SECRET_MAILCHIMP, "", "key-us6"));
  secret = lookup (TD_SECRET_SMTP, account);
  g_assert_cmpstr (secret, ==, "s3cret ü");
  td_keyring_free (secret);
  secret = lookup (TD_SECRET_MAILCHIMP, "");
  g_assert_cmpstr (secret, ==, "key-us6");
  td_keyring_free (secret);
  /* Kinds and accounts keep secrets apart. */
  g_assert_null (lookup (TD_SECRET_BUTTONDOWN, ""));
  g_assert_null (lookup (TD_SECRET_SMTP, "rachel smtp://mail.example.com:587"));

  /* Storing again replaces. */
  g_assert_true (store (TD_SECRET_MAILCHIMP, "", "new-us6"));
  secret = lookup (TD_SECRET_MAILCHIMP, "");
  g_assert_cmpstr (secret, ==, "new-us6");
  td_keyring_free (secret);
}

static void
test_clear (void)
{
  Wait wait = { NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (store (TD_SECRET_BUTTONDOWN, "", "token"));
  td_keyring_clear_async (TD_SECRET_BUTTONDOWN, "", NULL, done_cb, &wait);
  g_assert_true (td_keyring_clear_finish (wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_null (lookup (TD_SECRET_BUTTONDOWN, ""));

  /* Nothing to forget is not an error. */
  td_keyring_clear_async (TD_SECRET_BUTTONDOWN, "", NULL, done_cb, &wait);
  g_assert_true (td_keyring_clear_finish (wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/publish/keyring/store-and-read-back", test_store_and_read_back);
  g_test_add_func ("/publish/keyring/clear", test_clear);
  return g_test_run ();
}
