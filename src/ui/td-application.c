/* td-application.c: the Tidings application
 *
 * Owns what outlives a window: the settings, the accelerators, and the
 * recovery copies found at startup. Each window edits one issue.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "td-application.h"
#include "td-library.h"
#include "td-recovery.h"
#include "td-recovery-dialog.h"
#include "td-renderer.h"
#include "td-settings.h"
#include "td-spell.h"
#include "td-window.h"

struct _TdApplication
{
  AdwApplication parent_instance;

  /* owned */
  GSettings *settings;
  GHashTable *recovery_entries;   /* key → TdRecoveryEntry, being offered */
  GQueue recovery_queue;          /* keys not shown yet */
  gboolean recovery_checked;

  /* borrowed */
  GtkWidget *recovery_dialog;
};

G_DEFINE_FINAL_TYPE (TdApplication, td_application, ADW_TYPE_APPLICATION)

static void offer_next_recovery (TdApplication *self);

static TdWindow *
find_window_for_file (TdApplication *self,
                      GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *shown;

      if (!TD_IS_WINDOW (l->data))
        continue;
      shown = td_document_get_file (td_window_get_document (l->data));
      if (shown != NULL && g_file_equal (shown, file))
        return l->data;
    }
  return NULL;
}

static TdWindow *
find_replaceable_window (TdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data) && td_window_is_replaceable (l->data))
      return l->data;
  return NULL;
}

void
td_application_open_file (TdApplication *self,
                          GFile         *file)
{
  TdWindow *window;

  g_return_if_fail (TD_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((window = find_window_for_file (self, file)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  if ((window = find_replaceable_window (self)) == NULL)
    window = td_window_new (GTK_APPLICATION (self));
  /* Shown first, so that a file that fails to load has a window for its
   * error dialog to sit on. */
  gtk_window_present (GTK_WINDOW (window));
  td_window_load_file (window, file, TD_WINDOW_LOAD_DEFAULT);
}

/* -- Recovery after a crash ---------------------------------------------- */

static void
update_recovery_state (TdApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "restore-recovery");
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->recovery_entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, (GCompareFunc) g_strcmp0);
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_strv ((const char * const *) keys->pdata,
                                                 keys->len));
}

static void
check_recovery (TdApplication *self)
{
  g_autoptr(GPtrArray) entries = NULL;

  if (self->recovery_checked)
    return;
  self->recovery_checked = TRUE;

  entries = td_recovery_list_entries ();
  for (guint i = 0; i < entries->len; i++)
    {
      TdRecoveryEntry *entry = g_ptr_array_index (entries, i);

      /* Copies equal to their saved file are deleted: nothing to offer. */
      if (!td_recovery_entry_differs (entry))
        continue;
      g_queue_push_tail (&self->recovery_queue, g_strdup (entry->key));
      g_hash_table_insert (self->recovery_entries, g_strdup (entry->key),
                           g_ptr_array_steal_index (entries, i--));
    }
  update_recovery_state (self);
  offer_next_recovery (self);
}

static void
recovery_dialog_destroy_cb (TdApplication *self,
                            GtkWidget     *dialog)
{
  const char *key = td_recovery_dialog_get_key (TD_RECOVERY_DIALOG (dialog));

  if (self->recovery_dialog == dialog)
    self->recovery_dialog = NULL;
  /* Closed without a choice: the copy stays for the next launch. */
  if (g_hash_table_remove (self->recovery_entries, key))
    update_recovery_state (self);
  offer_next_recovery (self);
}

