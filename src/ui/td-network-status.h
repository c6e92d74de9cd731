/* td-network-status.h: what the send-test and hand-off dialogs share
 *
 * A status line with a spinner (busy, done, failed), and saving a secret
 * to the keyring in the background, saying so only when that fails.
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

G_END_DECLS
