/* td-preview-focus.c: the preview as one keyboard stop
 *
 * WebKit moves the focus through every link of the page on Tab, so a
 * keyboard user would walk through the whole newsletter to get past the
 * preview. Here the page is one stop, entered on purpose with Enter, as a
 * browser's page is: Tab and Shift+Tab then go through its links until
 * Escape, or the end of the page, leaves it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-preview-focus.h"

#define TOOLBAR_KEY  "td-preview-toolbar"
#define WEB_VIEW_KEY "td-preview-web-view"
#define ENTERED_KEY  "td-preview-entered"

static gboolean
is_entered (GtkWidget *web_view)
{
  return g_object_get_data (G_OBJECT (web_view), ENTERED_KEY) != NULL;
}

static void
set_entered (GtkWidget *web_view,
             gboolean   entered)
{
  g_object_set_data (G_OBJECT (web_view), ENTERED_KEY, GINT_TO_POINTER (entered));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWidget             *web_view)
{
  GtkRoot *root = gtk_widget_get_root (web_view);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (is_entered (web_view) || root == NULL)
        return FALSE;
      /* Past the page, as past any other widget. */
      gtk_widget_child_focus (GTK_WIDGET (root),
                              keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0
                              ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (is_entered (web_view))
        return FALSE;
      set_entered (web_view, TRUE);
      return TRUE;
    case GDK_KEY_Escape:
      if (!is_entered (web_view))
        return FALSE;
      set_entered (web_view, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                GtkWidget               *web_view)
{
  set_entered (web_view, FALSE);
}

void
_td_preview_focus_init (GtkWidget *preview,
                        GtkWidget *toolbar,
                        GtkWidget *web_view)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (preview), TOOLBAR_KEY, toolbar);
  g_object_set_data (G_OBJECT (preview), WEB_VIEW_KEY, web_view);

  /* Before WebKit sees the key. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), web_view);
  gtk_widget_add_controller (web_view, keys);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), web_view);
  gtk_widget_add_controller (web_view, focus);

  gtk_widget_set_focusable (web_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (web_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview of the newsletter"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Press Enter to move through its links with Tab, "
                                    "Escape to leave them"),
                                  -1);
}

gboolean
_td_preview_focus (GtkWidget        *preview,
                   GtkDirectionType  direction)
{
  GtkWidget *toolbar = g_object_get_data (G_OBJECT (preview), TOOLBAR_KEY);
  GtkWidget *web_view = g_object_get_data (G_OBJECT (preview), WEB_VIEW_KEY);
  GtkRoot *root = gtk_widget_get_root (preview);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;

  if (toolbar == NULL || web_view == NULL ||
      (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD))
    return FALSE;

  /* From the page (entered or not, WebKit hands the focus on at the end
   * of its links): out forward, to the buttons backward. */
  if (focus != NULL && (focus == web_view || gtk_widget_is_ancestor (focus, web_view)))
    {
      set_entered (web_view, FALSE);
      return forward ? FALSE : gtk_widget_child_focus (toolbar, direction);
    }
  /* In the buttons: through them, then the page as a whole (not its first
   * or last link, as WebKit would take it). */
  if (focus != NULL && gtk_widget_is_ancestor (focus, toolbar))
    {
      if (gtk_widget_child_focus (toolbar, direction))
        return TRUE;
      return forward ? gtk_widget_grab_focus (web_view) : FALSE;
    }
  /* From elsewhere: the buttons first going forward, the page going back. */
  if (forward)
    return gtk_widget_child_focus (toolbar, direction) || gtk_widget_grab_focus (web_view);
  return gtk_widget_grab_focus (web_view);
}
