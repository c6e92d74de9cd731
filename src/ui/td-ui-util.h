/* td-ui-util.h: small fixes shared by the app's widgets */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* No tooltip while the button's menu is open: GTK 4.8 leaves it over the
 * menu's first item. Call once the button has its menu. */
void td_menu_button_quiet_tooltip (GtkMenuButton *button);

/* For a toggle button in the radio role (GTK 4.8 has no toggle-button
 * role): its "checked" state follows GtkToggleButton:active. */
void td_toggle_button_checked_state (GtkToggleButton *button);

G_END_DECLS
