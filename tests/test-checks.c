/* test-checks.c: the pre-send checks.
 *
 * The sample passes every check. Each test then breaks one thing in a copy
 * of it and expects exactly the findings that describe it: severity, JSON
 * path and message (English: the tests run without a translation).
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-checks.h"
#include "td-document.h"
#include "td-issue-loader.h"
#include "td-json-path.h"
#include "td-test-util.h"

typedef struct
{
  TdSeverity  severity;
  const char *path;     /* NULL: about the whole email */
  const char *message;  /* exact; or a prefix when it ends in "…" */
} Expected;

#define WARNING TD_SEVERITY_WARNING
#define ERROR   TD_SEVERITY_ERROR

/* Helpers
 * ------------------------------------------------------------------------ */

/* Replaces (or adds) the member at @path with the JSON value @json, or
 * removes it when @json is NULL. */
static void
set_json (JsonNode   *root,
          const char *path,
          const char *json)
{
  g_autofree char *parent = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  int index;

  g_assert_true (td_json_path_split (path, &parent, &key, &index));
  g_assert_nonnull (key);
  node = td_json_path_lookup (root, parent);
  g_assert_nonnull (node);
  if (json == NULL)
    {
      json_object_remove_member (json_node_get_object (node), key);
      return;
    }
  json_object_set_member (json_node_get_object (node), key, json_from_string (json, &error));
  g_assert_no_error (error);
}

static void
set_string (JsonNode   *root,
            const char *path,
            const char *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *json = NULL;

  json_node_set_string (node, value);
  json = json_to_string (node, FALSE);
  set_json (root, path, json);
}

static TdDiagnostics *
run_checks (JsonNode   *root,
            const char *base_dir)
{
  TdRenderContext context = { root, base_dir, TD_IMAGE_URL_ABSOLUTE };
  TdDiagnostics *diags = td_diagnostics_new ();

  td_checks_run (&context, diags);
  return diags;
}

static void
assert_findings (TdDiagnostics  *diags,
                 const Expected *expected,
                 guint           n_expected)
{
  g_autofree char *report = td_diagnostics_format (diags, "issue");

  if (td_diagnostics_get_n_items (diags) != n_expected)
    g_error ("expected %u findings, got:\n%s", n_expected, report);

  for (guint i = 0; i < n_expected; i++)
    {
      const TdDiagnostic *diag = td_diagnostics_get_item (diags, i);
      const char *message = expected[i].message;

      g_assert_cmpint (diag->severity, ==, expected[i].severity);
      g_assert_cmpstr (diag->path, ==, expected[i].path);
      if (g_str_has_suffix (message, "…"))
        {
          g_autofree char *prefix = g_strndup (message, strlen (message) - strlen ("…"));

          if (!g_str_has_prefix (diag->message, prefix))
            g_error ("“%s” does not start with “%s”", diag->message, prefix);
        }
      else
        {
          g_assert_cmpstr (diag->message, ==, message);
        }
      g_assert_false (g_str_has_suffix (diag->message, "."));
    }
}

static void
assert_findings_one (const TdDiagnostic *diag,
                     const Expected     *expected)
{
  g_autofree char *prefix = g_strndup (expected->message,
                                       strlen (expected->message) - strlen ("…"));

  g_assert_cmpint (diag->severity, ==, expected->severity);
  g_assert_cmpstr (diag->path, ==, expected->path);
  g_assert_true (g_str_has_prefix (diag->message, prefix));
}

/* The one health claim the sample makes ("pain-free", in the caption of
 * its first article's video), and its dismissal. */
#define SAMPLE_CLAIM_PATH "sections[1].video.caption"
#define SAMPLE_CLAIM_TEXT \
  "You just might find your lower back and hamstrings pain-free and more flexible."
#define SAMPLE_DISMISSED \
  "[ { \"code\": \"health-claim\", \"path\": \"" SAMPLE_CLAIM_PATH "\", " \
  "\"text\": \"" SAMPLE_CLAIM_TEXT "\" } ]"

static void set_json (JsonNode *root, const char *path, const char *json);

/* The sample with its one health claim dismissed: what the tests below
 * change, one thing at a time. */
static JsonNode *
load_checked_sample (void)
{
  JsonNode *root = td_test_load_sample ();

  set_json (root, "dismissed", SAMPLE_DISMISSED);
  return root;
}

/* Runs the checks on the sample changed by @change and expects exactly
 * @expected. */
#define CHECK(change, ...)                                                     \
  G_STMT_START {                                                               \
    g_autoptr(JsonNode) root_ = load_checked_sample ();                                \
    g_autofree char *dir_ = td_test_sample_dir ();                                     \
    g_autoptr(TdDiagnostics) diags_ = NULL;                                    \
    const Expected expected_[] = { __VA_ARGS__ };                              \
    JsonNode *root = root_;                                                    \
    change;                                                                    \
    diags_ = run_checks (root_, dir_);                                         \
    assert_findings (diags_, expected_, G_N_ELEMENTS (expected_));             \
  } G_STMT_END

