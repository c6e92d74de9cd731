/* td-network-status.h: what the send-test and hand-off dialogs share
 *
 * A status line with a spinner (busy, done, failed); filling in a secret
 * from the keyring, and saving one in the background, saying so only when
 * that fails.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  TD_NETWORK_IDLE,
  TD_NETWORK_BUSY,
  TD_NETWORK_DONE,
  TD_NETWORK_FAILED,
} TdNetworkState;

void td_network_status_set   (GtkLabel        *label,
                              GtkSpinner      *spinner,
                              TdNetworkState   state,
                              const char      *message);

/* Stores @secret under @kind/@account; a toast on @overlay if the keyring
 * can't be used (the send goes on: the secret is simply not kept). */
void td_network_store_secret (AdwToastOverlay *overlay,
                              const char      *kind,
                              const char      *account,
                              const char      *label,
                              const char      *secret);

/* Fills @editable with the secret the keyring has under @kind/@account,
 * unless she typed one meanwhile. Cancels the lookup *@lookup was for and
 * keeps the new one there, for the caller to cancel when it goes away. */
void td_network_fill_secret  (GtkEditable     *editable,
                              const char      *kind,
                              const char      *account,
                              GCancellable   **lookup);

G_END_DECLS
