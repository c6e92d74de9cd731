/* test-form.c: the editor forms, in real widgets under Xvfb */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>

#include "td-form.h"
#include "td-issue.h"
#include "td-image-row.h"
#include "td-json-path.h"
#include "td-registry.h"
#include "td-spell.h"
#include "td-text-editor.h"

typedef struct
{
  char *dir;
  TdDocument *document;
  GtkWidget *window;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sample_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                       "august-2023", NULL);
  g_autofree char *command = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TdDiagnostics) diags = td_diagnostics_new ();

  /* A copy, so that imported pictures land in a folder of the test's own. */
  fixture->dir = g_dir_make_tmp ("tidings-form-XXXXXX", NULL);
  command = g_strdup_printf ("cp -r '%s/.' '%s'", sample_dir, fixture->dir);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  path = g_build_filename (fixture->dir, "august-2023.tidings", NULL);
  file = g_file_new_for_path (path);
  fixture->document = td_document_new_from_file (file, diags);
  g_assert_nonnull (fixture->document);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 900);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate ();
  g_clear_object (&fixture->document);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_free (fixture->dir);
}

static TdForm *
show_form (Fixture           *fixture,
           const char        *scope,
           const TdFieldSpec *fields)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *form = td_form_new (fixture->document, scope, fields);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), form);
  gtk_window_set_child (GTK_WINDOW (fixture->window), scroller);
  gtk_window_present (GTK_WINDOW (fixture->window));
  iterate ();
  return TD_FORM (form);
}

static const char *
string_at (Fixture    *fixture,
           const char *path)
{
  JsonNode *node = td_json_path_lookup (td_document_get_root (fixture->document), path);

  return node != NULL ? json_node_get_string (node) : NULL;
}

static const TdFieldSpec *
section_fields (const char *type)
{
  return td_registry_lookup_section_type (type)->fields;
}

static void
test_typing_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  TdForm *form = show_form (fixture, "section/hamstrings", section_fields ("article"));
  GtkWidget *title = td_form_get_field_widget (form, "title");

  g_assert_true (ADW_IS_ENTRY_ROW (title));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==,
                   "Why Your Hamstrings and Lower Back Are Always Tight");

  gtk_editable_set_text (GTK_EDITABLE (title), "Tight hamstrings?");
  g_assert_cmpstr (string_at (fixture, "sections[1].title"), ==, "Tight hamstrings?");
  g_assert_true (td_document_get_modified (fixture->document));

  /* Undo goes through the document and shows up in the widget. */
  g_assert_true (td_document_undo (fixture->document));
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==,
                   "Why Your Hamstrings and Lower Back Are Always Tight");
  g_assert_true (td_document_redo (fixture->document));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Tight hamstrings?");
}

static void
test_markdown_editor (Fixture       *fixture,
                      gconstpointer  data)
{
  TdForm *form = show_form (fixture, "section/tip", section_fields ("tip"));
  GtkWidget *editor = td_form_get_field_widget (form, "body");
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_true (TD_IS_TEXT_EDITOR (editor));
  buffer = td_text_editor_get_buffer (TD_TEXT_EDITOR (editor));
  gtk_text_buffer_set_text (buffer, "Drink water", -1);
  g_assert_cmpstr (string_at (fixture, "sections[7].body"), ==, "Drink water");

  /* Ctrl+B's command: the selection becomes bold. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 6);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  td_text_editor_wrap_selection (TD_TEXT_EDITOR (editor), "**", "**");
  g_assert_cmpstr (string_at (fixture, "sections[7].body"), ==, "Drink **water**");
}

static void
test_validation_hints (Fixture       *fixture,
                       gconstpointer  data)
{
  TdForm *form = show_form (fixture, "practice", td_registry_get_practice_fields ());
  GtkWidget *website = td_form_get_field_widget (form, "website");

  g_assert_false (gtk_widget_has_css_class (website, "warning"));
  gtk_editable_set_text (GTK_EDITABLE (website), "javascript:alert(1)");
  g_assert_true (gtk_widget_has_css_class (website, "warning"));
  /* What was typed is kept (nothing typed is lost), the hint says why. */
  g_assert_cmpstr (string_at (fixture, "practice.website"), ==, "javascript:alert(1)");
  gtk_editable_set_text (GTK_EDITABLE (website), "https://example.com/");
  g_assert_false (gtk_widget_has_css_class (website, "warning"));
}

