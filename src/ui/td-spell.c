/* td-spell.c: spelling underlined as she types, with suggestions
 *
 * The setting, and what the text view (td-spell-view.c) and the entry
 * (td-spell-entry.c) share: the speller, the idle, the context menu and
 * its actions (td-spell-private.h).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-spell-private.h"
#include "td-json-path.h"

#define MAX_SUGGESTIONS 5

/* The setting
 * ------------------------------------------------------------------------ */

#define TD_TYPE_SPELL_SETTINGS (td_spell_settings_get_type ())

G_DECLARE_FINAL_TYPE (TdSpellSettings, td_spell_settings, TD, SPELL_SETTINGS, GObject)

struct _TdSpellSettings
{
  GObject parent_instance;
  gboolean enabled;
};

G_DEFINE_FINAL_TYPE (TdSpellSettings, td_spell_settings, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
td_spell_settings_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, TD_SPELL_SETTINGS (object)->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_spell_settings_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ENABLED:
      td_spell_set_enabled (g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_spell_settings_class_init (TdSpellSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = td_spell_settings_get_property;
  object_class->set_property = td_spell_settings_set_property;
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_spell_settings_init (TdSpellSettings *self)
{
  self->enabled = TRUE;
}

GObject *
td_spell_get_settings (void)
{
  static TdSpellSettings *settings;

  if (settings == NULL)
    settings = g_object_new (TD_TYPE_SPELL_SETTINGS, NULL);
  return G_OBJECT (settings);
}

gboolean
td_spell_get_enabled (void)
{
  return TD_SPELL_SETTINGS (td_spell_get_settings ())->enabled;
}

void
td_spell_set_enabled (gboolean enabled)
{
  TdSpellSettings *settings = TD_SPELL_SETTINGS (td_spell_get_settings ());

  enabled = !!enabled;
  if (settings->enabled == enabled)
    return;
  settings->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (settings), properties[PROP_ENABLED]);
}

/* Shared by the view and the entry
 * ------------------------------------------------------------------------ */

/* The speller of the language (its dictionary perhaps still
 * loading: the fields are checked again once it is there). */
static TdSpeller *
speller_for (TdDocument *document)
{
  const char *language = td_json_path_get_string (td_document_get_root (document),
                                                  "issue.language");

  return td_speller_get_shared_deferred (language);
}

static gboolean
is_language_change (const char *scope,
                    const char *key_path)
{
  return g_str_equal (scope, "issue") &&
         (key_path[0] == '\0' || g_str_equal (key_path, "language"));
}

/* The menu for @word (misspelt), or for no word (empty). */
static void
fill_menu (GMenu      *menu,
           TdSpeller  *speller,
           const char *word)
{
  g_autoptr(GMenu) suggestions = NULL;
  g_autoptr(GMenu) dictionary = NULL;
  g_auto(GStrv) words = NULL;

  g_menu_remove_all (menu);
  if (!td_spell_get_enabled () || td_speller_is_loading (speller))
    return;
  if (!td_speller_has_dictionary (speller))
    {
      g_autofree char *note = NULL;

      if (word == NULL)
        return;
      /* Translators: %s is a language tag such as "de" */
      note = g_strdup_printf (_("No spelling dictionary for “%s”"),
                              td_speller_get_language (speller));
      g_menu_append (menu, note, "spelling.none");
      return;
    }
  if (word == NULL)
    return;

  suggestions = g_menu_new ();
  words = td_speller_suggest (speller, word, -1, MAX_SUGGESTIONS);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (words[i], NULL);

      g_menu_item_set_action_and_target_value (item, "spelling.correct",
                                               g_variant_new_string (words[i]));
      g_menu_append_item (suggestions, item);
    }
  if (words[0] == NULL)
    g_menu_append (suggestions, _("(No Suggestions)"), "spelling.none");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (suggestions));

  dictionary = g_menu_new ();
  g_menu_append (dictionary, _("_Add to Dictionary"), "spelling.add");
  g_menu_append (dictionary, _("_Ignore"), "spelling.ignore");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (dictionary));
}

gboolean
td_spell_word_at (const char  *text,
                  gsize        cursor,
                  gboolean     markdown,
                  TdWordRange *found)
{
  g_autoptr(GArray) words = td_spelling_find_words (text, -1, markdown);

  for (guint i = 0; i < words->len; i++)
    {
      TdWordRange *range = &g_array_index (words, TdWordRange, i);

      if (range->start <= cursor && cursor <= range->end)
        {
          *found = *range;
          return TRUE;
        }
    }
  return FALSE;
}

GMenuModel *
td_spell_field_fill_menu (TdSpellField *field)
{
  gboolean misspelt = field->menu_word != NULL &&
                      (!td_speller_check_word (field->speller, field->menu_word, -1) ||
                       !td_speller_has_dictionary (field->speller));

  fill_menu (field->menu, field->speller, misspelt ? field->menu_word : NULL);
  return G_MENU_MODEL (field->menu);
}

static gboolean
field_idle_cb (gpointer user_data)
{
  TdSpellField *field = user_data;

  field->idle_id = 0;
  field->ops->flush (field);
  return G_SOURCE_REMOVE;
}

