/* td-keyring.c: the passwords and API keys, in the user's keyring */

#include "config.h"

#include <libsecret/secret.h>
#include <glib/gi18n.h>

#include "td-keyring.h"
#include "td-publish-error.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".Secret", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

char *
td_keyring_smtp_account (const char *user,
                         const char *url)
{
  return g_strdup_printf ("%s %s", user != NULL ? user : "", url != NULL ? url : "");
}

/* The keyring's own errors say "org.freedesktop.Secret…": tell what it
 * means for her instead, keeping the detail. */
static gboolean
keyring_error (GError  *error,
               GError **out)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (out, error);
  else
    {
      g_set_error (out, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_KEYRING,
                   _("The keyring could not be used (%s): unlock it, or check that a "
                     "keyring such as GNOME Keyring is installed"), error->message);
      g_error_free (error);
    }
  return FALSE;
}

void
td_keyring_store_async (const char          *kind,
                        const char          *account,
                        const char          *label,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (kind != NULL && account != NULL && secret != NULL);

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, callback, user_data,
                         "kind", kind, "account", account, NULL);
}

gboolean
td_keyring_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  GError *local_error = NULL;

  if (!secret_password_store_finish (result, &local_error))
    return keyring_error (local_error, error);
  return TRUE;
}

void
td_keyring_lookup_async (const char          *kind,
                         const char          *account,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (kind != NULL && account != NULL);

  secret_password_lookup (get_schema (), cancellable, callback, user_data,
                          "kind", kind, "account", account, NULL);
}

char *
td_keyring_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  GError *local_error = NULL;
  char *secret = secret_password_lookup_finish (result, &local_error);

  if (local_error != NULL)
    {
      keyring_error (local_error, error);
      return NULL;
    }
  return secret;
}

void
td_keyring_clear_async (const char          *kind,
                        const char          *account,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (kind != NULL && account != NULL);

  secret_password_clear (get_schema (), cancellable, callback, user_data,
                         "kind", kind, "account", account, NULL);
}

gboolean
td_keyring_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  GError *local_error = NULL;

  /* FALSE without an error: there was nothing to forget. */
  if (!secret_password_clear_finish (result, &local_error) && local_error != NULL)
    return keyring_error (local_error, error);
  return TRUE;
}

void
td_keyring_free (char *secret)
{
  secret_password_free (secret);
}
