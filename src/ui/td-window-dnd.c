/* td-window-dnd.c: an issue file dropped on the window opens there */

#include "config.h"

#include "td-window-private.h"

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TdWindow      *self)
{
  g_autoptr(GSList) files = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = gdk_file_list_get_files (g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = g_slist_prepend (NULL, g_value_get_object (value));

  /* The first issue among what was dropped; pictures have their own drop
   * targets on the picture fields. */
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *basename = g_file_get_basename (l->data);

      if (basename != NULL && g_str_has_suffix (basename, ".tidings"))
        {
          _td_window_open_file (self, l->data);
          return TRUE;
        }
    }
  return FALSE;
}

void
_td_window_dnd_init (TdWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  gtk_drop_target_set_gtypes (drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop));
}