/* Runs the checks on the sample changed by @change and expects nothing. */
#define CHECK_CLEAN(change)                                                    \
  G_STMT_START {                                                               \
    g_autoptr(JsonNode) root_ = load_checked_sample ();                                \
    g_autofree char *dir_ = td_test_sample_dir ();                                     \
    g_autoptr(TdDiagnostics) diags_ = NULL;                                    \
    JsonNode *root = root_;                                                    \
    change;                                                                    \
    diags_ = run_checks (root_, dir_);                                         \
    assert_findings (diags_, NULL, 0);                                         \
  } G_STMT_END

/* The sample
 * ------------------------------------------------------------------------ */

static void
test_sample (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  g_autoptr(TdDiagnostics) diags = run_checks (root, dir);
  g_autoptr(TdDiagnostics) without_dir = NULL;
  g_autoptr(TdDiagnostics) dismissed = NULL;
  g_autofree char *report = td_diagnostics_format (diags, "august-2023.tidings");

  /* One health claim, with or without its folder: "pain-free" promises
   * an outcome. Nothing else of the practice-aware checks (no state, so
   * no licence rule; no promotion dates, expiries or testimonials). */
  g_assert_cmpstr (report, ==,
                   "august-2023.tidings: warning: " SAMPLE_CLAIM_PATH ": “pain-free” reads as a "
                   "health claim, which a licensed practitioner may not make without scientific "
                   "proof (FTC) and which may fall outside your licence: say what clients feel "
                   "instead (“relaxed”, “looser”), or dismiss this if it is not a claim "
                   "[health-claim]\n");
  g_assert_cmpstr (td_diagnostics_get_item (diags, 0)->occurrence, ==, SAMPLE_CLAIM_TEXT);
  without_dir = run_checks (root, NULL);
  g_assert_cmpuint (td_diagnostics_get_n_items (without_dir), ==, 1);

  /* Dismissed, ready to send: not one finding. */
  set_json (root, "dismissed", SAMPLE_DISMISSED);
  dismissed = run_checks (root, dir);
  g_assert_cmpuint (td_diagnostics_get_n_items (dismissed), ==, 0);
}

/* Pictures
 * ------------------------------------------------------------------------ */

static void
test_missing_alt (void)
{
  CHECK ({
    set_string (root, "sections[1].image.alt", "");
    set_string (root, "sections[1].video.thumbnail.alt", "  ");
    set_json (root, "sections[5].badges[2].image.alt", NULL);
  },
  { WARNING, "sections[1].image.alt",
    "the picture has no description: say what it shows, for readers who use a screen reader "
    "or whose mail program blocks pictures" },
  { WARNING, "sections[1].video.thumbnail.alt",
    "the picture has no description: say what it shows, for readers who use a screen reader "
    "or whose mail program blocks pictures" },
  { WARNING, "sections[5].badges[2].image.alt",
    "the picture has no description: say what it shows, for readers who use a screen reader "
    "or whose mail program blocks pictures" });

  /* No picture, nothing to describe. */
  CHECK_CLEAN (set_json (root, "sections[1].image", "{ \"src\": \"\", \"alt\": \"\" }"));
}

static void
test_missing_picture (void)
{
  CHECK ({
    set_string (root, "practice.logo", "images/old-logo.png");
    set_string (root, "sections[3].items[1].photo.src", "images/gone.jpg");
  },
  { ERROR, "practice.logo",
    "the picture “images/old-logo.png” is missing from the issue’s folder, so the email "
    "would show a broken picture: put the file back in the images folder or choose another "
    "picture" },
  { ERROR, "sections[3].items[1].photo.src",
    "the picture “images/gone.jpg” is missing from the issue’s folder, so the email would "
    "show a broken picture: put the file back in the images folder or choose another "
    "picture" });
}

