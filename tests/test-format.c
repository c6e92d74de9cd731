/* test-format.c: loading, validating, migrating and saving .tidings files */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "td-document.h"
#include "td-issue-loader.h"
#include "td-issue-saver.h"
#include "td-issue-validator.h"
#include "td-json-path.h"
#include "td-json-syntax.h"
#include "td-json-writer.h"
#include "td-test-util.h"

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "august-2023",
                                "august-2023.tidings", NULL);
}

/* Loads text as a file named "t.tidings" in base_dir (or none) and returns
 * the diagnostics as the CLI prints them. */
static char *
diagnose (const char *text,
          const char *base_dir)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_data (text, strlen (text), base_dir, diags);

  g_assert_true ((loaded == NULL) == td_diagnostics_has_errors (diags));
  return td_diagnostics_format (diags, "t.tidings");
}

/* A minimal valid document with one extra section inserted as JSON text. */
static char *
with_section (const char *section_json)
{
  return g_strdup_printf ("{\"format\": \"tidings-issue\", \"version\": 1,\n"
                          " \"practice\": {\"name\": \"R\"},\n"
                          " \"issue\": {\"title\": \"T\"},\n"
                          " \"sections\": [{\"id\": \"a\", \"type\": \"tip\"}, %s]}",
                          section_json);
}

static void
assert_diagnostic (const char *text,
                   const char *expected)
{
  g_autofree char *got = diagnose (text, NULL);

  g_assert_cmpstr (got, ==, expected);
}

/* A tip whose picture is src, loaded from base_dir (or none), gets exactly
 * one error: message, about that picture. */
static void
assert_image_error (const char *src,
                    const char *base_dir,
                    const char *message)
{
  g_autofree char *section = g_strdup_printf ("{\"id\": \"b\", \"type\": \"tip\", "
                                              "\"image\": {\"src\": \"%s\"}}", src);
  g_autofree char *text = with_section (section);
  g_autofree char *expected = g_strdup_printf ("t.tidings: error: sections[1].image.src: %s\n",
                                               message);
  g_autofree char *got = diagnose (text, base_dir);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_sample_is_canonical (void)
{
  g_autofree char *path = sample_path ();
  g_autofree char *contents = NULL;
  g_autofree char *written = NULL;
  g_autofree char *base_dir = g_path_get_dirname (path);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  loaded = td_issue_load_from_data (contents, length, base_dir, diags);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (td_diagnostics_get_n_items (diags), ==, 0);

  /* The sample is kept in canonical form: saving it changes nothing. */
  written = td_json_write_issue (loaded->root, NULL);
  g_assert_cmpstr (written, ==, contents);
}

/* Loads text, writes it, loads and writes that again: both writings must
 * be the same bytes and hold the same document. Returns the first one;
 * diags gets the first load's diagnostics. */
static char *
write_twice (const char    *text,
             gsize          length,
             TdDiagnostics *diags)
{
  g_autoptr(TdDiagnostics) diags2 = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_data (text, length, NULL, diags);
  g_autoptr(TdLoadedIssue) reloaded = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_nonnull (loaded);
  first = td_json_write_issue (loaded->root, NULL);
  reloaded = td_issue_load_from_data (first, strlen (first), NULL, diags2);
  g_assert_nonnull (reloaded);
  second = td_json_write_issue (reloaded->root, NULL);
  g_assert_cmpstr (first, ==, second);
  g_assert_true (json_node_equal (loaded->root, reloaded->root));
  return g_steal_pointer (&first);
}

static void
test_every_field_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good",
                                                 "every-field.tidings", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *first = NULL;
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  first = write_twice (contents, length, diags);

  /* Unknown members and section types survive, in place. */
  g_assert_nonnull (strstr (first, "\"x-future-field\": {\n"));
  g_assert_nonnull (strstr (first, "\"type\": \"poll\""));
  g_assert_nonnull (strstr (first, "\"choices\": [\n"));
  /* The unknown type is reported, but only as a warning. */
  g_assert_cmpuint (td_diagnostics_count (diags, TD_SEVERITY_WARNING), ==, 1);
}

static void
test_canonical_order (void)
{
  const char *shuffled =
    "{\"sections\": [{\"title\": \"Tip\", \"zz\": 1, \"type\": \"tip\", \"id\": \"t\"}],"
    " \"issue\": {\"language\": \"en\", \"title\": \"T\"}, \"version\": 1,"
    " \"practice\": {\"logo\": \"\", \"name\": \"R\"}, \"format\": \"tidings-issue\"}";
  const char *expected =
    "{\n"
    "  \"format\": \"tidings-issue\",\n"
    "  \"version\": 1,\n"
    "  \"practice\": {\n"
    "    \"name\": \"R\",\n"
    "    \"logo\": \"\"\n"
    "  },\n"
    "  \"issue\": {\n"
    "    \"title\": \"T\",\n"
    "    \"language\": \"en\"\n"
    "  },\n"
    "  \"sections\": [\n"
    "    {\n"
    "      \"id\": \"t\",\n"
    "      \"type\": \"tip\",\n"
    "      \"title\": \"Tip\",\n"
    "      \"zz\": 1\n"
    "    }\n"
    "  ]\n"
    "}\n";
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_data (shuffled, strlen (shuffled),
                                                             NULL, diags);
  g_autofree char *written = NULL;

  g_assert_nonnull (loaded);
  written = td_json_write_issue (loaded->root, NULL);
  g_assert_cmpstr (written, ==, expected);
}

