/* td-test-servers.h: the local servers of the publish tests
 *
 * Python scripts in tests/publish/ (Debian's /usr/bin/python3, which has
 * aiosmtpd), started on 127.0.0.1 by the test and stopped by it, with a
 * certificate the test makes with openssl.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  guint        port;
} TdTestServer;

/* Makes DIR/cert.pem and DIR/key.pem for 127.0.0.1 (openssl). */
void          td_test_make_certificate (const char         *dir);

/* Starts tests/publish/SCRIPT with ARGS plus "--ready FILE", and waits
 * until it listens. */
TdTestServer *td_test_server_start     (const char         *script,
                                        const char         *dir,
                                        const char * const *args);
void          td_test_server_stop      (TdTestServer       *server);

/* A copy of the sample in DIR/issue/ without its web address, so that the
 * .eml carries its pictures; returns its root. */
JsonNode     *td_test_copy_sample      (const char         *dir,
                                        char              **base_dir);

/* The lines of a JSON-lines file, each parsed. */
GPtrArray    *td_test_read_json_lines  (const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTestServer, td_test_server_stop)

G_END_DECLS
