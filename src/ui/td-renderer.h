/* td-renderer.h: which GTK renderer draws the windows */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Before the first window is shown: on GTK older than 4.14, the cairo
 * renderer when OpenGL is a software rasteriser. */
void td_renderer_choose (void);
/* Once the first window is realized: the choice is GTK's now, and not
 * passed on to the programs this one starts. */
void td_renderer_forget (void);

G_END_DECLS
