/* test-next-issue.c: next month's issue from this month's, headless */

#include "config.h"

#include "td-json-path.h"
#include "td-next-issue.h"
#include "td-test-util.h"

static void
test_titles (void)
{
  struct { const char *title; int oy, om, ny, nm; const char *expected; } cases[] = {
    { "News: August 2023", 2023, 8, 2023, 9, "News: September 2023" },
    { "NEWS: DECEMBER 2023", 2023, 12, 2024, 1, "NEWS: JANUARY 2024" },
    { "Noticias: agosto de 2023", 2023, 8, 2023, 9, "Noticias: septiembre de 2023" },
    { "Boletín de diciembre de 2023", 2023, 12, 2024, 1, "Boletín de enero de 2024" },
    { "Issue 2023-08", 2023, 8, 2023, 9, "Issue 2023-09" },
    { "Monthly news", 2023, 8, 2023, 9, "Monthly news" },
    { "Mayo's August news", 2023, 8, 2023, 9, "Mayo's September news" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = td_next_issue_title (cases[i].title, cases[i].oy, cases[i].om,
                                                    cases[i].ny, cases[i].nm);

      g_assert_cmpstr (title, ==, cases[i].expected);
    }
}

static void
test_next_month (void)
{
  int year = 0;
  int month = 0;

  g_assert_true (td_next_issue_next_month ("2023-12", &year, &month));
  g_assert_cmpint (year, ==, 2024);
  g_assert_cmpint (month, ==, 1);
  g_assert_true (td_next_issue_next_month ("2023-08-15", &year, &month));
  g_assert_cmpint (year, ==, 2023);
  g_assert_cmpint (month, ==, 9);
  g_assert_false (td_next_issue_next_month ("", &year, &month));
  g_assert_false (td_next_issue_next_month ("2023-13", &year, &month));
  g_assert_false (td_next_issue_next_month ("2023-8", &year, &month));
  g_assert_false (td_next_issue_next_month (NULL, &year, &month));
}

/* What stays, what is emptied, what moves to the next month. */
static void
test_new_root (void)
{
  g_autoptr(JsonNode) sample = td_test_load_sample ();
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *sections;
  gboolean has_video = FALSE;
  guint articles = 0;
  guint ids = 0;

  /* A finding dismissed this month is not dismissed next month. */
  json_object_set_member (json_node_get_object (sample), "dismissed",
                          json_from_string ("[ { \"code\": \"health-claim\", \"path\": "
                                            "\"sections[1].body\", \"text\": \"x\" } ]",
                                            NULL));
  /* Nor is this month's draft at a mailing service next month's. */
  json_object_set_member (json_node_get_object (sample), "delivery",
                          json_from_string ("{ \"mailchimp\": { \"id\": \"c1\" } }", NULL));
  before = json_node_copy (sample);
  root = td_next_issue_new_root (sample);
  g_assert_false (json_object_has_member (json_node_get_object (root), "dismissed"));
  g_assert_false (json_object_has_member (json_node_get_object (root), "delivery"));

  /* The source is not changed. */
  g_assert_true (json_node_equal (sample, before));
  sections = json_node_get_array (td_json_path_lookup (root, "sections"));

  g_assert_cmpstr (td_json_path_get_string (root, "issue.date"), ==, "2023-09");
  g_assert_cmpstr (td_json_path_get_string (root, "issue.title"), ==, "News: September 2023");
  g_assert_cmpstr (td_json_path_get_string (root, "issue.subject"), ==, "");
  g_assert_cmpstr (td_json_path_get_string (root, "issue.public_base_url"), ==,
                   "https://rachelrichardsmassage.example/news/2023-09/");
  g_assert_cmpstr (td_json_path_get_string (root, "practice.name"), ==, "Rachel Richards");

  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);
      const char *type = td_json_get_string (section, "type");
      const char *id = td_json_get_string (section, "id");

      if (g_str_equal (id, "masthead"))
        g_assert_cmpuint (i, ==, 0);
      if (g_str_equal (id, "credentials") || g_str_equal (id, "contact") ||
          g_str_equal (id, "footer"))
        ids++;
      if (g_str_equal (type, "video"))
        has_video = TRUE;
      if (g_str_equal (type, "article"))
        {
          articles++;
          g_assert_cmpstr (td_json_get_string (section, "body"), ==, "");
          g_assert_false (json_object_has_member (section, "image"));
        }
      if (g_str_equal (type, "news"))
        g_assert_cmpuint (json_array_get_length (td_json_get_array (section, "items")), ==, 1);
    }
  g_assert_false (has_video);
  g_assert_cmpuint (articles, ==, 1);
  g_assert_cmpuint (ids, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/next-issue/titles", test_titles);
  g_test_add_func ("/core/next-issue/next-month", test_next_month);
  g_test_add_func ("/core/next-issue/new-root", test_new_root);

  return g_test_run ();
}
