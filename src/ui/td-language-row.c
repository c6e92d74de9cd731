/* td-language-row.c: the newsletter's language, picked by name
 *
 * The issue stores a BCP 47 tag ("en", "es-MX"); she picks "English" or
 * "Español". Each language is shown by its own name, as GNOME's language
 * choosers do, so that she finds hers whatever the interface's language.
 * A tag the list doesn't have (a region, a rarer language) is shown as it
 * is and kept.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-issue.h"
#include "td-json-path.h"
#include "td-language-row.h"
#include "td-spelling.h"

static const struct
{
  const char *tag;
  const char *name;
} languages[] = {
  { "en", "English" },
  { "es", "Español" },
  { "fr", "Français" },
  { "de", "Deutsch" },
  { "it", "Italiano" },
  { "pt", "Português" },
  { "nl", "Nederlands" },
  { "pl", "Polski" },
  { "sv", "Svenska" },
  { "da", "Dansk" },
  { "nb", "Norsk bokmål" },
  { "fi", "Suomi" },
  { "cs", "Čeština" },
  { "el", "Ελληνικά" },
  { "tr", "Türkçe" },
  { "ru", "Русский" },
  { "uk", "Українська" },
  { "he", "עברית" },
  { "ar", "العربية" },
  { "hi", "हिन्दी" },
  { "zh", "中文" },
  { "ja", "日本語" },
  { "ko", "한국어" },
};

struct _TdLanguageRow
{
  AdwComboRow parent_instance;

  GtkStringList *names;
  GPtrArray *tags;          /* the tag of each name, in order */

  TdDocument *document;
  char *scope;
  char *path;
  gboolean updating;

  TdSpeller *speller;       /* of the language shown, for the note */
  GtkWidget *note;          /* "No spelling dictionary", when there is none */
};

G_DEFINE_FINAL_TYPE (TdLanguageRow, td_language_row, ADW_TYPE_COMBO_ROW)

static const char *
current_tag (TdLanguageRow *self)
{
  return td_issue_get_field_string (td_document_get_root (self->document), self->scope,
                                    self->path);
}

/* "es-MX": "Español (es-MX)"; a language the list hasn't: the tag. */
static char *
dup_display_name (const char *tag)
{
  size_t base = strcspn (tag, "-_");

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strlen (languages[i].tag) == base && g_ascii_strncasecmp (tag, languages[i].tag, base) == 0)
      return tag[base] == '\0' ? g_strdup (languages[i].name)
                               : g_strdup_printf ("%s (%s)", languages[i].name, tag);
  return g_strdup (tag);
}

static guint
find_tag (TdLanguageRow *self,
          const char    *tag)
{
  for (guint i = 0; i < self->tags->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->tags, i), tag) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
selected_cb (TdLanguageRow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  g_autofree char *path = NULL;
  const char *tag;

  /* Being disposed: the widgets let go of their values. */
  if (self->document == NULL || self->updating || selected >= self->tags->len)
    return;
  tag = g_ptr_array_index (self->tags, selected);
  if (g_str_equal (tag, current_tag (self)))
    return;
  path = td_issue_field_path (td_document_get_root (self->document), self->scope, self->path);
  if (path != NULL)
    td_document_set_string (self->document, path, tag, TD_EDIT_NONE);
}

/* Without a dictionary for the language, nothing is underlined: she is
 * told so here, where the language is chosen. */
static void
update_note (TdLanguageRow *self)
{
  gboolean none = self->speller != NULL && !td_speller_is_loading (self->speller) &&
                  !td_speller_has_dictionary (self->speller);

  gtk_widget_set_visible (self->note, none);
  if (none)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gtk_widget_get_tooltip_text (self->note), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_speller (TdLanguageRow *self,
                const char    *tag)
{
  if (self->speller != NULL && g_str_equal (td_speller_get_language (self->speller),
                                            tag[0] != '\0' ? tag : "en"))
    return;
  if (self->speller != NULL)
    g_signal_handlers_disconnect_by_data (self->speller, self);
  g_clear_object (&self->speller);
  self->speller = td_speller_get_shared_deferred (tag);
  g_signal_connect_object (self->speller, "changed", G_CALLBACK (update_note), self,
                           G_CONNECT_SWAPPED);
  update_note (self);
}

void
td_language_row_refresh (TdLanguageRow *self)
{
  const char *tag;
  guint position;

  g_return_if_fail (TD_IS_LANGUAGE_ROW (self));

  tag = current_tag (self);
  self->updating = TRUE;
  if (tag[0] != '\0' && (position = find_tag (self, tag)) == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *name = dup_display_name (tag);

      g_ptr_array_add (self->tags, g_strdup (tag));
      gtk_string_list_append (self->names, name);
      position = self->tags->len - 1;
    }
  else if (tag[0] == '\0')
    position = 0;         /* no language is English to the renderers */
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), position);
  self->updating = FALSE;
  update_speller (self, tag);
}

static void
td_language_row_dispose (GObject *object)
{
  TdLanguageRow *self = TD_LANGUAGE_ROW (object);

  if (self->speller != NULL)
    g_signal_handlers_disconnect_by_data (self->speller, self);
  g_clear_object (&self->speller);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (td_language_row_parent_class)->dispose (object);
}

static void
td_language_row_finalize (GObject *object)
{
  TdLanguageRow *self = TD_LANGUAGE_ROW (object);

  g_ptr_array_unref (self->tags);
  g_free (self->scope);
  g_free (self->path);
  G_OBJECT_CLASS (td_language_row_parent_class)->finalize (object);
}

static void
td_language_row_class_init (TdLanguageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_language_row_dispose;
  object_class->finalize = td_language_row_finalize;
}

static void
td_language_row_init (TdLanguageRow *self)
{
  self->names = gtk_string_list_new (NULL);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      gtk_string_list_append (self->names, languages[i].name);
      g_ptr_array_add (self->tags, g_strdup (languages[i].tag));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (self->names));

  self->note = gtk_label_new (_("No spelling dictionary"));
  gtk_widget_add_css_class (self->note, "dim-label");
  gtk_widget_add_css_class (self->note, "caption");
  gtk_widget_set_tooltip_text (self->note,
                               _("Spelling can’t be checked in this language: install a "
                                 "hunspell dictionary for it"));
  gtk_widget_set_visible (self->note, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->note);
  g_object_unref (self->names);     /* the row holds it */
  g_signal_connect (self, "notify::selected", G_CALLBACK (selected_cb), NULL);
}

GtkWidget *
td_language_row_new (TdDocument *document,
                     const char *scope,
                     const char *path,
                     const char *title)
{
  TdLanguageRow *self;

  g_return_val_if_fail (TD_IS_DOCUMENT (document), NULL);

  self = g_object_new (TD_TYPE_LANGUAGE_ROW, "title", title, NULL);
  self->document = g_object_ref (document);
  self->scope = g_strdup (scope);
  self->path = g_strdup (path);
  td_language_row_refresh (self);
  return GTK_WIDGET (self);
}
