/* td-spelling.c: spell checking of an issue's words, over enchant-2
 *
 * One enchant broker for the process; one TdSpeller per language, shared
 * (td_speller_get_shared()) so that a word added in one field is accepted
 * in every other. enchant keeps her personal dictionary in
 * $XDG_CONFIG_HOME/enchant/TAG.dic ($ENCHANT_CONFIG_DIR when set), which
 * inside the Flatpak is the app's own config folder.
 */
#include "config.h"

#include <string.h>

#include <enchant.h>
#include <glib/gi18n.h>

#include "td-spelling.h"
#include "td-html.h"
#include "td-json-path.h"
#include "td-registry.h"

/* The profession's words (data/spelling/), in the core's resources. */
#define WORD_LIST_RESOURCE "/io/github/tidings/Tidings/spelling/massage-therapy.txt"

/* Longer "words" are not words (a pasted hash, a run of letters). */
#define MAX_WORD_BYTES 64
/* How far a construct's end is looked for: a code span, a link's target,
 * a tag or a merge tag longer than this is not one. Keeps the tokenizer
 * linear whatever the text (a line of unmatched backticks or brackets). */
#define MAX_SPAN_BYTES      4096
#define MAX_TARGET_BYTES    2048
#define MAX_TAG_BYTES       1024
#define MAX_MERGE_TAG_BYTES 256

void td_spelling_register_resource (void);

struct _TdSpeller
{
  GObject parent_instance;

  char *language;
  char *dictionary_tag;
  EnchantDict *dict;        /* NULL: no dictionary for the language */
  GHashTable *ignored;      /* words accepted for this session */
  gboolean loading;         /* the dictionary is being loaded in a thread */
};