static GtkWindow *
get_main_window (TdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
offer_next_recovery (TdApplication *self)
{
  GtkWindow *parent;
  TdRecoveryEntry *entry = NULL;
  g_autoptr(TdDiagnostics) diags = NULL;
  g_autoptr(JsonNode) recovered = NULL;
  g_autoptr(JsonNode) saved = NULL;

  if (self->recovery_dialog != NULL)
    return;
  while (entry == NULL && !g_queue_is_empty (&self->recovery_queue))
    {
      g_autofree char *key = g_queue_pop_head (&self->recovery_queue);

      entry = g_hash_table_lookup (self->recovery_entries, key);
    }
  if (entry == NULL)
    return;
  parent = get_main_window (self);
  if (parent == NULL)
    return;

  diags = td_diagnostics_new ();
  recovered = td_recovery_entry_load (entry, diags);
  if (recovered == NULL)
    {
      /* Unreadable (a newer version of Tidings?): keep it, don't offer. */
      g_warning ("The recovery copy %s can't be read", entry->path);
      g_hash_table_remove (self->recovery_entries, entry->key);
      update_recovery_state (self);
      offer_next_recovery (self);
      return;
    }
  saved = td_recovery_entry_load_saved (entry);
  self->recovery_dialog = td_recovery_dialog_new (parent, entry, saved, recovered);
  g_signal_connect_object (self->recovery_dialog, "destroy",
                           G_CALLBACK (recovery_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->recovery_dialog));
}

static void
restore_recovery_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  TdApplication *self = user_data;
  const char *key = g_variant_get_string (parameter, NULL);
  TdRecoveryEntry *entry = g_hash_table_lookup (self->recovery_entries, key);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdDocument) document = NULL;
  TdWindow *window = NULL;

  if (entry == NULL)
    return;
  document = td_recovery_entry_restore (entry, diags);
  if (document == NULL)
    return;

  if (entry->uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (entry->uri);

      window = find_window_for_file (self, file);
    }
  if (window == NULL)
    window = find_replaceable_window (self);
  if (window == NULL)
    window = td_window_new (GTK_APPLICATION (self));

  /* Deleted first: the window writes its own copy (for the same file, at
   * the same place) at once. */
  td_recovery_entry_delete (entry);
  td_window_restore (window, document);
  g_hash_table_remove (self->recovery_entries, key);
  update_recovery_state (self);
  gtk_window_present (GTK_WINDOW (window));
}

static void
discard_recovery_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  TdApplication *self = user_data;
  const char *key = g_variant_get_string (parameter, NULL);
  TdRecoveryEntry *entry = g_hash_table_lookup (self->recovery_entries, key);

  if (entry == NULL)
    return;
  td_recovery_entry_delete (entry);
  g_hash_table_remove (self->recovery_entries, key);
  update_recovery_state (self);
}

/* -- Application actions ------------------------------------------------- */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TdApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about its own unsaved changes; the application ends
   * when the last one has closed. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TdApplication *self = user_data;
  static const char *developers[] = { "The Tidings developers", NULL };
  static const char *artists[] = { "The Tidings developers (the sample issue’s pictures)", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", _("Tidings"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "The Tidings developers",
                         "developers", developers,
                         "artists", artists,
                         /* Translators: replace with your names, one per line */
                         "translator-credits", _("translator-credits"),
                         "comments", _("Write your practice’s monthly newsletter, and "
                                       "send it as an email or a web page."),
                         "website", "https://github.com/tidings/tidings",
                         "issue-url", "https://github.com/tidings/tidings/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© The Tidings developers",
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  /* The keys of the recovery copies offered (state), and what to do with
   * one (parameter): the recovery dialog's buttons. */
  { "restore-recovery", restore_recovery_action, "s", "@as []", NULL, { 0 } },
  { "discard-recovery", discard_recovery_action, "s", NULL, NULL, { 0 } },
};

static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.new", { "<Control>n", NULL } },
  { "win.new-from-current", { "<Control><Shift>n", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.print", { "<Control>p", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.section-move-up", { "<Alt>Up", NULL } },
  { "win.section-move-down", { "<Alt>Down", NULL } },
  { "win.section-duplicate", { "<Control><Shift>d", NULL } },
  { "win.add-section-menu", { "<Control><Shift>a", NULL } },
  { "win.toggle-sidebar", { "F9", NULL } },
  { "win.toggle-preview", { "<Control>F9", NULL } },
  { "win.next-pane", { "F6", NULL } },
  { "win.previous-pane", { "<Shift>F6", NULL } },
};

/* -- Startup report (build-aux/bench-startup) ---------------------------- */

