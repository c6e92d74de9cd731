/* td-archive-pages.c: the archive's index and each issue's page
 *
 * An issue's page is exactly its web export (td_render(), pictures beside
 * it), with a small navigation added at the end: the previous (older)
 * issue, every issue, the next (newer) one. The index lists every issue,
 * newest first, in the words of the newest issue's language.
 */

#include "config.h"

#include <string.h>

#include "td-archive-private.h"
#include "td-html.h"
#include "td-json-path.h"
#include "td-l10n.h"
#include "td-render.h"
#include "td-theme.h"

static const char *nav_style =
  "<style>\n"
  ".archive-nav{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 2.5rem;display:flex;"
  "flex-wrap:wrap;gap:.75rem 1.5rem;justify-content:space-between;font-size:.9375rem}\n"
  ".archive-nav a{color:var(--accent,#2f6f73)}\n"
  ".archive-nav .label{display:block;font-size:.8125rem;color:var(--muted,#57606a)}\n"
  "</style>\n";

static void
append_nav_link (GString              *out,
                 const TdArchiveEntry *target,
                 const char           *rel,
                 const char           *label,
                 const char           *arrow,
                 gboolean              arrow_first)
{
  g_string_append_printf (out, "<a rel=\"%s\" href=\"../%s/\"><span class=\"label\">", rel,
                          target->month);
  if (arrow_first)
    g_string_append_printf (out, "%s ", arrow);
  td_html_append_text (out, label);
  if (!arrow_first)
    g_string_append_printf (out, " %s", arrow);
  g_string_append (out, "</span>");
  td_html_append_text (out, target->title[0] != '\0' ? target->title : target->month_label);
  g_string_append (out, "</a>\n");
}

/* The links to the neighbours and the index, in the language;
 * arrows point the way the text runs. */
static char *
navigation (const TdArchiveEntry *entries,
            guint                 n_entries,
            guint                 index)
{
  const TdArchiveEntry *entry = &entries[index];
  const char *language = entry->language;
  gboolean rtl = td_l10n_language_is_rtl (language);
  GString *out = g_string_new ("<nav class=\"archive-nav\" aria-label=\"");

  /* Translators: the title of the archive of a newsletter's issues, on
   * its web site */
  td_html_append_attr (out, td_l10n_gettext (language, "newsletter", "Past issues"));
  g_string_append (out, "\">\n");
  if (index + 1 < n_entries)
    append_nav_link (out, &entries[index + 1], "prev",
                     /* Translators: in the archive's page of an issue, over the
                      * link to the one before it */
                     td_l10n_gettext (language, "newsletter", "Previous issue"),
                     rtl ? "→" : "←", TRUE);
  g_string_append (out, "<a href=\"../\">");
  /* Translators: link from an issue's page to the archive's list of issues */
  td_html_append_text (out, td_l10n_gettext (language, "newsletter", "All issues"));
  g_string_append (out, "</a>\n");
  if (index > 0)
    append_nav_link (out, &entries[index - 1], "next",
                     /* Translators: in the archive's page of an issue, over the
                      * link to the one after it */
                     td_l10n_gettext (language, "newsletter", "Next issue"),
                     rtl ? "←" : "→", FALSE);
  g_string_append (out, "</nav>\n");
  return g_string_free (out, FALSE);
}

/* Inserts @text before the last occurrence of @tag in @page. */
static void
insert_before (GString    *page,
               const char *tag,
               const char *text)
{
  const char *at = g_strrstr (page->str, tag);

  g_return_if_fail (at != NULL);
  g_string_insert (page, at - page->str, text);
}

char *
_td_archive_render_page (const TdArchiveEntry *entries,
                         guint                 n_entries,
                         guint                 index)
{
  const TdArchiveEntry *entry = &entries[index];
  TdRenderContext context = { entry->root, entry->base_dir, TD_IMAGE_URL_RELATIVE };
  g_autoptr(GBytes) bytes = td_render (TD_RENDER_WEB, &context, NULL);
  g_autofree char *nav = navigation (entries, n_entries, index);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  GString *page = g_string_new_len (data, (gssize) length);

  /* The feed, for readers that look for it on the page. */
  if (entry->page_url != NULL)
    {
      GString *link = g_string_new ("<link rel=\"alternate\" type=\"application/atom+xml\" "
                                    "href=\"../feed.atom\" title=\"");

      td_html_append_attr (link, td_l10n_gettext (entry->language, "newsletter",
                                                  "Past issues"));
      g_string_append (link, "\">\n");
      insert_before (page, "</head>", link->str);
      g_string_free (link, TRUE);
    }
  insert_before (page, "</head>", nav_style);
  insert_before (page, "</body>", nav);
  return g_string_free (page, FALSE);
}

