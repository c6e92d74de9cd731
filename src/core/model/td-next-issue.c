/* td-next-issue.c: next month's issue, from this month's */

#include "config.h"

#include <string.h>

#include "td-json-path.h"
#include "td-next-issue.h"

/* Month names as they appear in titles, in the languages Tidings speaks. */
static const char *const month_names[][12] = {
  { "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december" },
  { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
};

gboolean
td_next_issue_next_month (const char *date,
                          int        *year,
                          int        *month)
{
  int y;
  int m;

  if (date == NULL || strlen (date) < 7 || date[4] != '-' ||
      !g_ascii_isdigit (date[0]) || !g_ascii_isdigit (date[1]) ||
      !g_ascii_isdigit (date[2]) || !g_ascii_isdigit (date[3]) ||
      !g_ascii_isdigit (date[5]) || !g_ascii_isdigit (date[6]) ||
      (date[7] != '\0' && date[7] != '-'))
    return FALSE;
  y = (int) g_ascii_strtoll (date, NULL, 10);
  m = (int) g_ascii_strtoll (date + 5, NULL, 10);
  if (m < 1 || m > 12)
    return FALSE;
  if (m == 12)
    {
      y++;
      m = 1;
    }
  else
    m++;
  *year = y;
  *month = m;
  return TRUE;
}

static gboolean
is_word_char (char c)
{
  /* Bytes of multi-byte UTF-8 characters count as letters. */
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* The first whole-word, case-insensitive occurrence of word in text. */
static const char *
find_word (const char *text,
           const char *word)
{
  gsize n = strlen (word);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, word, n) == 0 &&
        (p == text || !is_word_char (p[-1])) && !is_word_char (p[n]))
      return p;
  return NULL;
}

/* replacement written in the case of original: "AUGUST", "August", "august" */
static void
append_in_case_of (GString    *out,
                   const char *original,
                   const char *replacement)
{
  gboolean upper_first = g_ascii_isupper (original[0]);
  gboolean upper_all = upper_first && g_ascii_isupper (original[1]);

  for (const char *p = replacement; *p != '\0'; p++)
    {
      if (upper_all || (upper_first && p == replacement))
        g_string_append_c (out, g_ascii_toupper (*p));
      else
        g_string_append_c (out, *p);
    }
}

static char *
replace_word (const char *text,
              const char *word,
              const char *replacement,
              gboolean    keep_case,
              gboolean    all)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *rest = text;
  const char *hit;

  while ((hit = find_word (rest, word)) != NULL)
    {
      g_string_append_len (out, rest, hit - rest);
      if (keep_case)
        append_in_case_of (out, hit, replacement);
      else
        g_string_append (out, replacement);
      rest = hit + strlen (word);
      if (!all)
        break;
    }
  g_string_append (out, rest);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
td_next_issue_title (const char *title,
                     int         old_year,
                     int         old_month,
                     int         new_year,
                     int         new_month)
{
  g_autofree char *result = g_strdup (title != NULL ? title : "");
  g_autofree char *old_numeric = NULL;
  g_autofree char *new_numeric = NULL;

  g_return_val_if_fail (old_month >= 1 && old_month <= 12, g_strdup (title));
  g_return_val_if_fail (new_month >= 1 && new_month <= 12, g_strdup (title));

  for (guint lang = 0; lang < G_N_ELEMENTS (month_names); lang++)
    {
      const char *old_name = month_names[lang][old_month - 1];

      if (find_word (result, old_name) != NULL)
        {
          char *moved = replace_word (result, old_name, month_names[lang][new_month - 1],
                                      TRUE, FALSE);

          g_free (result);
          result = moved;
          break;
        }
    }

  /* "2023-08" in a title (or a web address) */
  old_numeric = g_strdup_printf ("%04d-%02d", old_year, old_month);
  new_numeric = g_strdup_printf ("%04d-%02d", new_year, new_month);
  if (find_word (result, old_numeric) != NULL)
    {
      char *moved = replace_word (result, old_numeric, new_numeric, FALSE, TRUE);

      g_free (result);
      result = moved;
    }
  else if (old_year != new_year)
    {
      g_autofree char *old_y = g_strdup_printf ("%d", old_year);
      g_autofree char *new_y = g_strdup_printf ("%d", new_year);
      char *moved = replace_word (result, old_y, new_y, FALSE, TRUE);

      g_free (result);
      result = moved;
    }
  return g_steal_pointer (&result);
}

