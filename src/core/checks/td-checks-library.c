/* td-checks-library.c: "[repeat]", a tip or an article that repeats one
 * of another issue of her library within twelve months
 *
 * The library is the folder the caller names, or the folder above the
 * issue's own when that is a month folder (docs/library.md: a folder per
 * month, "2023-08/august-2023.tidings"), or else the issue's own folder (an
 * issue at the library's top): the issues in it and in its folders one
 * level down are read, and those dated within twelve
 * months of this one compared. A text repeats another when most of its
 * runs of five words are found in it (or, for a text shorter than that,
 * when the two are the same words). An issue that can't be read is not
 * this issue's problem, and is skipped.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "td-checks-private.h"
#include "td-issue-loader.h"
#include "td-issue.h"
#include "td-json-path.h"
#include "td-library.h"
#include "td-read-limited.h"

#define SHINGLE_WORDS  5
#define WINDOW_MONTHS  12
/* The share of a text's runs of words found in the other text. */
#define REPEAT_SHARE   0.5

typedef struct
{
  char       *words;     /* lowercase words, one space apart */
  GHashTable *shingles;  /* runs of SHINGLE_WORDS words; NULL when shorter */
} Text;

static void
text_clear (Text *text)
{
  g_clear_pointer (&text->words, g_free);
  g_clear_pointer (&text->shingles, g_hash_table_unref);
}

static void
text_init (Text       *text,
           const char *body)
{
  g_auto(GStrv) words = NULL;
  guint n;

  text->words = _td_checks_words (body);
  text->shingles = NULL;
  words = g_strsplit (text->words, " ", -1);
  n = g_strv_length (words);
  if (text->words[0] == '\0' || n < SHINGLE_WORDS)
    return;
  text->shingles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i + SHINGLE_WORDS <= n; i++)
    {
      char *saved = words[i + SHINGLE_WORDS];

      words[i + SHINGLE_WORDS] = NULL;
      g_hash_table_add (text->shingles, g_strjoinv (" ", words + i));
      words[i + SHINGLE_WORDS] = saved;
    }
}

static gboolean
repeats (const Text *text,
         const Text *other)
{
  GHashTableIter iter;
  gpointer key;
  guint found = 0;

  if (text->words[0] == '\0')
    return FALSE;
  if (text->shingles == NULL || other->shingles == NULL)
    return g_str_equal (text->words, other->words);
  g_hash_table_iter_init (&iter, text->shingles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (other->shingles, key))
      found++;
  return found >= REPEAT_SHARE * g_hash_table_size (text->shingles);
}

static gboolean
is_compared (JsonObject *section)
{
  const char *type = td_json_get_string (section, "type");

  return g_str_equal (type, "tip") || g_str_equal (type, "article");
}

/* @relative (a path in the file system's encoding) as one line of UTF-8
 * text, fit for a message and for the issue's "dismissed" list, whose
 * texts are one line: any character that could break a line, or act on
 * a terminal, is written as "?". */