static void
test_heavy_picture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-checks-XXXXXX", &error);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *light = g_build_filename (images, "light.png", NULL);
  g_autofree char *heavy = g_build_filename (images, "heavy.png", NULL);
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = load_checked_sample ();
  g_autoptr(TdDiagnostics) diags = NULL;
  /* A PNG header (1×1) padded with zeros: the checks read the file size. */
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  g_autofree guint8 *big = g_malloc0 (1000 * 1000 + 1);
  const Expected expected[] = {
    { WARNING, "sections[1].image.src",
      "the picture “images/heavy.png” is 1.0\xc2\xa0" "MB; pictures over 1 MB load slowly on "
      "phones: make it smaller (Make Smaller, or tidings-cli pictures)" },
  };

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (images, 0700), ==, 0);
  memcpy (big, png, sizeof png);
  g_file_set_contents (light, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);
  g_file_set_contents (heavy, (const char *) big, 1000 * 1000 + 1, &error);
  g_assert_no_error (error);

  /* Every picture of the sample points at one of these two. */
  json = json_to_string (root, FALSE);
  {
    g_autoptr(GRegex) regex = g_regex_new ("images/[a-z-]+\\.(png|jpg)", 0, 0, NULL);
    g_autofree char *replaced = g_regex_replace_literal (regex, json, -1, 0, "images/light.png",
                                                         0, NULL);

    json_node_unref (g_steal_pointer (&root));
    root = json_from_string (replaced, &error);
    g_assert_no_error (error);
  }
  set_string (root, "sections[1].image.src", "images/heavy.png");

  diags = run_checks (root, dir);
  assert_findings (diags, expected, G_N_ELEMENTS (expected));

  g_assert_cmpint (g_remove (heavy), ==, 0);
  g_assert_cmpint (g_remove (light), ==, 0);
  g_assert_cmpint (g_rmdir (images), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Settings
 * ------------------------------------------------------------------------ */

static void
test_subject (void)
{
  CHECK (set_string (root, "issue.subject", ""),
         { WARNING, "issue.subject",
           "there is no subject, so the email goes out with the issue’s title: write a subject "
           "of up to 60 characters that makes readers want to open it" });
  /* 61 characters, counted as characters, not bytes. */
  CHECK (set_string (root, "issue.subject",
                     "Pourquoi vos ischio-jambiers et le bas du dos sont toujours tés"),
         { WARNING, "issue.subject",
           "the subject is 63 characters long; inboxes cut it after about 60: shorten it" });
  CHECK_CLEAN (set_string (root, "issue.subject",
                           "Ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"));
}

static void
test_preheader (void)
{
  CHECK (set_json (root, "issue.preheader", NULL),
         { WARNING, "issue.preheader",
           "there is no preview text, so inboxes show the first words of the email after the "
           "subject: write a sentence of 40 to 100 characters" });
  CHECK (set_string (root, "issue.preheader",
                     "Strengthen before you lengthen: a glute bridge to try, a self-massage class, "
                     "news from the practice!!"),
         { WARNING, "issue.preheader",
           "the preview text is 101 characters long; inboxes show about 100: shorten it" });
  CHECK (set_string (root, "issue.preheader", "Strengthen before you lengthen"),
         { WARNING, "issue.preheader",
           "the preview text is only 30 characters long, so inboxes fill the rest with the "
           "first words of the email: write 40 to 100 characters" });
}

static void
test_public_base_url (void)
{
  CHECK (set_string (root, "issue.public_base_url", ""),
         { WARNING, "issue.public_base_url",
           "pictures in the email would not load: set the web address where you upload the "
           "web version (an exported .eml carries its pictures and does not need it)" });
}

/* Linked pictures without an address to load them from: an error. */
static void
test_linked_without_address (void)
{
  g_autoptr(JsonNode) root = load_checked_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  TdRenderContext context = { root, dir, TD_IMAGE_URL_ABSOLUTE,
                              .eml = { .linked_images = TRUE } };
  const Expected expected[] = {
    { ERROR, "issue.public_base_url",
      "the email links its pictures, but the issue has no web address to load them from, so "
      "every picture would be broken: set the address where you upload the web version, or "
      "carry the pictures inside the .eml" },
  };

  set_string (root, "issue.public_base_url", "");
  td_checks_run (&context, diags);
  assert_findings (diags, expected, G_N_ELEMENTS (expected));
  g_assert_true (td_diagnostics_has_errors (diags));
}

/* A stored picture that still tells where it was taken. */
static void
test_gps_picture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-checks-XXXXXX", &error);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *photo = g_build_filename (images, "photo.jpg", NULL);
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(TdDiagnostics) diags = NULL;
  g_autofree char *json = NULL;
  /* SOI, APP1 "Exif" whose IFD0 points at a GPS IFD holding a latitude
   * reference, a 1×1 frame header, EOI. */
  static const guint8 jpeg[] = {
    0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x34, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1A, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00, 'N', 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
    0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11,
    0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9,
  };
  const Expected expected[] = {
    { WARNING, "sections[1].image.src",
      "the picture “images/photo.jpg” still holds the GPS position where it was taken…" },
  };

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (images, 0700), ==, 0);
  g_file_set_contents (photo, (const char *) jpeg, sizeof jpeg, &error);
  g_assert_no_error (error);
  /* Only the article's picture is in this folder; the others are missing
   * (errors we don't look at here). */
  set_string (root, "sections[1].image.src", "images/photo.jpg");
  diags = run_checks (root, dir);
  for (guint i = td_diagnostics_get_n_items (diags); i > 0; i--)
    {
      const TdDiagnostic *diag = td_diagnostics_get_item (diags, i - 1);

      if (g_strcmp0 (diag->path, "sections[1].image.src") == 0)
        {
          assert_findings_one (diag, &expected[0]);
          json = g_strdup ("found");
        }
    }
  g_assert_nonnull (json);
  td_test_remove_tree (dir);
}

static void
test_can_spam (void)
{
  CHECK ({
    set_string (root, "practice.address", "");
    set_json (root, "issue.unsubscribe_url", NULL);
  },
  { ERROR, "practice.address",
    "there is no postal address, which the law (CAN-SPAM) requires in every newsletter: add "
    "the postal address of your practice" },
  { ERROR, "issue.unsubscribe_url",
    "there is no unsubscribe link, which the law (CAN-SPAM) and Gmail require: paste the link "
    "or merge tag your mailing service gives you, such as *|UNSUB|*" });

  /* Any merge tag or real URL will do. */
  CHECK_CLEAN (set_string (root, "issue.unsubscribe_url", "{{ unsubscribe_url }}"));
  CHECK_CLEAN (set_string (root, "issue.unsubscribe_url", "https://example.com/u"));

  /* The footer is where both are shown. */
  CHECK (json_array_remove_element (json_node_get_array (td_json_path_lookup (root, "sections")),
                                    8),
         { ERROR, "sections",
           "there is no footer, so the email shows neither the unsubscribe link nor the postal "
           "address: add a Footer section" });
}