G_DEFINE_FINAL_TYPE (TdSpeller, td_speller, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* enchant's broker is not thread-safe: one for the process, used under
 * this lock. */
static GMutex broker_lock;
static EnchantBroker *broker;
static GHashTable *word_list;    /* the profession's words */

/* The tokenizer
 * ------------------------------------------------------------------------ */

/* Length of a mailing-service merge tag at @p (*|TAG|*, {{ tag }},
 * %%tag%%, {$tag}), or 0. */
static gsize
merge_tag_length (const char *p,
                  const char *end)
{
  const char *close;
  const char *q;

  if (end - p < 4)
    return 0;
  if (p[0] == '*' && p[1] == '|')
    close = "|*";
  else if (p[0] == '{' && p[1] == '{')
    close = "}}";
  else if (p[0] == '%' && p[1] == '%')
    close = "%%";
  else if (p[0] == '{' && p[1] == '$')
    close = "}";
  else
    return 0;

  for (q = p + 2; q < end && *q != '\n' && q - p < MAX_MERGE_TAG_BYTES; q++)
    if (end - q >= (gssize) strlen (close) && strncmp (q, close, strlen (close)) == 0)
      {
        gsize n = (gsize) (q - p) + strlen (close);

        while (close[0] == '}' && p + n < end && p[n] == '}')
          n++;
        return n;
      }
  return 0;
}

static void
mask_range (guint8 *mask,
            gsize   from,
            gsize   to)
{
  memset (mask + from, 1, to - from);
}

/* The end of the line holding @i (the offset of its '\n', or length). */
static gsize
line_end (const char *text,
          gsize       length,
          gsize       i)
{
  const char *nl = memchr (text + i, '\n', length - i);

  return nl != NULL ? (gsize) (nl - text) : length;
}

/* A fence opens a code block: up to three spaces, then ``` or ~~~. */
static gboolean
is_fence (const char *line,
          gsize       n)
{
  gsize i = 0;

  while (i < n && i < 3 && line[i] == ' ')
    i++;
  return n - i >= 3 && (strncmp (line + i, "```", 3) == 0 || strncmp (line + i, "~~~", 3) == 0);
}

/* Marks what markdown does not show as words: code blocks and spans, link
 * and picture targets, reference definitions, autolinks and HTML tags,
 * entities. */
static void
mask_markdown (const char *text,
               gsize       length,
               guint8     *mask)
{
  gboolean in_fence = FALSE;
  gsize i = 0;

  /* Fenced code blocks and reference definitions, line by line. */
  while (i < length)
    {
      gsize end = line_end (text, length, i);
      const char *line = text + i;
      gsize n = end - i;

      if (is_fence (line, n))
        {
          mask_range (mask, i, end);
          in_fence = !in_fence;
        }
      else if (in_fence)
        {
          mask_range (mask, i, end);
        }
      else
        {
          gsize j = 0;

          while (j < n && j < 3 && line[j] == ' ')
            j++;
          /* [label]: https://… */
          if (j < n && line[j] == '[')
            {
              const char *close = memchr (line + j, ']', n - j);

              if (close != NULL && (gsize) (close - line) + 1 < n && close[1] == ':')
                mask_range (mask, i, end);
            }
        }
      i = end + 1;
    }

  for (i = 0; i < length; i++)
    {
      char c = text[i];

      if (mask[i])
        continue;
      if (c == '`')
        {
          gsize run = 0;
          gsize j;

          while (i + run < length && text[i + run] == '`')
            run++;
          /* The span ends at the next run of as many backticks. */
          for (j = i + run; j < length && j - i < MAX_SPAN_BYTES; j++)
            {
              gsize other = 0;

              if (text[j] != '`')
                continue;
              while (j + other < length && text[j + other] == '`')
                other++;
              if (other == run)
                break;
              j += other - 1;
            }
          if (j < length && j - i < MAX_SPAN_BYTES)
            {
              mask_range (mask, i, j + run);
              i = j + run - 1;
            }
          else
            {
              mask_range (mask, i, i + run);
              i += run - 1;
            }
        }
      else if (c == ']' && i + 1 < length && (text[i + 1] == '(' || text[i + 1] == '['))
        {
          /* The target of a link or picture: its address, nested
           * parentheses included, and a title; or a reference's label. */
          char open = text[i + 1];
          char close = open == '(' ? ')' : ']';
          int depth = 0;
          gsize j;

          for (j = i + 1; j < length && text[j] != '\n' && j - i < MAX_TARGET_BYTES; j++)
            {
              if (text[j] == '\\' && j + 1 < length)
                j++;
              else if (text[j] == open)
                depth++;
              else if (text[j] == close && --depth == 0)
                break;
            }
          if (j < length && j - i < MAX_TARGET_BYTES && text[j] == close)
            {
              mask_range (mask, i, j + 1);
              i = j;
            }
        }
      else if (c == '<' && i + 1 < length &&
               (g_ascii_isalpha (text[i + 1]) || text[i + 1] == '/' || text[i + 1] == '!'))
        {
          /* <https://…>, <a@b.example>, <br>, <!-- … --> */
          const char *close = memchr (text + i, '>', MIN (length - i, MAX_TAG_BYTES));

          if (close != NULL && memchr (text + i, '\n', (gsize) (close - (text + i))) == NULL)
            {
              mask_range (mask, i, (gsize) (close - text) + 1);
              i = (gsize) (close - text);
            }
        }
      else if (c == '&')
        {
          gsize j = i + 1;

          while (j < length && j - i < 12 && (g_ascii_isalnum (text[j]) || text[j] == '#'))
            j++;
          if (j < length && text[j] == ';' && j > i + 1)
            {
              mask_range (mask, i, j + 1);
              i = j;
            }
        }
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* A run of non-space, unmasked characters that is an address or a
 * handle, not words: https://…, www.…, mailto:…, a@b.example, @handle. */
static gboolean
chunk_is_address (const char *chunk,
                  gsize       n)
{
  g_autofree char *copy = g_strndup (chunk, n);

  return strstr (copy, "://") != NULL || strchr (copy, '@') != NULL ||
         g_ascii_strncasecmp (copy, "www.", 4) == 0 ||
         g_ascii_strncasecmp (copy, "mailto:", 7) == 0 ||
         g_ascii_strncasecmp (copy, "tel:", 4) == 0 ||
         g_ascii_strncasecmp (copy, "sms:", 4) == 0 ||
         /* a domain or a file: example.com, images/a.png */
         (strchr (copy, '/') != NULL && strchr (copy, '.') != NULL);
}

/* The words of one chunk: runs of letters with inner apostrophes; a run
 * touching a digit ("3rd", "10am", "B12") is a number, not a word. */
static void
add_chunk_words (const char *text,
                 gsize       from,
                 gsize       to,
                 GArray     *words)
{
  const char *p = text + from;
  const char *end = text + to;

  while (p < end)
    {
      const char *start;
      const char *last;
      gboolean digit = FALSE;
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      if (!is_word_char (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      start = p;
      last = p;
      if (start > text + from && g_ascii_isdigit (start[-1]))
        digit = TRUE;
      while (p < end)
        {
          gunichar d = g_utf8_get_char_validated (p, end - p);

          if (d == (gunichar) -1 || d == (gunichar) -2)
            break;
          if (is_word_char (d))
            {
              p = g_utf8_next_char (p);
              last = p;
              continue;
            }
          if (g_unichar_isdigit (d))
            {
              digit = TRUE;
              p = g_utf8_next_char (p);
              continue;
            }
          /* don't, Rachel’s: an apostrophe between letters */
          if (is_apostrophe (d))
            {
              const char *after = g_utf8_next_char (p);

              if (after < end && is_word_char (g_utf8_get_char (after)))
                {
                  p = after;
                  continue;
                }
            }
          break;
        }
      if (!digit && last - start <= MAX_WORD_BYTES && g_utf8_strlen (start, last - start) > 1)
        {
          TdWordRange range = { (gsize) (start - text), (gsize) (last - text) };

          g_array_append_val (words, range);
        }
      if (p == start)
        p = g_utf8_next_char (p);
    }
}

GArray *
td_spelling_find_words (const char *text,
                        gssize      length,
                        gboolean    markdown)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (TdWordRange));
  g_autofree guint8 *mask = NULL;
  gsize n;
  gsize i;

  g_return_val_if_fail (text != NULL || length == 0, words);

  n = length < 0 ? strlen (text) : (gsize) length;
  if (n == 0)
    return words;
  mask = g_malloc0 (n);

  for (i = 0; i < n; i++)
    {
      gsize tag = mask[i] ? 0 : merge_tag_length (text + i, text + n);

      if (tag > 0)
        {
          mask_range (mask, i, i + tag);
          i += tag - 1;
        }
    }
  if (markdown)
    mask_markdown (text, n, mask);

  /* Chunks: runs of characters that are neither space nor masked. */
  i = 0;
  while (i < n)
    {
      gsize start;

      while (i < n && (mask[i] || g_ascii_isspace (text[i])))
        i++;
      start = i;
      while (i < n && !mask[i] && !g_ascii_isspace (text[i]))
        i++;
      if (i > start && !chunk_is_address (text + start, i - start))
        add_chunk_words (text, start, i, words);
    }
  return words;
}

/* The speller
 * ------------------------------------------------------------------------ */

static void
load_word_list (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  word_list = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  td_spelling_register_resource ();
  bytes = g_resources_lookup_data (WORD_LIST_RESOURCE, 0, &error);
  if (bytes == NULL)
    {
      g_critical ("The word list is missing: %s", error->message);
      return;
    }
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *word = g_strstrip (lines[i]);

      if (word[0] != '\0' && word[0] != '#')
        g_hash_table_add (word_list, g_strdup (word));
    }
}

static EnchantBroker *
get_broker (void)
{
  if (broker == NULL)
    {
      broker = enchant_broker_init ();
      load_word_list ();
    }
  return broker;
}

static void
describe_dict_cb (const char * const tag,
                  const char * const provider_name,
                  const char * const provider_desc,
                  const char * const provider_file,
                  void              *user_data)
{
  g_ptr_array_add (user_data, g_strdup (tag));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The dictionaries to try for @language, best first: es-MX → es_MX, es,
 * es_ES, then every other es_* enchant has, in order. */
static GPtrArray *
fallback_chain (const char *language)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) available = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tag = g_strdelimit (g_strdup (language), "-", '_');
  g_autofree char *lang = g_strndup (tag, strcspn (tag, "_"));
  g_autofree char *prefix = g_strconcat (lang, "_", NULL);
  g_autofree char *region = g_ascii_strup (lang, -1);

  g_ptr_array_add (chain, g_strdup (tag));
  if (!g_str_equal (tag, lang))
    g_ptr_array_add (chain, g_strdup (lang));
  /* The country a language is named for, or the US for English. */
  g_ptr_array_add (chain, g_str_equal (lang, "en") ? g_strdup ("en_US")
                                                   : g_strconcat (lang, "_", region, NULL));

  enchant_broker_list_dicts (get_broker (), describe_dict_cb, available);
  g_ptr_array_sort (available, compare_strings);
  for (guint i = 0; i < available->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (available, i), prefix))
      g_ptr_array_add (chain, g_strdup (g_ptr_array_index (available, i)));
  return chain;
}

