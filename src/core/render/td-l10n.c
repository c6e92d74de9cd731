/* td-l10n.c: the newsletter's own language
 *
 * gettext translates into the language of the process locale, which is the
 * language of the user interface. The phrases inside a newsletter must follow
 * the issue instead, so this file reads the compiled catalogues (GNU .mo
 * files, the ones meson installs for the UI) itself.
 *
 * A .mo file, all numbers 32-bit in the byte order given by the magic:
 *   0  magic 0x950412de    4  revision     8  N, the number of strings
 *   12 O, offset of the table of originals  16 T, offset of the translations
 *   (20 and 24 describe a hash table, which is not needed here)
 * Each table holds N (length, offset) pairs; every string is NUL-terminated
 * after its length. A message with a context is stored as
 * "context\004msgid"; plural forms follow the singular after a NUL.
 *
 * The files are only ever produced by msgfmt, but they are read defensively:
 * every offset is checked against the size of the file, and a file that
 * fails a check is ignored as a whole (the newsletter then reads in English).
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n.h>

#include "td-l10n.h"

#define MO_MAGIC          0x950412deU
#define MO_MAGIC_SWAPPED  0xde120495U
#define MO_HEADER_SIZE    28
/* Real catalogues are a few hundred KiB at most. */
#define MO_MAX_SIZE       (16 * 1024 * 1024)

typedef struct
{
  GBytes     *contents;  /* the whole file; keys and values point into it */
  GHashTable *messages;  /* "msgid" or "context\004msgid" -> translation */
} Catalogue;

/* Path of a .mo file -> Catalogue, or NULL when the file is missing or
 * corrupt. Entries are never removed: the strings handed out by
 * td_l10n_gettext() live as long as the process. */
static GHashTable *catalogues;
G_LOCK_DEFINE_STATIC (catalogues);

/* These entries are here so that xgettext extracts them (glib's NC_ marks
 * a string with its context and expands to the bare string); the renderers
 * call td_l10n_gettext (language, "newsletter", "...") with the same text.
 * A phrase a renderer needs that is missing here is still extracted from
 * the renderer's own call; listing it here as well documents the set and
 * lets test-l10n check that every one is translated. */
static const char * const newsletter_msgids[] = {
  /* Translators: the link at the top of the email to the web version of the
   * newsletter. These "newsletter" strings appear in the newsletter that
   * the user's clients read, not in the application. */
  NC_("newsletter", "View in browser"),
  /* Translators: in the newsletter's footer */
  NC_("newsletter", "Unsubscribe"),
  /* Translators: in the newsletter's footer */
  NC_("newsletter", "You are receiving this email because you subscribed to our newsletter."),
  /* Translators: in the newsletter's footer, after the copyright line */
  NC_("newsletter", "All rights reserved."),
  /* Translators: heading over the list of sections at the top of the newsletter */
  NC_("newsletter", "In this issue"),
  /* Translators: link after the beginning of an article */
  NC_("newsletter", "Read more"),
  /* Translators: link under a video's picture in the email */
  NC_("newsletter", "Watch the video"),
  /* Translators: alternative text of the play button drawn over a video's picture */
  NC_("newsletter", "Play video"),
  /* Translators: link to a video on YouTube */
  NC_("newsletter", "Watch on YouTube"),
  /* Translators: button that leads to the practice's YouTube channel */
  NC_("newsletter", "Subscribe on YouTube"),
  /* Translators: button to phone the practice */
  NC_("newsletter", "Call"),
  /* Translators: a verb: button to send the practice a text message (SMS) */
  NC_("newsletter", "Text"),
  /* Translators: before the practice's phone number */
  NC_("newsletter", "Call or text"),
  /* Translators: button that leads to the practice's online booking form */
  NC_("newsletter", "Book online"),
  /* Translators: label of a special offer or gift certificate that can be bought now */
  NC_("newsletter", "Available now!"),
  /* Translators: heading of the health or self-care tip of the month */
  NC_("newsletter", "Did you know?"),
  /* Translators: heading of the numbered list of web addresses at the end of
   * the plain-text version of the newsletter */
  NC_("newsletter", "Links"),
  NULL
};

