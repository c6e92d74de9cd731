/* test-publish-site.c: publishing a site to a real server on 127.0.0.1
 *
 * Debian's OpenSSH server (SFTP) and Apache with mod_dav (WebDAV), each
 * with its own configuration in a temporary folder (td-test-site-servers.c).
 * A first publish uploads everything; a change of one issue uploads only
 * its files; a removed issue is deleted; a connection dropped or a publish
 * cancelled in the middle of a file leaves the old site whole, and the
 * next publish finishes the job. What each server received is read from
 * its own log.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-publish-error.h"
#include "td-site-manifest.h"
#include "td-site-publish.h"
#include "td-test-site-servers.h"
#include "td-test-util.h"

#define BIG_PICTURE "2023-08/images/garden.jpg"
#define BIG_SIZE (4 * 1024 * 1024)

typedef enum
{
  SFTP,
  DAV,
} Kind;

typedef struct
{
  char             *dir;
  char             *site;
  char             *known_hosts;
  TdTestSiteServer *server;
} Fixture;

static void
write_site_file (const char *site,
                 const char *path,
                 const char *text)
{
  g_autofree char *filename = g_build_filename (site, path, NULL);
  g_autofree char *folder = g_path_get_dirname (filename);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (filename, text, -1, NULL));
}

/* Bytes that differ with @seed, as a big photo's would. */
static void
write_big_picture (const char *site,
                   guint32     seed)
{
  g_autofree char *filename = g_build_filename (site, BIG_PICTURE, NULL);
  g_autofree guint32 *data = g_new (guint32, BIG_SIZE / 4);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < BIG_SIZE / 4; i++)
    data[i] = g_rand_int (rand);
  g_assert_true (g_file_set_contents (filename, (const char *) data, BIG_SIZE, NULL));
}

/* Three issues, as an archive lays them out. */
static void
make_site (const char *site)
{
  write_site_file (site, "index.html", "<p>June, July, August</p>\n");
  write_site_file (site, "feed.atom", "<feed>3 entries</feed>\n");
  write_site_file (site, "sitemap.xml", "<urlset/>\n");
  write_site_file (site, "2023-06/index.html", "<p>June</p>\n");
  write_site_file (site, "2023-06/images/logo.png", "logo");
  write_site_file (site, "2023-07/index.html", "<p>July</p>\n");
  write_site_file (site, "2023-07/images/logo.png", "logo");
  write_site_file (site, "2023-08/index.html", "<p>August</p>\n");
  write_site_file (site, "2023-08/images/logo.png", "logo");
  write_big_picture (site, 1);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  Kind kind = GPOINTER_TO_INT (data);

  fixture->dir = g_dir_make_tmp ("tidings-test-publish-site-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->site = g_build_filename (fixture->dir, "site", NULL);
  fixture->known_hosts = g_build_filename (fixture->dir, "known_hosts", NULL);
  make_site (fixture->site);
  fixture->server = kind == SFTP ? td_test_sshd_start (fixture->dir)
                                 : td_test_apache_start (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->server, td_test_site_server_stop);
  td_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->site);
  g_free (fixture->known_hosts);
}

static TdSitePublishOptions
options_for (Fixture *fixture)
{
  TdSitePublishOptions options = { fixture->server->url };

  options.user = fixture->server->user;
  options.password = fixture->server->password;
  options.ssh_key = fixture->server->user_key;
  options.known_hosts = fixture->known_hosts;
  options.timeout = 10;
  return options;
}

static TdSitePublishResult *
publish (Fixture  *fixture,
         GError  **error)
{
  TdSitePublishOptions options = options_for (fixture);

  return td_site_publish (fixture->site, &options, NULL, NULL, NULL, error);
}

static TdSiteManifest *
scan (const char *dir)
{
  g_autoptr(GError) error = NULL;
  TdSiteManifest *manifest = td_site_manifest_scan (dir, NULL, &error);

  g_assert_no_error (error);
  return manifest;
}

