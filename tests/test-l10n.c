/* test-l10n.c: the newsletter's own language, read from the .mo catalogues.
 *
 * TIDINGS_LOCALEDIR (set by tests/meson.build) points at the catalogues
 * meson compiles into <builddir>/po/<lang>/LC_MESSAGES/tidings.mo. The
 * corrupt-file tests write their catalogues into fresh temporary folders:
 * td-l10n caches each catalogue by path for the life of the process.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "td-l10n.h"

static char *built_localedir;  /* the build tree's catalogues */
static GBytes *spanish_mo;     /* the build tree's es/LC_MESSAGES/tidings.mo */
static char *tmp_root;
static guint n_tmp_dirs;

/* A fresh folder with @contents as its es/LC_MESSAGES/tidings.mo (nothing
 * when @contents is NULL); returns the folder, to use as TIDINGS_LOCALEDIR. */
static char *
make_localedir (const guint8 *contents,
                gsize         length)
{
  g_autofree char *name = g_strdup_printf ("case-%u", n_tmp_dirs++);
  char *dir = g_build_filename (tmp_root, name, NULL);
  g_autofree char *messages = g_build_filename (dir, "es", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  if (contents != NULL)
    {
      g_file_set_contents (mo, (const char *) contents, (gssize) length, &error);
      g_assert_no_error (error);
    }

  return dir;
}

/* Translates "View in browser" with the catalogue @contents. */
static const char *
translate_with (const guint8 *contents,
                gsize         length)
{
  g_autofree char *dir = make_localedir (contents, length);
  const char *result;

  g_setenv ("TIDINGS_LOCALEDIR", dir, TRUE);
  result = td_l10n_gettext ("es", "newsletter", "View in browser");
  g_setenv ("TIDINGS_LOCALEDIR", built_localedir, TRUE);

  g_assert_nonnull (result);
  g_assert_true (g_utf8_validate (result, -1, NULL));

  return result;
}

/* A .mo file built by hand: @n pairs of original and translation, in the
 * byte order asked for. */
static GByteArray *
build_mo (const char * const *pairs,
          guint               n,
          gboolean            big_endian)
{
  GByteArray *out = g_byte_array_new ();
  guint32 header[7];
  guint32 strings = 28 + 16 * n;
  g_autoptr(GByteArray) tables = g_byte_array_new ();
  g_autoptr(GByteArray) text = g_byte_array_new ();

  header[0] = 0x950412de;
  header[1] = 0;
  header[2] = n;
  header[3] = 28;
  header[4] = 28 + 8 * n;
  header[5] = 0;
  header[6] = 0;

  /* Originals first, then translations; each string NUL-terminated. */
  for (guint column = 0; column < 2; column++)
    for (guint i = 0; i < n; i++)
      {
        const char *s = pairs[2 * i + column];
        guint32 entry[2] = { (guint32) strlen (s), strings + text->len };

        for (guint k = 0; k < 2; k++)
          {
            guint32 v = big_endian ? GUINT32_TO_BE (entry[k]) : GUINT32_TO_LE (entry[k]);

            g_byte_array_append (tables, (const guint8 *) &v, 4);
          }
        g_byte_array_append (text, (const guint8 *) s, (guint) strlen (s) + 1);
      }

  for (guint k = 0; k < 7; k++)
    {
      guint32 v = big_endian ? GUINT32_TO_BE (header[k]) : GUINT32_TO_LE (header[k]);

      g_byte_array_append (out, (const guint8 *) &v, 4);
    }
  g_byte_array_append (out, tables->data, tables->len);
  g_byte_array_append (out, text->data, text->len);

  return out;
}

static const char * const tiny_pairs[] = {
  "", "Content-Type: text/plain; charset=UTF-8\n",
  "newsletter\004View in browser", "Ver en el navegador (a mano)",
  "Hello", "Hola",
};

static void
test_spanish (void)
{
  g_assert_cmpstr (td_l10n_gettext ("es", "newsletter", "View in browser"), ==,
                   "Ver en el navegador");
  g_assert_cmpstr (td_l10n_gettext ("es", "newsletter", "Unsubscribe"), ==,
                   "Cancelar la suscripción");
  g_assert_cmpstr (td_l10n_gettext ("es", "month", "August"), ==, "agosto");
  /* The same text in another context is another message. */
  g_assert_cmpstr (td_l10n_gettext ("es", "nonexistent-context", "Unsubscribe"), ==,
                   "Unsubscribe");
  /* Not in the catalogue at all. */
  g_assert_cmpstr (td_l10n_gettext ("es", "newsletter", "No such phrase"), ==, "No such phrase");
  /* The header (empty msgid) is not a message. */
  g_assert_cmpstr (td_l10n_gettext ("es", NULL, ""), ==, "");
}

static void
test_region (void)
{
  const char *tags[] = { "es-MX", "es_MX", "ES", "es-419", "es-us", "es-Latn-MX", "es-x-private" };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_test_message ("language %s", tags[i]);
      g_assert_cmpstr (td_l10n_gettext (tags[i], "newsletter", "View in browser"), ==,
                       "Ver en el navegador");
    }
}

