/* td-month-row.c: the issue's month, picked by name and year
 *
 * She thinks "September 2023", not "2023-09": a list of the months by name
 * (in the interface's language) and the year, written to the issue as the
 * file format wants it.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "td-issue.h"
#include "td-json-path.h"
#include "td-month-row.h"

struct _TdMonthRow
{
  AdwActionRow parent_instance;

  GtkWidget *month;         /* GtkDropDown of the twelve months */
  GtkWidget *year;          /* GtkSpinButton */

  TdDocument *document;
  char *scope;
  char *path;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (TdMonthRow, td_month_row, ADW_TYPE_ACTION_ROW)

static char *
dup_field_path (TdMonthRow *self)
{
  return td_issue_field_path (td_document_get_root (self->document), self->scope, self->path);
}

static const char *
current_value (TdMonthRow *self)
{
  return td_issue_get_field_string (td_document_get_root (self->document), self->scope,
                                    self->path);
}

/* "2023-09" (or "2023-09-15"): its year and month, or FALSE. */
static gboolean
parse_month (const char *value,
             int        *year,
             int        *month)
{
  if (strlen (value) < 7 || !g_ascii_isdigit (value[0]) || value[4] != '-')
    return FALSE;
  *year = atoi (value);
  *month = atoi (value + 5);
  return *month >= 1 && *month <= 12;
}

static void
changed_cb (TdMonthRow *self)
{
  const char *old = current_value (self);
  g_autofree char *path = NULL;
  g_autofree char *value = NULL;
  guint month = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->month));
  int year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year));

  /* Being disposed: the widgets let go of their values. */
  if (self->document == NULL)
    return;

  if (self->updating || month == GTK_INVALID_LIST_POSITION)
    return;
  /* A day, when the issue has one, stays. */
  value = g_strdup_printf ("%04d-%02u%s", year, month + 1, strlen (old) > 7 ? old + 7 : "");
  if (g_str_equal (value, old) || (path = dup_field_path (self)) == NULL)
    return;
  td_document_set_string (self->document, path, value, TD_EDIT_NONE);
}

void
td_month_row_refresh (TdMonthRow *self)
{
  int year;
  int month;

  g_return_if_fail (TD_IS_MONTH_ROW (self));

  if (!parse_month (current_value (self), &year, &month))
    return;
  self->updating = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->month), (guint) month - 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year), year);
  self->updating = FALSE;
}

/* The months by name, in the interface's language ("%OB": the form used
 * on its own, as Slavic languages need). */
static GtkStringList *
new_month_list (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int month = 1; month <= 12; month++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2000, month, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (date, "%OB");

      gtk_string_list_append (list, name);
    }
  return list;
}

static void
td_month_row_dispose (GObject *object)
{
  TdMonthRow *self = TD_MONTH_ROW (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (td_month_row_parent_class)->dispose (object);
}

static void
td_month_row_finalize (GObject *object)
{
  TdMonthRow *self = TD_MONTH_ROW (object);

  g_free (self->scope);
  g_free (self->path);
  G_OBJECT_CLASS (td_month_row_parent_class)->finalize (object);
}

static void
td_month_row_class_init (TdMonthRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_month_row_dispose;
  object_class->finalize = td_month_row_finalize;
}

static void
td_month_row_init (TdMonthRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkStringList *months = new_month_list ();

  self->month = gtk_drop_down_new (G_LIST_MODEL (months), NULL);
  self->year = gtk_spin_button_new_with_range (1990, 2100, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year), g_date_time_get_year (now));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->month),
                              (guint) g_date_time_get_month (now) - 1);
  for (GtkWidget *w = self->month; w != NULL; w = w == self->month ? self->year : NULL)
    {
      gtk_widget_set_valign (w, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), w);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Month"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Year"), -1);
  g_signal_connect_swapped (self->month, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->year, "value-changed", G_CALLBACK (changed_cb), self);
}

GtkWidget *
td_month_row_new (TdDocument *document,
                  const char *scope,
                  const char *path,
                  const char *title)
{
  TdMonthRow *self;

  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  self = g_object_new (TD_TYPE_MONTH_ROW, "title", title, NULL);
  self->document = g_object_ref (document);
  self->scope = g_strdup (scope);
  self->path = g_strdup (path);
  td_month_row_refresh (self);
  return GTK_WIDGET (self);
}