/* The server holds exactly the files of @site, byte for byte, and its
 * manifest says so. */
static void
assert_server_has (Fixture    *fixture,
                   const char *site)
{
  g_autoptr(GHashTable) local = scan (site);
  g_autoptr(GHashTable) remote = scan (fixture->server->root);
  g_autoptr(GPtrArray) changed = td_site_manifest_changed (local, remote);
  g_autoptr(GPtrArray) stale = td_site_manifest_stale (local, remote);
  g_autofree char *manifest_path = g_build_filename (fixture->server->root,
                                                     TD_SITE_MANIFEST_NAME, NULL);
  g_autofree char *manifest_text = NULL;
  g_autoptr(GBytes) expected = td_site_manifest_to_bytes (local);
  gsize length;

  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpuint (stale->len, ==, 0);
  g_assert_true (g_file_get_contents (manifest_path, &manifest_text, &length, NULL));
  g_assert_cmpmem (manifest_text, length, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The files the server wrote (SFTP: opened for writing; WebDAV: PUT), by
 * their final names, sorted, once each (libcurl opens a file again after
 * making its missing folders), from its log since the last call. */
static char *
written_since (Fixture *fixture)
{
  g_autoptr(GPtrArray) lines = td_test_site_server_take_log (fixture->server);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *root_prefix = g_strconcat (fixture->server->root, "/", NULL);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = lines->pdata[i];
      const char *start = NULL;
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      g_autofree char *folder = NULL;
      g_autofree char *unescaped = NULL;

      g_test_message ("server: %s", line);
      if (strstr (line, "open \"") != NULL && strstr (line, "WRITE") != NULL)
        {
          start = strstr (line, "open \"") + strlen ("open \"");
          path = g_strndup (start, strcspn (start, "\""));
          if (!g_str_has_prefix (path, root_prefix))
            continue;
          memmove (path, path + strlen (root_prefix), strlen (path) - strlen (root_prefix) + 1);
        }
      else if (g_str_has_prefix (line, "PUT /site/")
               && (g_str_has_suffix (line, " 201") || g_str_has_suffix (line, " 204")))
        {
          start = line + strlen ("PUT /site/");
          unescaped = g_strndup (start, strcspn (start, " "));
          path = g_uri_unescape_string (unescaped, NULL);
        }
      else
        continue;
      /* "2023-08/.index.html.tidings-new" -> "2023-08/index.html" */
      name = g_path_get_basename (path);
      folder = g_path_get_dirname (path);
      g_assert_true (g_str_has_prefix (name, ".") && g_str_has_suffix (name, ".tidings-new"));
      name[strlen (name) - strlen (".tidings-new")] = '\0';
      g_ptr_array_add (names, g_str_equal (folder, ".") ? g_strdup (name + 1)
                                                      : g_build_filename (folder, name + 1, NULL));
    }
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    if (i == 0 || !g_str_equal (names->pdata[i], names->pdata[i - 1]))
      g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", (char *) names->pdata[i]);
  return g_string_free (joined, FALSE);
}

static char *
joined_sorted (GPtrArray *paths)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (copy, g_strdup (paths->pdata[i]));
  g_ptr_array_sort (copy, compare_strings);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv (" ", (char **) copy->pdata);
}