static void
td_speller_finalize (GObject *object)
{
  TdSpeller *self = TD_SPELLER (object);

  if (self->dict != NULL)
    {
      g_mutex_lock (&broker_lock);
      enchant_broker_free_dict (broker, self->dict);
      g_mutex_unlock (&broker_lock);
    }
  g_free (self->language);
  g_free (self->dictionary_tag);
  g_hash_table_unref (self->ignored);
  G_OBJECT_CLASS (td_speller_parent_class)->finalize (object);
}

static void
td_speller_class_init (TdSpellerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_speller_finalize;

  /* A word was added to her dictionary or ignored: what was checked may
   * have changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
td_speller_init (TdSpeller *self)
{
  self->ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The first dictionary of @language's chain enchant has, and its tag;
 * NULL when there is none. Takes the broker's lock. */
static EnchantDict *
request_dictionary (const char  *language,
                    char       **tag_out)
{
  g_autoptr(GPtrArray) chain = NULL;
  EnchantDict *dict = NULL;

  g_mutex_lock (&broker_lock);
  chain = fallback_chain (language);
  for (guint i = 0; i < chain->len && dict == NULL; i++)
    {
      const char *tag = g_ptr_array_index (chain, i);

      if (enchant_broker_dict_exists (broker, tag) &&
          (dict = enchant_broker_request_dict (broker, tag)) != NULL)
        *tag_out = g_strdup (tag);
    }
  g_mutex_unlock (&broker_lock);
  return dict;
}

static TdSpeller *
speller_new_empty (const char *language)
{
  TdSpeller *self = g_object_new (TD_TYPE_SPELLER, NULL);

  self->language = g_strdup (language != NULL && language[0] != '\0' ? language : "en");
  return self;
}

TdSpeller *
td_speller_new (const char *language)
{
  TdSpeller *self = speller_new_empty (language);

  self->dict = request_dictionary (self->language, &self->dictionary_tag);
  return self;
}

typedef struct
{
  EnchantDict *dict;
  char *tag;
} Loaded;

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->dict = request_dictionary (task_data, &loaded->tag);
  g_task_return_pointer (task, loaded, NULL);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TdSpeller *self = TD_SPELLER (object);
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), NULL);

  self->dict = loaded->dict;
  self->dictionary_tag = loaded->tag;
  self->loading = FALSE;
  g_free (loaded);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Loading a dictionary takes some 50 ms (hunspell reads its word list):
 * not on the way to the window's first frame. */
