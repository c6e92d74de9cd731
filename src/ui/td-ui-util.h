/* td-ui-util.h: small fixes shared by the app's widgets */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* No tooltip while the button's menu is open: GTK 4.8 leaves it over the
 * menu's first item. Call once the button has its menu. */
void td_menu_button_quiet_tooltip (GtkMenuButton *button);

/* For a toggle button in the radio role (GTK 4.8 has no toggle-button
 * role): its "checked" state follows GtkToggleButton:active. */
void td_toggle_button_checked_state (GtkToggleButton *button);

/* Names a button for screen readers once: GTK 4.8 reads a labelled button
 * as its raw label and its label widget both ("_Save Save"). Call after
 * every change of the button's label or icon. */
void td_button_set_accessible_name (GtkWidget  *button,
                                    const char *name);

/* The same for every button under root whose label has a mnemonic
 * ("_Discard"): the buttons of an AdwMessageDialog, say. */
void td_buttons_fix_names (GtkWidget *root);

/* The text box inside an entry row is what has the keyboard focus, but
 * libadwaita 1.2 hides it from screen readers, so nothing is reported
 * focused while she types. Shows it, named, and makes the row a group
 * around it. Call right after creating the row. */
void td_entry_row_expose_text (AdwEntryRow *row,
                               const char  *name);

G_END_DECLS