static void
test_from_address (void)
{
  CHECK (set_string (root, "practice.email", ""),
         { WARNING, "practice.email",
           "there is no email address, so an exported .eml has no sender: add the address you "
           "send the newsletter from" });
}

static void
test_http_links (void)
{
  CHECK ({
    set_string (root, "practice.website", "http://rachelrichardsmassage.example/");
    set_string (root, "sections[1].body",
                "Read [this](http://example.com/a) and [that](https://example.com/b), "
                "then <http://example.com/c> and the bare http://example.com/d.");
    set_string (root, "sections[3].items[0].link.url", "http://www.massagetoday.com/x");
    set_string (root, "sections[5].badges[0].url", "HTTP://www.amtamassage.org/");
    set_string (root, "issue.unsubscribe_url", "http://example.com/unsubscribe");
  },
  { WARNING, "practice.website",
    "“http://rachelrichardsmassage.example/” is not a secure link (http:), which mail programs "
    "and browsers flag: use its https: address" },
  { WARNING, "issue.unsubscribe_url",
    "“http://example.com/unsubscribe” is not a secure link (http:), which mail programs and "
    "browsers flag: use its https: address" },
  { WARNING, "sections[1].body",
    "“http://example.com/a” is not a secure link (http:), which mail programs and browsers "
    "flag: use its https: address" },
  { WARNING, "sections[1].body",
    "“http://example.com/c” is not a secure link (http:), which mail programs and browsers "
    "flag: use its https: address" },
  { WARNING, "sections[1].body",
    "“http://example.com/d” is not a secure link (http:), which mail programs and browsers "
    "flag: use its https: address" },
  { WARNING, "sections[3].items[0].link.url",
    "“http://www.massagetoday.com/x” is not a secure link (http:), which mail programs and "
    "browsers flag: use its https: address" },
  { WARNING, "sections[5].badges[0].url",
    "“HTTP://www.amtamassage.org/” is not a secure link (http:), which mail programs and "
    "browsers flag: use its https: address" });
}

/* Sections
 * ------------------------------------------------------------------------ */

static void
test_empty_sections (void)
{
  CHECK ({
    set_string (root, "sections[1].title", "");
    set_string (root, "sections[1].body", " \n ");
  },
  { WARNING, "sections[1]",
    "this article has neither a headline nor text: write them, or remove the section" });

  CHECK (set_json (root, "sections[2].video", "{ \"url\": \"\" }"),
         { WARNING, "sections[2]",
           "this video section has no video: paste the address of the video, or remove the "
           "section" });

  CHECK (set_json (root, "sections[3].items", "[]"),
         { WARNING, "sections[3]",
           "this news section has no news: add an item, or remove the section" });

  CHECK (set_json (root, "sections[3].items",
                   "[ { \"text\": \"\" }, { \"text\": \"News\" } ]"),
         { WARNING, "sections[3].items[0]",
           "this news item is empty: write its text, or remove it" });

  CHECK ({
    set_string (root, "sections[4].text", "");
    set_string (root, "sections[4].phone", "");
    set_json (root, "sections[4].form", NULL);
    set_json (root, "sections[4].youtube", "{ \"label\": \"YouTube\", \"url\": \"\" }");
  },
  { WARNING, "sections[4]",
    "this call to action has no text, phone number or button: fill it in, or remove the "
    "section" });

  CHECK (set_json (root, "sections[5].badges", NULL),
         { WARNING, "sections[5]",
           "this credentials section has no badges: add one, or remove the section" });

  CHECK (set_json (root, "sections[6].items", "[]"),
         { WARNING, "sections[6]",
           "this promotion has no offers: add one, or remove the section" });

  CHECK (set_json (root, "sections[6].items", "[ { \"heading\": \"\" }, { \"heading\": \"Hi\" } ]"),
         { WARNING, "sections[6].items[0]", "this offer is empty: fill it in, or remove it" });

  CHECK (set_string (root, "sections[7].body", ""),
         { WARNING, "sections[7]", "this tip has no text: write it, or remove the section" });

  /* Unknown types are not rendered, so not checked. */
  CHECK_CLEAN (json_array_add_element (
                 json_node_get_array (td_json_path_lookup (root, "sections")),
                 json_from_string ("{ \"id\": \"x\", \"type\": \"poll\" }", NULL)));
}

/* Findings come in document order. */
static void
test_order (void)
{
  CHECK ({
    set_string (root, "sections[7].body", "");
    set_string (root, "sections[1].image.alt", "");
    set_string (root, "issue.subject", "");
    set_string (root, "practice.email", "");
    set_string (root, "practice.address", "");
  },
  { WARNING, "practice.email", "there is no email address…" },
  { ERROR, "practice.address", "there is no postal address…" },
  { WARNING, "issue.subject", "there is no subject…" },
  { WARNING, "sections[1].image.alt", "the picture has no description…" },
  { WARNING, "sections[7]", "this tip has no text…" });
}

/* Size
 * ------------------------------------------------------------------------ */