/* The hand-off record: accepted, kept in place by the canonical writer,
 * and checked like any other member. */
static void
test_delivery_member (void)
{
  const char *text =
    "{\"delivery\": {\"buttondown\": {\"url\": \"https://buttondown.com/emails/e1\","
    " \"id\": \"e1\", \"pictures\": [{\"url\": \"https://h.example/l.png\","
    " \"sha256\": \"ab\", \"src\": \"images/l.png\", \"id\": \"i1\"}]}},"
    " \"sections\": [], \"issue\": {\"title\": \"T\"}, \"version\": 1,"
    " \"practice\": {\"name\": \"R\"}, \"format\": \"tidings-issue\"}";
  const char *expected =
    "{\n"
    "  \"format\": \"tidings-issue\",\n"
    "  \"version\": 1,\n"
    "  \"practice\": {\n"
    "    \"name\": \"R\"\n"
    "  },\n"
    "  \"issue\": {\n"
    "    \"title\": \"T\"\n"
    "  },\n"
    "  \"sections\": [],\n"
    "  \"delivery\": {\n"
    "    \"buttondown\": {\n"
    "      \"id\": \"e1\",\n"
    "      \"url\": \"https://buttondown.com/emails/e1\",\n"
    "      \"pictures\": [\n"
    "        {\n"
    "          \"src\": \"images/l.png\",\n"
    "          \"sha256\": \"ab\",\n"
    "          \"url\": \"https://h.example/l.png\",\n"
    "          \"id\": \"i1\"\n"
    "        }\n"
    "      ]\n"
    "    }\n"
    "  }\n"
    "}\n";
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_data (text, strlen (text), NULL, diags);
  g_autofree char *written = NULL;

  g_assert_nonnull (loaded);
  g_assert_cmpuint (td_diagnostics_get_n_items (diags), ==, 0);
  written = td_json_write_issue (loaded->root, NULL);
  g_assert_cmpstr (written, ==, expected);

  assert_diagnostic ("{\"format\": \"tidings-issue\", \"version\": 1, \"practice\":"
                     " {\"name\": \"R\"}, \"issue\": {\"title\": \"T\"}, \"sections\": [],"
                     " \"delivery\": {\"mailchimp\": {\"id\": 7}}}",
                     "t.tidings: error: delivery.mailchimp.id: must be text, not a number\n");
}

/* Numbers in members Tidings does not know are kept as they were written:
 * json-glib would turn 1e999 into inf and 2^64 into -1. */
static void
test_number_text (void)
{
  static const char *const numbers[] = {
    "1e999", "-1e400", "9223372036854775808", "18446744073709551616", "-9223372036854775809",
    "0.1", "1.0", "-0", "1E5", "2.5e-3", "0", "-7", "9223372036854775807",
    "123456789012345678901234567890.5e+10",
  };
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", numbers[i]);
      g_string_append_printf (expected, "          %s%s\n", numbers[i],
                              i + 1 < G_N_ELEMENTS (numbers) ? "," : "");
    }
  text = g_strdup_printf ("{\"format\": \"tidings-issue\", \"version\": 1, \"x-n\": 1e999,"
                          " \"practice\": {\"name\": \"R\", \"x-big\": 18446744073709551616},"
                          " \"issue\": {\"title\": \"T\"},"
                          " \"sections\": [{\"id\": \"a\", \"type\": \"poll\", "
                          "\"counts\": {\"all\": [%s]}}]}", list->str);
  /* Written as they came, and stable when written again. */
  first = write_twice (text, strlen (text), diags);
  g_assert_nonnull (strstr (first, expected->str));
  g_assert_nonnull (strstr (first, "\"x-big\": 18446744073709551616\n"));
  g_assert_nonnull (strstr (first, "\"x-n\": 1e999\n"));
  g_assert_nonnull (strstr (first, "\"version\": 1,\n"));
}

/* The version is read from its text: one too large for any integer is
 * reported as such, not as whatever it overflowed to. */
static void
test_version_text (void)
{
  static const struct { const char *version; const char *message; } cases[] = {
    { "99999999999999999999", "version: “99999999999999999999” is too large to be a format "
                              "version; this version of Tidings reads format versions up to 1" },
    { "-99999999999999999999", "version: “-99999999999999999999” is not a format version" },
    { "1e999", "version: must be a whole number such as 1, not a number" },
    { "1.0", "version: must be a whole number such as 1, not a number" },
    { "-1", "version: -1 is not a format version" },
  };
  g_autofree char *digits = g_strnfill (5000, '7');

  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    {
      const char *version = i < G_N_ELEMENTS (cases) ? cases[i].version : digits;
      g_autofree char *text = g_strdup_printf ("{\"format\": \"tidings-issue\", "
                                               "\"version\": %s}", version);
      g_autofree char *got = diagnose (text, NULL);
      g_autofree char *expected = NULL;

      if (i < G_N_ELEMENTS (cases))
        expected = g_strdup_printf ("t.tidings: error: %s\n", cases[i].message);
      else
        expected = g_strdup ("t.tidings: error: version: “777777777777777777777777…” (5000 digits) "
                             "is too large to be a format version; this version of Tidings "
                             "reads format versions up to 1\n");
      g_assert_cmpstr (got, ==, expected);
    }
}