static void
test_english (void)
{
  const char *tags[] = { "en", "en-US", "fr", "de-DE", "", NULL };
  const char *msgid = "View in browser";

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_test_message ("language %s", tags[i] != NULL ? tags[i] : "(null)");
      /* The very msgid: no copy, nothing to free. */
      g_assert_true (td_l10n_gettext (tags[i], "newsletter", msgid) == msgid);
    }
}

static void
test_malformed_language (void)
{
  const char *tags[] = {
    "../es", "es/", "./es", "es/../es", "e", "espanol", "español", "es-", "-es", "es--MX",
    "es MX", "es.UTF-8", "es@latin", "es-MX-abcdefghi", "12",
  };
  const char *msgid = "Unsubscribe";

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_test_message ("language %s", tags[i]);
      g_assert_true (td_l10n_gettext (tags[i], "newsletter", msgid) == msgid);
    }
}

static void
test_newsletter_strings_translated (void)
{
  const char * const *msgids = td_l10n_get_newsletter_msgids ();
  guint n = 0;

  for (; msgids[n] != NULL; n++)
    {
      const char *es = td_l10n_gettext ("es", "newsletter", msgids[n]);

      g_test_message ("“%s” → “%s”", msgids[n], es);
      g_assert_cmpstr (es, !=, msgids[n]);
      g_assert_true (td_l10n_gettext ("en", "newsletter", msgids[n]) == msgids[n]);
    }

  g_assert_cmpuint (n, >=, 10);
  g_assert_cmpuint (n, <=, 20);
}

static void
test_month (void)
{
  struct
  {
    const char *language;
    const char *date;
    const char *expected;
  } cases[] = {
    { "en", "2023-08", "August 2023" },
    { "en", "2023-08-15", "August 2023" },
    { NULL, "2023-01", "January 2023" },
    { "fr", "2023-12", "December 2023" },
    { "es", "2023-08", "agosto de 2023" },
    { "es", "2023-08-15", "agosto de 2023" },
    { "es-MX", "2024-02-29", "febrero de 2024" },
    { "es", "2026-05", "mayo de 2026" },
    { "es", "0001-12", "diciembre de 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = td_l10n_format_month (cases[i].language, cases[i].date);

      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_month_invalid (void)
{
  const char *dates[] = {
    NULL, "", "2023", "2023-", "2023-8", "2023-13", "2023-00", "0000-01", "2023-08-32",
    "2023-02-29", "2023-02-30", "2023-08-1", "2023-08-15x", "2023-08-15T10:00", "abcd-ef",
    "2023/08", "+023-08", " 2023-08", "2023-0a", "２０２３-08",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *result = td_l10n_format_month ("es", dates[i]);

      g_test_message ("date %s", dates[i] != NULL ? dates[i] : "(null)");
      g_assert_null (result);
    }
}

static void
test_month_broken_pattern (void)
{
  /* A translation of the pattern that lost {year} falls back to English
   * order rather than dropping the year. */
  static const char * const pairs[] = {
    "date\004{month} {year}", "{month} de",
    "month\004August", "agosto",
  };
  g_autoptr(GByteArray) mo = build_mo (pairs, 2, FALSE);
  g_autofree char *dir = make_localedir (mo->data, mo->len);
  g_autofree char *result = NULL;

  g_setenv ("TIDINGS_LOCALEDIR", dir, TRUE);
  result = td_l10n_format_month ("es", "2023-08");
  g_setenv ("TIDINGS_LOCALEDIR", built_localedir, TRUE);

  g_assert_cmpstr (result, ==, "agosto 2023");
}

static void
test_localedir (void)
{
  g_assert_cmpstr (td_l10n_get_localedir (), ==, built_localedir);

  g_setenv ("TIDINGS_LOCALEDIR", "", TRUE);
  g_assert_cmpstr (td_l10n_get_localedir (), ==, LOCALEDIR);
  g_unsetenv ("TIDINGS_LOCALEDIR");
  g_assert_cmpstr (td_l10n_get_localedir (), ==, LOCALEDIR);
  g_setenv ("TIDINGS_LOCALEDIR", built_localedir, TRUE);
}

static void
test_hand_built (void)
{
  for (guint big_endian = 0; big_endian < 2; big_endian++)
    {
      g_autoptr(GByteArray) mo = build_mo (tiny_pairs, 3, big_endian);
      g_autofree char *dir = make_localedir (mo->data, mo->len);

      g_test_message ("%s-endian", big_endian ? "big" : "little");
      g_setenv ("TIDINGS_LOCALEDIR", dir, TRUE);
      g_assert_cmpstr (td_l10n_gettext ("es", "newsletter", "View in browser"), ==,
                       "Ver en el navegador (a mano)");
      g_assert_cmpstr (td_l10n_gettext ("es", NULL, "Hello"), ==, "Hola");
      g_assert_cmpstr (td_l10n_gettext ("es", "newsletter", "Hello"), ==, "Hello");
      g_assert_cmpstr (td_l10n_gettext ("es", NULL, ""), ==, "");
      g_setenv ("TIDINGS_LOCALEDIR", built_localedir, TRUE);
    }
}

static guint32
read_le32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);

  return GUINT32_FROM_LE (v);
}

static void
swap_words (guint8 *p,
            guint32 n)
{
  for (guint32 i = 0; i < n; i++, p += 4)
    {
      guint8 a = p[0], b = p[1];

      p[0] = p[3];
      p[1] = p[2];
      p[2] = b;
      p[3] = a;
    }
}

/* The real catalogue with every 32-bit word of its header and string tables
 * byte-swapped reads the same. */
static void
test_big_endian_real (void)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (spanish_mo, &size);
  g_autofree guint8 *copy = g_memdup2 (data, size);
  guint32 n = read_le32 (data + 8);
  guint32 originals = read_le32 (data + 12);
  guint32 translations = read_le32 (data + 16);

  g_assert_cmphex (read_le32 (data), ==, 0x950412de);

  swap_words (copy, 7);
  swap_words (copy + originals, 2 * n);
  swap_words (copy + translations, 2 * n);

  g_assert_cmpstr (translate_with (copy, size), ==, "Ver en el navegador");
}