/* The thumbnail's pixel at (x, y) is red. */
static gboolean
thumbnail_is_red_at (GdkTexture *texture,
                     int         x,
                     int         y)
{
  int width = gdk_texture_get_width (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize) width * 4 * gdk_texture_get_height (texture));
  const guint8 *p;

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  p = pixels + ((gsize) y * width + x) * 4;
  /* Cairo's ARGB32, little endian: B, G, R, A. */
  return p[2] > 200 && p[1] < 60 && p[0] < 60;
}

static void
test_picture_and_alt (Fixture       *fixture,
                      gconstpointer  data)
{
  TdForm *form = show_form (fixture, "section/hamstrings", section_fields ("article"));
  GtkWidget *row = td_form_get_field_widget (form, "image.src");
  GtkWidget *alt = td_form_get_field_widget (form, "image.alt");
  g_autofree char *outside = g_build_filename (fixture->dir, "IMG_4821.JPG", NULL);
  g_autofree char *command = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *drafts = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *convert = g_find_program_in_path ("convert");
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  g_autoptr(GFile) file = g_file_new_for_path (outside);
  g_autoptr(GError) error = NULL;
  GdkPaintable *paintable;

  if (convert == NULL || exiftool == NULL)
    {
      g_test_skip ("needs ImageMagick's convert and exiftool");
      return;
    }
  /* A phone photo: stored 800 × 600 with the top-left corner of the
   * upright picture red, shown portrait (EXIF orientation 6), with GPS. */
  command = g_strdup_printf ("sh -c \"convert -size 600x800 -seed 5 plasma:white-steelblue "
                             "-fill red -draw 'rectangle 0,0 119,159' -rotate 270 '%s' && "
                             "exiftool -q -overwrite_original -Orientation#=6 "
                             "-GPSLatitude=40.7 -GPSLatitudeRef=N -Make=Apple '%s'\"",
                             outside, outside);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Through the row, as the chooser, a drop or a paste do: in a worker
   * thread, with a progress bar meanwhile. */
  g_assert_true (td_image_row_set_file (TD_IMAGE_ROW (row), file, &error));
  g_assert_no_error (error);
  g_assert_true (td_image_row_get_busy (TD_IMAGE_ROW (row)));
  while (td_image_row_get_busy (TD_IMAGE_ROW (row)))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  g_assert_cmpstr (string_at (fixture, "sections[1].image.src"), ==, "images/img-4821.jpg");

  /* Nothing in the issue's folder before Save: it waits in the draft
   * area, and the thumbnail shows it upright (portrait, red corner top
   * left). */
  stored = g_build_filename (fixture->dir, "images", "img-4821.jpg", NULL);
  g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));
  draft = g_strdup (td_document_get_draft_dir (fixture->document));
  g_assert_nonnull (draft);
  paintable = td_image_row_get_thumbnail (TD_IMAGE_ROW (row));
  g_assert_true (GDK_IS_TEXTURE (paintable));
  {
    GdkTexture *texture = GDK_TEXTURE (paintable);
    int w = gdk_texture_get_width (texture);
    int h = gdk_texture_get_height (texture);

    g_assert_cmpint (h, >, w);
    g_assert_true (thumbnail_is_red_at (texture, w / 10, h / 10));
    g_assert_false (thumbnail_is_red_at (texture, w - 1 - w / 10, h / 10));
    g_assert_false (thumbnail_is_red_at (texture, w / 10, h - 1 - h / 10));
  }

  /* The description is required once there is a picture. */
  gtk_editable_set_text (GTK_EDITABLE (alt), "");
  g_assert_true (gtk_widget_has_css_class (alt, "warning"));
  gtk_editable_set_text (GTK_EDITABLE (alt), "A photo");
  g_assert_false (gtk_widget_has_css_class (alt, "warning"));

  /* Save brings it into the issue's folder and empties the draft area. */
  g_assert_true (td_document_save (fixture->document, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  g_assert_null (td_document_get_draft_dir (fixture->document));
  {
    g_autofree char *images = g_build_filename (draft, "images", NULL);
    g_autoptr(GDir) left = g_dir_open (images, 0, NULL);

    g_assert_true (left == NULL || g_dir_read_name (left) == NULL);
  }

  /* The typing in the description is one undo step, the picture another. */
  g_assert_true (td_document_undo (fixture->document));
  g_assert_cmpstr (string_at (fixture, "sections[1].image.alt"), ==,
                   "A woman lying on a mat with her hips raised in a glute bridge, "
                   "a miniband around her knees");
  g_assert_true (td_document_undo (fixture->document));
  g_assert_cmpstr (string_at (fixture, "sections[1].image.src"), ==, "images/glute-bridge.jpg");
  g_unlink (outside);
}

static void
test_list_items (Fixture       *fixture,
                 gconstpointer  data)
{
  TdForm *form = show_form (fixture, "section/news", section_fields ("news"));
  g_autoptr(JsonNode) item = json_from_string ("{\"text\": \"A third piece of news\"}", NULL);

  g_assert_nonnull (td_form_get_field_widget (form, "items[1].text"));
  g_assert_null (td_form_get_field_widget (form, "items[2].text"));

  g_assert_true (td_document_insert (fixture->document, "sections[3].items", 2, item));
  iterate ();
  g_assert_nonnull (td_form_get_field_widget (form, "items[2].text"));

  g_assert_true (td_document_move (fixture->document, "sections[3].items", 2, 0));
  iterate ();
  {
    GtkWidget *first = td_form_get_field_widget (form, "items[0].text");
    GtkTextBuffer *buffer = td_text_editor_get_buffer (TD_TEXT_EDITOR (first));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "A third piece of news");
  }

  g_assert_true (td_document_remove (fixture->document, "sections[3].items", 0));
  iterate ();
  g_assert_null (td_form_get_field_widget (form, "items[2].text"));

  /* Jumping to a field named by a pre-send check. */
  g_assert_true (td_form_focus_field (form, "items[1].photo.alt"));
  iterate ();
  g_assert_true (gtk_widget_has_focus (gtk_window_get_focus (GTK_WINDOW (fixture->window))));

  /* "Add another" (the button's action): a new item, and the focus in its
   * first field, where she types next -- not in the section's heading. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.add-item", "s", "items"));
  iterate ();
  g_assert_cmpstr (string_at (fixture, "sections[3].items[2].text"), ==, "");
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
    GtkWidget *text = td_form_get_field_widget (form, "items[2].text");

    g_assert_nonnull (text);
    g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, text));
  }
  /* Its Remove button's action takes it away again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.remove-item", "(sui)",
                                             "items", 2, 0));
  iterate ();
  g_assert_null (td_json_path_lookup (td_document_get_root (fixture->document),
                                      "sections[3].items[2]"));
}

/* Types @text at the cursor a character at a time, as the keyboard's
 * input method does, letting the main loop run between keystrokes. */
static void
type_text (GtkTextBuffer *buffer,
           const char    *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, (int) (g_utf8_next_char (p) - p),
                                                    TRUE);
      iterate ();
    }
}

