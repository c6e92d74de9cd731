/* td-window-focus.c: the keyboard's way through the window
 *
 * The window is four panes: the header bar, the outline, the form and the
 * preview. Tab walks through a pane and on to the next one, in that order
 * whatever the order of the widgets in the flap and the leaflet; the
 * outline's list is one stop (arrows move in it, Tab and Enter go to the
 * form), as the preview's page is (td-preview-focus.c). F6 and Shift+F6
 * jump from pane to pane (outline, form, preview), as in GNOME's apps;
 * going back to the form puts the focus in the field it had.
 */

#include "config.h"

#include "td-window-private.h"

enum
{
  PANE_HEADER,
  PANE_OUTLINE,
  PANE_FORM,
  PANE_PREVIEW,
  N_PANES
};

static GtkWidget *
get_pane (TdWindow *self,
          guint     pane)
{
  switch (pane)
    {
    case PANE_HEADER:
      return GTK_WIDGET (self->header_bar);
    case PANE_OUTLINE:
      return GTK_WIDGET (self->outline);
    case PANE_FORM:
      return GTK_WIDGET (self->editor_scroller);
    case PANE_PREVIEW:
      return GTK_WIDGET (self->preview);
    default:
      g_assert_not_reached ();
    }
}

/* Shown: a folded outline or a folded-away pane of the leaflet is not. */
static gboolean
pane_is_shown (TdWindow *self,
               guint     pane)
{
  GtkWidget *widget = get_pane (self, pane);

  if (pane == PANE_OUTLINE && !adw_flap_get_reveal_flap (self->flap))
    return FALSE;
  return gtk_widget_get_mapped (widget) && gtk_widget_get_child_visible (widget);
}

static int
find_focus_pane (TdWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (guint pane = 0; focus != NULL && pane < N_PANES; pane++)
    {
      GtkWidget *widget = get_pane (self, pane);

      if (focus == widget || gtk_widget_is_ancestor (focus, widget))
        return (int) pane;
    }
  return -1;
}

static gboolean
focus_in_outline_list (TdWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL &&
         gtk_widget_is_ancestor (focus, GTK_WIDGET (td_outline_get_list_box (self->outline)));
}

/* Back to the field she was in, when it is still in the form shown. */
static gboolean
focus_form (TdWindow *self)
{
  GtkWidget *last = g_weak_ref_get (&self->last_form_focus);
  gboolean done = FALSE;

  if (self->form == NULL)
    _td_window_show_form (self, TRUE);
  if (last != NULL && self->form != NULL && gtk_widget_is_ancestor (last, self->form) &&
      gtk_widget_get_mapped (last))
    done = gtk_widget_grab_focus (last);
  g_clear_object (&last);
  return done || gtk_widget_child_focus (GTK_WIDGET (self->editor_scroller),
                                         GTK_DIR_TAB_FORWARD);
}

/* Into a pane from outside it: the outline on its selection, the form
 * where it was, the others by GTK's own rule for the direction. */
static gboolean
enter_pane (TdWindow         *self,
            guint             pane,
            GtkDirectionType  direction)
{
  if (!pane_is_shown (self, pane))
    return FALSE;
  switch (pane)
    {
    case PANE_OUTLINE:
      if (direction == GTK_DIR_TAB_FORWARD)
        {
          td_outline_focus (self->outline);
          return TRUE;
        }
      return gtk_widget_child_focus (get_pane (self, pane), direction);
    case PANE_FORM:
      if (direction == GTK_DIR_TAB_FORWARD)
        return focus_form (self);
      return gtk_widget_child_focus (get_pane (self, pane), direction);
    default:
      return gtk_widget_child_focus (get_pane (self, pane), direction);
    }
}

gboolean
_td_window_focus (TdWindow         *self,
                  GtkDirectionType  direction)
{
  int current = find_focus_pane (self);
  int step = direction == GTK_DIR_TAB_FORWARD ? 1 : -1;

  g_assert (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD);

  if (current < 0)
    return FALSE;
  /* Within the pane first; the outline's list is left at once. */
  if (!(current == PANE_OUTLINE && focus_in_outline_list (self)) &&
      gtk_widget_child_focus (get_pane (self, (guint) current), direction))
    return TRUE;
  for (int i = 1; i <= N_PANES; i++)
    {
      guint pane = (guint) ((current + step * i + N_PANES) % N_PANES);

      if (enter_pane (self, pane, direction))
        return TRUE;
    }
  return FALSE;
}

/* F6 and Shift+F6: the panes without the header bar. */
static void
cycle_panes (TdWindow *self,
             int       step)
{
  int current = find_focus_pane (self);

  if (current < 0 || current == PANE_HEADER)
    current = step > 0 ? PANE_PREVIEW : PANE_OUTLINE;
  for (int i = 1; i < N_PANES; i++)
    {
      guint pane = (guint) current;

      /* Panes 1 to 3, round. */
      pane = (guint) (((int) pane - 1 + step * i + 3 * N_PANES) % 3) + 1;
      if (!pane_is_shown (self, pane))
        continue;
      if (pane == PANE_OUTLINE)
        {
          td_outline_focus (self->outline);
          return;
        }
      if (pane == PANE_FORM && focus_form (self))
        return;
      if (pane == PANE_PREVIEW &&
          gtk_widget_grab_focus (GTK_WIDGET (td_preview_get_web_view (self->preview))))
        return;
    }
}

static void
next_pane_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  cycle_panes (user_data, 1);
}

static void
previous_pane_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  cycle_panes (user_data, -1);
}

static void
focus_form_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TdWindow *self = user_data;

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  focus_form (self);
}

static void
row_activated_cb (TdWindow      *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "focus-form", NULL);
}

static void
focus_widget_cb (TdWindow   *self,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && self->form != NULL && gtk_widget_is_ancestor (focus, self->form))
    g_weak_ref_set (&self->last_form_focus, focus);
}

static const GActionEntry focus_actions[] = {
  { "next-pane", next_pane_action, NULL, NULL, NULL, { 0 } },
  { "previous-pane", previous_pane_action, NULL, NULL, NULL, { 0 } },
  { "focus-form", focus_form_action, NULL, NULL, NULL, { 0 } },
};

void
_td_window_focus_init (TdWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), focus_actions,
                                   G_N_ELEMENTS (focus_actions), self);
  g_signal_connect_object (td_outline_get_list_box (self->outline), "row-activated",
                           G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_widget_cb), NULL);
}
