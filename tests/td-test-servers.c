/* td-test-servers.c: the local servers of the publish tests */

#include "config.h"

#include <glib/gstdio.h>

#include "td-test-servers.h"
#include "td-test-util.h"

static const char *
python (void)
{
  const char *path = g_getenv ("TD_TEST_PYTHON");

  return path != NULL ? path : "/usr/bin/python3";
}

void
td_test_make_certificate (const char *dir)
{
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", NULL
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

TdTestServer *
td_test_server_start (const char         *script,
                      const char         *dir,
                      const char * const *args)
{
  static guint counter;
  g_autofree char *ready = g_strdup_printf ("%s/ready-%u", dir, ++counter);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "publish", script, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  TdTestServer *server = g_new0 (TdTestServer, 1);
  g_autofree char *port = NULL;

  g_ptr_array_add (argv, (gpointer) python ());
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, "--ready");
  g_ptr_array_add (argv, ready);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Silenced: their tracebacks for refused handshakes are expected, and
   * must not hold the test's output open should the test abort. */
  server->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                       G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  /* Python and asyncio start in well under a second; 20 s is for a
   * machine that is busy building. */
  for (guint i = 0; i < 400 && !g_file_test (ready, G_FILE_TEST_EXISTS); i++)
    g_usleep (50 * 1000);
  g_assert_true (g_file_get_contents (ready, &port, NULL, NULL));
  server->port = (guint) g_ascii_strtoull (port, NULL, 10);
  g_assert_cmpuint (server->port, >, 0);
  return server;
}

void
td_test_server_stop (TdTestServer *server)
{
  if (server == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_object_unref (server->process);
  g_free (server);
}

JsonNode *
td_test_copy_sample (const char  *dir,
                     char       **base_dir)
{
  g_autofree char *sample_dir = td_test_sample_dir ();
  g_autofree char *images = g_build_filename (sample_dir, "images", NULL);
  g_autofree char *issue_dir = g_build_filename (dir, "issue", NULL);
  g_autofree char *target = g_build_filename (issue_dir, "images", NULL);
  g_autoptr(GDir) listing = NULL;
  JsonNode *root = td_test_load_sample ();
  JsonObject *issue = json_object_get_object_member (json_node_get_object (root), "issue");
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (target, 0700), ==, 0);
  listing = g_dir_open (images, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *from = g_build_filename (images, name, NULL);
      g_autofree char *to = g_build_filename (target, name, NULL);
      g_autofree char *data = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &data, &length, NULL));
      g_assert_true (g_file_set_contents (to, data, (gssize) length, NULL));
    }
  json_object_set_string_member (issue, "public_base_url", "");
  *base_dir = g_steal_pointer (&issue_dir);
  return root;
}

GPtrArray *
td_test_read_json_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return nodes;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (lines[i][0] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      g_ptr_array_add (nodes, json_node_ref (json_parser_get_root (parser)));
    }
  return nodes;
}