/* Sets a body of @n paragraphs on the sample's first article and returns
 * the size of the email it gives. */
static gsize
grow_email (JsonNode *root,
            guint     n)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *dir = td_test_sample_dir ();
  TdRenderContext context = { root, dir, TD_IMAGE_URL_ABSOLUTE };
  g_autofree char *html = NULL;
  gsize length = 0;

  for (guint i = 0; i < n; i++)
    g_string_append (body, "Sitting for hours every day weakens your glutes, so set a timer "
                           "to stand up and move for a couple of minutes.\n\n");
  set_string (root, "sections[1].body", body->str);
  html = td_test_render (TD_RENDER_EMAIL, &context, &length);
  return length;
}

static void
test_email_size (void)
{
  g_autoptr(JsonNode) root = load_checked_sample ();
  g_autofree char *dir = td_test_sample_dir ();
  const Expected warning[] = {
    { WARNING, NULL,
      "the email is …" },
  };
  const Expected error[] = {
    { ERROR, NULL,
      "the email is …" },
  };
  guint n = 100;
  gsize size;

  /* Between the two limits: a warning. */
  while ((size = grow_email (root, n)) <= TD_EMAIL_SIZE_WARNING)
    n += 20;
  g_assert_cmpuint (size, <=, TD_EMAIL_SIZE_ERROR);
  {
    g_autoptr(TdDiagnostics) diags = run_checks (root, dir);
    g_autofree char *message = g_strdup_printf (
      "the email is %zu bytes, close to where Gmail clips messages (about 102 KB, hiding the "
      "footer and the unsubscribe link): shorten the texts or move some to the web version",
      size);

    assert_findings (diags, warning, G_N_ELEMENTS (warning));
    g_assert_cmpstr (td_diagnostics_get_item (diags, 0)->message, ==, message);
    g_assert_false (td_diagnostics_has_errors (diags));
  }

  /* Past 100,000 bytes: an error. */
  while ((size = grow_email (root, n)) <= TD_EMAIL_SIZE_ERROR)
    n += 20;
  {
    g_autoptr(TdDiagnostics) diags = run_checks (root, dir);
    g_autofree char *message = g_strdup_printf (
      "the email is %zu bytes: Gmail clips messages at about 102 KB, hiding the footer and "
      "the unsubscribe link, and mailing services add their own code: keep it under 100000 "
      "bytes by shortening the texts or moving some to the web version", size);

    assert_findings (diags, error, G_N_ELEMENTS (error));
    g_assert_cmpstr (td_diagnostics_get_item (diags, 0)->message, ==, message);
    g_assert_true (td_diagnostics_has_errors (diags));
  }
}

/* Health claims and their dismissal
 * ------------------------------------------------------------------------ */

static void
test_claims (void)
{
  /* Whole words only, whatever their case; exceptions are no claims. */
  CHECK (set_string (root, "sections[7].body",
                     "Massage CURES nothing, but treat yourself: it heals. Incurable? No."),
         { WARNING, "sections[7].body", "“CURES” reads as a health claim…" },
         { WARNING, "sections[7].body", "“heals” reads as a health claim…" });
  /* The longest term at a place: one finding for "rheumatoid arthritis". */
  CHECK (set_string (root, "sections[7].body", "Rheumatoid arthritis and 100% results."),
         { WARNING, "sections[7].body", "“Rheumatoid arthritis” reads as a health claim…" },
         { WARNING, "sections[7].body", "“100%” reads as a health claim…" });
  /* What readers see, not the addresses of links. */
  CHECK (set_string (root, "sections[7].body",
                     "Read [how massage helps](https://example.com/how-massage-cures-sciatica "
                     "\"cure\"), <https://example.com/heal> or https://example.com/cured, "
                     "not [a cure](https://example.com/)."),
         { WARNING, "sections[7].body", "“cure” reads as a health claim…" });
  /* Text fields too, not only markdown. */
  CHECK (set_string (root, "sections[4].title", "Guaranteed results"),
         { WARNING, "sections[4].title", "“Guaranteed” reads as a health claim…" });
  /* Disease names are in the massage therapist's list only. */
  CHECK_CLEAN ({
    set_string (root, "practice.profession", "yoga teacher");
    set_string (root, "sections[7].body", "Sciatica and fibromyalgia.");
  });
  CHECK (set_string (root, "sections[7].body", "Sciatica."),
         { WARNING, "sections[7].body", "“Sciatica” reads as a health claim…" });
  /* The issue's language picks the lists. */
  CHECK ({
    set_string (root, "issue.language", "es-MX");
    set_string (root, "sections[7].body", "El masaje cura la ciática. It cures.");
  },
  { WARNING, "sections[7].body", "“cura” reads as a health claim…" },
  { WARNING, "sections[7].body", "“ciática” reads as a health claim…" });
}

static void
test_claims_missing_lists (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TIDINGS_CHECKS_DIR"));

  g_setenv ("TIDINGS_CHECKS_DIR", "/nonexistent/tidings-checks", TRUE);
  CHECK ((void) root,
         { WARNING, NULL, "the word lists of the health-claim check are missing from "
                          "“/nonexistent/tidings-checks”, so health claims were not looked "
                          "for: reinstall Tidings" });
  g_setenv ("TIDINGS_CHECKS_DIR", saved, TRUE);
}

