/* td-checks-claims.c: "[health-claim]", words a health professional may
 * not use in an advertisement
 *
 * The terms come from word lists in data/checks/claims/, one per
 * profession and language (docs/checks.md describes their format and
 * sources). They are matched as whole words, without regard to case; a
 * term inside one of the lists' exceptions ("treat yourself") is not a
 * claim. Each occurrence is named by its sentence, which is what a
 * dismissal saves: the same word in another sentence is flagged again.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-checks-private.h"

/* A dismissal names the sentence, cut to this many characters. */
#define OCCURRENCE_MAX_CHARS 200

struct _TdClaims
{
  GPtrArray *terms;       /* lowercase */
  GPtrArray *exceptions;  /* lowercase */
};

void
_td_claims_free (TdClaims *claims)
{
  if (claims == NULL)
    return;
  g_ptr_array_unref (claims->terms);
  g_ptr_array_unref (claims->exceptions);
  g_free (claims);
}

/* "es-MX" → "es"; "" → "en". */
static char *
primary_language (const char *language)
{
  const char *dash;

  if (language == NULL || language[0] == '\0')
    return g_strdup ("en");
  dash = strchr (language, '-');
  return g_ascii_strdown (language, dash != NULL ? dash - language : -1);
}

/* Whether a list whose "@profession" line is @line applies to
 * @profession: one of its words is in it. */
static gboolean
profession_matches (const char *line,
                    const char *profession)
{
  g_autofree char *folded = g_utf8_strdown (profession != NULL ? profession : "", -1);
  g_auto(GStrv) words = g_strsplit_set (line, " \t", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (folded, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
load_list (TdClaims   *claims,
           const char *contents,
           const char *profession)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || line[0] == '#' || !g_utf8_validate (line, -1, NULL))
        continue;
      if (g_str_has_prefix (line, "@profession"))
        {
          if (!profession_matches (line + strlen ("@profession"), profession))
            return;
          continue;
        }
      if (line[0] == '!')
        g_ptr_array_add (exceptions, g_utf8_strdown (g_strchug (line + 1), -1));
      else
        g_ptr_array_add (terms, g_utf8_strdown (line, -1));
    }
  for (guint i = 0; i < terms->len; i++)
    g_ptr_array_add (claims->terms, g_strdup (terms->pdata[i]));
  for (guint i = 0; i < exceptions->len; i++)
    g_ptr_array_add (claims->exceptions, g_strdup (exceptions->pdata[i]));
}

gboolean
_td_claims_load (const char  *dir,
                 const char  *profession,
                 const char  *language,
                 TdClaims   **claims)
{
  g_autofree char *lang = primary_language (language);
  g_autofree char *suffix = g_strdup_printf (".%s.txt", lang);
  g_autofree char *folder = g_build_filename (dir, "claims", NULL);
  g_autoptr(GDir) listing = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  TdClaims *result;
  const char *name;

  *claims = NULL;
  if (listing == NULL)
    return FALSE;
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_strdup (name));
  /* Files in a stable order, so findings are too. */
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  result = g_new0 (TdClaims, 1);
  result->terms = g_ptr_array_new_with_free_func (g_free);
  result->exceptions = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);
      g_autofree char *contents = NULL;

      /* Lists are small; a huge file is not one of ours. */
      if (g_file_get_contents (path, &contents, NULL, NULL) && strlen (contents) < 1000000)
        load_list (result, contents, profession);
    }
  if (result->terms->len == 0)
    _td_claims_free (result);
  else
    *claims = result;
  return TRUE;
}

/* Matching
 * ------------------------------------------------------------------------ */

typedef struct
{
  gsize start;  /* in the folded text */
  gsize end;
} Range;

/* @text in lowercase, character by character, with the offset in @text of
 * each byte of the result (and one past its end). */
static char *
fold (const char *text,
      GArray     *offsets)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char buffer[6];
      int n = g_unichar_to_utf8 (g_unichar_tolower (g_utf8_get_char (p)), buffer);
      gsize offset = (gsize) (p - text);

      g_string_append_len (out, buffer, n);
      for (int i = 0; i < n; i++)
        g_array_append_val (offsets, offset);
    }
  {
    gsize end = strlen (text);

    g_array_append_val (offsets, end);
  }
  return g_string_free (out, FALSE);
}

static gboolean
is_word_char_at (const char *folded,
                 const char *p)
{
  return *p != '\0' && g_unichar_isalnum (g_utf8_get_char (p));
}

/* Every whole-word occurrence of @term in @folded, added to @ranges. */
static void
find_term (const char *folded,
           const char *term,
           GArray     *ranges)
{
  gsize length = strlen (term);

  if (length == 0)
    return;
  for (const char *m = strstr (folded, term); m != NULL; m = strstr (g_utf8_next_char (m), term))
    {
      Range range = { (gsize) (m - folded), (gsize) (m - folded) + length };

      if (m > folded && is_word_char_at (folded, g_utf8_find_prev_char (folded, m)))
        continue;
      if (is_word_char_at (folded, m + length))
        continue;
      g_array_append_val (ranges, range);
    }
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *x = a;
  const Range *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  /* The longer first: "rheumatoid arthritis" before "rheumatoid". */
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return 0;
}