static TdSpeller *
td_speller_new_deferred (const char *language)
{
  TdSpeller *self = speller_new_empty (language);
  g_autoptr(GTask) task = g_task_new (self, NULL, loaded_cb, NULL);

  self->loading = TRUE;
  g_task_set_task_data (task, g_strdup (self->language), g_free);
  g_task_run_in_thread (task, load_in_thread);
  return self;
}

static TdSpeller *
get_shared (const char *language,
            gboolean    deferred)
{
  static GHashTable *shared;
  static GMutex lock;
  g_autofree char *key = g_strdup (language != NULL && language[0] != '\0' ? language : "en");
  TdSpeller *speller;

  g_mutex_lock (&lock);
  if (shared == NULL)
    shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  speller = g_hash_table_lookup (shared, key);
  if (speller == NULL)
    {
      speller = deferred ? td_speller_new_deferred (key) : td_speller_new (key);
      g_hash_table_insert (shared, g_steal_pointer (&key), speller);
    }
  g_mutex_unlock (&lock);
  return g_object_ref (speller);
}

TdSpeller *
td_speller_get_shared (const char *language)
{
  return get_shared (language, FALSE);
}

TdSpeller *
td_speller_get_shared_deferred (const char *language)
{
  return get_shared (language, TRUE);
}

