/* td-theme.h: the small visual theme shared by the web page and the email
 *
 * Everything derives from the practice's brand colour, adjusted so that text
 * and buttons keep a contrast of at least 4.5:1 on white (WCAG AA).
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

typedef struct
{
  char brand[8];        /* the brand colour as given ("#2f6f73") */
  char accent[8];       /* brand, darkened if needed: headings, links, buttons */
  char accent_tint[8];  /* a very light brand tint for panels */
  char text[8];         /* body text */
  char muted[8];        /* secondary text: captions, footer */
  char page[8];         /* behind the content column */
  char surface[8];      /* the content column */
  char border[8];
  char on_accent[8];    /* text on accent (buttons) */
  const char *font_body;     /* CSS font-family lists, ending in a generic family */
  const char *font_heading;
  guint content_width;  /* px: the email column, the web page's measure */
  /* For a dark preference (prefers-color-scheme), in the web page and the
   * email alike: the brand lightened for headings, links and buttons (dark
   * text on it), and a dark tint of it for panels. */
  struct
  {
    char accent[8];
    char tint[8];
    char text[8];
    char muted[8];
    char page[8];
    char surface[8];
    char border[8];
    char on_accent[8];
  } dark;
} TdTheme;

void   td_theme_init             (TdTheme    *theme,
                                  const char *brand_color);

/* WCAG contrast ratio between two #rrggbb colours, 1.0 to 21.0. */
double td_theme_contrast_ratio   (const char *color_a,
                                  const char *color_b);

G_END_DECLS