/* One-line fields end up in mail headers (Subject:, From:) and single
 * lines of the text version: no line break of any kind, no control
 * character. Multi-line fields keep line feeds and tabs. */
static void
test_one_line_fields (void)
{
  static const struct { const char *json; const char *shown; } bad[] = {
    { "\\n", "a line break (U+000A)" },
    { "\\r", "a line break (U+000D)" },
    { "\\u2028", "a line break (U+2028)" },
    { "\\u2029", "a line break (U+2029)" },
    { "\\u0085", "a line break (U+0085)" },
    { "\\t", "the control character U+0009" },
    { "\\u001b[31m", "the control character U+001B" },
    { "\\u007f", "the control character U+007F" },
    { "\\u009b", "the control character U+009B" },
  };
  static const char *const fields[] = {
    "issue.subject", "issue.preheader", "practice.name", "practice.email", "practice.website",
    "sections[1].title", "sections[1].image.alt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
      {
        g_autofree char *value = g_strdup_printf ("a%sb@example.com", bad[i].json);
        g_autofree char *issue = g_strdup_printf ("{\"title\": \"T\"%s%s%s}",
                                                  f < 2 ? ", \"" : "",
                                                  f < 2 ? fields[f] + 6 : "",
                                                  f < 2 ? "\": \"VALUE\"" : "");
        g_autofree char *practice = g_strdup_printf ("{\"name\": \"%s\"%s%s%s}",
                                                     f == 2 ? "VALUE" : "R",
                                                     f > 2 && f < 5 ? ", \"" : "",
                                                     f > 2 && f < 5 ? fields[f] + 9 : "",
                                                     f > 2 && f < 5 ? "\": \"VALUE\"" : "");
        g_autofree char *section = g_strdup_printf ("{\"id\": \"b\", \"type\": \"tip\", "
                                                    "\"title\": \"%s\", \"image\": "
                                                    "{\"src\": \"x.png\", \"alt\": \"%s\"}}",
                                                    f == 5 ? "VALUE" : "Tip",
                                                    f == 6 ? "VALUE" : "");
        g_autofree char *text = g_strdup_printf ("{\"format\": \"tidings-issue\", \"version\": 1,"
                                                 " \"practice\": %s, \"issue\": %s, \"sections\":"
                                                 " [{\"id\": \"a\", \"type\": \"tip\"}, %s]}",
                                                 practice, issue, section);
        g_auto(GStrv) parts = g_strsplit (text, "VALUE", -1);
        g_autofree char *joined = g_strjoinv (value, parts);
        g_autofree char *got = diagnose (joined, NULL);
        g_autofree char *expected = g_strdup_printf ("t.tidings: error: %s: contains %s; this "
                                                     "field is one line of text\n",
                                                     fields[f], bad[i].shown);

        g_test_message ("%s in %s", bad[i].json, fields[f]);
        if (g_str_has_prefix (bad[i].shown, "the control"))
          {
            g_free (expected);
            expected = g_strdup_printf ("t.tidings: error: %s: contains %s; remove it\n",
                                        fields[f], bad[i].shown);
          }
        g_assert_cmpstr (got, ==, expected);
      }
}

static void
test_multi_line_fields (void)
{
  static const struct { const char *json; const char *message; } cases[] = {
    { "one\\ntwo\\tthree\\u2028four\\u2029five", NULL },
    { "one\\r\\ntwo", "contains the control character U+000D; remove it" },
    { "one\\u0085two", "contains the control character U+0085; remove it" },
    { "bell\\u0007", "contains the control character U+0007; remove it" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\": \"tidings-issue\", \"version\": 1,"
                                               " \"practice\": {\"name\": \"R\", \"address\":"
                                               " \"%s\"}, \"issue\": {\"title\": \"T\"},"
                                               " \"sections\": [{\"id\": \"a\", \"type\":"
                                               " \"tip\", \"body\": \"%s\"}]}",
                                               cases[i].json, cases[i].json);
      g_autofree char *got = diagnose (text, NULL);
      /* The markdown body is judged like the address. */
      g_autofree char *expected = cases[i].message == NULL
        ? g_strdup ("")
        : g_strdup_printf ("t.tidings: error: practice.address: %s\n"
                           "t.tidings: error: sections[0].body: %s\n",
                           cases[i].message, cases[i].message);

      g_assert_cmpstr (got, ==, expected);
    }
}

/* Diagnostics quote values from the file; printed to a terminal, their
 * control characters must not act (an escape sequence retitling the window,
 * a line break faking a second diagnostic). */
static void
test_diagnostics_escape_controls (void)
{
  assert_diagnostic ("{\"format\": \"tidings-issue\", \"version\": 1, \"practice\": "
                     "{\"name\": \"R\"}, \"issue\": {\"title\": \"T\"}, \"sections\": "
                     "[{\"id\": \"a\", \"type\": \"\\u001b]0;x\\u0007\\u009b2J\"}]}",
                     "t.tidings: warning: sections[0].type: unknown section type "
                     "“\\u001b]0;x\\u0007\\u009b2J”: it is kept in the file but not shown\n");
  assert_diagnostic ("{\"a\\nt.tidings: error: fake\": 1, \"a\\nt.tidings: error: fake\": 2}",
                     "t.tidings:1:34: error: duplicate key “a\\u000at.tidings: error: fake”: each "
                     "key may appear once in an object\n");
}

/* The editor asks the same function while the user types. */
static void
test_field_check_string (void)
{
  g_autofree char *message = NULL;

  g_assert_false (td_field_check_string (TD_FIELD_TEXT, "Subject\r\nBcc: x@example.com",
                                         &message));
  g_assert_cmpstr (message, ==, "contains a line break (U+000D); this field is one line of text");
  g_clear_pointer (&message, g_free);
  g_assert_false (td_field_check_string (TD_FIELD_EMAIL, "a\xe2\x80\xa8@example.com", &message));
  g_assert_cmpstr (message, ==, "contains a line break (U+2028); this field is one line of text");
  g_clear_pointer (&message, g_free);
  g_assert_true (td_field_check_string (TD_FIELD_MULTILINE, "1 Main St\n\tApt 2", &message));
  g_assert_null (message);
  g_assert_true (td_field_check_string (TD_FIELD_TEXT, "Caf\xc3\xa9 \xe2\x80\x94 ok", &message));
  g_assert_false (td_field_check_string (TD_FIELD_TEXT, "broken \xf0", &message));
  g_assert_cmpstr (message, ==, "is not valid UTF-8 text");
}

/* Windows Notepad starts UTF-8 files with a byte order mark; RFC 8259 lets
 * a reader ignore it, and so does Tidings (saving drops it). Other
 * invisible characters are named by their code point. */
static void
test_byte_order_mark (void)
{
  const char *text = "\xef\xbb\xbf{\"format\": \"tidings-issue\", \"version\": 1, "
                     "\"practice\": {\"name\": \"R\"}, \"issue\": {\"title\": \"T\"}, "
                     "\"sections\": []}";

  assert_diagnostic (text, "");
  assert_diagnostic ("\xef\xbb\xbf\xef\xbb\xbf{}", "t.tidings:1:1: error: unexpected U+FEFF: a "
                                                  "value should come here\n");
  assert_diagnostic ("{\"a\": 1\xe2\x80\x8b}", "t.tidings:1:8: error: unexpected U+200B: a “,” or "
                                            "the closing “}” should come here\n");
}

static void
test_syntax_error (void)
{
  assert_diagnostic ("{\"format\": \"tidings-issue\",\n \"version\": 1,,\n}",
                     "t.tidings:2:15: error: unexpected “,”: a key in double quotes should "
                     "come here\n");
}

static void
test_wrong_type (void)
{
  g_autofree char *text = with_section ("{\"id\": \"n\", \"type\": \"news\", "
                                        "\"items\": [{\"text\": 42}]}");

  assert_diagnostic (text, "t.tidings: error: sections[1].items[0].text: must be text, "
                           "not a number\n");
}

static void
test_missing_required (void)
{
  assert_diagnostic ("{\"format\": \"tidings-issue\", \"version\": 1, \"practice\": {},"
                     " \"issue\": {\"title\": \"T\"}, \"sections\": []}",
                     "t.tidings: error: practice.name: is missing (it is required)\n");
}

static void
test_bad_url_scheme (void)
{
  g_autofree char *text = with_section ("{\"id\": \"n\", \"type\": \"news\", \"items\": "
                                        "[{\"text\": \"x\"}, {\"text\": \"y\", \"link\": "
                                        "{\"url\": \"javascript:alert(1)\"}}]}");

  assert_diagnostic (text, "t.tidings: error: sections[1].items[1].link.url: "
                           "“javascript:alert(1)” is not a web or email address: it must "
                           "start with https://, http:// or mailto:\n");
}

static void
test_bad_colour (void)
{
  assert_diagnostic ("{\"format\": \"tidings-issue\", \"version\": 1, \"practice\": "
                     "{\"name\": \"R\", \"brand_color\": \"teal\"}, \"issue\": "
                     "{\"title\": \"T\"}, \"sections\": []}",
                     "t.tidings: error: practice.brand_color: “teal” is not a colour: "
                     "write it as #rrggbb, for example #2f6f73\n");
}

static void
test_duplicate_id (void)
{
  g_autofree char *text = with_section ("{\"id\": \"a\", \"type\": \"tip\"}");

  assert_diagnostic (text, "t.tidings: error: sections[1].id: duplicate section id “a” "
                           "(already used by sections[0])\n");
}

static void
test_duplicate_key (void)
{
  assert_diagnostic ("{\"format\": \"tidings-issue\",\n \"format\": \"x\"}",
                     "t.tidings:2:2: error: duplicate key “format”: each key may appear "
                     "once in an object\n");
}

static void
test_newer_version (void)
{
  assert_diagnostic ("{\"format\": \"tidings-issue\", \"version\": 7}",
                     "t.tidings: error: version: this file was written by a newer version "
                     "of Tidings (format version 7); this version reads format versions up "
                     "to 1. Update Tidings to open it\n");
}

static void
test_image_paths (void)
{
  static const struct { const char *src; const char *message; } cases[] = {
    { "/etc/passwd.png", "“/etc/passwd.png” must be a picture in the issue’s folder, "
                         "such as images/photo.jpg" },
    { "images/../../secret.png", "“images/../../secret.png” points outside the issue’s folder" },
    { "file:///etc/x.png", "“file:///etc/x.png” must be a picture in the issue’s folder, "
                           "such as images/photo.jpg" },
    { "images/notes.txt", "“images/notes.txt” is not a PNG, JPEG or GIF picture" },
    { "./images//x.png", "“./images//x.png” is not a plain path: write it as images/photo.jpg" },
    { "images/a:b.png", "“images/a:b.png” must be a picture in the issue’s folder, "
                        "such as images/photo.jpg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_image_error (cases[i].src, NULL, cases[i].message);
}

/* A file named like a picture must be one, and must not be a link out of
 * the folder. */
static void
test_image_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tidings-test-XXXXXX", NULL);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *fake = g_build_filename (images, "fake.png", NULL);
  g_autofree char *link = g_build_filename (images, "link.png", NULL);
  g_autofree char *fake_text = with_section ("{\"id\": \"b\", \"type\": \"tip\", \"image\": "
                                             "{\"src\": \"images/fake.png\"}}");
  g_autofree char *link_text = with_section ("{\"id\": \"b\", \"type\": \"tip\", \"image\": "
                                             "{\"src\": \"images/link.png\"}}");
  g_autofree char *missing_text = with_section ("{\"id\": \"b\", \"type\": \"tip\", \"image\": "
                                                "{\"src\": \"images/gone.png\"}}");
  g_autofree char *got_fake = NULL;
  g_autofree char *got_link = NULL;
  g_autofree char *got_missing = NULL;

  g_assert_cmpint (g_mkdir (images, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fake, "#!/bin/sh\necho not a picture\n", -1, NULL));
  g_assert_cmpint (symlink ("/etc/hostname", link), ==, 0);

  got_fake = diagnose (fake_text, dir);
  got_link = diagnose (link_text, dir);
  got_missing = diagnose (missing_text, dir);
  g_assert_cmpstr (got_fake, ==, "t.tidings: error: sections[1].image.src: “images/fake.png” "
                                 "is not a PNG, JPEG or GIF picture\n");
  g_assert_cmpstr (got_link, ==, "t.tidings: error: sections[1].image.src: “images/link.png” "
                                 "is a link, not a picture in the issue’s folder\n");
  g_assert_cmpstr (got_missing, ==, "t.tidings: warning: sections[1].image.src: the picture "
                                    "“images/gone.png” is missing from the issue’s folder\n");

  g_unlink (fake);
  g_unlink (link);
  g_rmdir (images);
  g_rmdir (dir);
}

/* The checks take a length and never read past it: each input here ends
 * where an unreadable page begins, with no NUL after it. */
static void
test_unterminated_input (void)
{
  static const char *const inputs[] = {
    " ", "   \n\t", "{", " [", "\"abc", "\"a\\", "\"\\u12", "tru", "12", "-", "1e",
    "1.", "{\"a\":1", "{} ", "[1,", "{\"a\"", "nul", "\xc3\xa9", "/",
  };
  g_autofree char *blank = g_strnfill (5000, ' ');

  for (guint i = 0; i <= G_N_ELEMENTS (inputs); i++)
    {
      const char *text = i < G_N_ELEMENTS (inputs) ? inputs[i] : blank;
      gsize length = strlen (text);
      char *copy = td_test_guarded_copy (text, length);
      g_autoptr(TdDiagnostics) syntax = td_diagnostics_new ();
      g_autoptr(TdDiagnostics) load = td_diagnostics_new ();
      g_autoptr(TdLoadedIssue) loaded = NULL;

      g_test_message ("input %u: %zu bytes", i, length);
      g_assert_true (td_json_syntax_check (copy, length, TD_ISSUE_MAX_DEPTH, NULL, syntax) !=
                     td_diagnostics_has_errors (syntax));
      loaded = td_issue_load_from_data (copy, length, NULL, load);
      g_assert_null (loaded);
      g_assert_true (td_diagnostics_has_errors (load));
      if (strspn (text, " \t\n") == length)
        {
          g_autofree char *got = td_diagnostics_format (load, "t.tidings");

          g_assert_nonnull (strstr (got, "the file holds only blank space"));
        }
      td_test_guarded_free (copy, length);
    }
}

/* A picture whose path runs through a link, or names no regular file, is
 * an error however real the file at the end is. */
static void
test_image_links (void)
{
  static const struct { const char *src; const char *message; } cases[] = {
    { "images/badge-amta.png", "“images/badge-amta.png” leads outside the issue’s folder: "
                               "“images” is a link" },
    { "pics/badge-amta.png", "“pics/badge-amta.png” leads outside the issue’s folder: "
                             "“pics” is a link" },
    { "own/pipe.png", "“own/pipe.png” is not a regular file (a device, a pipe or a socket)" },
    { "own/folder.png", "“own/folder.png” is a folder, not a picture" },
  };
  g_autofree char *sample = td_test_sample_dir ();
  g_autofree char *sample_images = g_build_filename (sample, "images", NULL);
  g_autofree char *dir = g_dir_make_tmp ("tidings-test-XXXXXX", NULL);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *pics = g_build_filename (dir, "pics", NULL);
  g_autofree char *own = g_build_filename (dir, "own", NULL);
  g_autofree char *fifo = g_build_filename (own, "pipe.png", NULL);
  g_autofree char *folder = g_build_filename (own, "folder.png", NULL);

  g_assert_cmpint (symlink (sample_images, images), ==, 0);
  g_assert_cmpint (symlink (sample_images, pics), ==, 0);
  g_assert_cmpint (g_mkdir (own, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_image_error (cases[i].src, dir, cases[i].message);
  g_unlink (images);
  g_unlink (pics);
  g_unlink (fifo);
  g_rmdir (folder);
  g_rmdir (own);
  g_rmdir (dir);
}

static void
test_migration_from_0 (void)
{
  const char *v0 =
    "{\"format\": \"tidings-issue\", \"version\": 0,"
    " \"practice\": {\"name\": \"R\", \"color\": \"#112233\"},"
    " \"issue\": {\"title\": \"T\"},"
    " \"sections\": [{\"id\": \"a\", \"kind\": \"tip\", \"title\": \"Did you know?\"}]}";
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_data (v0, strlen (v0), NULL, diags);
  JsonObject *root;

  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->from_version, ==, 0);
  root = json_node_get_object (loaded->root);
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (td_json_get_string (td_json_get_object (root, "practice"), "brand_color"),
                   ==, "#112233");
  g_assert_false (json_object_has_member (td_json_get_object (root, "practice"), "color"));
  g_assert_cmpstr (json_node_get_string (td_json_path_lookup (loaded->root, "sections[0].type")),
                   ==, "tip");
  g_assert_null (td_json_path_lookup (loaded->root, "sections[0].kind"));
}

/* Every file in tests/data/bad/ is refused with the diagnostics in its
 * .expected file, and nothing crashes. */
static void
test_bad_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".tidings"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >=, 40);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir_path, file_name, NULL);
      g_autofree char *expected_path = g_strconcat (path, ".expected", NULL);
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
      g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_file (file, diags);

      g_test_message ("%s", file_name);
      g_assert_null (loaded);
      g_assert_true (td_diagnostics_has_errors (diags));
      got = td_diagnostics_format (diags, file_name);
      g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
      g_assert_cmpstr (got, ==, expected);
    }
}

