/* td-keyring.h: the passwords and API keys, in the user's keyring
 *
 * libsecret: the Secret Service (GNOME Keyring, KWallet) on the desktop,
 * the Secret portal inside the Flatpak. A secret is found by its kind
 * ("smtp", "mailchimp", "buttondown", "site") and an account within that
 * kind (the SMTP user and server, or the web host's user and address; ""
 * for an API key). Never in GSettings or files.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_SECRET_SMTP       "smtp"
#define TD_SECRET_MAILCHIMP  "mailchimp"
#define TD_SECRET_BUTTONDOWN "buttondown"
#define TD_SECRET_SITE       "site"

/* The account of an SMTP password, "user smtps://host:465", or of a web
 * host's, "user sftp://host/folder". */
char     *td_keyring_smtp_account (const char          *user,
                                   const char          *url);

/* Stores (or replaces) the secret; @label is what the keyring shows. */
void      td_keyring_store_async  (const char          *kind,
                                   const char          *account,
                                   const char          *label,
                                   const char          *secret,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  td_keyring_store_finish (GAsyncResult        *result,
                                   GError             **error);

/* The secret, or NULL: with @error set when the keyring failed, without
 * when there is none yet. Free it with td_keyring_free(). */
void      td_keyring_lookup_async (const char          *kind,
                                   const char          *account,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
char     *td_keyring_lookup_finish (GAsyncResult       *result,
                                    GError            **error);

/* Forgets the secret; TRUE also when there was none. */
void      td_keyring_clear_async  (const char          *kind,
                                   const char          *account,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  td_keyring_clear_finish (GAsyncResult        *result,
                                   GError             **error);

/* Wipes and frees a secret. */
void      td_keyring_free         (char                *secret);

G_END_DECLS
