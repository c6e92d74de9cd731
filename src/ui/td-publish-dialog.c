/* td-publish-dialog.c: the archive of her issues, built and uploaded */

#include "config.h"

#include <glib/gi18n.h>

#include "td-archive.h"
#include "td-keyring.h"
#include "td-network-status.h"
#include "td-publish-dialog.h"
#include "td-settings.h"
#include "td-site-publish.h"

struct _TdPublishDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwEntryRow *address_row;
  AdwEntryRow *url_row;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  GtkProgressBar *progress_bar;
  GtkSpinner *spinner;
  GtkLabel *status_label;

  /* owned */
  GFile *library;
  GFile *site_dir;
  char *base_url;                /* of the archive being published, or NULL */
  GSettings *settings;
  GCancellable *cancellable;     /* the publish under way, or NULL */
  GCancellable *lookup;          /* the keyring lookup under way, or NULL */
  /* Closed while the network was busy: results come back to no widgets. */
  gboolean disposed;
};

G_DEFINE_FINAL_TYPE (TdPublishDialog, td_publish_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_LIBRARY,
  PROP_SITE_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_url (TdPublishDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
}

static char *
dup_account (TdPublishDialog *self)
{
  g_autofree char *url = dup_url (self);

  return td_keyring_smtp_account (gtk_editable_get_text (GTK_EDITABLE (self->user_row)), url);
}

static void
set_busy (TdPublishDialog *self,
          gboolean         busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.start", !busy);
  /* Read-only rather than insensitive: the row she was typing in keeps the
   * focus (GTK 4.8 warns when a focused entry turns insensitive). */
  gtk_editable_set_editable (GTK_EDITABLE (self->address_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->url_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->user_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

/* Fills in the password the keyring has for the host and user shown. */
static void
server_changed_cb (TdPublishDialog *self)
{
  g_autofree char *account = NULL;
  g_autofree char *url = dup_url (self);

  if (url[0] == '\0')
    {
      g_cancellable_cancel (self->lookup);
      return;
    }
  account = dup_account (self);
  td_network_fill_secret (GTK_EDITABLE (self->password_row), TD_SECRET_SITE, account,
                          &self->lookup);
}

static void
progress_cb (const TdSitePublishProgress *progress,
             gpointer                     user_data)
{
  TdPublishDialog *self = user_data;
  g_autofree char *text = NULL;
  double fraction;

  if (self->disposed)
    return;
  switch (progress->stage)
    {
    case TD_SITE_COMPARING:
      text = g_strdup (_("Comparing with the published site…"));
      break;
    case TD_SITE_UPLOADING:
      /* Translators: "Uploading 2 of 13: 2023-08/index.html" */
      text = g_strdup_printf (_("Uploading %u of %u: %s"), progress->index + 1,
                              progress->n_files, progress->path);
      fraction = progress->size > 0 ? (double) progress->sent / (double) progress->size : 0;
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     (progress->index + fraction) / MAX (progress->n_files, 1));
      break;
    case TD_SITE_DELETING:
      /* Translators: %s is a file of the site, "2023-06/index.html" */
      text = g_strdup_printf (_("Removing %s"), progress->path);
      break;
    case TD_SITE_FINISHING:
      text = g_strdup (_("Finishing…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 1);
      break;
    default:
      return;
    }
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_BUSY, text);
}

static void
published_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdPublishDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSitePublishResult) published = td_site_publish_finish (result, &error);
  g_autoptr(GString) message = NULL;
  guint uploaded;

  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  set_busy (self, FALSE);
  if (published == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        td_network_status_set (self->status_label, self->spinner, TD_NETWORK_IDLE,
                               _("Stopped. The site on your web host is as it was, or "
                                 "partly updated: each file is whole. Publish again to "
                                 "finish."));
      else
        td_network_status_set (self->status_label, self->spinner, TD_NETWORK_FAILED,
                               error->message);
      return;
    }

  uploaded = td_site_publish_result_get_uploaded (published)->len;
  message = g_string_new (NULL);
  if (uploaded == 0 && td_site_publish_result_get_deleted (published)->len == 0)
    g_string_append (message, _("The site on your web host was already up to date."));
  else
    g_string_append_printf (message,
                            g_dngettext (GETTEXT_PACKAGE, "Published: %u file uploaded, %u "
                                         "unchanged.", "Published: %u files uploaded, %u "
                                         "unchanged.", uploaded),
                            uploaded, td_site_publish_result_get_kept (published));
  if (td_site_publish_result_get_new_host_key (published) != NULL)
    {
      g_string_append_c (message, ' ');
      /* Translators: %s is a key's fingerprint, "SHA256:…" */
      g_string_append_printf (message, _("This was the first connection to this server; "
                                         "its key %s is trusted from now on."),
                              td_site_publish_result_get_new_host_key (published));
    }
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_DONE, message->str);
  if (self->base_url != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.archive-published", "s",
                                self->base_url);
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdPublishDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdArchiveResult) built = td_archive_build_folder_finish (result, &error);
  g_autofree char *url = NULL;
  g_autofree char *dir = NULL;
  TdSitePublishOptions options = { NULL };
  const char *password;

  if (self->disposed)
    return;
  if (built == NULL)
    {
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      td_network_status_set (self->status_label, self->spinner,
                             g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                             ? TD_NETWORK_IDLE : TD_NETWORK_FAILED,
                             g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                             ? NULL : error->message);
      return;
    }

  url = dup_url (self);
  dir = g_file_get_path (self->site_dir);
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  options.url = url;
  options.user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  options.password = password[0] != '\0' ? password : NULL;
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_BUSY,
                         _("Connecting…"));
  td_site_publish_async (dir, &options, progress_cb, self, self->cancellable, published_cb,
                         g_object_ref (self));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdPublishDialog *self = TD_PUBLISH_DIALOG (widget);
  g_autofree char *url = dup_url (self);
  g_autofree char *account = NULL;
  g_autofree char *address = NULL;
  g_autofree char *library = g_file_get_path (self->library);
  g_autofree char *dir = g_file_get_path (self->site_dir);
  g_autoptr(GError) error = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->cancellable != NULL)
    return;
  address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  g_clear_pointer (&self->base_url, g_free);
  if (address[0] != '\0'
      && (self->base_url = td_archive_normalize_base_url (address, &error)) == NULL)
    {
      td_network_status_set (self->status_label, self->spinner, TD_NETWORK_FAILED,
                             error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
      return;
    }
  if (!td_site_check_url (url, NULL, &error))
    {
      td_network_status_set (self->status_label, self->spinner, TD_NETWORK_FAILED,
                             url[0] == '\0' ? _("Give the address of your web host")
                                            : error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  account = dup_account (self);
  td_network_store_secret (self->toast_overlay, TD_SECRET_SITE, account,
                           _("Tidings: web host password"), password);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_BUSY,
                         _("Building the archive…"));
  td_archive_build_folder_async (library, dir, self->base_url, self->cancellable, built_cb,
                                 g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdPublishDialog *self = TD_PUBLISH_DIALOG (widget);

  /* First press stops the upload (each file stays whole); the next closes. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
td_publish_dialog_constructed (GObject *object)
{
  TdPublishDialog *self = TD_PUBLISH_DIALOG (object);

  G_OBJECT_CLASS (td_publish_dialog_parent_class)->constructed (object);
  g_return_if_fail (self->library != NULL && self->site_dir != NULL);

  self->settings = td_settings_new ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "archive-url", self->address_row, "text",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "publish-url", self->url_row, "text",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "publish-user", self->user_row, "text",
                       G_SETTINGS_BIND_DEFAULT);
    }
  td_network_status_set (self->status_label, self->spinner, TD_NETWORK_IDLE, NULL);
  set_busy (self, FALSE);
  server_changed_cb (self);
  g_signal_connect_object (self->url_row, "changed", G_CALLBACK (server_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->user_row, "changed", G_CALLBACK (server_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
td_publish_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdPublishDialog *self = TD_PUBLISH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_SITE_DIR:
      g_value_set_object (value, self->site_dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_publish_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdPublishDialog *self = TD_PUBLISH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_SITE_DIR:
      self->site_dir = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_publish_dialog_dispose (GObject *object)
{
  TdPublishDialog *self = TD_PUBLISH_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PUBLISH_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);
  g_clear_object (&self->site_dir);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (td_publish_dialog_parent_class)->dispose (object);
}

static void
td_publish_dialog_class_init (TdPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_publish_dialog_constructed;
  object_class->dispose = td_publish_dialog_dispose;
  object_class->get_property = td_publish_dialog_get_property;
  object_class->set_property = td_publish_dialog_set_property;

  /**
   * TdPublishDialog:library:
   *
   * The folder of her issues (construct-only).
   */
  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * TdPublishDialog:site-dir:
   *
   * Where the archive is built before it is uploaded (construct-only).
   */
  properties[PROP_SITE_DIR] =
    g_param_spec_object ("site-dir", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPublishDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdPublishDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, TdPublishDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, TdPublishDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, TdPublishDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TdPublishDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TdPublishDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdPublishDialog, status_label);

  gtk_widget_class_install_action (widget_class, "publish.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "publish.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "publish.cancel", NULL);
}

static void
td_publish_dialog_init (TdPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
td_publish_dialog_new (GFile *library,
                       GFile *site_dir)
{
  g_return_val_if_fail (G_IS_FILE (library), NULL);
  g_return_val_if_fail (G_IS_FILE (site_dir), NULL);

  return g_object_new (TD_TYPE_PUBLISH_DIALOG, "library", library, "site-dir", site_dir,
                       NULL);
}