static void
test_corrupt_truncated (void)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (spanish_mo, &size);
  guint n = 0;

  g_assert_cmpuint (size, >, 28);

  /* Every length up to past the tables, then a sample of the rest: the last
   * byte is the NUL of the last string, so no prefix is a valid catalogue. */
  for (gsize length = 0; length < size; length += length < 256 ? 1 : 61 + length % 7, n++)
    g_assert_cmpstr (translate_with (data, length), ==, "View in browser");
  g_assert_cmpstr (translate_with (data, size - 1), ==, "View in browser");

  g_test_message ("%u truncated catalogues", n);
}

static void
test_corrupt_fields (void)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (spanish_mo, &size);
  guint32 originals = read_le32 (data + 12);
  guint32 translations = read_le32 (data + 16);
  /* Entry 1 (entry 0 is the header) is a real, non-empty translation. */
  guint32 second_length = read_le32 (data + translations + 8);
  struct
  {
    const char *what;
    gsize offset;
    guint32 value;
  } cases[] = {
    { "bad magic", 0, 0x12345678 },
    { "revision 2", 4, 0x00020000 },
    { "huge count", 8, 0xffffffff },
    { "count past the end", 8, (guint32) size / 8 },
    { "originals past the end", 12, 0xfffffff0 },
    { "translations past the end", 16, 0xfffffff0 },
    { "translations overlapping the end", 16, (guint32) size - 4 },
    { "string length past the end", originals, 0xffffffff },
    { "string offset past the end", originals + 4, 0xfffffffe },
    { "length and offset that wrap", originals + 8, 0x80000000 },
    { "translation offset at the end", translations + 12, (guint32) size },
    { "translation not followed by its NUL", translations + 8, second_length - 1 },
  };

  g_assert_cmpuint (second_length, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      guint32 value = GUINT32_TO_LE (cases[i].value);

      g_test_message ("%s", cases[i].what);
      g_assert_cmpuint (cases[i].offset + 4, <=, size);
      memcpy (copy + cases[i].offset, &value, 4);
      g_assert_cmpstr (translate_with (copy, size), ==, "View in browser");
    }
}

/* Random damage must never crash nor return invalid UTF-8 (checked inside
 * translate_with). */
static void
test_corrupt_random (void)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (spanish_mo, &size);

  for (guint round = 0; round < 300; round++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      guint flips = g_test_rand_int_range (1, 8);

      for (guint k = 0; k < flips; k++)
        {
          /* Mostly in the header and tables, where damage matters most. */
          gsize limit = k % 2 == 0 ? MIN (size, 512) : size;

          copy[g_test_rand_int_range (0, (int) limit)] = (guint8) g_test_rand_int_range (0, 256);
        }
      translate_with (copy, size);
    }
}