static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TdSitePublishResult) first = NULL;
  g_autoptr(TdSitePublishResult) again = NULL;
  g_autoptr(TdSitePublishResult) changed = NULL;
  g_autoptr(TdSitePublishResult) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *uploaded = NULL;
  g_autofree char *june = NULL;
  GPtrArray *list;

  if (fixture->server == NULL)
    return;

  /* First: everything, pictures before pages, the index last. */
  first = publish (fixture, &error);
  g_assert_no_error (error);
  list = td_site_publish_result_get_uploaded (first);
  g_assert_cmpuint (list->len, ==, 10);
  g_assert_cmpstr (list->pdata[0], ==, "2023-06/images/logo.png");
  g_assert_cmpstr (list->pdata[list->len - 1], ==, "sitemap.xml");
  g_assert_cmpstr (list->pdata[7], ==, "feed.atom");
  assert_server_has (fixture, fixture->site);
  written = written_since (fixture);
  g_test_message ("first publish wrote: %s", written);
  g_assert_cmpstr (written, ==, ".tidings-site.json 2023-06/images/logo.png 2023-06/index.html "
                   "2023-07/images/logo.png 2023-07/index.html 2023-08/images/garden.jpg "
                   "2023-08/images/logo.png 2023-08/index.html feed.atom index.html "
                   "sitemap.xml");
  g_clear_pointer (&written, g_free);

  /* Again, unchanged: nothing written, not even the manifest. */
  again = publish (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_site_publish_result_get_uploaded (again)->len, ==, 0);
  g_assert_cmpuint (td_site_publish_result_get_kept (again), ==, 10);
  written = written_since (fixture);
  g_test_message ("unchanged publish wrote: \"%s\"", written);
  g_assert_cmpstr (written, ==, "");
  g_clear_pointer (&written, g_free);

  /* One issue changed (its page and the index and feed that list it). */
  write_site_file (fixture->site, "2023-08/index.html", "<p>August, corrected</p>\n");
  write_site_file (fixture->site, "index.html", "<p>June, July, August (corrected)</p>\n");
  write_site_file (fixture->site, "feed.atom", "<feed>3 entries, one updated</feed>\n");
  changed = publish (fixture, &error);
  g_assert_no_error (error);
  uploaded = joined_sorted (td_site_publish_result_get_uploaded (changed));
  g_assert_cmpstr (uploaded, ==, "2023-08/index.html feed.atom index.html");
  g_assert_cmpuint (td_site_publish_result_get_kept (changed), ==, 7);
  assert_server_has (fixture, fixture->site);
  written = written_since (fixture);
  g_test_message ("one issue changed, publish wrote: %s", written);
  g_assert_cmpstr (written, ==, ".tidings-site.json 2023-08/index.html feed.atom index.html");
  g_clear_pointer (&written, g_free);

  /* An issue left the archive: its files are deleted on the server. */
  june = g_build_filename (fixture->site, "2023-06", NULL);
  td_test_remove_tree (june);
  removed = publish (fixture, &error);
  g_assert_no_error (error);
  g_clear_pointer (&uploaded, g_free);
  uploaded = joined_sorted (td_site_publish_result_get_deleted (removed));
  g_assert_cmpstr (uploaded, ==, "2023-06/images/logo.png 2023-06/index.html");
  assert_server_has (fixture, fixture->site);
  written = written_since (fixture);
  g_assert_cmpstr (written, ==, ".tidings-site.json");
}

typedef struct
{
  Fixture      *fixture;
  GCancellable *cancellable;   /* cancel instead of dropping the connection */
  gboolean      broken;
} Interruption;

static void
interrupt_cb (const TdSitePublishProgress *progress,
              gpointer                     user_data)
{
  Interruption *interruption = user_data;

  if (interruption->broken || progress->stage != TD_SITE_UPLOADING
      || g_strcmp0 (progress->path, BIG_PICTURE) != 0 || progress->sent < BIG_SIZE / 4)
    return;
  g_test_message ("breaking off at %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes of %s",
                  progress->sent, progress->size, progress->path);
  interruption->broken = TRUE;
  if (interruption->cancellable != NULL)
    g_cancellable_cancel (interruption->cancellable);
  else
    td_test_site_server_drop (interruption->fixture->server);
}