/* Random damage to the sample (bytes flipped, cut, repeated, stray
 * punctuation) never crashes the loader, and it always either loads or
 * says why not. The seed is fixed so a failure can be reproduced. */
static void
test_mutations (void)
{
  g_autofree char *path = sample_path ();
  g_autofree char *original = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20231101);
  static const char specials[] = "{}[]\",:\\\x00\xff\xc3 0-e.tfn";
  gsize length;
  guint loaded_ok = 0;

  g_assert_true (g_file_get_contents (path, &original, &length, NULL));
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
      g_autoptr(TdLoadedIssue) loaded = NULL;
      guint n = g_rand_int_range (rand, 1, 6);

      g_byte_array_append (data, (const guint8 *) original, length);
      for (guint m = 0; m < n && data->len > 2; m++)
        {
          guint at = g_rand_int_range (rand, 0, data->len);
          guint wanted = g_rand_int_range (rand, 1, 64);
          guint span = MIN (data->len - at, wanted);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              data->data[at] ^= (guint8) g_rand_int_range (rand, 1, 256);
              break;
            case 1:
              g_byte_array_remove_range (data, at, span);
              break;
            case 2:
              {
                g_autofree guint8 *copy = g_memdup2 (data->data + at, span);

                g_byte_array_prepend (data, copy, span);
                break;
              }
            default:
              data->data[at] = (guint8) specials[g_rand_int_range (rand, 0, sizeof specials - 1)];
            }
        }
      loaded = td_issue_load_from_data ((const char *) data->data, data->len, NULL, diags);
      g_assert_true ((loaded == NULL) == td_diagnostics_has_errors (diags));
      g_assert_cmpuint (td_diagnostics_get_n_items (diags), <=, 100);
      if (loaded != NULL)
        loaded_ok++;
    }
  /* Damage inside a text value leaves a valid file: some must load. */
  g_test_message ("%u of 3000 damaged files still loaded", loaded_ok);
  g_assert_cmpuint (loaded_ok, >, 0);
  g_assert_cmpuint (loaded_ok, <, 3000);
}

