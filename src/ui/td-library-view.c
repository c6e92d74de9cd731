/* td-library-view.c: her issues, newest first */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-library.h"
#include "td-library-view.h"
#include "td-ui-util.h"

#define THUMB_WIDTH  220
#define THUMB_HEIGHT 140

struct _TdLibraryView
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *status_page;
  GtkWidget *empty_new_button;
  GtkWidget *empty_choose_button;
  GtkLabel *folder_label;
  GtkWidget *choose_button;
  GtkWidget *new_button;
  GtkFlowBox *flow_box;

  /* owned */
  char *folder;
  GPtrArray *issues;         /* TdLibraryIssue, as shown; NULL while reading */
  GCancellable *cancellable;

  gboolean focus_when_listed;
};

G_DEFINE_FINAL_TYPE (TdLibraryView, td_library_view, ADW_TYPE_BIN)

enum
{
  ISSUE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* -- Cards ------------------------------------------------------------------ */

/* "2023-08" → "August 2023", in the interface's language. */
static char *
dup_month_display (const char *month)
{
  g_autoptr(GDateTime) date = NULL;
  int year;
  int number;

  if (month == NULL || month[0] == '\0')
    return g_strdup (_("No month"));
  year = (int) g_ascii_strtoll (month, NULL, 10);
  number = (int) g_ascii_strtoll (month + 5, NULL, 10);
  date = g_date_time_new_utc (year, number, 1, 0, 0, 0);
  if (date == NULL)
    return g_strdup (month);
  /* Translators: a month and its year, such as "August 2023"
   * (g_date_time_format(): %B the month's name, %Y the year) */
  return g_date_time_format (date, _("%B %Y"));
}

static char *
dup_folder_display (const char *folder)
{
  const char *home = g_get_home_dir ();
  g_autofree char *display = g_filename_display_name (folder);

  if (g_str_has_prefix (folder, home) && folder[strlen (home)] == '/')
    {
      g_autofree char *relative = g_filename_display_name (folder + strlen (home) + 1);

      return g_strconcat ("~/", relative, NULL);
    }
  return g_steal_pointer (&display);
}

typedef struct
{
  GtkPicture *picture;
  GtkStack *stack;
} ThumbData;

static void
thumb_data_free (ThumbData *data)
{
  g_clear_object (&data->picture);
  g_clear_object (&data->stack);
  g_free (data);
}

static void
thumb_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ThumbData *data = user_data;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream_finish (result, NULL);

  if (pixbuf != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);

      gtk_picture_set_paintable (data->picture, GDK_PAINTABLE (texture));
      gtk_stack_set_visible_child (data->stack, GTK_WIDGET (data->picture));
    }
  thumb_data_free (data);
}

static void
thumb_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ThumbData *data = user_data;
  g_autoptr(GFileInputStream) stream = g_file_read_finish (G_FILE (source), result, NULL);

  if (stream == NULL)
    {
      thumb_data_free (data);
      return;
    }
  /* Decoded at the size shown, never whole. */
  gdk_pixbuf_new_from_stream_at_scale_async (G_INPUT_STREAM (stream), THUMB_WIDTH * 2,
                                             THUMB_HEIGHT * 2, TRUE, NULL, thumb_loaded_cb,
                                             data);
}