void
td_spell_field_schedule (TdSpellField *field)
{
  if (field->idle_id == 0)
    field->idle_id = g_idle_add_full (G_PRIORITY_LOW, field_idle_cb, field, NULL);
}

static void
field_set_speller (TdSpellField *field,
                   TdSpeller    *speller)
{
  if (field->speller == speller)
    return;
  g_clear_signal_handler (&field->speller_changed_id, field->speller);
  g_set_object (&field->speller, speller);
  field->speller_changed_id = g_signal_connect_object (speller, "changed",
                                                       G_CALLBACK (field->ops->recheck), field,
                                                       G_CONNECT_SWAPPED);
  field->ops->recheck (field);
}

static void
field_changed_cb (TdSpellField *field,
                  const char   *scope,
                  const char   *key_path)
{
  g_autoptr(TdSpeller) speller = NULL;

  if (!is_language_change (scope, key_path))
    return;
  speller = speller_for (field->document);
  field_set_speller (field, speller);
}

void
td_spell_field_follow (TdSpellField *field)
{
  g_autoptr(TdSpeller) speller = NULL;

  g_signal_connect_object (field->document, "field-changed", G_CALLBACK (field_changed_cb),
                           field, G_CONNECT_SWAPPED);
  g_signal_connect_object (td_spell_get_settings (), "notify::enabled",
                           G_CALLBACK (field->ops->recheck), field, G_CONNECT_SWAPPED);

  speller = speller_for (field->document);
  field_set_speller (field, speller);
}

/* A right click: the cursor to the word clicked (ops->place_cursor), so
 * that the menu is about that word. */
static void
field_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TdSpellField    *field)
{
  field->ops->place_cursor (field, x, y);
  field->ops->update_menu (field);
}

/* Menu and Shift+F10: the menu first, then the widget's own binding. */
static gboolean
field_menu_key_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  TdSpellField *field = user_data;

  field->ops->update_menu (field);
  return FALSE;
}

static void
field_correct_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TdSpellField *field = user_data;

  field->ops->correct (field, g_variant_get_string (parameter, NULL));
}

/* "spelling.add" and "spelling.ignore": the menu's word, for good or
 * for this session. */
static void
field_dictionary_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  TdSpellField *field = user_data;

  if (field->menu_word == NULL)
    return;
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "add"))
    td_speller_add_word (field->speller, field->menu_word);
  else
    td_speller_ignore_word (field->speller, field->menu_word);
}

static GSimpleActionGroup *
actions_new (TdSpellField *field)
{
  static const GActionEntry entries[] = {
    { "correct", field_correct_action, "s", NULL, NULL, { 0 } },
    { "add", field_dictionary_action, NULL, NULL, NULL, { 0 } },
    { "ignore", field_dictionary_action, NULL, NULL, NULL, { 0 } },
  };
  GSimpleActionGroup *group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) none = g_simple_action_new ("none", NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, (int) G_N_ELEMENTS (entries),
                                   field);
  /* The menu's notes (no dictionary, no suggestions) are shown, not done. */
  g_simple_action_set_enabled (none, FALSE);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (none));
  return group;
}

static GtkShortcutController *
menu_key_shortcuts_new (GtkShortcutFunc func,
                        gpointer        self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Menu|<Shift>F10"),
                      gtk_callback_action_new (func, self, NULL)));
  return GTK_SHORTCUT_CONTROLLER (shortcuts);
}

void
td_spell_field_attach (TdSpellField          *field,
                       const TdSpellFieldOps *ops,
                       GtkWidget             *widget,
                       TdDocument            *document)
{
  GtkGesture *click;
  GtkEventController *focus;

  field->ops = ops;
  field->document = document;
  g_object_set_data_full (G_OBJECT (widget), "td-spell", field, g_object_unref);

  field->menu = g_menu_new ();
  field->actions = actions_new (field);
  gtk_widget_insert_action_group (widget, "spelling", G_ACTION_GROUP (field->actions));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (field_pressed_cb), field, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (widget,
                             GTK_EVENT_CONTROLLER (menu_key_shortcuts_new (field_menu_key_cb,
                                                                           field)));
  /* Leaving the field ends the word being typed too. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (ops->focus_leave), field,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, focus);
}

static void
td_spell_field_dispose (GObject *object)
{
  TdSpellField *field = (TdSpellField *) object;

  g_clear_handle_id (&field->idle_id, g_source_remove);
  g_clear_signal_handler (&field->speller_changed_id, field->speller);
  g_clear_object (&field->speller);
  g_clear_object (&field->menu);
  g_clear_object (&field->actions);
  G_OBJECT_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (object)))->dispose (object);
}

static void
td_spell_field_finalize (GObject *object)
{
  TdSpellField *field = (TdSpellField *) object;

  g_free (field->menu_word);
  G_OBJECT_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (object)))->finalize (object);
}

void
td_spell_field_class_init (GObjectClass *object_class)
{
  object_class->dispose = td_spell_field_dispose;
  object_class->finalize = td_spell_field_finalize;
}
