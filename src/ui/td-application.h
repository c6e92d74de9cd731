/* td-application.h: the Tidings application */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_APPLICATION (td_application_get_type ())

G_DECLARE_FINAL_TYPE (TdApplication, td_application, TD, APPLICATION, AdwApplication)

/* flags are added to HANDLES_OPEN (tests add NON_UNIQUE). */
TdApplication *td_application_new              (GApplicationFlags  flags);
/* The app's settings, or NULL when the schema is not installed (an
 * uninstalled run without GSETTINGS_SCHEMA_DIR). */
GSettings     *td_application_get_settings     (TdApplication     *self);
/* The bundled sample issue's folder: $TIDINGS_SAMPLE_DIR, else the
 * installed copy. */
char          *td_application_dup_sample_dir   (void);
/* Opens file in the window already showing it, a window with nothing to
 * lose, or a new one. */
void           td_application_open_file        (TdApplication     *self,
                                                GFile             *file);

G_END_DECLS