static GtkWidget *
new_card (TdLibraryIssue *issue)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *thumb = gtk_stack_new ();
  GtkWidget *clamp;
  GtkWidget *placeholder;
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *title;
  GtkWidget *month;
  g_autofree char *name = g_path_get_basename (issue->path);
  g_autofree char *month_text = NULL;
  g_autofree char *accessible = NULL;
  const char *title_text = issue->title[0] != '\0' ? issue->title : name;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "library-card");
  gtk_widget_set_size_request (box, THUMB_WIDTH, -1);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_START);

  placeholder = gtk_image_new_from_icon_name (issue->error != NULL ? "dialog-warning-symbolic"
                                                                    : "image-x-generic-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (placeholder), 48);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_stack_add_child (GTK_STACK (thumb), placeholder);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_stack_add_child (GTK_STACK (thumb), picture);
  gtk_widget_set_size_request (thumb, THUMB_WIDTH, THUMB_HEIGHT);
  gtk_widget_set_overflow (thumb, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (thumb, "library-thumb");
  /* A picture asks for its own size: the card's is the thumbnail's. */
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), THUMB_WIDTH);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), THUMB_WIDTH);
  adw_clamp_set_child (ADW_CLAMP (clamp), thumb);
  gtk_box_append (GTK_BOX (box), clamp);

  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_start (title, 12);
  gtk_widget_set_margin_end (title, 12);
  gtk_box_append (GTK_BOX (box), title);

  if (issue->error != NULL)
    month_text = g_strdup (_("Can’t be opened"));
  else
    month_text = dup_month_display (issue->month);
  month = gtk_label_new (month_text);
  gtk_label_set_xalign (GTK_LABEL (month), 0);
  gtk_widget_add_css_class (month, issue->error != NULL ? "error" : "dim-label");
  gtk_widget_set_margin_start (month, 12);
  gtk_widget_set_margin_end (month, 12);
  gtk_widget_set_margin_bottom (month, 12);
  gtk_box_append (GTK_BOX (box), month);

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  g_object_set_data_full (G_OBJECT (child), "path", g_strdup (issue->path), g_free);

  /* One stop for the keyboard, named for screen readers by what it
   * shows; a broken file says why. */
  /* Translators: a card of the library: the issue's title, then its month */
  accessible = g_strdup_printf (_("%s, %s"), title_text, month_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  if (issue->error != NULL)
    {
      gtk_widget_set_tooltip_text (child, issue->error);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, issue->error,
                                      -1);
    }
  else
    gtk_widget_set_tooltip_text (child, issue->path);

  if (issue->picture != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (issue->picture);
      ThumbData *data = g_new0 (ThumbData, 1);

      data->picture = g_object_ref (GTK_PICTURE (picture));
      data->stack = g_object_ref (GTK_STACK (thumb));
      g_file_read_async (file, G_PRIORITY_LOW, NULL, thumb_opened_cb, data);
    }
  return child;
}

static void
child_activated_cb (TdLibraryView   *self,
                    GtkFlowBoxChild *child,
                    GtkFlowBox      *flow_box)
{
  const char *path = g_object_get_data (G_OBJECT (child), "path");
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  g_signal_emit (self, signals[ISSUE_ACTIVATED], 0, file);
}

/* -- Reading the folder ----------------------------------------------------- */

static void
show_issues (TdLibraryView *self)
{
  GtkWidget *child;

  gtk_spinner_stop (self->spinner);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);
  if (self->issues->len == 0)
    {
      g_autofree char *folder = dup_folder_display (self->folder);
      g_autofree char *description = NULL;

      /* Translators: %s is a folder, such as ~/Documents/Newsletter */
      description = g_strdup_printf (_("Your issues are kept in %s, each in a folder of its "
                                       "month with its pictures. Start the first one, or "
                                       "choose the folder where your issues are."), folder);
      adw_status_page_set_description (self->status_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < self->issues->len; i++)
    gtk_flow_box_append (self->flow_box, new_card (self->issues->pdata[i]));
  gtk_stack_set_visible_child_name (self->stack, "issues");
}