static void
test_interrupted (Fixture       *fixture,
                  gconstpointer  data,
                  gboolean       cancel)
{
  g_autoptr(TdSitePublishResult) first = NULL;
  g_autoptr(TdSitePublishResult) broken = NULL;
  g_autoptr(TdSitePublishResult) finished = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_site = g_build_filename (fixture->dir, "old-site", NULL);
  g_autofree char *old_copy = NULL;
  g_autoptr(GCancellable) cancellable = cancel ? g_cancellable_new () : NULL;
  Interruption interruption = { fixture, cancellable, FALSE };
  TdSitePublishOptions options;

  if (fixture->server == NULL)
    return;
  first = publish (fixture, &error);
  g_assert_no_error (error);
  g_free (written_since (fixture));

  /* Keep the old site to compare with, then change the big picture and a
   * page: the picture goes first, and breaks off at a quarter. */
  make_site (old_site);
  write_big_picture (fixture->site, 2);
  write_site_file (fixture->site, "2023-08/index.html", "<p>August, new photo</p>\n");
  options = options_for (fixture);
  broken = td_site_publish (fixture->site, &options, interrupt_cb, &interruption, cancellable,
                            &error);
  g_assert_null (broken);
  g_assert_true (interruption.broken);
  if (cancel)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  else
    g_assert_true (error->domain == TD_PUBLISH_ERROR);
  g_test_message ("the broken publish said: %s", error->message);
  g_clear_error (&error);
  g_free (written_since (fixture));

  /* The old site, whole: every file and the manifest as they were. */
  assert_server_has (fixture, old_site);

  /* The next publish finishes the job. */
  finished = publish (fixture, &error);
  g_assert_no_error (error);
  old_copy = joined_sorted (td_site_publish_result_get_uploaded (finished));
  g_assert_cmpstr (old_copy, ==, "2023-08/images/garden.jpg 2023-08/index.html");
  assert_server_has (fixture, fixture->site);
}

static void
test_dropped (Fixture       *fixture,
              gconstpointer  data)
{
  test_interrupted (fixture, data, FALSE);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  test_interrupted (fixture, data, TRUE);
}

static void
test_host_key_changed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TdSitePublishResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *known = NULL;
  g_autoptr(GHashTable) remote = NULL;

  if (fixture->server == NULL)
    return;
  /* The first connection trusts the key and says so. */
  result = publish (fixture, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (td_site_publish_result_get_new_host_key (result), "SHA256:"));
  g_assert_true (g_file_get_contents (fixture->known_hosts, &known, NULL, NULL));
  g_clear_pointer (&result, td_site_publish_result_free);
  td_test_remove_tree (fixture->server->root);
  g_assert_cmpint (g_mkdir (fixture->server->root, 0755), ==, 0);

  /* Another server answering at that address: refused before the login. */
  line = g_strdup_printf ("127.0.0.1 ssh-ed25519 "
                          "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
  g_assert_true (g_file_set_contents (fixture->known_hosts, line, -1, NULL));
  result = publish (fixture, &error);
  g_assert_null (result);
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "key changed"));
  remote = scan (fixture->server->root);
  g_assert_cmpuint (g_hash_table_size (remote), ==, 0);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TdSitePublishResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_key = g_build_filename (fixture->dir, "other_key", NULL);
  TdSitePublishOptions options;
  const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other_key, NULL };

  if (fixture->server == NULL)
    return;
  options = options_for (fixture);
  if (GPOINTER_TO_INT (data) == SFTP)
    {
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                                   G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL,
                                   NULL));
      options.ssh_key = other_key;
    }
  else
    options.password = "not-the-password";
  result = td_site_publish (fixture->site, &options, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_AUTH);
  g_test_message ("%s", error->message);
}

