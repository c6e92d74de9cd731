/* td-ui-util.c: small fixes shared by the app's widgets */

#include "config.h"

#include "td-ui-util.h"

static void
popover_show_cb (GtkWidget *popover,
                 GtkWidget *button)
{
  gtk_widget_set_has_tooltip (button, FALSE);
}

static void
popover_closed_cb (GtkPopover *popover,
                   GtkWidget  *button)
{
  gtk_widget_set_has_tooltip (button, TRUE);
}

void
td_menu_button_quiet_tooltip (GtkMenuButton *button)
{
  GtkPopover *popover;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  popover = gtk_menu_button_get_popover (button);
  g_return_if_fail (popover != NULL);
  g_signal_connect_object (popover, "show", G_CALLBACK (popover_show_cb), button, 0);
  g_signal_connect_object (popover, "closed", G_CALLBACK (popover_closed_cb), button, 0);
}

static void
sync_checked (GtkToggleButton *button)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button), -1);
}

void
td_toggle_button_checked_state (GtkToggleButton *button)
{
  g_return_if_fail (GTK_IS_TOGGLE_BUTTON (button));

  g_signal_connect (button, "notify::active", G_CALLBACK (sync_checked), NULL);
  sync_checked (button);
}
