/* td-renderer.c: which GTK renderer draws the windows
 *
 * GTK 4.8's OpenGL renderer redraws the whole window on every frame where
 * the driver can't tell it what changed, as Mesa's software rasteriser
 * (llvmpipe) can't on X11: there, one keystroke cost the window two
 * full-window frames of software OpenGL, some 95 ms of CPU with the sample
 * (docs/benchmarks.md, "Typing"). The cairo renderer redraws only what
 * changed. GTK 4.14 stopped using OpenGL on software rasterisers itself
 * ("gsk: Don't use gpu renderers with llvmpipe"); this does the same on the
 * older GTK we build for. GSK_RENDERER, when set, still decides.
 */

#include "config.h"

#include <string.h>

#include <epoxy/gl.h>

#include "td-renderer.h"

static gboolean chosen;

#if !GTK_CHECK_VERSION (4, 14, 0)
static gboolean
is_software (const char *renderer)
{
  static const char * const names[] = { "llvmpipe", "softpipe", "swrast", "SWR", NULL };

  for (guint i = 0; renderer != NULL && names[i] != NULL; i++)
    if (strstr (renderer, names[i]) != NULL)
      return TRUE;
  return FALSE;
}
#endif

void
td_renderer_choose (void)
{
#if !GTK_CHECK_VERSION (4, 14, 0)
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *renderer;

  if (display == NULL || g_getenv ("GSK_RENDERER") != NULL)
    return;
  /* No OpenGL at all: GTK falls back to cairo by itself. */
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    return;
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  if (is_software (renderer))
    {
      g_debug ("OpenGL is %s, a software rasteriser: drawing with cairo", renderer);
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      /* WebKit hands its pages over as DMA-BUFs for OpenGL to draw; the
       * cairo renderer can't, and the page's process then failed. */
      g_setenv ("WEBKIT_DISABLE_DMABUF_RENDERER", "1", FALSE);
      chosen = TRUE;
    }
  gdk_gl_context_clear_current ();
#endif
}

void
td_renderer_forget (void)
{
  /* GSK read it when the first window was realized; WebKit's processes,
   * started after, are not to inherit it (their pages then failed). */
  if (chosen)
    g_unsetenv ("GSK_RENDERER");
  chosen = FALSE;
}
