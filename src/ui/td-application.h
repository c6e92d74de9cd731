/* td-application.h: the Tidings application */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_APPLICATION (td_application_get_type ())

G_DECLARE_FINAL_TYPE (TdApplication, td_application, TD, APPLICATION, AdwApplication)

/* flags are added to HANDLES_OPEN (tests add NON_UNIQUE). */
TdApplication *td_application_new              (GApplicationFlags  flags);
/* Opens file in the window already showing it, a window with nothing to
 * lose, or a new one. */
void           td_application_open_file        (TdApplication     *self,
                                                GFile             *file);

G_END_DECLS
