/* td-theme.c: colours and type derived from the brand colour */

#include "config.h"

#include <math.h>
#include <string.h>

#include "td-theme.h"

#define DEFAULT_BRAND "#2f6f73"

typedef struct
{
  double r, g, b;   /* 0..1 */
} Rgb;

static gboolean
parse_color (const char *text,
             Rgb        *rgb)
{
  guint values[3];
  gsize len = text != NULL ? strlen (text) : 0;

  if (text == NULL || text[0] != '#' || (len != 4 && len != 7))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      if (len == 4)
        values[i] = g_ascii_xdigit_value (text[1 + i]) * 17;
      else
        values[i] = g_ascii_xdigit_value (text[1 + 2 * i]) * 16 +
                    g_ascii_xdigit_value (text[2 + 2 * i]);
    }
  rgb->r = values[0] / 255.0;
  rgb->g = values[1] / 255.0;
  rgb->b = values[2] / 255.0;
  return TRUE;
}

static void
format_color (const Rgb *rgb,
              char       out[8])
{
  g_snprintf (out, 8, "#%02x%02x%02x",
              (guint) lround (CLAMP (rgb->r, 0, 1) * 255),
              (guint) lround (CLAMP (rgb->g, 0, 1) * 255),
              (guint) lround (CLAMP (rgb->b, 0, 1) * 255));
}

static double
channel_luminance (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const Rgb *rgb)
{
  return 0.2126 * channel_luminance (rgb->r) + 0.7152 * channel_luminance (rgb->g) +
         0.0722 * channel_luminance (rgb->b);
}

static double
contrast (const Rgb *a,
          const Rgb *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

double
td_theme_contrast_ratio (const char *color_a,
                         const char *color_b)
{
  Rgb a, b;

  if (!parse_color (color_a, &a) || !parse_color (color_b, &b))
    return 1.0;
  return contrast (&a, &b);
}

static Rgb
mix (const Rgb *a,
     const Rgb *b,
     double     amount_of_b)
{
  Rgb out = {
    a->r + (b->r - a->r) * amount_of_b,
    a->g + (b->g - a->g) * amount_of_b,
    a->b + (b->b - a->b) * amount_of_b,
  };

  return out;
}

void
td_theme_init (TdTheme    *theme,
               const char *brand_color)
{
  const Rgb white = { 1, 1, 1 };
  const Rgb black = { 0, 0, 0 };
  Rgb brand, accent;

  g_return_if_fail (theme != NULL);

  memset (theme, 0, sizeof *theme);
  if (!parse_color (brand_color, &brand))
    parse_color (DEFAULT_BRAND, &brand);
  format_color (&brand, theme->brand);

  /* A light brand colour (say a pastel) would make unreadable links and
   * buttons: darken it in small steps until white text on it passes AA. */
  accent = brand;
  for (guint i = 0; i < 20 && contrast (&accent, &white) < 4.5; i++)
    accent = mix (&accent, &black, 0.1);
  format_color (&accent, theme->accent);
  {
    Rgb tint = mix (&brand, &white, 0.92);

    format_color (&tint, theme->accent_tint);
  }

  g_strlcpy (theme->text, "#1f2328", sizeof theme->text);
  g_strlcpy (theme->muted, "#57606a", sizeof theme->muted);
  g_strlcpy (theme->page, "#f3f1ed", sizeof theme->page);
  g_strlcpy (theme->surface, "#ffffff", sizeof theme->surface);
  g_strlcpy (theme->border, "#d8dee4", sizeof theme->border);
  g_strlcpy (theme->on_accent, "#ffffff", sizeof theme->on_accent);
  theme->font_body = "Helvetica, Arial, sans-serif";
  theme->font_heading = "Georgia, 'Times New Roman', Times, serif";
  theme->content_width = 600;

  g_strlcpy (theme->dark.text, "#e6e3de", sizeof theme->dark.text);
  g_strlcpy (theme->dark.muted, "#a9b1b9", sizeof theme->dark.muted);
  g_strlcpy (theme->dark.page, "#121416", sizeof theme->dark.page);
  g_strlcpy (theme->dark.surface, "#1b1f22", sizeof theme->dark.surface);
  g_strlcpy (theme->dark.border, "#30363b", sizeof theme->dark.border);
  g_strlcpy (theme->dark.on_accent, "#121416", sizeof theme->dark.on_accent);
  {
    Rgb surface, light, tint;

    parse_color (theme->dark.surface, &surface);
    light = mix (&brand, &white, 0.5);
    tint = mix (&brand, &surface, 0.8);
    format_color (&light, theme->dark.accent);
    format_color (&tint, theme->dark.tint);
  }
}