static char *
load_file_error (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_file (file, diags);

  g_assert_null (loaded);
  return td_diagnostics_format (diags, "t.tidings");
}

/* Only a regular file is read: a device would be read forever and a FIFO
 * would block. Run in a subprocess so that a hang fails the test. */
static void
test_not_regular_files (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("tidings-test-XXXXXX", NULL);
      g_autofree char *fifo = g_build_filename (dir, "x.tidings", NULL);
      g_autofree char *link = g_build_filename (dir, "zero.tidings", NULL);
      const char *paths[] = { "/dev/zero", fifo, link };

      g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
      g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          g_autofree char *got = load_file_error (paths[i]);

          g_assert_cmpstr (got, ==, "t.tidings: error: cannot open: it is not a regular file "
                                    "(a device, a pipe or a socket)\n");
        }
      g_unlink (fifo);
      g_unlink (link);
      g_rmdir (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A link to an issue opens the issue; its pictures are looked for beside
 * the link. */
static void
test_link_to_issue (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tidings-test-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "real.tidings", NULL);
  g_autofree char *link = g_build_filename (dir, "link.tidings", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  g_autoptr(TdLoadedIssue) loaded = NULL;
  const char *text = "{\"format\": \"tidings-issue\", \"version\": 1, \"practice\": "
                     "{\"name\": \"R\"}, \"issue\": {\"title\": \"T\"}, \"sections\": []}";

  g_assert_true (g_file_set_contents (target, text, -1, NULL));
  g_assert_cmpint (symlink ("real.tidings", link), ==, 0);
  loaded = td_issue_load_from_file (file, diags);
  g_assert_nonnull (loaded);
  g_assert_nonnull (loaded->etag);
  g_unlink (link);
  g_unlink (target);
  g_rmdir (dir);
}

/* Saving */

typedef struct
{
  char *dir;
  char *path;
  GFile *file;
  char *original;
} SaveFixture;

static const char *small_issue =
  "{\n  \"format\": \"tidings-issue\",\n  \"version\": 1,\n  \"practice\": {\n"
  "    \"name\": \"R\"\n  },\n  \"issue\": {\n    \"title\": \"T\"\n  },\n"
  "  \"sections\": []\n}\n";

static void
save_fixture_set_up (SaveFixture   *fixture,
                     gconstpointer  data)
{
  g_autofree char *data_home = NULL;

  fixture->dir = g_dir_make_tmp ("tidings-save-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  data_home = g_build_filename (fixture->dir, "data-home", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  fixture->path = g_build_filename (fixture->dir, "issue.tidings", NULL);
  fixture->original = g_strdup (small_issue);
  g_assert_true (g_file_set_contents (fixture->path, fixture->original, -1, NULL));
  fixture->file = g_file_new_for_path (fixture->path);
}

static void
save_fixture_tear_down (SaveFixture   *fixture,
                        gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_clear_object (&fixture->file);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_free (fixture->original);
}

static char *
read_file (const char *path)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return g_steal_pointer (&contents);
}

static TdDocument *
load_document (GFile *file)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  TdDocument *document = td_document_new_from_file (file, diags);

  g_assert_nonnull (document);
  return document;
}