static const char * const month_names[] = {
  /* Translators: month names as written in a date inside a newsletter,
   * such as "August 2023" (lower case where the language writes them so,
   * as Spanish does) */
  NC_("month", "January"),
  NC_("month", "February"),
  NC_("month", "March"),
  NC_("month", "April"),
  NC_("month", "May"),
  NC_("month", "June"),
  NC_("month", "July"),
  NC_("month", "August"),
  NC_("month", "September"),
  NC_("month", "October"),
  NC_("month", "November"),
  NC_("month", "December"),
};

/* Translators: how the month of a newsletter issue is written, as in
 * "August 2023". Keep {month} and {year} exactly as they are, each once. */
static const char * const month_year_pattern = NC_("date", "{month} {year}");

/* Languages written right to left when their tag names no script: those
 * whose likely script in CLDR (likelySubtags) runs right to left. Not "ku":
 * CLDR takes Kurdish (Kurmanji) to be written in Latin script, as it mostly
 * is in Turkey and Syria; Sorani is "ckb", and Kurdish in Arabic script is
 * "ku-Arab". Likewise "pa" is Gurmukhi (Shahmukhi Punjabi is "pnb" or
 * "pa-Arab") and "az" is Latin ("azb" is South Azerbaijani, in Arabic
 * script). "iw" and "ji" are the withdrawn codes of Hebrew and Yiddish,
 * still written by older software. */
static const char * const rtl_languages[] = {
  "ar",  /* Arabic */
  "arc", /* Aramaic (Imperial Aramaic script) */
  "azb", /* South Azerbaijani */
  "bal", /* Baluchi */
  "ckb", /* Central Kurdish (Sorani) */
  "dv",  /* Dhivehi (Thaana) */
  "fa",  /* Persian */
  "glk", /* Gilaki */
  "he",  /* Hebrew */
  "iw",
  "ji",
  "ks",  /* Kashmiri ("ks-Deva" is left to right) */
  "lrc", /* Northern Luri */
  "mzn", /* Mazanderani */
  "nqo", /* N’Ko */
  "pnb", /* Western Punjabi */
  "prs", /* Dari */
  "ps",  /* Pashto */
  "rhg", /* Rohingya (Hanifi) */
  "sd",  /* Sindhi ("sd-Deva" is left to right) */
  "sdh", /* Southern Kurdish */
  "syr", /* Syriac */
  "ug",  /* Uyghur */
  "ur",  /* Urdu */
  "yi",  /* Yiddish */
  NULL
};

/* ISO 15924 scripts written right to left that a newsletter may use. */
static const char * const rtl_scripts[] = {
  "Adlm", "Arab", "Aran", "Armi", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc",
  "Thaa", "Yezi",
};

static guint32
read_u32 (const guint8 *p,
          gboolean      big_endian)
{
  if (big_endian)
    return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];

  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

/* Entry @index of the string table at @table: the string, NUL-terminated
 * within the file, and its length (which may include the NULs that separate
 * plural forms). */
static gboolean
get_mo_string (const guint8  *data,
               gsize          size,
               gboolean       big_endian,
               guint32        table,
               guint32        index,
               const char   **string)
{
  guint64 entry = (guint64) table + (guint64) index * 8;
  guint32 length;
  guint32 offset;

  if (entry + 8 > size)
    return FALSE;

  length = read_u32 (data + entry, big_endian);
  offset = read_u32 (data + entry + 4, big_endian);

  /* The NUL after the string must be inside the file too. */
  if ((guint64) offset + length >= size || data[(gsize) offset + length] != '\0')
    return FALSE;

  *string = (const char *) data + offset;

  return TRUE;
}

static void
catalogue_free (Catalogue *catalogue)
{
  g_clear_pointer (&catalogue->messages, g_hash_table_unref);
  g_clear_pointer (&catalogue->contents, g_bytes_unref);
  g_free (catalogue);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Catalogue, catalogue_free)