static void
show_listing (TdLibraryView *self)
{
  show_issues (self);
  if (self->focus_when_listed)
    {
      self->focus_when_listed = FALSE;
      td_library_view_focus (self);
    }
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TdLibraryView *self = user_data;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  issues = td_library_list_finish (result, &error);
  if (issues == NULL)
    {
      /* Cancelled: the view is gone, or reads again. */
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  self->issues = g_steal_pointer (&issues);
  show_listing (self);
  g_object_unref (self);
}

void
td_library_view_reload (TdLibraryView *self)
{
  g_autofree char *display = NULL;

  g_return_if_fail (TD_IS_LIBRARY_VIEW (self));

  if (self->folder == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  self->cancellable = g_cancellable_new ();
  display = dup_folder_display (self->folder);
  gtk_label_set_text (self->folder_label, display);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  td_library_list_async (self->folder, self->cancellable, listed_cb, g_object_ref (self));
}

void
td_library_view_set_folder (TdLibraryView *self,
                            const char    *folder)
{
  g_return_if_fail (TD_IS_LIBRARY_VIEW (self));
  g_return_if_fail (folder != NULL);

  if (g_strcmp0 (self->folder, folder) != 0)
    {
      g_free (self->folder);
      self->folder = g_strdup (folder);
    }
  td_library_view_reload (self);
}

const char *
td_library_view_get_folder (TdLibraryView *self)
{
  g_return_val_if_fail (TD_IS_LIBRARY_VIEW (self), NULL);
  return self->folder;
}

GPtrArray *
td_library_view_get_issues (TdLibraryView *self)
{
  g_return_val_if_fail (TD_IS_LIBRARY_VIEW (self), NULL);
  return self->issues;
}

void
td_library_view_focus (TdLibraryView *self)
{
  GtkFlowBoxChild *first;

  g_return_if_fail (TD_IS_LIBRARY_VIEW (self));

  /* Still reading: once it is read. */
  self->focus_when_listed = self->issues == NULL;
  if (self->issues != NULL && self->issues->len > 0 &&
      (first = gtk_flow_box_get_child_at_index (self->flow_box, 0)) != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->flow_box)))
        return;
      /* Through the box's own keyboard focus, not a grab: the box then
       * knows its cursor, and the arrow keys move from there (GTK 4.8's
       * GtkFlowBox ignores them on a child focused by a grab). */
      if (!gtk_widget_child_focus (GTK_WIDGET (self->flow_box), GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (GTK_WIDGET (first));
    }
  else if (self->issues != NULL && self->issues->len == 0)
    gtk_widget_grab_focus (self->empty_new_button);
}

GtkFlowBox *
_td_library_view_get_flow_box (TdLibraryView *self)
{
  return self->flow_box;
}

/* -- GObject ------------------------------------------------------------------- */

static void
td_library_view_dispose (GObject *object)
{
  TdLibraryView *self = TD_LIBRARY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* No gtk_widget_dispose_template(): the template's top widget is the
   * bin's child, which AdwBin's dispose unparents (twice would be once too
   * many). */

  G_OBJECT_CLASS (td_library_view_parent_class)->dispose (object);
}

static void
td_library_view_finalize (GObject *object)
{
  TdLibraryView *self = TD_LIBRARY_VIEW (object);

  g_free (self->folder);
  g_clear_pointer (&self->issues, g_ptr_array_unref);

  G_OBJECT_CLASS (td_library_view_parent_class)->finalize (object);
}

static void
td_library_view_class_init (TdLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_library_view_dispose;
  object_class->finalize = td_library_view_finalize;

  /**
   * TdLibraryView::issue-activated:
   * @file: the issue's file
   *
   * A card was activated: the window opens the issue.
   */
  signals[ISSUE_ACTIVATED] =
    g_signal_new ("issue-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidings/Tidings/td-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TdLibraryView, stack);
  gtk_widget_class_bind_template_child (widget_class, TdLibraryView, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdLibraryView, status_page);
  gtk_widget_class_bind_template_child (widget_class, TdLibraryView, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, TdLibraryView, empty_choose_button);
  gtk_widget_class_bind_template_child (widget_class, TdLibraryView, folder_label);
  gtk_widget_class_bind_template_child (widget_class, TdLibraryView, choose_button);
  gtk_widget_class_bind_template_child (widget_class, TdLibraryView, new_button);
  gtk_widget_class_bind_template_child (widget_class, TdLibraryView, flow_box);
  gtk_widget_class_bind_template_callback (widget_class, child_activated_cb);
  gtk_widget_class_set_css_name (widget_class, "tdlibraryview");
}

static void
td_library_view_init (TdLibraryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Named once (GTK 4.8 names a button with a mnemonic "_New Issue New Issue"). */
  td_button_set_accessible_name (self->new_button, _("New Issue"));
  td_button_set_accessible_name (self->empty_new_button, _("New Issue"));
  td_button_set_accessible_name (self->choose_button, _("Choose Folder"));
  td_button_set_accessible_name (self->empty_choose_button, _("Choose Folder"));
}

GtkWidget *
td_library_view_new (void)
{
  return g_object_new (TD_TYPE_LIBRARY_VIEW, NULL);
}