static gboolean
is_sentence_end (const char *text,
                 gsize       i)
{
  return (text[i] == '.' || text[i] == '!' || text[i] == '?') &&
         (text[i + 1] == '\0' || g_ascii_isspace (text[i + 1]));
}

/* The sentence of @text around [start, end), on one line, at most
 * OCCURRENCE_MAX_CHARS characters. */
static char *
sentence_at (const char *text,
             gsize       start,
             gsize       end)
{
  gsize from = start;
  gsize to = end;
  g_autofree char *sentence = NULL;
  GString *out;
  gboolean space = FALSE;

  while (from > 0 && text[from - 1] != '\n' && !is_sentence_end (text, from - 1))
    from--;
  while (text[to] != '\0' && text[to] != '\n' && !is_sentence_end (text, to))
    to++;
  if (text[to] != '\0' && text[to] != '\n')
    to++;

  sentence = g_strndup (text + from, to - from);
  out = g_string_new (NULL);
  for (const char *p = sentence; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c < 0x20 || (c >= 0x7f && c <= 0x9f))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  if (g_utf8_strlen (out->str, -1) > OCCURRENCE_MAX_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (out->str, 0, OCCURRENCE_MAX_CHARS);

      g_string_assign (out, cut);
    }
  return g_string_free (out, FALSE);
}

/* @markdown with the addresses of its links blanked out (spaces, so that
 * offsets stay): readers don't see them, and a page named
 * "/how-massage-heals" is no claim of hers. */
static char *
blank_addresses (const char *markdown)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  char *copy = g_strdup (markdown);

  if (g_once_init_enter (&regex))
    {
      /* a link's destination "](…)", an autolink "<scheme:…>", a bare URL */
      GRegex *compiled = g_regex_new ("\\]\\([^)]*\\)|<[A-Za-z][A-Za-z0-9+.-]*:[^>\\s]*>|"
                                      "(?:https?|mailto|tel|sms):[^\\s<>()\\[\\]]+",
                                      G_REGEX_OPTIMIZE, 0, NULL);

      g_once_init_leave (&regex, compiled);
    }
  g_regex_match (regex, markdown, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;

      if (g_match_info_fetch_pos (match, 0, &start, &end))
        memset (copy + start, ' ', (gsize) (end - start));
      g_match_info_next (match, NULL);
    }
  return copy;
}

void
_td_checks_claims (TdChecker  *c,
                   const char *path,
                   const char *text,
                   gboolean    markdown)
{
  g_autofree char *blanked = NULL;

  g_autoptr(GArray) offsets = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) excluded = NULL;
  g_autofree char *folded = NULL;
  gsize covered = 0;

  if (c->claims == NULL || text == NULL || text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    return;
  if (markdown)
    text = blanked = blank_addresses (text);

  offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  matches = g_array_new (FALSE, FALSE, sizeof (Range));
  excluded = g_array_new (FALSE, FALSE, sizeof (Range));
  folded = fold (text, offsets);

  for (guint i = 0; i < c->claims->exceptions->len; i++)
    find_term (folded, c->claims->exceptions->pdata[i], excluded);
  for (guint i = 0; i < c->claims->terms->len; i++)
    find_term (folded, c->claims->terms->pdata[i], matches);
  g_array_sort (matches, compare_ranges);

  for (guint i = 0; i < matches->len; i++)
    {
      const Range *m = &g_array_index (matches, Range, i);
      gsize start = g_array_index (offsets, gsize, m->start);
      gsize end = g_array_index (offsets, gsize, m->end);
      g_autofree char *word = NULL;
      g_autofree char *sentence = NULL;
      gboolean in_exception = FALSE;

      /* Inside a longer term already reported. */
      if (m->start < covered)
        continue;
      for (guint j = 0; j < excluded->len && !in_exception; j++)
        {
          const Range *x = &g_array_index (excluded, Range, j);

          in_exception = m->start >= x->start && m->end <= x->end;
        }
      if (in_exception)
        continue;
      covered = m->end;

      word = g_strndup (text + start, end - start);
      sentence = sentence_at (text, start, end);
      _td_checks_report (c, TD_SEVERITY_WARNING, "health-claim", path, sentence,
                         _("“%s” reads as a health claim, which a licensed practitioner "
                           "may not make without scientific proof (FTC) and which may "
                           "fall outside your licence: say what clients feel instead "
                           "(“relaxed”, “looser”), or dismiss this if it is not a claim"),
                         word);
    }
}

/* Words
 * ------------------------------------------------------------------------ */

char *
_td_checks_words (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_word = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (out, FALSE);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '\'' || c == 0x2019)
        {
          if (c == 0x2019)
            c = '\'';
          if (!in_word && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, g_unichar_tolower (c));
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }
  return g_string_free (out, FALSE);
}
