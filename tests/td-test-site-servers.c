/* td-test-site-servers.c: a web host on 127.0.0.1 for the publish tests */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "td-test-site-servers.h"

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
wait_listening (TdTestSiteServer *server)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  /* 20 s for a machine that is busy building. */
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) server->port, NULL, NULL);

      if (connection != NULL)
        return;
      g_usleep (50 * 1000);
    }
  g_assert_not_reached ();
}

/* Should the test abort, the server goes with it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn_server (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

static void
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static TdTestSiteServer *
server_new (const char *dir,
            const char *name)
{
  TdTestSiteServer *server = g_new0 (TdTestSiteServer, 1);

  server->dir = g_build_filename (dir, name, NULL);
  server->root = g_build_filename (server->dir, "www", "site", NULL);
  server->log = g_build_filename (server->dir, "received.log", NULL);
  server->port = free_port ();
  g_assert_cmpint (g_mkdir_with_parents (server->root, 0755), ==, 0);
  return server;
}

TdTestSiteServer *
td_test_sshd_start (const char *dir)
{
  const char *sshd = "/usr/sbin/sshd";
  g_autoptr(TdTestSiteServer) server = NULL;
  g_autofree char *host_key = NULL;
  g_autofree char *user_pub = NULL;
  g_autofree char *authorized = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *sshd_log = NULL;

  if (!g_file_test (sshd, G_FILE_TEST_IS_EXECUTABLE) || !have_program ("ssh-keygen"))
    {
      g_test_skip ("no OpenSSH server (build-aux/setup test installs openssh-server)");
      return NULL;
    }
  server = server_new (dir, "sshd");
  host_key = g_build_filename (server->dir, "host_key", NULL);
  server->user_key = g_build_filename (server->dir, "user_key", NULL);
  user_pub = g_strconcat (server->user_key, ".pub", NULL);
  authorized = g_build_filename (server->dir, "authorized_keys", NULL);
  run ((const char *[]) { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", host_key, NULL });
  run ((const char *[]) { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", server->user_key,
                          NULL });
  g_assert_true (g_file_get_contents (user_pub, &public_key, NULL, NULL));
  write_file (authorized, public_key);
  g_chmod (authorized, 0600);
  /* As root, sshd wants its privilege separation folder. */
  if (getuid () == 0)
    g_mkdir_with_parents ("/run/sshd", 0755);

  /* Keys only, this user only. The SFTP server logs each file it opens,
   * renames and removes: sshd runs the subsystem through the user's shell,
   * so its stderr can go to a file of its own. */
  config_path = g_build_filename (server->dir, "sshd_config", NULL);
  sshd_log = g_build_filename (server->dir, "sshd.log", NULL);
  config = g_strdup_printf ("ListenAddress 127.0.0.1:%u\n"
                            "HostKey %s\n"
                            "PidFile none\n"
                            "AuthorizedKeysFile %s\n"
                            "AllowUsers %s\n"
                            "PubkeyAuthentication yes\n"
                            "PasswordAuthentication no\n"
                            "KbdInteractiveAuthentication no\n"
                            "PermitRootLogin prohibit-password\n"
                            "UsePAM no\n"
                            "StrictModes no\n"
                            "LogLevel INFO\n"
                            "Subsystem sftp /usr/lib/openssh/sftp-server -e -l INFO 2>>%s\n",
                            server->port, host_key, authorized, g_get_user_name (), server->log);
  write_file (config_path, config);
  server->process = spawn_server ((const char *[]) { sshd, "-D", "-f", config_path, "-E",
                                                     sshd_log, NULL });
  wait_listening (server);
  server->url = g_strdup_printf ("sftp://%s@127.0.0.1:%u%s", g_get_user_name (), server->port,
                                 server->root);
  return g_steal_pointer (&server);
}

