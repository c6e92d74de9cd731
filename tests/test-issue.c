/* test-issue.c: queries and builders over an issue's tree, headless */

#include "config.h"

#include "td-issue.h"
#include "td-json-path.h"
#include "td-test-util.h"

static void
test_scopes (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autofree char *news = td_scope_for_section ("news");
  g_autofree char *path = td_issue_scope_path (root, news);
  g_autofree char *field = td_issue_field_path (root, news, "items[1].link.url");
  g_autofree char *whole = td_issue_field_path (root, news, "");
  g_autofree char *gone = td_issue_field_path (root, "section/nothing", "title");
  g_autofree char *practice = td_issue_scope_path (root, TD_SCOPE_PRACTICE);
  g_autofree char *key_path = NULL;
  g_autofree char *scope = NULL;

  g_assert_cmpstr (news, ==, "section/news");
  g_assert_cmpstr (td_scope_get_section_id (news), ==, "news");
  g_assert_null (td_scope_get_section_id (TD_SCOPE_ISSUE));
  g_assert_cmpstr (path, ==, "sections[3]");
  g_assert_cmpstr (field, ==, "sections[3].items[1].link.url");
  g_assert_cmpstr (whole, ==, "sections[3]");
  g_assert_null (gone);
  g_assert_cmpstr (practice, ==, "practice");

  scope = td_issue_scope_for_path (root, "sections[3].items[1].photo.alt", &key_path);
  g_assert_cmpstr (scope, ==, "section/news");
  g_assert_cmpstr (key_path, ==, "items[1].photo.alt");
  g_clear_pointer (&scope, g_free);
  g_clear_pointer (&key_path, g_free);
  scope = td_issue_scope_for_path (root, "issue.subject", &key_path);
  g_assert_cmpstr (scope, ==, "issue");
  g_assert_cmpstr (key_path, ==, "subject");
  g_clear_pointer (&scope, g_free);
  g_clear_pointer (&key_path, g_free);
  scope = td_issue_scope_for_path (root, "sections[1]", &key_path);
  g_assert_cmpstr (scope, ==, "section/hamstrings");
  g_assert_cmpstr (key_path, ==, "");
  g_clear_pointer (&scope, g_free);
  g_assert_null (td_issue_scope_for_path (root, "sections[99].title", NULL));
  g_assert_null (td_issue_scope_for_path (root, "sections", NULL));
  g_assert_null (td_issue_scope_for_path (root, "format", NULL));
}

static void
test_sections (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_auto(GStrv) ids = td_issue_dup_section_ids (root);

  g_assert_cmpuint (td_issue_get_n_sections (root), ==, 9);
  g_assert_cmpuint (g_strv_length (ids), ==, 9);
  g_assert_cmpstr (ids[0], ==, "masthead");
  g_assert_cmpstr (ids[8], ==, "footer");
  g_assert_cmpint (td_issue_find_section (root, "tip"), ==, 7);
  g_assert_cmpint (td_issue_find_section (root, "nothing"), ==, -1);
  g_assert_cmpint (td_issue_find_section (root, NULL), ==, -1);
  g_assert_null (td_issue_get_section (root, 9));
  g_assert_cmpuint (td_issue_get_n_sections (NULL), ==, 0);
}

static void
test_titles_and_labels (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(JsonNode) unknown = json_from_string ("{\"id\": \"x1\", \"type\": \"hologram\"}", NULL);
  struct { guint index; const char *title; const char *label; } cases[] = {
    { 1, "Why Your Hamstrings and Lower Back Are Always Tight",
      "Article “Why Your Hamstrings and Lower Back Are…”" },
    { 7, "Did you know?", "Tip “Did you know?”" },
    { 8, "Footer", "Footer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JsonObject *section = td_issue_get_section (root, cases[i].index);
      g_autofree char *title = td_section_dup_title (section);
      g_autofree char *label = td_section_dup_label (section);

      g_assert_cmpstr (title, ==, cases[i].title);
      g_assert_cmpstr (label, ==, cases[i].label);
    }
  {
    g_autofree char *label = td_section_dup_label (json_node_get_object (unknown));

    g_assert_cmpstr (label, ==, "Section “x1”");
  }
}

static void
test_describe_path (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  struct { const char *path; const char *expected; } cases[] = {
    { "issue.subject", "Issue Settings › Email subject" },
    { "practice.logo", "Practice Profile › Logo" },
    { "sections[3].items[1].photo.alt",
      "News “What's new with me ...” › News items 2 › Photo › Description" },
    { "sections[8]", "Footer" },
    { "sections[42].title", "Section 43 › title" },
    { "format", "format" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *described = td_issue_describe_path (root, cases[i].path);

      g_assert_cmpstr (described, ==, cases[i].expected);
    }
}

static void
test_list_pictures (void)
{
  g_autoptr(JsonNode) root = td_test_load_sample ();
  g_autoptr(GPtrArray) pictures = td_issue_list_pictures (root);
  g_autoptr(JsonNode) blank = td_issue_new_blank ();
  g_autoptr(GPtrArray) none = td_issue_list_pictures (blank);
  const char *expected[] = {
    "images/logo.png", "images/glute-bridge.jpg", "images/glute-bridge-video.jpg",
    "images/self-massage-video.jpg", "images/massage-today.jpg",
    "images/sienna-teaching-store.jpg", "images/badge-amta.png",
    "images/badge-swedish-institute.png", "images/badge-myoskeletal.png",
    "images/badge-ncbtmb.png", "images/gift-certificate.jpg", "images/massage-packages.jpg",
  };

  g_assert_cmpuint (pictures->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (pictures, i), ==, expected[i]);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_new_values (void)
{
  g_autoptr(JsonNode) root = td_issue_new_blank ();
  const TdSectionType *tip = td_registry_lookup_section_type ("tip");
  const TdSectionType *masthead = td_registry_lookup_section_type ("masthead");
  g_autoptr(JsonNode) section = td_issue_new_section (root, tip);
  g_autoptr(JsonNode) second = td_issue_new_section (root, masthead);
  g_autofree char *odd = td_issue_new_section_id (root, "we ird");
  const TdFieldSpec *image = td_field_spec_find (td_registry_lookup_section_type ("article")->fields,
                                                 "image");
  g_autoptr(JsonNode) picture = td_field_new_value (image);
  g_autofree char *text = json_to_string (picture, FALSE);
  JsonObject *object = json_node_get_object (section);

  g_assert_cmpstr (td_json_get_string (object, "id"), ==, "tip");
  g_assert_cmpstr (td_json_get_string (object, "type"), ==, "tip");
  g_assert_cmpstr (td_json_get_string (object, "title"), ==, "Did you know?");
  g_assert_cmpstr (td_json_get_string (json_node_get_object (second), "id"), ==, "masthead-2");
  g_assert_cmpstr (odd, ==, "we-ird");
  /* A picture needs its file; its description is filled in by hand. */
  g_assert_cmpstr (text, ==, "{\"src\":\"\"}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/issue/scopes", test_scopes);
  g_test_add_func ("/core/issue/sections", test_sections);
  g_test_add_func ("/core/issue/titles-and-labels", test_titles_and_labels);
  g_test_add_func ("/core/issue/describe-path", test_describe_path);
  g_test_add_func ("/core/issue/list-pictures", test_list_pictures);
  g_test_add_func ("/core/issue/new-values", test_new_values);

  return g_test_run ();
}