gboolean
td_speller_is_loading (TdSpeller *self)
{
  g_return_val_if_fail (TD_IS_SPELLER (self), FALSE);
  return self->loading;
}

const char *
td_speller_get_language (TdSpeller *self)
{
  g_return_val_if_fail (TD_IS_SPELLER (self), NULL);
  return self->language;
}

gboolean
td_speller_has_dictionary (TdSpeller *self)
{
  g_return_val_if_fail (TD_IS_SPELLER (self), FALSE);
  return self->dict != NULL;
}

const char *
td_speller_get_dictionary (TdSpeller *self)
{
  g_return_val_if_fail (TD_IS_SPELLER (self), NULL);
  return self->dictionary_tag;
}

/* The word as the dictionaries spell it: typographic apostrophes are
 * straight ones there. */
static char *
normalize (const char *word,
           gssize      length)
{
  GString *s = g_string_new_len (word, length < 0 ? (gssize) strlen (word) : length);

  g_string_replace (s, "\xe2\x80\x99", "'", 0);
  return g_string_free (s, FALSE);
}

/* In the shipped list as written, or, for a word listed in lower case,
 * capitalised or in capitals (Effleurage, EFFLEURAGE). */
static gboolean
in_word_list (const char *word)
{
  g_autofree char *lower = NULL;

  if (g_hash_table_contains (word_list, word))
    return TRUE;
  lower = g_utf8_strdown (word, -1);
  return g_hash_table_contains (word_list, lower);
}

gboolean
td_speller_check_word (TdSpeller  *self,
                       const char *word,
                       gssize      length)
{
  g_autofree char *normal = NULL;
  gboolean ok;

  g_return_val_if_fail (TD_IS_SPELLER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (self->dict == NULL)
    return TRUE;
  normal = normalize (word, length);
  if (g_hash_table_contains (self->ignored, normal) || in_word_list (normal))
    return TRUE;
  g_mutex_lock (&broker_lock);
  ok = enchant_dict_check (self->dict, normal, -1) <= 0;
  g_mutex_unlock (&broker_lock);
  return ok;
}

char **
td_speller_suggest (TdSpeller  *self,
                    const char *word,
                    gssize      length,
                    guint       max_suggestions)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *normal = NULL;
  char **suggestions;
  size_t n = 0;

  g_return_val_if_fail (TD_IS_SPELLER (self), g_strv_builder_end (builder));

  if (self->dict == NULL)
    return g_strv_builder_end (builder);
  normal = normalize (word, length);
  g_mutex_lock (&broker_lock);
  suggestions = enchant_dict_suggest (self->dict, normal, -1, &n);
  for (size_t i = 0; i < n && i < max_suggestions; i++)
    g_strv_builder_add (builder, suggestions[i]);
  if (suggestions != NULL)
    enchant_dict_free_string_list (self->dict, suggestions);
  g_mutex_unlock (&broker_lock);
  return g_strv_builder_end (builder);
}