char *
_td_archive_render_index (const TdArchiveEntry *entries,
                          guint                 n_entries,
                          gboolean              with_feed)
{
  const TdArchiveEntry *newest = &entries[0];
  const char *language = newest->language[0] != '\0' ? newest->language : "en";
  JsonObject *practice = json_object_get_object_member (json_node_get_object (newest->root),
                                                        "practice");
  const char *name = td_json_get_string (practice, "name");
  const char *heading = td_l10n_gettext (language, "newsletter", "Past issues");
  GString *out = g_string_new ("<!DOCTYPE html>\n");
  TdTheme theme;

  td_theme_init (&theme, td_json_get_string (practice, "brand_color"));
  g_string_append (out, "<html lang=\"");
  td_html_append_attr (out, language);
  g_string_append_printf (out, "\"%s>\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, "
                          "initial-scale=1\">\n<title>",
                          td_l10n_language_is_rtl (language) ? " dir=\"rtl\"" : "");
  td_html_append_text (out, heading);
  if (name[0] != '\0')
    {
      g_string_append (out, " — ");
      td_html_append_text (out, name);
    }
  g_string_append (out, "</title>\n");
  if (with_feed)
    {
      g_string_append (out, "<link rel=\"alternate\" type=\"application/atom+xml\" "
                            "href=\"feed.atom\" title=\"");
      td_html_append_attr (out, heading);
      g_string_append (out, "\">\n");
    }
  g_string_append_printf (out,
                          "<style>\n"
                          "body{margin:0;background:%s;color:%s;font-family:%s;"
                          "line-height:1.6}\n"
                          "header,main,footer{max-width:40rem;margin:0 auto;padding:1rem}\n"
                          "h1{font-family:%s;color:%s;margin:.25rem 0 0}\n"
                          ".practice{margin:1.5rem 0 0;color:%s}\n"
                          "ol{list-style:none;margin:0;padding:0}\n"
                          "li{background:%s;border:1px solid %s;border-radius:.5rem;"
                          "padding:1rem 1.25rem;margin:0 0 1rem}\n"
                          "li a{color:%s;font-size:1.25rem;font-family:%s}\n"
                          "li p{margin:.25rem 0 0}\n"
                          "time{display:block;color:%s;font-size:.9375rem}\n"
                          "footer a{color:%s}\n"
                          "</style>\n</head>\n<body>\n<header>\n",
                          theme.page, theme.text, theme.font_body, theme.font_heading,
                          theme.accent, theme.muted, theme.surface, theme.border, theme.accent,
                          theme.font_heading, theme.muted, theme.accent);
  if (name[0] != '\0')
    {
      g_string_append (out, "<p class=\"practice\">");
      td_html_append_text (out, name);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "<h1>");
  td_html_append_text (out, heading);
  g_string_append (out, "</h1>\n</header>\n<main>\n<ol>\n");
  for (guint i = 0; i < n_entries; i++)
    {
      const TdArchiveEntry *entry = &entries[i];

      g_string_append_printf (out, "<li><a href=\"%s/\">", entry->month);
      td_html_append_text (out, entry->title[0] != '\0' ? entry->title : entry->month_label);
      g_string_append_printf (out, "</a>\n<time datetime=\"%s\">", entry->month);
      td_html_append_text (out, entry->month_label);
      g_string_append (out, "</time>\n");
      if (!td_text_is_blank (entry->preheader))
        {
          g_string_append (out, "<p>");
          td_html_append_text (out, entry->preheader);
          g_string_append (out, "</p>\n");
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ol>\n</main>\n");
  if (with_feed)
    {
      g_string_append (out, "<footer>\n<p><a href=\"feed.atom\">");
      /* Translators: the link to the archive's Atom feed */
      td_html_append_text (out, td_l10n_gettext (language, "newsletter",
                                                 "Follow new issues in a feed reader"));
      g_string_append (out, "</a></p>\n</footer>\n");
    }
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
