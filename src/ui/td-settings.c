/* td-settings.c: the app's settings, when they can be had */

#include "config.h"

#include "td-settings.h"

GSettings *
td_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static gsize warned;

  if (source != NULL &&
      (schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) != NULL)
    return g_settings_new_full (schema, NULL, NULL);
  if (g_once_init_enter (&warned))
    {
      g_message ("The settings schema %s is not installed: settings won’t be kept "
                 "(set GSETTINGS_SCHEMA_DIR for an uninstalled run)", APPLICATION_ID);
      g_once_init_leave (&warned, 1);
    }
  return NULL;
}
