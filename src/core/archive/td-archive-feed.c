/* td-archive-feed.c: the archive's Atom feed and sitemap
 *
 * Atom 1.0 (RFC 4287): one entry per issue, newest first. Its id is the
 * issue's page, BASE/YYYY-MM/ -- stable as long as the archive stays at
 * its address, the usual choice of blogs; its updated time is the issue's
 * date (the first of its month); its content is the whole issue as HTML,
 * the web page's body rendered with absolute picture URLs, every other
 * relative link made absolute too, so a feed reader needs nothing else.
 * The sitemap (sitemaps.org 0.9) lists the index and every page.
 */

#include "config.h"

#include <string.h>

#include "td-archive-private.h"
#include "td-html.h"
#include "td-json-path.h"
#include "td-l10n.h"
#include "td-render.h"

/* @html with each href="…" and src="…" that is relative resolved against
 * @base: the renderers write attribute values escaped and quoted with ",
 * so the value runs to the next quote. */
static char *
absolute_links (const char *html,
                const char *base)
{
  GString *out = g_string_new (NULL);
  const char *p = html;

  for (;;)
    {
      const char *href = strstr (p, " href=\"");
      const char *src = strstr (p, " src=\"");
      const char *at = href == NULL ? src : src == NULL ? href : MIN (href, src);
      const char *value;
      const char *end;
      g_autofree char *url = NULL;
      g_autofree char *resolved = NULL;

      if (at == NULL)
        break;
      value = strchr (at, '"') + 1;
      end = strchr (value, '"');
      if (end == NULL)
        break;
      g_string_append_len (out, p, value - p);
      url = g_strndup (value, (gsize) (end - value));
      /* "&amp;" stays as it is: it is the same character in both. A merge
       * tag is for the mailing service to fill in: left alone. */
      if (g_uri_peek_scheme (url) == NULL && !td_url_is_merge_tag (url))
        resolved = g_uri_resolve_relative (base, url, G_URI_FLAGS_NONE, NULL);
      g_string_append (out, resolved != NULL ? resolved : url);
      p = end;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* What is between <body> and </body> of the web page, pictures at
 * their absolute addresses. */
static char *
entry_content (const TdArchiveEntry *entry)
{
  TdRenderContext context = { entry->root, entry->base_dir, TD_IMAGE_URL_ABSOLUTE };
  g_autoptr(GBytes) bytes = td_render (TD_RENDER_WEB, &context, NULL);
  g_autofree char *page = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  char *start = strstr (page, "<body");
  char *end = g_strrstr (page, "</body>");

  if (start == NULL || end == NULL || (start = strchr (start, '>')) == NULL || start > end)
    return g_strdup ("");
  *end = '\0';
  return absolute_links (start + 1, entry->page_url);
}

static void
append_element (GString    *out,
                const char *indent,
                const char *name,
                const char *text)
{
  g_string_append_printf (out, "%s<%s>", indent, name);
  td_html_append_text (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
append_link (GString    *out,
             const char *indent,
             const char *rel,
             const char *type,
             const char *href)
{
  g_string_append_printf (out, "%s<link rel=\"%s\" type=\"%s\" href=\"", indent, rel, type);
  td_html_append_url (out, href);
  g_string_append (out, "\"/>\n");
}

static void
append_entry (GString              *out,
              const TdArchiveEntry *entry,
              const char           *feed_language)
{
  g_autofree char *updated = _td_archive_timestamp (entry);
  g_autofree char *content = entry_content (entry);

  g_string_append (out, "  <entry");
  if (entry->language[0] != '\0' && g_strcmp0 (entry->language, feed_language) != 0)
    {
      g_string_append (out, " xml:lang=\"");
      td_html_append_attr (out, entry->language);
      g_string_append (out, "\"");
    }
  g_string_append (out, ">\n    <id>");
  td_html_append_url (out, entry->page_url);
  g_string_append (out, "</id>\n");
  append_element (out, "    ", "title",
                  entry->title[0] != '\0' ? entry->title : entry->month_label);
  append_link (out, "    ", "alternate", "text/html", entry->page_url);
  append_element (out, "    ", "published", updated);
  append_element (out, "    ", "updated", updated);
  if (!td_text_is_blank (entry->preheader))
    append_element (out, "    ", "summary", entry->preheader);
  g_string_append (out, "    <content type=\"html\">");
  td_html_append_text (out, content);
  g_string_append (out, "</content>\n  </entry>\n");
}

char *
_td_archive_render_feed (const TdArchiveEntry *entries,
                         guint                 n_entries,
                         const char           *base_url)
{
  const TdArchiveEntry *newest = &entries[0];
  JsonObject *practice = json_object_get_object_member (json_node_get_object (newest->root),
                                                        "practice");
  const char *name = td_json_get_string (practice, "name");
  const char *website = td_json_get_string (practice, "website");
  const char *language = newest->language[0] != '\0' ? newest->language : "en";
  g_autofree char *updated = _td_archive_timestamp (newest);
  g_autofree char *self = g_strconcat (base_url, "feed.atom", NULL);
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                               "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");

  td_html_append_attr (out, language);
  g_string_append (out, "\">\n  <id>");
  td_html_append_url (out, base_url);
  g_string_append (out, "</id>\n");
  append_element (out, "  ", "title", name[0] != '\0' ? name
                                                      : td_l10n_gettext (language, "newsletter",
                                                                         "Past issues"));
  append_element (out, "  ", "subtitle", td_l10n_gettext (language, "newsletter",
                                                          "Past issues"));
  /* The newest issue's date: the feed changes when an issue is added. */
  append_element (out, "  ", "updated", updated);
  append_link (out, "  ", "self", "application/atom+xml", self);
  append_link (out, "  ", "alternate", "text/html", base_url);
  g_string_append (out, "  <author>\n");
  append_element (out, "    ", "name", name[0] != '\0' ? name : "Tidings");
  if (td_url_is_safe_absolute (website) && g_uri_peek_scheme (website) != NULL
      && g_str_has_prefix (website, "http"))
    {
      g_string_append (out, "    <uri>");
      td_html_append_url (out, website);
      g_string_append (out, "</uri>\n");
    }
  g_string_append (out, "  </author>\n"
                        "  <generator uri=\"https://github.com/tidings/tidings\">Tidings"
                        "</generator>\n");
  for (guint i = 0; i < n_entries; i++)
    append_entry (out, &entries[i], language);
  g_string_append (out, "</feed>\n");
  return g_string_free (out, FALSE);
}

static void
append_url (GString    *out,
            const char *loc,
            const char *lastmod)
{
  g_string_append (out, "  <url>\n    <loc>");
  td_html_append_url (out, loc);
  g_string_append_printf (out, "</loc>\n    <lastmod>%.10s</lastmod>\n  </url>\n", lastmod);
}

char *
_td_archive_render_sitemap (const TdArchiveEntry *entries,
                            guint                 n_entries,
                            const char           *base_url)
{
  g_autofree char *newest = _td_archive_timestamp (&entries[0]);
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");

  append_url (out, base_url, newest);
  for (guint i = 0; i < n_entries; i++)
    {
      g_autofree char *lastmod = _td_archive_timestamp (&entries[i]);

      append_url (out, entries[i].page_url, lastmod);
    }
  g_string_append (out, "</urlset>\n");
  return g_string_free (out, FALSE);
}