/* Until the speller's dictionary, loaded in a thread, is there. */
static void
wait_loaded (TdSpeller *speller)
{
  while (td_speller_is_loading (speller))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

/* The text the underline tag covers, runs joined by "|". */
static char *
underlined (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               TD_SPELL_TAG_NAME);
  g_autoptr(GString) runs = g_string_new (NULL);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_starts_tag (&iter, tag) || gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      GtkTextIter end = iter;
      g_autofree char *run = NULL;

      if (!gtk_text_iter_starts_tag (&iter, tag))
        continue;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      run = gtk_text_iter_get_text (&iter, &end);

      if (runs->len > 0)
        g_string_append_c (runs, '|');
      g_string_append (runs, run);
      iter = end;
    }
  return g_string_free (g_steal_pointer (&runs), FALSE);
}

/* Saves what @widget shows as build/tests/NAME, to look at. */
static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *out = g_test_build_filename (G_TEST_BUILT, name, NULL);
  int width;
  int height;

  /* A few frames, so that it is laid out and drawn. */
  for (int i = 0; i < 20; i++)
    {
      g_usleep (10000);
      iterate ();
    }
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, out));
  g_test_message ("screenshot saved to %s", out);
}

/* The label showing @text inside @widget, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The labels and targets of a menu's items, section by section. */
static void
collect_menu (GMenuModel *model,
              GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;

      if (section != NULL)
        {
          collect_menu (section, out);
          continue;
        }
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      g_string_append_printf (out, "%s=%s;", label, action);
    }
}