void
td_speller_add_word (TdSpeller  *self,
                     const char *word)
{
  g_autofree char *normal = NULL;

  g_return_if_fail (TD_IS_SPELLER (self));
  g_return_if_fail (word != NULL);

  if (self->dict == NULL)
    return;
  normal = normalize (word, -1);
  g_mutex_lock (&broker_lock);
  enchant_dict_add (self->dict, normal, -1);
  g_mutex_unlock (&broker_lock);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
td_speller_ignore_word (TdSpeller  *self,
                        const char *word)
{
  g_return_if_fail (TD_IS_SPELLER (self));
  g_return_if_fail (word != NULL);

  g_hash_table_add (self->ignored, normalize (word, -1));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The issue's fields
 * ------------------------------------------------------------------------ */

static void
check_text (TdSpeller     *speller,
            const char    *path,
            const char    *text,
            gboolean       markdown,
            TdDiagnostics *diags)
{
  g_autoptr(GArray) words = td_spelling_find_words (text, -1, markdown);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < words->len; i++)
    {
      TdWordRange *range = &g_array_index (words, TdWordRange, i);
      g_autofree char *word = g_strndup (text + range->start, range->end - range->start);

      /* Once per field and word. */
      if (td_speller_check_word (speller, word, -1) || g_hash_table_contains (reported, word))
        continue;
      {
        g_autofree char *message = g_strdup_printf (_("\"%s\" may be misspelt"), word);

        td_diagnostics_add_finding (diags, TD_SEVERITY_WARNING, path, TD_SPELLING_CODE, NULL,
                                    message);
      }
      g_hash_table_add (reported, g_steal_pointer (&word));
    }
}

typedef struct
{
  TdSpeller     *speller;
  TdDiagnostics *diags;
} SpellWalk;

/* A TdFieldVisitor. Fields without a label (id, type, a picture's file)
 * are the app's, not words. */
static gboolean
check_field (const char        *path,
             JsonObject        *object,
             const TdFieldSpec *spec,
             gpointer           user_data)
{
  SpellWalk *walk = user_data;

  if ((spec->kind == TD_FIELD_TEXT || spec->kind == TD_FIELD_MULTILINE ||
       spec->kind == TD_FIELD_MARKDOWN) && spec->label != NULL)
    check_text (walk->speller, path, td_json_get_string (object, spec->key),
                spec->kind == TD_FIELD_MARKDOWN, walk->diags);
  return TRUE;
}

void
td_spelling_check_issue (TdSpeller     *speller,
                         JsonNode      *root,
                         TdDiagnostics *diags)
{
  SpellWalk walk = { speller, diags };
  JsonObject *object;
  JsonArray *sections;

  g_return_if_fail (TD_IS_SPELLER (speller));
  g_return_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  g_return_if_fail (diags != NULL);

  if (!td_speller_has_dictionary (speller))
    {
      g_autofree char *message =
        g_strdup_printf (_("there is no spelling dictionary for \"%s\", so spelling was not "
                           "checked: install one (hunspell) for this language"),
                         td_speller_get_language (speller));

      td_diagnostics_add_finding (diags, TD_SEVERITY_WARNING, "issue.language",
                                  TD_SPELLING_CODE, NULL, message);
      return;
    }

  object = json_node_get_object (root);
  if (td_json_get_object (object, "practice") != NULL)
    td_registry_walk (td_json_get_object (object, "practice"), "practice",
                      td_registry_get_practice_fields (), check_field, &walk);
  if (td_json_get_object (object, "issue") != NULL)
    td_registry_walk (td_json_get_object (object, "issue"), "issue",
                      td_registry_get_issue_fields (), check_field, &walk);

  sections = td_json_get_array (object, "sections");
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);
      g_autofree char *path = td_json_path_child_index ("sections", i);
      const TdSectionType *type;

      if (section == NULL)
        continue;
      type = td_registry_lookup_section_type (td_json_get_string (section, "type"));
      if (type != NULL)
        td_registry_walk (section, path, type->fields, check_field, &walk);
    }
}