static void
set_string (JsonObject *object,
            const char *key,
            const char *value)
{
  json_object_set_string_member (object, key, value);
}

static void
move_member (JsonObject *object,
             const char *key,
             int         old_year,
             int         old_month,
             int         new_year,
             int         new_month)
{
  const char *value = td_json_get_string (object, key);
  g_autofree char *moved = NULL;

  if (value[0] == '\0')
    return;
  moved = td_next_issue_title (value, old_year, old_month, new_year, new_month);
  set_string (object, key, moved);
}

JsonNode *
td_next_issue_new_root (JsonNode *root)
{
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(JsonArray) sections = json_array_new ();
  JsonObject *top;
  JsonObject *issue;
  JsonArray *old_sections;
  gboolean have_article = FALSE;
  gboolean have_news = FALSE;
  int old_year = 0;
  int old_month = 0;
  int new_year = 0;
  int new_month = 0;
  gboolean dated;

  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);

  copy = td_json_node_deep_copy (root);
  top = json_node_get_object (copy);
  issue = td_json_get_object (top, "issue");

  dated = issue != NULL &&
          td_next_issue_next_month (td_json_get_string (issue, "date"), &new_year, &new_month);
  if (dated)
    {
      g_autofree char *date = g_strdup_printf ("%04d-%02d", new_year, new_month);

      old_year = new_month == 1 ? new_year - 1 : new_year;
      old_month = new_month == 1 ? 12 : new_month - 1;
      set_string (issue, "date", date);
      move_member (issue, "title", old_year, old_month, new_year, new_month);
      move_member (issue, "public_base_url", old_year, old_month, new_year, new_month);
    }
  /* Findings she dismissed were about this month's text, at this month's
   * places (docs/checks.md): the new issue is checked afresh. */
  json_object_remove_member (top, "dismissed");
  /* The drafts handed to a mailing service are this month's: kept, next
   * month's hand-off would rewrite last month's draft (docs/delivery.md). */
  json_object_remove_member (top, "delivery");
  /* They describe this month's content. */
  if (issue != NULL && json_object_has_member (issue, "subject"))
    set_string (issue, "subject", "");
  if (issue != NULL && json_object_has_member (issue, "preheader"))
    set_string (issue, "preheader", "");

  old_sections = td_json_get_array (top, "sections");
  for (guint i = 0; old_sections != NULL && i < json_array_get_length (old_sections); i++)
    {
      JsonNode *node = json_array_get_element (old_sections, i);
      JsonObject *section;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          json_array_add_element (sections, json_node_ref (node));
          continue;
        }
      section = json_node_get_object (node);
      type = td_json_get_string (section, "type");

      if (g_str_equal (type, "article"))
        {
          /* One empty article, where this month's story goes. */
          if (have_article)
            continue;
          have_article = TRUE;
          set_string (section, "title", "");
          set_string (section, "body", "");
          json_object_remove_member (section, "image");
          json_object_remove_member (section, "video");
        }
      else if (g_str_equal (type, "video"))
        continue;
      else if (g_str_equal (type, "news"))
        {
          g_autoptr(JsonArray) items = json_array_new ();
          g_autoptr(JsonObject) item = json_object_new ();

          if (have_news)
            continue;
          have_news = TRUE;
          /* The heading stays ("What's new with me …"); one empty item. */
          json_object_set_string_member (item, "text", "");
          json_array_add_object_element (items, g_steal_pointer (&item));
          json_object_set_array_member (section, "items", g_steal_pointer (&items));
        }
      else if (g_str_equal (type, "tip"))
        {
          set_string (section, "body", "");
          json_object_remove_member (section, "image");
        }
      else if (g_str_equal (type, "footer") && dated && old_year != new_year)
        {
          /* "© 2023 Rachel Richards" in January's issue */
          g_autofree char *old_y = g_strdup_printf ("%d", old_year);
          g_autofree char *new_y = g_strdup_printf ("%d", new_year);
          g_autofree char *moved = replace_word (td_json_get_string (section, "copyright"),
                                                 old_y, new_y, FALSE, TRUE);

          if (json_object_has_member (section, "copyright"))
            set_string (section, "copyright", moved);
        }

      json_array_add_element (sections, json_node_ref (node));
    }
  json_object_set_array_member (top, "sections", g_steal_pointer (&sections));
  return g_steal_pointer (&copy);
}