static void
test_spelling (Fixture       *fixture,
               gconstpointer  data)
{
  TdForm *form = show_form (fixture, "section/tip", section_fields ("tip"));
  GtkWidget *editor = td_form_get_field_widget (form, "body");
  GtkTextBuffer *buffer = td_text_editor_get_buffer (TD_TEXT_EDITOR (editor));
  GtkWidget *view;
  TdSpellView *spell;
  GtkTextIter iter, end_iter;
  g_autofree char *typing = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *after_add = NULL;
  g_autofree char *corrected = NULL;
  g_autofree char *dictionary_path = NULL;
  g_autofree char *dictionary = NULL;
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(TdSpeller) fresh = NULL;

  gtk_text_buffer_set_text (buffer, "", -1);
  g_assert_true (gtk_widget_grab_focus (editor));
  view = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (GTK_IS_TEXT_VIEW (view));
  spell = g_object_get_data (G_OBJECT (view), "td-spell");
  g_assert_true (TD_IS_SPELL_VIEW (spell));
  wait_loaded (td_spell_view_get_speller (spell));
  g_assert_cmpstr (td_speller_get_dictionary (td_spell_view_get_speller (spell)), ==, "en_US");

  /* While the word is being typed it is left alone; the space after it
   * ends it, and it is underlined, and only it: not the shipped
   * profession's words, the link's address or the code. */
  type_text (buffer, "Effleurage and `cdoe` [see](https://exmaple.com) then drink wtaer");
  td_spell_view_flush (spell);
  typing = underlined (buffer);
  g_assert_cmpstr (typing, ==, "");
  /* Leaving the field ends the word too. */
  g_assert_true (gtk_widget_grab_focus (td_form_get_field_widget (form, "title")));
  iterate ();
  td_spell_view_flush (spell);
  {
    g_autofree char *left = underlined (buffer);

    g_assert_cmpstr (left, ==, "wtaer");
  }
  g_assert_true (gtk_widget_grab_focus (editor));
  iterate ();
  type_text (buffer, " daily");
  td_spell_view_flush (spell);
  typed = underlined (buffer);
  g_assert_cmpstr (typed, ==, "wtaer");
  g_assert_cmpstr (string_at (fixture, "sections[7].body"), ==,
                   "Effleurage and `cdoe` [see](https://exmaple.com) then drink wtaer daily");

  /* The menu of the word at the cursor: its suggestions, then Add to
   * Dictionary and Ignore. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 61);
  gtk_text_buffer_place_cursor (buffer, &iter);
  collect_menu (td_spell_view_update_menu (spell), items);
  g_test_message ("menu: %s", items->str);
  g_assert_nonnull (strstr (items->str, "water=spelling.correct;"));
  g_assert_true (g_str_has_suffix (items->str,
                                   "_Add to Dictionary=spelling.add;_Ignore=spelling.ignore;"));
  /* The view's own context menu shows them (what Menu and Shift+F10 open). */
  g_assert_true (gtk_widget_activate_action (view, "menu.popup", NULL));
  iterate ();
  save_png (fixture->window, "spelling-underline.png");
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      {
        save_png (child, "spelling-menu.png");
        gtk_popover_popdown (GTK_POPOVER (child));
      }
  iterate ();

  /* Add to Dictionary: no longer flagged, here or by a new speller. */
  g_assert_true (gtk_widget_activate_action (view, "spelling.add", NULL));
  td_spell_view_flush (spell);
  after_add = underlined (buffer);
  g_assert_cmpstr (after_add, ==, "");
  dictionary_path = g_build_filename (g_get_user_config_dir (), "enchant", "en_US.dic", NULL);
  g_assert_true (g_file_get_contents (dictionary_path, &dictionary, NULL, NULL));
  g_assert_nonnull (strstr (dictionary, "wtaer\n"));
  fresh = td_speller_new ("en");
  g_assert_true (td_speller_check_word (fresh, "wtaer", -1));

  /* Ignore: accepted for the rest of the session, in this field and the
   * others of the language, but not written to her dictionary. */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  type_text (buffer, " Quibbleflax ");
  td_spell_view_flush (spell);
  {
    g_autofree char *before = underlined (buffer);

    g_assert_cmpstr (before, ==, "Quibbleflax");
  }
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 76);
  gtk_text_buffer_place_cursor (buffer, &iter);
  td_spell_view_update_menu (spell);
  g_assert_true (gtk_widget_activate_action (view, "spelling.ignore", NULL));
  td_spell_view_flush (spell);
  {
    g_autofree char *after = underlined (buffer);
    g_autofree char *words = NULL;

    g_assert_cmpstr (after, ==, "");
    g_assert_true (g_file_get_contents (dictionary_path, &words, NULL, NULL));
    g_assert_null (strstr (words, "Quibbleflax"));
  }
  /* Back to where the correction below is typed. */
  gtk_text_buffer_get_bounds (buffer, &iter, &end_iter);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 71);
  gtk_text_buffer_delete (buffer, &iter, &end_iter);

  /* A suggestion replaces the word, through the document. */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  type_text (buffer, " wrod ");
  td_spell_view_flush (spell);
  corrected = underlined (buffer);
  g_assert_cmpstr (corrected, ==, "wrod");
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 72);
  gtk_text_buffer_place_cursor (buffer, &iter);
  td_spell_view_update_menu (spell);
  g_assert_true (gtk_widget_activate_action (view, "spelling.correct", "s", "word"));
  g_assert_true (g_str_has_suffix (string_at (fixture, "sections[7].body"), "daily word "));

  /* The issue's language: Spanish, and English words are now flagged. */
  td_document_set_string (fixture->document, "issue.language", "es", TD_EDIT_NONE);
  wait_loaded (td_spell_view_get_speller (spell));
  g_assert_cmpstr (td_speller_get_dictionary (td_spell_view_get_speller (spell)), ==, "es_ES");
  td_spell_view_flush (spell);
  {
    g_autofree char *spanish = underlined (buffer);

    g_assert_nonnull (strstr (spanish, "daily"));
  }

  /* A language without a dictionary: nothing underlined, and Issue
   * Settings says why. */
  td_document_set_string (fixture->document, "issue.language", "xx", TD_EDIT_NONE);
  wait_loaded (td_spell_view_get_speller (spell));
  g_assert_false (td_speller_has_dictionary (td_spell_view_get_speller (spell)));
  td_spell_view_flush (spell);
  {
    g_autofree char *none = underlined (buffer);
    g_autoptr(GString) note = g_string_new (NULL);

    g_assert_cmpstr (none, ==, "");
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 61);
    gtk_text_buffer_place_cursor (buffer, &iter);
    collect_menu (td_spell_view_update_menu (spell), note);
    g_assert_cmpstr (note->str, ==, "No spelling dictionary for “xx”=spelling.none;");
  }
  /* Turned off: nothing underlined. */
  td_spell_set_enabled (FALSE);
  {
    g_autofree char *off = underlined (buffer);

    g_assert_cmpstr (off, ==, "");
  }
  td_spell_set_enabled (TRUE);

  /* Issue Settings says when the language has no dictionary. */
  td_document_set_string (fixture->document, "issue.language", "xx", TD_EDIT_NONE);
  {
    TdForm *settings = show_form (fixture, "issue", td_registry_get_issue_fields ());
    GtkWidget *row = td_form_get_field_widget (settings, "language");
    GtkWidget *label = find_label (row, "No spelling dictionary");

    iterate ();
    g_assert_nonnull (label);
    g_assert_true (gtk_widget_get_visible (label));
    save_png (fixture->window, "spelling-no-dictionary.png");
    td_document_set_string (fixture->document, "issue.language", "es", TD_EDIT_NONE);
    iterate ();
    g_assert_false (gtk_widget_get_visible (label));
  }
}