/* Returns NULL for a file that is missing, unreadable or fails any check. */
static Catalogue *
catalogue_load (const char *path)
{
  g_autoptr(Catalogue) catalogue = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  const guint8 *data;
  gsize size;
  guint32 magic;
  gboolean big_endian;
  guint32 n_strings;
  guint32 originals;
  guint32 translations;

  /* Not a folder, and not a FIFO that would block the open. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return NULL;

  size = g_mapped_file_get_length (mapped);
  if (size < MO_HEADER_SIZE || size > MO_MAX_SIZE)
    return NULL;

  catalogue = g_new0 (Catalogue, 1);
  /* A private copy: the file may be replaced while the process runs. */
  catalogue->contents = g_bytes_new (g_mapped_file_get_contents (mapped), size);
  catalogue->messages = g_hash_table_new (g_str_hash, g_str_equal);
  data = g_bytes_get_data (catalogue->contents, NULL);

  magic = read_u32 (data, FALSE);
  if (magic == MO_MAGIC)
    big_endian = FALSE;
  else if (magic == MO_MAGIC_SWAPPED)
    big_endian = TRUE;
  else
    return NULL;

  /* Major revisions 0 and 1 share the layout read here. */
  if ((read_u32 (data + 4, big_endian) >> 16) > 1)
    return NULL;

  n_strings = read_u32 (data + 8, big_endian);
  originals = read_u32 (data + 12, big_endian);
  translations = read_u32 (data + 16, big_endian);

  /* Cheap rejection of absurd counts before the loop. */
  if ((guint64) n_strings * 8 > size)
    return NULL;

  for (guint32 i = 0; i < n_strings; i++)
    {
      const char *original;
      const char *translation;

      if (!get_mo_string (data, size, big_endian, originals, i, &original) ||
          !get_mo_string (data, size, big_endian, translations, i, &translation))
        return NULL;

      /* The header (empty msgid) is not a message; strings that are not
       * UTF-8 (every catalogue of ours is) are left untranslated. */
      if (*original == '\0' || *translation == '\0')
        continue;
      if (!g_utf8_validate (original, -1, NULL) || !g_utf8_validate (translation, -1, NULL))
        continue;

      g_hash_table_insert (catalogue->messages, (char *) original, (char *) translation);
    }

  return g_steal_pointer (&catalogue);
}

static const Catalogue *
get_catalogue (const char *localedir,
               const char *locale)
{
  g_autofree char *path = NULL;
  Catalogue *catalogue;
  gpointer value;

  path = g_build_filename (localedir, locale, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  G_LOCK (catalogues);

  if (catalogues == NULL)
    catalogues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_lookup_extended (catalogues, path, NULL, &value))
    {
      catalogue = value;
    }
  else
    {
      catalogue = catalogue_load (path);
      g_hash_table_insert (catalogues, g_steal_pointer (&path), catalogue);
    }

  G_UNLOCK (catalogues);

  /* Never modified once in the cache, so it may be read without the lock. */
  return catalogue;
}

static gboolean
is_subtag (const char *start,
           gsize       length)
{
  if (length == 0 || length > 8)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (start[i]))
      return FALSE;

  return TRUE;
}

/* The subtags of a well-formed tag ("es", "es-MX", "es_mx", "ku-Arab"), the
 * primary one in lower case; NULL for anything else (including "", and so
 * any path trick). */
static GStrv
split_tag (const char *language)
{
  g_auto(GStrv) subtags = NULL;
  gsize primary_length;

  if (language == NULL || *language == '\0' || strlen (language) > 64)
    return NULL;

  subtags = g_strsplit_set (language, "-_", -1);

  for (guint i = 0; subtags[i] != NULL; i++)
    if (!is_subtag (subtags[i], strlen (subtags[i])))
      return NULL;

  for (char *p = subtags[0]; *p != '\0'; p++)
    {
      if (!g_ascii_isalpha (*p))
        return NULL;
      *p = g_ascii_tolower (*p);
    }
  primary_length = strlen (subtags[0]);
  if (primary_length < 2 || primary_length > 3)
    return NULL;

  return g_steal_pointer (&subtags);
}

/* "es" -> "es"; "es-MX" and "es_mx" -> "es_MX" then "es"; anything that is
 * not a well-formed tag -> nothing. Fills @candidates (room for two) and
 * returns how many it wrote. */
static guint
language_candidates (const char *language,
                     char       *candidates[2])
{
  g_auto(GStrv) subtags = split_tag (language);
  guint n = 0;

  if (subtags == NULL)
    return 0;

  /* A region (two letters or three digits) gives the gettext locale name
   * ll_RR; scripts and variants are ignored. */
  if (subtags[1] != NULL)
    {
      const char *region = subtags[1];
      gsize length = strlen (region);
      gboolean letters = length == 2 && g_ascii_isalpha (region[0]) && g_ascii_isalpha (region[1]);
      gboolean digits = length == 3 && g_ascii_isdigit (region[0]) &&
                        g_ascii_isdigit (region[1]) && g_ascii_isdigit (region[2]);

      if (letters || digits)
        {
          g_autofree char *upper = g_ascii_strup (region, -1);

          candidates[n++] = g_strconcat (subtags[0], "_", upper, NULL);
        }
    }

  candidates[n++] = g_strdup (subtags[0]);

  return n;
}