static void
test_manifest (void)
{
  g_autoptr(GHashTable) local = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) remote = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *hostile =
    "{\"format\": \"tidings-site\", \"version\": 1, \"files\": {"
    "\"../outside\": \"" "0000000000000000000000000000000000000000000000000000000000000000\", "
    "\"/etc/passwd\": \"0000000000000000000000000000000000000000000000000000000000000000\", "
    "\"a//b\": \"0000000000000000000000000000000000000000000000000000000000000000\", "
    "\"old.html\": \"not a hash\", "
    "\"gone.html\": \"0000000000000000000000000000000000000000000000000000000000000000\", "
    "\"index.html\": \"1111111111111111111111111111111111111111111111111111111111111111\"}}";
  const char *hash = "1111111111111111111111111111111111111111111111111111111111111111";

  g_hash_table_insert (local, "index.html", (char *) hash);
  g_hash_table_insert (local, "2023-08/index.html", (char *) hash);
  g_hash_table_insert (local, "2023-08/images/a.png", (char *) hash);
  g_hash_table_insert (local, "2023-07/index.html", (char *) hash);

  bytes = g_bytes_new_static (hostile, strlen (hostile));
  remote = td_site_manifest_parse (bytes, &error);
  g_assert_no_error (error);
  /* Only safe paths with real hashes are kept: nothing outside the site
   * can be deleted. */
  g_assert_cmpuint (g_hash_table_size (remote), ==, 2);
  stale = td_site_manifest_stale (local, remote);
  g_assert_cmpuint (stale->len, ==, 1);
  g_assert_cmpstr (stale->pdata[0], ==, "gone.html");
  changed = td_site_manifest_changed (local, remote);
  g_assert_cmpuint (changed->len, ==, 3);
  g_assert_cmpstr (changed->pdata[0], ==, "2023-08/images/a.png");
  g_assert_cmpstr (changed->pdata[1], ==, "2023-07/index.html");
  g_assert_cmpstr (changed->pdata[2], ==, "2023-08/index.html");

  /* Canonical bytes, read back the same. */
  bytes = (g_bytes_unref (bytes), td_site_manifest_to_bytes (local));
  g_clear_pointer (&remote, g_hash_table_unref);
  remote = td_site_manifest_parse (bytes, &error);
  g_assert_no_error (error);
  again = td_site_manifest_to_bytes (remote);
  g_assert_true (g_bytes_equal (bytes, again));

  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new_static ("{\"files\": []}", 14);
  g_clear_pointer (&remote, g_hash_table_unref);
  remote = td_site_manifest_parse (bytes, &error);
  g_assert_null (remote);
  g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_PROTOCOL);
}

static void
test_urls (void)
{
  const char *good[] = {
    "sftp://host.example/~/public_html", "sftp://me@host.example:2222/srv/www",
    "davs://host.example/remote.php/dav/files/me/site", "dav://127.0.0.1:8080/site",
  };
  const char *bad[] = {
    "http://host.example/site", "dav://host.example/site", "sftp://me:secret@host.example/site",
    "sftp:///nohost", "ftp://host.example/", "sftp://host.example/site?x=1", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (td_site_check_url (good[i], NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (td_site_check_url (bad[i], NULL, &error));
      g_assert_error (error, TD_PUBLISH_ERROR, TD_PUBLISH_ERROR_INVALID);
    }
}

int
main (int    argc,
      char **argv)
{
  const struct
  {
    const char *name;
    void (*func) (Fixture *, gconstpointer);
    gboolean sftp_only;
  } cases[] = {
    { "changes", test_changes, FALSE },
    { "dropped", test_dropped, FALSE },
    { "cancelled", test_cancelled, FALSE },
    { "refused", test_refused, FALSE },
    { "host-key-changed", test_host_key_changed, TRUE },
  };

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/publish/site/manifest", test_manifest);
  g_test_add_func ("/publish/site/urls", test_urls);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (Kind kind = SFTP; kind <= DAV; kind++)
      {
        g_autofree char *path = NULL;

        if (kind == DAV && cases[i].sftp_only)
          continue;
        path = g_strdup_printf ("/publish/site/%s/%s", kind == SFTP ? "sftp" : "webdav",
                                cases[i].name);
        g_test_add (path, Fixture, GINT_TO_POINTER (kind), fixture_set_up, cases[i].func,
                    fixture_tear_down);
      }
  return g_test_run ();
}
