/* test-render-agree.c: what the web page, the email and the plain text agree on
 *
 * Each format lays the issue out in its own way, but they must say the same
 * thing: the same direction for a language, the same links, the same
 * pictures, the same words. These tests render one document in every format
 * and compare; each would have caught a drift found between the renderers.
 */
#include "config.h"

#include <string.h>

#include "td-l10n.h"
#include "td-preview-renderer.h"
#include "td-render-email.h"
#include "td-render-web.h"
#include "td-test-util.h"

static JsonNode *
sample_with_language (const char *language)
{
  JsonNode *root = td_test_load_sample ();
  JsonObject *issue = json_object_get_object_member (json_node_get_object (root), "issue");

  json_object_set_string_member (issue, "language", language);
  return root;
}

/* The dir attribute of the <html> start tag: "rtl", "ltr", or "" when it
 * has none (which means left to right). */
static char *
html_direction (const char *html)
{
  const char *start = strstr (html, "<html");
  const char *end = start != NULL ? strchr (start, '>') : NULL;
  g_autofree char *tag = NULL;
  const char *dir;

  g_assert_nonnull (end);
  tag = g_strndup (start, (gsize) (end - start));
  dir = strstr (tag, " dir=\"");
  if (dir == NULL)
    return g_strdup ("");
  dir += strlen (" dir=\"");
  return g_strndup (dir, strcspn (dir, "\""));
}

static gboolean
direction_is_rtl (const char *dir)
{
  g_assert_true (g_str_equal (dir, "") || g_str_equal (dir, "ltr") || g_str_equal (dir, "rtl"));
  return g_str_equal (dir, "rtl");
}

/* Renders the sample in @language in every format and checks that each
 * says @rtl. */
static void
assert_direction (const char *language,
                  gboolean    rtl)
{
  g_autoptr(JsonNode) root = sample_with_language (language);
  TdRenderContext context = { root, NULL, TD_IMAGE_URL_ABSOLUTE };
  g_autofree char *web = td_render_web (&context, NULL);
  g_autofree char *email = td_render_email (&context, NULL);
  g_autoptr(GBytes) text = td_preview_render (root, NULL, TD_PREVIEW_FORMAT_TEXT);
  g_autofree char *text_html = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  g_autofree char *web_dir = html_direction (web);
  g_autofree char *email_dir = html_direction (email);
  g_autofree char *text_dir = html_direction (text_html);

  g_test_message ("%s: web \"%s\", email \"%s\", text \"%s\"", language, web_dir, email_dir,
                  text_dir);
  g_assert_cmpint (direction_is_rtl (web_dir), ==, rtl);
  g_assert_cmpint (direction_is_rtl (email_dir), ==, rtl);
  g_assert_cmpint (direction_is_rtl (text_dir), ==, rtl);
  g_assert_cmpint (td_l10n_language_is_rtl (language), ==, rtl);
}

/* Every language of the right-to-left list, with and without a region,
 * reads right to left in every format; a script subtag overrides the
 * language's usual script. */
static void
test_direction (void)
{
  const char * const *rtl = td_l10n_get_rtl_languages ();
  static const char * const also_rtl[] = {
    "ku-Arab", "pa-Arab", "az-Arab", "uz-Arab", "ms-Arab", "ff-Adlm", "he_IL", "AR", "fa-ir",
  };
  static const char * const ltr[] = {
    "en", "es-419", "de-CH", "haw", "ku", "ku-TR", "ks-Deva", "sd-Deva", "pa", "az", "ar-Latn",
    "", "x", "not a language", "ar-../../x",
  };

  g_assert_cmpuint (g_strv_length ((char **) rtl), >=, 10);
  for (guint i = 0; rtl[i] != NULL; i++)
    {
      g_autofree char *with_region = g_strconcat (rtl[i], "-XX", NULL);

      assert_direction (rtl[i], TRUE);
      assert_direction (with_region, TRUE);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (also_rtl); i++)
    assert_direction (also_rtl[i], TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (ltr); i++)
    assert_direction (ltr[i], FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/render/agree/direction", test_direction);

  return g_test_run ();
}
