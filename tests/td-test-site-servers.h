/* td-test-site-servers.h: a web host on 127.0.0.1 for the publish tests
 *
 * Debian's OpenSSH server (its SFTP subsystem, logging every file it
 * opens and renames) and Apache with mod_dav (logging every request), each
 * with a configuration of its own in a temporary folder, on a free high
 * port, started and stopped by the test.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  guint        port;
  char        *dir;        /* the server's own files */
  char        *root;       /* where the site lands */
  char        *log;        /* what it received, one line per operation */
  gsize        log_read;   /* how much of it td_test_site_server_take_log() returned */
  char        *url;        /* sftp://… or dav://… of root */
  char        *user_key;   /* SFTP: the client's private key */
  char        *user;       /* WebDAV: user name and password */
  char        *password;
} TdTestSiteServer;

/* NULL (and the test skipped) when sshd or apache2 is not installed. */
TdTestSiteServer *td_test_sshd_start        (const char       *dir);
TdTestSiteServer *td_test_apache_start      (const char       *dir);
void              td_test_site_server_stop  (TdTestSiteServer *server);

/* Kills the server's processes serving connections, not the one that
 * listens: the connection drops as if the host went away. */
void              td_test_site_server_drop  (TdTestSiteServer *server);

/* The log's lines written since the last call. */
GPtrArray        *td_test_site_server_take_log (TdTestSiteServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTestSiteServer, td_test_site_server_stop)

G_END_DECLS