TdTestSiteServer *
td_test_apache_start (const char *dir)
{
  const char *apache = "/usr/sbin/apache2";
  const char *modules = "/usr/lib/apache2/modules";
  g_autoptr(TdTestSiteServer) server = NULL;
  g_autofree char *users = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *www = NULL;
  g_autofree char *locks = NULL;

  if (!g_file_test (apache, G_FILE_TEST_IS_EXECUTABLE) || !have_program ("htpasswd"))
    {
      g_test_skip ("no Apache (build-aux/setup test installs apache2)");
      return NULL;
    }
  server = server_new (dir, "apache");
  server->user = g_strdup ("rachel");
  server->password = g_strdup ("s3cret-dav");
  users = g_build_filename (server->dir, "users", NULL);
  run ((const char *[]) { "htpasswd", "-b", "-c", users, server->user, server->password, NULL });
  www = g_build_filename (server->dir, "www", NULL);
  locks = g_build_filename (server->dir, "locks", NULL);
  g_mkdir_with_parents (locks, 0777);
  /* As root, Apache serves as "daemon": the site is writable by anyone. */
  g_chmod (www, 0777);
  g_chmod (server->root, 0777);
  g_chmod (locks, 0777);
  g_chmod (server->dir, 0755);
  g_chmod (dir, 0755);

  config_path = g_build_filename (server->dir, "httpd.conf", NULL);
  config = g_strdup_printf ("ServerRoot %s\n"
                            "ServerName 127.0.0.1\n"
                            "Listen 127.0.0.1:%u\n"
                            "PidFile %s/httpd.pid\n"
                            "ErrorLog %s/error.log\n"
                            "LoadModule mpm_event_module %s/mod_mpm_event.so\n"
                            "LoadModule authz_core_module %s/mod_authz_core.so\n"
                            "LoadModule authz_user_module %s/mod_authz_user.so\n"
                            "LoadModule authn_core_module %s/mod_authn_core.so\n"
                            "LoadModule authn_file_module %s/mod_authn_file.so\n"
                            "LoadModule auth_basic_module %s/mod_auth_basic.so\n"
                            "LoadModule dav_module %s/mod_dav.so\n"
                            "LoadModule dav_fs_module %s/mod_dav_fs.so\n"
                            "User daemon\n"
                            "Group daemon\n"
                            "LogFormat \"%%m %%U %%>s\" received\n"
                            "CustomLog %s received\n"
                            "DocumentRoot %s\n"
                            "DavLockDB %s/DavLock\n"
                            "<Directory %s>\n"
                            "  Dav On\n"
                            "  AuthType Basic\n"
                            "  AuthName site\n"
                            "  AuthUserFile %s\n"
                            "  Require valid-user\n"
                            "</Directory>\n",
                            server->dir, server->port, server->dir, server->dir,
                            modules, modules, modules, modules, modules, modules, modules,
                            modules, server->log, www, locks, www, users);
  write_file (config_path, config);
  server->process = spawn_server ((const char *[]) { apache, "-f", config_path, "-DFOREGROUND",
                                                     NULL });
  wait_listening (server);
  server->url = g_strdup_printf ("dav://127.0.0.1:%u/site", server->port);
  return g_steal_pointer (&server);
}

/* The processes whose parent is @pid, and theirs. */
static void
collect_descendants (int     pid,
                     GArray *found)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = NULL;
      g_autofree char *stat = NULL;
      const char *after_name;
      int child = atoi (name);
      int parent = 0;

      if (child <= 0)
        continue;
      stat_path = g_strdup_printf ("/proc/%d/stat", child);
      if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid …": comm may hold spaces. */
      after_name = strrchr (stat, ')');
      if (after_name == NULL || sscanf (after_name, ") %*c %d", &parent) != 1)
        continue;
      if (parent == pid)
        {
          g_array_append_val (found, child);
          collect_descendants (child, found);
        }
    }
}

void
td_test_site_server_drop (TdTestSiteServer *server)
{
  const char *id = g_subprocess_get_identifier (server->process);
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (int));

  g_assert_nonnull (id);
  collect_descendants (atoi (id), children);
  for (guint i = 0; i < children->len; i++)
    kill (g_array_index (children, int, i), SIGKILL);
}

GPtrArray *
td_test_site_server_take_log (TdTestSiteServer *server)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *taken = g_ptr_array_new_with_free_func (g_free);
  gsize length = 0;

  /* Both write their log when an operation ends: a moment after the answer. */
  g_usleep (200 * 1000);
  if (!g_file_get_contents (server->log, &text, &length, NULL) || length <= server->log_read)
    return taken;
  lines = g_strsplit (text + server->log_read, "\n", -1);
  server->log_read = length;
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (taken, g_strdup (lines[i]));
  return taken;
}

void
td_test_site_server_stop (TdTestSiteServer *server)
{
  if (server == NULL)
    return;
  if (server->process != NULL)
    {
      td_test_site_server_drop (server);
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_object_unref (server->process);
    }
  g_free (server->dir);
  g_free (server->root);
  g_free (server->log);
  g_free (server->url);
  g_free (server->user_key);
  g_free (server->user);
  g_free (server->password);
  g_free (server);
}
