/* td-settings.h: the app's settings, when they can be had */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A new GSettings for the app's schema, or NULL when the schema is not
 * installed (an uninstalled run without GSETTINGS_SCHEMA_DIR): then
 * nothing is kept between runs, and the app says so once. */
GSettings *td_settings_new (void);

G_END_DECLS