static gulong map_handler;
static gulong paint_handler;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_clear_signal_handler (&paint_handler, clock);
  /* Wall-clock microseconds, compared with the launcher's clock. */
  g_printerr ("tidings-startup: mapped %" G_GINT64_FORMAT "\n", g_get_real_time ());
}

static void
first_map_cb (GtkWidget *window)
{
  g_clear_signal_handler (&map_handler, window);
  paint_handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                                    G_CALLBACK (after_paint_cb), NULL);
}

/* With TIDINGS_REPORT_STARTUP set, says when the first window has painted. */
static void
report_startup_when_painted (TdWindow *window)
{
  static gboolean reported;

  if (reported || g_getenv ("TIDINGS_REPORT_STARTUP") == NULL)
    return;
  reported = TRUE;
  map_handler = g_signal_connect (window, "map", G_CALLBACK (first_map_cb), NULL);
}

/* -- GApplication ------------------------------------------------------- */

static void
td_application_startup (GApplication *application)
{
  TdApplication *self = TD_APPLICATION (application);

  G_APPLICATION_CLASS (td_application_parent_class)->startup (application);

  gtk_source_init ();
  td_renderer_choose ();
  self->settings = td_settings_new ();
  /* Pictures added to issues a crash left unsaved: nobody owns them now. */
  td_picture_drafts_clean_orphans ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  /* Check Spelling, in every field of every window: the setting. */
  {
    g_autoptr(GPropertyAction) spell_check =
      g_property_action_new ("spell-check", td_spell_get_settings (), "enabled");

    if (self->settings != NULL)
      g_settings_bind (self->settings, "spell-check", td_spell_get_settings (), "enabled",
                       G_SETTINGS_BIND_DEFAULT);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (spell_check));
  }
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
td_application_shutdown (GApplication *application)
{
  G_APPLICATION_CLASS (td_application_parent_class)->shutdown (application);

  /* GSettings writes asynchronously: what the windows wrote as they closed
   * reaches the disk before the process ends. */
  g_settings_sync ();
  gtk_source_finalize ();
}

static void
td_application_activate (GApplication *application)
{
  TdApplication *self = TD_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  TdWindow *new_window;
  gboolean loaded = FALSE;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  new_window = td_window_new (GTK_APPLICATION (self));
  /* Her issues, when the library has any; else the issue open last time,
   * or (the first time) the sample as an untitled copy that can't be
   * overwritten by mistake. */
  if (self->settings != NULL)
    {
      g_autofree char *setting = g_settings_get_string (self->settings, "library-folder");
      g_autofree char *library = td_library_resolve_folder (setting);

      if (td_library_has_issues (library))
        {
          td_window_show_library (new_window);
          loaded = TRUE;
        }
    }
  if (!loaded && self->settings != NULL)
    {
      g_autofree char *uri = g_settings_get_string (self->settings, "last-file");

      if (uri[0] != '\0')
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uri);

          if (g_file_query_exists (file, NULL))
            loaded = td_window_load_file (new_window, file, TD_WINDOW_LOAD_QUIETLY);
        }
    }
  if (!loaded)
    td_window_load_sample (new_window);
  report_startup_when_painted (new_window);
  gtk_window_present (GTK_WINDOW (new_window));
  check_recovery (self);
}

static void
td_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  TdApplication *self = TD_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    td_application_open_file (self, files[i]);
  check_recovery (self);
}

static void
td_application_dispose (GObject *object)
{
  TdApplication *self = TD_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->recovery_entries, g_hash_table_unref);
  g_queue_clear_full (&self->recovery_queue, g_free);

  G_OBJECT_CLASS (td_application_parent_class)->dispose (object);
}

static void
td_application_class_init (TdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = td_application_dispose;
  app_class->startup = td_application_startup;
  app_class->shutdown = td_application_shutdown;
  app_class->activate = td_application_activate;
  app_class->open = td_application_open;
}

static void
td_application_init (TdApplication *self)
{
  self->recovery_entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) td_recovery_entry_free);
  g_queue_init (&self->recovery_queue);
}

TdApplication *
td_application_new (GApplicationFlags flags)
{
  return g_object_new (TD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/tidings/Tidings",
                       NULL);
}