static void
test_spelling_entry (Fixture       *fixture,
                     gconstpointer  data)
{
  TdForm *form = show_form (fixture, "section/hamstrings", section_fields ("article"));
  GtkWidget *title = td_form_get_field_widget (form, "title");
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (title));
  TdSpellEntry *spell = g_object_get_data (G_OBJECT (text), "td-spell");
  PangoAttrList *attrs;
  g_autoptr(GSList) list = NULL;
  PangoAttribute *attr;
  g_autoptr(GString) items = g_string_new (NULL);

  g_assert_true (TD_IS_SPELL_ENTRY (spell));
  {
    g_autoptr(TdSpeller) english = td_speller_get_shared_deferred ("en");

    wait_loaded (english);
  }
  gtk_editable_set_text (GTK_EDITABLE (title), "Tight hamstrings and a sore bakc, LMT tips");
  td_spell_entry_flush (spell);
  attrs = gtk_text_get_attributes (GTK_TEXT (text));
  g_assert_nonnull (attrs);
  list = pango_attr_list_get_attributes (attrs);
  g_assert_cmpuint (g_slist_length (list), ==, 2);
  attr = list->data;
  g_assert_cmpint (attr->klass->type, ==, PANGO_ATTR_UNDERLINE);
  g_assert_cmpint (((PangoAttrInt *) attr)->value, ==, PANGO_UNDERLINE_ERROR);
  g_assert_cmpuint (attr->start_index, ==, strlen ("Tight hamstrings and a sore "));
  g_assert_cmpuint (attr->end_index, ==, strlen ("Tight hamstrings and a sore bakc"));
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);

  gtk_editable_set_position (GTK_EDITABLE (title), 30);
  collect_menu (td_spell_entry_update_menu (spell), items);
  g_assert_nonnull (strstr (items->str, "back=spelling.correct;"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (text), "spelling.correct", "s", "back"));
  g_assert_cmpstr (string_at (fixture, "sections[1].title"), ==,
                   "Tight hamstrings and a sore back, LMT tips");
  td_spell_entry_flush (spell);
  list = pango_attr_list_get_attributes (gtk_text_get_attributes (GTK_TEXT (text)));
  g_assert_cmpuint (g_slist_length (list), ==, 0);
}