/* A copy of the fixture health-claim.tidings in a new folder. */
static GFile *
copy_fixture (const char *name,
              char      **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "check", name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (source);
  g_autofree char *path = NULL;
  gsize length;

  *dir = g_dir_make_tmp ("test-checks-XXXXXX", &error);
  g_assert_no_error (error);
  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, base, NULL);
  g_file_set_contents (path, contents, (gssize) length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static TdDiagnostics *
check_document (TdDocument *document)
{
  TdRenderContext context = { td_document_get_root (document),
                              td_document_get_base_dir (document), TD_IMAGE_URL_ABSOLUTE };
  g_autofree char *path = g_file_get_path (td_document_get_file (document));
  TdDiagnostics *diags = td_diagnostics_new ();

  td_checks_run_for_file (&context, path, NULL, diags);
  return diags;
}

static void
test_dismiss (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = copy_fixture ("health-claim/health-claim.tidings", &dir);
  g_autoptr(TdDiagnostics) load_diags = td_diagnostics_new ();
  g_autoptr(TdDocument) document = td_document_new_from_file (file, load_diags);
  g_autoptr(TdDocument) reloaded = NULL;
  g_autoptr(TdDiagnostics) before = NULL;
  g_autoptr(TdDiagnostics) after = NULL;
  g_autoptr(GError) error = NULL;
  const TdDiagnostic *claim;
  const char *text;
  g_autofree char *more = NULL;

  g_assert_nonnull (document);
  before = check_document (document);
  g_assert_cmpuint (td_diagnostics_get_n_items (before), ==, 1);
  claim = td_diagnostics_get_item (before, 0);
  g_assert_cmpstr (claim->code, ==, "health-claim");
  g_assert_true (td_checks_can_dismiss (claim));
  g_assert_cmpstr (claim->occurrence, ==,
                   "Treat yourself this spring: my massage cures tension headaches.");

  /* Dismissed: gone, in one undoable step. */
  td_checks_dismiss (document, claim);
  g_assert_true (td_document_get_modified (document));
  g_clear_pointer (&after, td_diagnostics_free);
  after = check_document (document);
  g_assert_cmpuint (td_diagnostics_get_n_items (after), ==, 0);
  g_assert_true (td_document_undo (document));
  g_clear_pointer (&after, td_diagnostics_free);
  after = check_document (document);
  g_assert_cmpuint (td_diagnostics_get_n_items (after), ==, 1);
  g_assert_true (td_document_redo (document));

  /* Saved and loaded again, the dismissal holds. */
  g_assert_true (td_document_save (document, NULL, FALSE, &error));
  g_assert_no_error (error);
  reloaded = td_document_new_from_file (file, load_diags);
  g_assert_nonnull (reloaded);
  g_clear_pointer (&after, td_diagnostics_free);
  after = check_document (reloaded);
  g_assert_cmpuint (td_diagnostics_get_n_items (after), ==, 0);
  g_assert_cmpuint (json_array_get_length (
                      td_json_get_array (json_node_get_object (td_document_get_root (reloaded)),
                                         "dismissed")), ==, 2);

  /* A new occurrence of the same word is flagged again; the dismissed
   * one stays dismissed. */
  text = td_json_get_string (json_node_get_object (td_json_path_lookup (
                               td_document_get_root (reloaded), "sections[1]")), "text");
  more = g_strconcat (text, "\nAnd it cures stress.", NULL);
  td_document_set_string (reloaded, "sections[1].text", more, TD_EDIT_NONE);
  g_clear_pointer (&after, td_diagnostics_free);
  after = check_document (reloaded);
  g_assert_cmpuint (td_diagnostics_get_n_items (after), ==, 1);
  g_assert_cmpstr (td_diagnostics_get_item (after, 0)->occurrence, ==, "And it cures stress.");

  /* The dismissed sentence changed: it is a new occurrence too. */
  td_document_set_string (reloaded, "sections[1].text",
                          "Treat yourself this spring: my massage cures tension headaches!",
                          TD_EDIT_NONE);
  g_clear_pointer (&after, td_diagnostics_free);
  after = check_document (reloaded);
  g_assert_cmpuint (td_diagnostics_get_n_items (after), ==, 1);

  td_test_remove_tree (dir);
}

/* A bad "dismissed" list is a located error when loading. */
static void
test_dismissed_validated (void)
{
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();
  static const char json[] =
    "{ \"format\": \"tidings-issue\", \"version\": 1, \"practice\": { \"name\": \"R\" },"
    "  \"issue\": { \"title\": \"T\" }, \"sections\": [],"
    "  \"dismissed\": [ { \"code\": \"health-claim\", \"text\": \"a\\nb\" }, 3 ] }";
  g_autoptr(TdLoadedIssue) loaded = td_issue_load_from_data (json, strlen (json), NULL, diags);
  g_autofree char *report = td_diagnostics_format (diags, "x.tidings");

  g_assert_null (loaded);
  g_assert_nonnull (strstr (report, "x.tidings: error: dismissed[0].path: "));
  g_assert_nonnull (strstr (report, "x.tidings: error: dismissed[0].text: contains a line break"));
  g_assert_nonnull (strstr (report, "x.tidings: error: dismissed[1]: "));
}

/* Licence rules
 * ------------------------------------------------------------------------ */

#define NY_TITLE \
  "New York reserves the title “massage therapist” to licensed practitioners (N.Y. " \
  "Education Law §7802): add your licence number to your profile, so that the title you " \
  "use is backed by it"

static void
test_licence (void)
{
  /* By code or by name, in any case. */
  CHECK (set_string (root, "practice.state", "NY"),
         { WARNING, "practice.license_number", NY_TITLE });
  CHECK (set_string (root, "practice.state", " new york "),
         { WARNING, "practice.license_number", NY_TITLE });
  CHECK ({
    set_string (root, "practice.state", "ny");
    set_string (root, "practice.profession", "LMT");
  },
  { WARNING, "practice.license_number",
    "New York reserves the title “LMT” to licensed practitioners…" });
  /* The number backs the title; another profession, or a state without a
   * row in the table, is not checked. */
  CHECK_CLEAN ({
    set_string (root, "practice.state", "NY");
    set_string (root, "practice.license_number", "012345-1");
  });
  CHECK_CLEAN ({
    set_string (root, "practice.state", "NY");
    set_string (root, "practice.profession", "yoga teacher");
  });
  CHECK_CLEAN ({
    set_string (root, "practice.state", "NY");
    set_string (root, "practice.profession", "bodywork and massage");
  });
  CHECK_CLEAN (set_string (root, "practice.state", "CA"));

  /* Florida: the number, in the issue as sent. */
  CHECK (set_string (root, "practice.state", "FL"),
         { ERROR, "practice.license_number",
           "Florida requires your licence number in every advertisement of massage services "
           "(Florida Statutes §480.0465): add it to your profile, and write it in the footer" });
  CHECK ({
    set_string (root, "practice.state", "FL");
    set_string (root, "practice.license_number", "MA12345");
  },
  { ERROR, "sections[8].note",
    "Florida requires your licence number in every advertisement of massage services "
    "(Florida Statutes §480.0465), and this issue doesn’t show “MA12345”: write it in the "
    "footer’s note, such as “Licensed massage therapist, MA12345”" });
  CHECK_CLEAN ({
    set_string (root, "practice.state", "FL");
    set_string (root, "practice.license_number", "MA12345");
    set_string (root, "sections[8].copyright", "© 2023 Rachel Richards, LMT MA12345");
  });
}

/* Dates and consent
 * ------------------------------------------------------------------------ */

static void
test_dates (void)
{
  /* The sample is of August 2023. Offers running into it, out of it or
   * without dates are fine; a month alone spans the whole month. */
  CHECK_CLEAN ({
    set_string (root, "sections[6].items[0].start", "2023-07-01");
    set_string (root, "sections[6].items[0].end", "2023-08-01");
    set_string (root, "sections[6].items[1].start", "2023-08-31");
  });
  CHECK_CLEAN ({
    set_string (root, "sections[6].items[0].start", "2023-08");
    set_string (root, "sections[6].items[1].end", "2023-08");
  });
  CHECK ({
    set_string (root, "sections[6].items[0].end", "2023-07");
    set_string (root, "sections[6].items[1].start", "2023-09");
  },
  { WARNING, "sections[6].items[0].end",
    "this offer ended on 2023-07, before this issue’s month (2023-08) begins: remove it, or "
    "give it new dates" },
  { WARNING, "sections[6].items[1].start",
    "this offer starts on 2023-09, after this issue’s month (2023-08) ends: keep it for a "
    "later issue, or correct its dates" });
  CHECK ({
    set_string (root, "sections[6].items[0].start", "2023-08-20");
    set_string (root, "sections[6].items[0].end", "2023-08-10");
  },
  { WARNING, "sections[6].items[0].end",
    "this offer ends on 2023-08-10, before it starts (2023-08-20): correct its dates" });

  /* A credential valid to the month's last day is fine. */
  CHECK_CLEAN (set_string (root, "sections[5].badges[0].expires", "2023-08-31"));
  CHECK_CLEAN (set_string (root, "sections[5].badges[0].expires", "2023-08"));
  CHECK (set_string (root, "sections[5].badges[3].expires", "2023-08-30"),
         { ERROR, "sections[5].badges[3].expires",
           "“National Certification Board for Therapeutic Massage & Bodywork” expires on "
           "2023-08-30, before the end of this issue’s month (2023-08), and showing an expired "
           "credential misleads readers: renew it and change the date, or remove the badge" });

  /* No month, nothing to compare with. */
  CHECK_CLEAN ({
    set_string (root, "issue.date", "");
    set_string (root, "sections[6].items[0].end", "2001-01-01");
    set_string (root, "sections[5].badges[0].expires", "2001-01-01");
  });
}

static void
test_consent (void)
{
  static const char testimonial[] =
    "{ \"id\": \"words\", \"type\": \"testimonial\", \"quote\": \"So good.\", \"name\": \"J.\" }";

  CHECK (json_array_add_element (json_node_get_array (td_json_path_lookup (root, "sections")),
                                 json_from_string (testimonial, NULL)),
         { ERROR, "sections[9].consent_date",
           "this testimonial has no date of the client’s written consent: publish a client’s "
           "words or photo only with their written permission, and enter the date it was "
           "given" });
  CHECK_CLEAN ({
    json_array_add_element (json_node_get_array (td_json_path_lookup (root, "sections")),
                            json_from_string (testimonial, NULL));
    set_string (root, "sections[9].consent_date", "2023-07-15");
  });
  CHECK ({
    json_array_add_element (json_node_get_array (td_json_path_lookup (root, "sections")),
                            json_from_string (testimonial, NULL));
    set_string (root, "sections[9].consent_date", "2023-07-15");
    set_string (root, "sections[9].quote", " ");
  },
  { WARNING, "sections[9]",
    "this testimonial has no quote: write the client’s words, or remove the section" });
}

/* A library whose file names hold a line break: the finding names it on
 * one line, and its dismissal saves and loads. */
static void
test_repeat_odd_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = g_dir_make_tmp ("test-checks-XXXXXX", &error);
  g_autofree char *this_dir = g_build_filename (library, "2023-08", NULL);
  g_autofree char *other_dir = g_build_filename (library, "2023-0\n7", NULL);
  g_autofree char *this_path = g_build_filename (this_dir, "august.tidings", NULL);
  g_autofree char *other_path = g_build_filename (other_dir, "ju\x1bly\xff.tidings", NULL);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                   "august-2023", "august-2023.tidings", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TdDocument) document = NULL;
  g_autoptr(TdDocument) reloaded = NULL;
  g_autoptr(TdDiagnostics) load_diags = td_diagnostics_new ();
  g_autoptr(TdDiagnostics) found = NULL;
  g_autoptr(TdDiagnostics) after = NULL;
  const TdDiagnostic *repeat = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (this_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  g_file_get_contents (sample, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (this_path, contents, -1, &error);
  g_assert_no_error (error);
  /* The same issue, a month earlier. */
  {
    g_autoptr(GRegex) month = g_regex_new ("\"date\": \"2023-08\"", 0, 0, NULL);
    g_autofree char *july = g_regex_replace_literal (month, contents, -1, 0,
                                                     "\"date\": \"2023-07\"", 0, NULL);

    g_file_set_contents (other_path, july, -1, &error);
    g_assert_no_error (error);
  }

  file = g_file_new_for_path (this_path);
  document = td_document_new_from_file (file, load_diags);
  g_assert_nonnull (document);
  found = check_document (document);
  for (guint i = 0; i < td_diagnostics_get_n_items (found); i++)
    if (g_strcmp0 (td_diagnostics_get_item (found, i)->code, "repeat") == 0 && repeat == NULL)
      repeat = td_diagnostics_get_item (found, i);
  g_assert_nonnull (repeat);
  g_assert_cmpstr (repeat->path, ==, "sections[1].body");
  g_assert_cmpstr (repeat->occurrence, ==, "2023-0?7/ju?ly\xef\xbf\xbd.tidings#hamstrings");

  td_checks_dismiss (document, repeat);
  g_assert_true (td_document_save (document, NULL, FALSE, &error));
  g_assert_no_error (error);
  reloaded = td_document_new_from_file (file, load_diags);
  g_assert_nonnull (reloaded);
  after = check_document (reloaded);
  for (guint i = 0; i < td_diagnostics_get_n_items (after); i++)
    g_assert_cmpstr (td_diagnostics_get_item (after, i)->path, !=, "sections[1].body");

  td_test_remove_tree (library);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/checks/sample", test_sample);
  g_test_add_func ("/core/checks/pictures/gps", test_gps_picture);
  g_test_add_func ("/core/checks/pictures/linked-without-address", test_linked_without_address);
  g_test_add_func ("/core/checks/pictures/missing-alt", test_missing_alt);
  g_test_add_func ("/core/checks/pictures/missing-file", test_missing_picture);
  g_test_add_func ("/core/checks/pictures/heavy", test_heavy_picture);
  g_test_add_func ("/core/checks/settings/subject", test_subject);
  g_test_add_func ("/core/checks/settings/preheader", test_preheader);
  g_test_add_func ("/core/checks/settings/public-base-url", test_public_base_url);
  g_test_add_func ("/core/checks/settings/can-spam", test_can_spam);
  g_test_add_func ("/core/checks/settings/from-address", test_from_address);
  g_test_add_func ("/core/checks/links/http", test_http_links);
  g_test_add_func ("/core/checks/sections/empty", test_empty_sections);
  g_test_add_func ("/core/checks/order", test_order);
  g_test_add_func ("/core/checks/email-size", test_email_size);
  g_test_add_func ("/core/checks/claims/words", test_claims);
  g_test_add_func ("/core/checks/licence", test_licence);
  g_test_add_func ("/core/checks/dates", test_dates);
  g_test_add_func ("/core/checks/consent", test_consent);
  g_test_add_func ("/core/checks/claims/missing-lists", test_claims_missing_lists);
  g_test_add_func ("/core/checks/dismiss", test_dismiss);
  g_test_add_func ("/core/checks/repeat/odd-names", test_repeat_odd_names);
  g_test_add_func ("/core/checks/dismissed-validated", test_dismissed_validated);

  return g_test_run ();
}
