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

void
td_button_set_accessible_name (GtkWidget  *button,
                               const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (button));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

void
td_entry_row_expose_text (AdwEntryRow *row,
                          const char  *name)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  /* Roles can only be set before the widgets are shown to the
   * accessibility bus. */
  g_object_set (row, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  td_button_set_accessible_name (GTK_WIDGET (row), name);
  if (text == NULL)
    return;
  g_object_set (text, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
td_buttons_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      g_autoptr(GString) name = g_string_new (gtk_button_get_label (GTK_BUTTON (root)));

      /* "_Save" reads "Save"; "__" is a real underscore. */
      for (gsize i = 0; i < name->len; i++)
        if (name->str[i] == '_')
          g_string_erase (name, (gssize) i, 1);
      td_button_set_accessible_name (root, name->str);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    td_buttons_fix_names (child);
}