/* The testimonial's form, built from the registry: the quote in the
 * markdown editor, the consent date typed and checked as a day. */
static void
test_testimonial (Fixture       *fixture,
                  gconstpointer  data)
{
  const TdSectionType *type = td_registry_lookup_section_type ("testimonial");
  g_autoptr(JsonNode) section = td_issue_new_section (td_document_get_root (fixture->document),
                                                      type);
  g_autofree char *scope = td_scope_for_section (json_object_get_string_member (
                                                   json_node_get_object (section), "id"));
  TdForm *form;
  GtkWidget *consent;

  g_assert_true (td_document_insert (fixture->document, "sections", 8, section));
  g_assert_cmpstr (string_at (fixture, "sections[8].title"), ==, "Kind words");
  form = show_form (fixture, scope, type->fields);
  g_assert_true (TD_IS_TEXT_EDITOR (td_form_get_field_widget (form, "quote")));
  g_assert_true (ADW_IS_ENTRY_ROW (td_form_get_field_widget (form, "name")));
  g_assert_nonnull (td_form_get_field_widget (form, "photo.alt"));

  consent = td_form_get_field_widget (form, "consent_date");
  g_assert_true (ADW_IS_ENTRY_ROW (consent));
  gtk_editable_set_text (GTK_EDITABLE (consent), "2023-02-30");
  g_assert_true (gtk_widget_has_css_class (consent, "warning"));
  gtk_editable_set_text (GTK_EDITABLE (consent), "2023-07-15");
  g_assert_false (gtk_widget_has_css_class (consent, "warning"));
  g_assert_cmpstr (string_at (fixture, "sections[8].consent_date"), ==, "2023-07-15");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config = g_dir_make_tmp ("tidings-form-config-XXXXXX", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", config);
  int status;

  /* Her personal dictionary, in a folder of the test's own. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("ENCHANT_CONFIG_DIR");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/form/typing-and-undo", test_typing_and_undo);
  ADD ("/ui/form/markdown-editor", test_markdown_editor);
  ADD ("/ui/form/validation-hints", test_validation_hints);
  ADD ("/ui/form/picture-and-alt", test_picture_and_alt);
  ADD ("/ui/form/list-items", test_list_items);
  ADD ("/ui/form/spelling", test_spelling);
  ADD ("/ui/form/spelling-entry", test_spelling_entry);
  ADD ("/ui/form/testimonial", test_testimonial);
#undef ADD

  status = g_test_run ();
  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  return status;
}