static void
test_not_a_file (void)
{
  g_autofree char *dir = make_localedir (NULL, 0);
  g_autofree char *mo = g_build_filename (dir, "es", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  /* A folder where the catalogue should be. */
  g_assert_cmpint (g_mkdir (mo, 0700), ==, 0);
  g_setenv ("TIDINGS_LOCALEDIR", dir, TRUE);
  g_assert_cmpstr (td_l10n_gettext ("es", "newsletter", "Unsubscribe"), ==, "Unsubscribe");
  g_setenv ("TIDINGS_LOCALEDIR", built_localedir, TRUE);

  /* A folder that does not exist at all. */
  g_setenv ("TIDINGS_LOCALEDIR", "/nonexistent/tidings-test-l10n", TRUE);
  g_assert_cmpstr (td_l10n_gettext ("es", "newsletter", "Unsubscribe"), ==, "Unsubscribe");
  g_setenv ("TIDINGS_LOCALEDIR", built_localedir, TRUE);
}

static gpointer
translate_thread (gpointer data)
{
  const char *languages[] = { "es", "es-MX", "en", "fr", "es_AR" };

  for (guint i = 0; i < 200; i++)
    {
      const char *language = languages[(GPOINTER_TO_UINT (data) + i) % G_N_ELEMENTS (languages)];
      const char *result = td_l10n_gettext (language, "newsletter", "Read more");
      g_autofree char *month = td_l10n_format_month (language, "2023-08");

      if (g_str_has_prefix (language, "es"))
        {
          g_assert_cmpstr (result, ==, "Seguir leyendo");
          g_assert_cmpstr (month, ==, "agosto de 2023");
        }
      else
        {
          g_assert_cmpstr (result, ==, "Read more");
          g_assert_cmpstr (month, ==, "August 2023");
        }
    }

  return NULL;
}

static void
test_threads (void)
{
  /* A folder no other test has used, so the threads race to load it. */
  g_autofree char *dir = make_localedir (g_bytes_get_data (spanish_mo, NULL),
                                         g_bytes_get_size (spanish_mo));
  GThread *threads[8];

  /* The environment is not restored: setenv() is unsafe once threads
   * exist, so this test runs last. */
  g_setenv ("TIDINGS_LOCALEDIR", dir, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("l10n", translate_thread, GUINT_TO_POINTER (i));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mo_path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  int status;

  /* For readable test messages; the translations do not depend on it. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  built_localedir = g_strdup (g_getenv ("TIDINGS_LOCALEDIR"));
  if (built_localedir == NULL || *built_localedir == '\0')
    g_error ("TIDINGS_LOCALEDIR is not set: run this test through `meson test`, "
             "which points it at <builddir>/po");

  mo_path = g_build_filename (built_localedir, "es", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_get_contents (mo_path, &contents, &length, &error))
    g_error ("the Spanish catalogue is not built (%s): build the project "
             "(`meson compile`) before `meson test`", error->message);
  spanish_mo = g_bytes_new_take (g_steal_pointer (&contents), length);

  tmp_root = g_dir_make_tmp ("tidings-test-l10n-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/l10n/gettext/spanish", test_spanish);
  g_test_add_func ("/core/l10n/gettext/region", test_region);
  g_test_add_func ("/core/l10n/gettext/english", test_english);
  g_test_add_func ("/core/l10n/gettext/malformed-language", test_malformed_language);
  g_test_add_func ("/core/l10n/gettext/newsletter-strings", test_newsletter_strings_translated);
  g_test_add_func ("/core/l10n/month/format", test_month);
  g_test_add_func ("/core/l10n/month/invalid", test_month_invalid);
  g_test_add_func ("/core/l10n/month/broken-pattern", test_month_broken_pattern);
  g_test_add_func ("/core/l10n/localedir", test_localedir);
  g_test_add_func ("/core/l10n/mo/hand-built", test_hand_built);
  g_test_add_func ("/core/l10n/mo/big-endian", test_big_endian_real);
  g_test_add_func ("/core/l10n/mo/truncated", test_corrupt_truncated);
  g_test_add_func ("/core/l10n/mo/corrupt-fields", test_corrupt_fields);
  g_test_add_func ("/core/l10n/mo/corrupt-random", test_corrupt_random);
  g_test_add_func ("/core/l10n/mo/not-a-file", test_not_a_file);
  /* Last: it leaves TIDINGS_LOCALEDIR changed (see there). */
  g_test_add_func ("/core/l10n/threads/concurrent-loading", test_threads);

  status = g_test_run ();

  remove_tree (tmp_root);
  g_clear_pointer (&tmp_root, g_free);
  g_clear_pointer (&spanish_mo, g_bytes_unref);
  g_clear_pointer (&built_localedir, g_free);

  return status;
}