static void
test_save_keeps_mode_and_backup (SaveFixture   *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *kept = NULL;
  struct stat st;

  g_assert_cmpint (g_chmod (fixture->path, 0640), ==, 0);
  document = load_document (fixture->file);
  td_document_set_string (document, "issue.title", "New title", TD_EDIT_NONE);
  g_assert_true (td_document_get_modified (document));
  g_assert_true (td_document_save (document, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (td_document_get_modified (document));

  saved = read_file (fixture->path);
  g_assert_nonnull (strstr (saved, "\"title\": \"New title\""));
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  backup = td_issue_get_backup_file (fixture->file);
  backup_path = g_file_get_path (backup);
  g_assert_true (g_str_has_prefix (backup_path, g_getenv ("XDG_DATA_HOME")));
  kept = read_file (backup_path);
  g_assert_cmpstr (kept, ==, fixture->original);
}

static void
test_save_refuses_changed_file (SaveFixture   *fixture,
                                gconstpointer  data)
{
  g_autoptr(TdDocument) document = load_document (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char *other = "{\"changed\": \"by another program\"}\n";

  /* Another program rewrites the file (a second later, so the mtime-based
   * etag differs even on coarse file systems). */
  g_usleep (G_USEC_PER_SEC * 11 / 10);
  g_assert_true (g_file_set_contents (fixture->path, other, -1, NULL));

  td_document_set_string (document, "issue.title", "Mine", TD_EDIT_NONE);
  g_assert_false (td_document_save (document, NULL, FALSE, &error));
  g_assert_error (error, TD_SAVE_ERROR, TD_SAVE_ERROR_CHANGED_ON_DISK);
  after = read_file (fixture->path);
  g_assert_cmpstr (after, ==, other);
  g_assert_true (td_document_get_modified (document));

  /* Told so, the user may still choose to overwrite. */
  g_clear_error (&error);
  g_assert_true (td_document_save (document, NULL, TRUE, &error));
  g_assert_no_error (error);
}

static void
test_save_is_stable (SaveFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(TdDocument) first = load_document (fixture->file);
  g_autoptr(TdDocument) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;

  g_assert_true (td_document_save (first, NULL, FALSE, &error));
  once = read_file (fixture->path);
  second = load_document (fixture->file);
  g_assert_true (td_document_save (second, NULL, FALSE, &error));
  twice = read_file (fixture->path);
  g_assert_cmpstr (once, ==, twice);
  g_assert_cmpstr (once, ==, small_issue);
}

/* Writes a document far larger than the file size limit over the fixture's
 * file in a child process, so the kernel refuses it part-way (EFBIG), as a
 * full disk would. */
static void
test_save_fails_midway (SaveFixture   *fixture,
                        gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(TdDocument) document = load_document (fixture->file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) big = g_string_new (NULL);
      struct rlimit limit = { 4096, 4096 };

      for (guint i = 0; i < 2000; i++)
        g_string_append (big, "padding ");
      td_document_set_string (document, "issue.preheader", big->str, TD_EDIT_NONE);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (td_document_save (document, NULL, FALSE, &error));
      g_assert_error (error, TD_SAVE_ERROR, TD_SAVE_ERROR_WRITE);
      g_printerr ("%s\n", error->message);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDIN);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Could not save: *. The file on disk is unchanged*");
  {
    g_autofree char *after = read_file (fixture->path);
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    g_assert_cmpstr (after, ==, fixture->original);
    /* No temporary file is left behind. */
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_equal (name, "issue.tidings") || g_str_equal (name, "data-home"));
  }
}

/* Real file-system failures need a tmpfs of our own, which needs the
 * privilege to mount; without it these tests are skipped, not passed. */
static gboolean
mount_tmpfs (const char *dir,
             const char *options)
{
  if (mount ("tmpfs", dir, "tmpfs", 0, options) != 0)
    {
      g_autofree char *message = g_strdup_printf ("cannot mount a tmpfs: %s", g_strerror (errno));

      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

static void
test_save_full_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tidings-full-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "issue.tidings", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *data_home = g_build_filename (dir, "..", "tidings-full-data", NULL);

  if (!mount_tmpfs (dir, "size=64k"))
    {
      g_rmdir (dir);
      return;
    }
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_assert_true (g_file_set_contents (path, small_issue, -1, NULL));
  document = load_document (file);

  /* Fill the disk, leaving less room than the new version needs. */
  {
    g_autofree char *block = g_malloc0 (1024);
    FILE *out = fopen (filler, "w");

    g_assert_nonnull (out);
    while (fwrite (block, 1, 1024, out) == 1024 && fflush (out) == 0)
      ;
    fclose (out);
  }
  for (guint i = 0; i < 1000; i++)
    g_string_append (big, "a longer preheader ");
  td_document_set_string (document, "issue.preheader", big->str, TD_EDIT_NONE);

  g_assert_false (td_document_save (document, NULL, FALSE, &error));
  g_assert_error (error, TD_SAVE_ERROR, TD_SAVE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "No space left on device"));
  after = read_file (path);
  g_assert_cmpstr (after, ==, small_issue);

  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
}

static void
test_save_read_only_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tidings-ro-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "issue.tidings", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (dir, "..", "tidings-ro-data", NULL);

  if (!mount_tmpfs (dir, "size=1m"))
    {
      g_rmdir (dir);
      return;
    }
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_assert_true (g_file_set_contents (path, small_issue, -1, NULL));
  document = load_document (file);
  /* Read-only for everyone, root included. */
  g_assert_cmpint (mount ("tmpfs", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=1m"), ==, 0);

  td_document_set_string (document, "issue.title", "Changed", TD_EDIT_NONE);
  g_assert_false (td_document_save (document, NULL, FALSE, &error));
  g_assert_error (error, TD_SAVE_ERROR, TD_SAVE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "Read-only file system"));
  g_assert_true (td_document_get_modified (document));
  after = read_file (path);
  g_assert_cmpstr (after, ==, small_issue);

  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/format/sample/canonical", test_sample_is_canonical);
  g_test_add_func ("/core/format/round-trip/every-field", test_every_field_round_trip);
  g_test_add_func ("/core/format/round-trip/canonical-order", test_canonical_order);
  g_test_add_func ("/core/format/round-trip/delivery", test_delivery_member);
  g_test_add_func ("/core/format/round-trip/number-text", test_number_text);
  g_test_add_func ("/core/format/load/version-text", test_version_text);
  g_test_add_func ("/core/format/load/one-line-fields", test_one_line_fields);
  g_test_add_func ("/core/format/load/multi-line-fields", test_multi_line_fields);
  g_test_add_func ("/core/format/field-check-string", test_field_check_string);
  g_test_add_func ("/core/format/diagnostics/escape-controls", test_diagnostics_escape_controls);
  g_test_add_func ("/core/format/load/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/core/format/load/syntax-error", test_syntax_error);
  g_test_add_func ("/core/format/load/wrong-type", test_wrong_type);
  g_test_add_func ("/core/format/load/missing-required", test_missing_required);
  g_test_add_func ("/core/format/load/bad-url-scheme", test_bad_url_scheme);
  g_test_add_func ("/core/format/load/bad-colour", test_bad_colour);
  g_test_add_func ("/core/format/load/duplicate-section-id", test_duplicate_id);
  g_test_add_func ("/core/format/load/duplicate-key", test_duplicate_key);
  g_test_add_func ("/core/format/load/newer-version", test_newer_version);
  g_test_add_func ("/core/format/load/image-paths", test_image_paths);
  g_test_add_func ("/core/format/load/image-files", test_image_files);
  g_test_add_func ("/core/format/load/image-links", test_image_links);
  g_test_add_func ("/core/format/load/bad-corpus", test_bad_corpus);
  g_test_add_func ("/core/format/load/mutations", test_mutations);
  g_test_add_func ("/core/format/load/unterminated-input", test_unterminated_input);
  g_test_add_func ("/core/format/load/not-regular-files", test_not_regular_files);
  g_test_add_func ("/core/format/load/link-to-issue", test_link_to_issue);
  g_test_add_func ("/core/format/migrate/0-to-1", test_migration_from_0);
  g_test_add ("/core/format/save/mode-and-backup", SaveFixture, NULL,
              save_fixture_set_up, test_save_keeps_mode_and_backup, save_fixture_tear_down);
  g_test_add ("/core/format/save/changed-on-disk", SaveFixture, NULL,
              save_fixture_set_up, test_save_refuses_changed_file, save_fixture_tear_down);
  g_test_add ("/core/format/save/stable", SaveFixture, NULL,
              save_fixture_set_up, test_save_is_stable, save_fixture_tear_down);
  g_test_add ("/core/format/save/fails-midway", SaveFixture, NULL,
              save_fixture_set_up, test_save_fails_midway, save_fixture_tear_down);
  g_test_add_func ("/core/format/save/full-disk", test_save_full_disk);
  g_test_add_func ("/core/format/save/read-only-folder", test_save_read_only_folder);

  return g_test_run ();
}