const char *
td_l10n_get_localedir (void)
{
  const char *dir = g_getenv ("TIDINGS_LOCALEDIR");

  if (dir != NULL && *dir != '\0')
    return dir;

  return LOCALEDIR;
}

const char *
td_l10n_gettext (const char *language,
                 const char *context,
                 const char *msgid)
{
  char *candidates[2] = { NULL, NULL };
  g_autofree char *key = NULL;
  const char *localedir;
  const char *result = msgid;
  guint n;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (*msgid == '\0')
    return msgid;

  n = language_candidates (language, candidates);
  if (n == 0)
    return msgid;

  key = context != NULL ? g_strconcat (context, "\004", msgid, NULL) : g_strdup (msgid);
  localedir = td_l10n_get_localedir ();

  for (guint i = 0; i < n; i++)
    {
      const Catalogue *catalogue = get_catalogue (localedir, candidates[i]);
      const char *translation;

      if (catalogue == NULL)
        continue;

      translation = g_hash_table_lookup (catalogue->messages, key);
      if (translation != NULL)
        {
          result = translation;
          break;
        }
    }

  for (guint i = 0; i < n; i++)
    g_free (candidates[i]);

  return result;
}

static gboolean
parse_digits (const char *start,
              guint       count,
              int        *value)
{
  *value = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit (start[i]))
        return FALSE;
      *value = *value * 10 + (start[i] - '0');
    }

  return TRUE;
}

/* "YYYY-MM" or "YYYY-MM-DD", a real date. */
static gboolean
parse_month (const char *date,
             int        *year,
             int        *month)
{
  gsize length;
  int day;

  if (date == NULL)
    return FALSE;

  length = strlen (date);
  if (length != 7 && length != 10)
    return FALSE;

  if (!parse_digits (date, 4, year) || date[4] != '-' || !parse_digits (date + 5, 2, month))
    return FALSE;

  if (*year < 1 || *month < 1 || *month > 12)
    return FALSE;

  if (length == 10)
    {
      if (date[7] != '-' || !parse_digits (date + 8, 2, &day))
        return FALSE;
      if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) *month, (GDateYear) *year))
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_once (const char *haystack,
          const char *needle)
{
  const char *first = strstr (haystack, needle);

  return first != NULL && strstr (first + 1, needle) == NULL;
}

char *
td_l10n_format_month (const char *language,
                      const char *date)
{
  GString *out;
  const char *pattern;
  const char *month_name;
  const char *p;
  int year;
  int month;

  if (!parse_month (date, &year, &month))
    return NULL;

  month_name = td_l10n_gettext (language, "month", month_names[month - 1]);

  pattern = td_l10n_gettext (language, "date", month_year_pattern);
  /* A translation that lost a placeholder would lose the month or year. */
  if (!has_once (pattern, "{month}") || !has_once (pattern, "{year}"))
    pattern = month_year_pattern;

  out = g_string_new (NULL);
  for (p = pattern; *p != '\0';)
    {
      if (g_str_has_prefix (p, "{month}"))
        {
          g_string_append (out, month_name);
          p += strlen ("{month}");
        }
      else if (g_str_has_prefix (p, "{year}"))
        {
          g_string_append_printf (out, "%d", year);
          p += strlen ("{year}");
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }

  return g_string_free (out, FALSE);
}

const char * const *
td_l10n_get_newsletter_msgids (void)
{
  return newsletter_msgids;
}

gboolean
td_l10n_language_is_rtl (const char *language)
{
  g_auto(GStrv) subtags = split_tag (language);
  const char *script;

  if (subtags == NULL)
    return FALSE;

  /* A script subtag comes right after the language and has four letters. */
  script = subtags[1];
  if (script != NULL && strlen (script) == 4 && g_ascii_isalpha (script[0]))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (rtl_scripts); i++)
        if (g_ascii_strcasecmp (script, rtl_scripts[i]) == 0)
          return TRUE;
      return FALSE;
    }

  return g_strv_contains (rtl_languages, subtags[0]);
}

const char * const *
td_l10n_get_rtl_languages (void)
{
  return rtl_languages;
}