static char *
one_line (const char *relative)
{
  g_autofree char *display = g_filename_display_name (relative);
  GString *out = g_string_new (NULL);

  for (const char *p = display; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The issue in @path, read within the loader's limits and validated, its
 * pictures left unread (only its texts are compared); NULL when it can't
 * be read or is not a valid issue. */
static TdLoadedIssue *
load_issue (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TdDiagnostics) ignored = td_diagnostics_new ();
  gsize length;
  const char *data;

  if (stream == NULL)
    return NULL;
  bytes = td_read_limited (G_INPUT_STREAM (stream), TD_ISSUE_MAX_FILE_SIZE, NULL);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return td_issue_load_from_data (data != NULL ? data : "", length, NULL, ignored);
}

/* Whether @folder is named for a month, "2023-08". */
static gboolean
is_month_folder (const char *folder)
{
  g_autofree char *name = g_path_get_basename (folder);

  return strlen (name) == 7 && g_ascii_isdigit (name[0]) && g_ascii_isdigit (name[1]) &&
         g_ascii_isdigit (name[2]) && g_ascii_isdigit (name[3]) && name[4] == '-' &&
         g_ascii_isdigit (name[5]) && g_ascii_isdigit (name[6]);
}

static int
months_between (const GDate *a,
                const GDate *b)
{
  int x = (int) g_date_get_year (a) * 12 + (int) g_date_get_month (a);
  int y = (int) g_date_get_year (b) * 12 + (int) g_date_get_month (b);

  return abs (x - y);
}

void
_td_checks_repeats (TdChecker *c)
{
  JsonArray *sections = td_render_get_sections (c->context);
  g_autofree char *self = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *library = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GArray) texts = NULL;
  g_autoptr(GPtrArray) found = NULL;  /* per section: its message, or NULL */
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autofree char *this_date = NULL;
  GDate issue_day;
  guint n;

  if (c->file == NULL || c->year == 0 || sections == NULL)
    return;
  this_date = g_strdup_printf ("%04d-%02d", c->year, c->month);
  if (!_td_checks_parse_day (this_date, FALSE, &issue_day))
    return;

  n = json_array_get_length (sections);
  texts = g_array_sized_new (FALSE, TRUE, sizeof (Text), n);
  g_array_set_clear_func (texts, (GDestroyNotify) text_clear);
  g_array_set_size (texts, n);
  found = g_ptr_array_new_full (n, g_free);
  occurrences = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (found, n);
  g_ptr_array_set_size (occurrences, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);

      if (section != NULL && is_compared (section))
        text_init (&g_array_index (texts, Text, i), td_json_get_string (section, "body"));
      else
        g_array_index (texts, Text, i).words = g_strdup ("");
    }

  self = g_canonicalize_filename (c->file, NULL);
  folder = g_path_get_dirname (self);
  if (c->library != NULL)
    library = g_canonicalize_filename (c->library, NULL);
  else if (is_month_folder (folder))
    library = g_path_get_dirname (folder);
  else
    library = g_strdup (folder);
  paths = td_library_find_files (library, NULL);

  for (guint p = 0; p < paths->len; p++)
    {
      const char *path = g_ptr_array_index (paths, p);
      g_autoptr(TdLoadedIssue) loaded = NULL;
      JsonArray *others;
      const char *date;
      GDate other_day;

      if (g_str_equal (path, self))
        continue;
      loaded = load_issue (path);
      if (loaded == NULL)
        continue;
      date = td_json_get_string (td_json_get_object (json_node_get_object (loaded->root),
                                                     "issue"), "date");
      if (!_td_checks_parse_day (date, FALSE, &other_day) ||
          months_between (&issue_day, &other_day) > WINDOW_MONTHS)
        continue;
      others = td_issue_get_sections (loaded->root);
      for (guint j = 0; others != NULL && j < json_array_get_length (others); j++)
        {
          JsonObject *other = json_array_get_object_element (others, j);
          Text other_text;

          if (other == NULL || !is_compared (other))
            continue;
          text_init (&other_text, td_json_get_string (other, "body"));
          for (guint i = 0; i < n; i++)
            {
              g_autofree char *title = NULL;
              const char *rest = path + strlen (library);
              g_autofree char *relative = NULL;

              while (*rest == G_DIR_SEPARATOR)
                rest++;
              relative = one_line (rest);

              if (found->pdata[i] != NULL ||
                  !repeats (&g_array_index (texts, Text, i), &other_text))
                continue;
              title = td_section_dup_title (other);
              found->pdata[i] = g_strdup_printf (_("this text repeats “%s” from the issue of "
                                                   "%s (%s), and readers notice: write "
                                                   "something new, or dismiss this if you mean "
                                                   "to repeat it"),
                                                 title, date, relative);
              occurrences->pdata[i] = g_strdup_printf ("%s#%s", relative,
                                                       td_json_get_string (other, "id"));
            }
          text_clear (&other_text);
        }
    }

  /* In the order of the sections. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *section_path = NULL;
      g_autofree char *body_path = NULL;

      if (found->pdata[i] == NULL)
        continue;
      section_path = td_json_path_child_index ("sections", i);
      body_path = td_json_path_child_key (section_path, "body");
      _td_checks_report (c, TD_SEVERITY_WARNING, "repeat", body_path, occurrences->pdata[i],
                         "%s", (const char *) found->pdata[i]);
    }
}
