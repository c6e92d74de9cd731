/* td-spelling.h: spell checking of an issue's words, over enchant-2
 *
 * A TdSpeller checks words in one language: the issue's ("en", "es-MX"),
 * looked up along a fallback chain (es_MX, es, es_ES, then any es_*), with
 * the profession's word list shipped with Tidings and her personal
 * dictionary (enchant's, in the user's config folder: inside the Flatpak
 * the app's own). With no dictionary for the language every word passes,
 * and td_speller_has_dictionary() says so.
 *
 * The tokenizer finds the words worth checking in a field's text, skipping
 * web and email addresses, numbers, merge tags and, in markdown, code,
 * link targets, picture paths and HTML.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-diagnostic.h"

G_BEGIN_DECLS

/* The findings' stable code (docs/checks.md). */
#define TD_SPELLING_CODE "spelling"

typedef struct
{
  gsize start;   /* byte offsets into the text */
  gsize end;
} TdWordRange;

/* The words of @text (@length bytes, or -1 for NUL-terminated) as
 * TdWordRange, in order. */
GArray     *td_spelling_find_words     (const char *text,
                                        gssize      length,
                                        gboolean    markdown);

#define TD_TYPE_SPELLER (td_speller_get_type ())

G_DECLARE_FINAL_TYPE (TdSpeller, td_speller, TD, SPELLER, GObject)

/* @language: a BCP 47 tag ("en", "es-MX"), or NULL/"" for English. */
TdSpeller  *td_speller_new               (const char *language);
const char *td_speller_get_language      (TdSpeller  *self);
gboolean    td_speller_has_dictionary    (TdSpeller  *self);
/* The dictionary used ("en_US"), or NULL. */
const char *td_speller_get_dictionary    (TdSpeller  *self);
/* TRUE when the word is spelt right, or cannot be checked. */
gboolean    td_speller_check_word        (TdSpeller  *self,
                                          const char *word,
                                          gssize      length);
/* Up to @max_suggestions corrections, best first; never NULL. */
char      **td_speller_suggest           (TdSpeller  *self,
                                          const char *word,
                                          gssize      length,
                                          guint       max_suggestions);
/* Into her personal dictionary, for good. Emits ::changed. */
void        td_speller_add_word          (TdSpeller  *self,
                                          const char *word);
/* Accepted until the program ends. Emits ::changed. */
void        td_speller_ignore_word       (TdSpeller  *self,
                                          const char *word);

/* The same speller for every caller asking for the same language, so that
 * a word added or ignored in one field is accepted in all. */
TdSpeller  *td_speller_get_shared        (const char *language);
/* The same, but a speller new to the process loads its dictionary in a
 * worker thread: until then td_speller_is_loading() is TRUE and every word
 * passes; then ::changed is emitted in the caller's main context. For the
 * UI, so that the window's first frame doesn't wait for it. */
TdSpeller  *td_speller_get_shared_deferred (const char *language);
gboolean    td_speller_is_loading        (TdSpeller  *self);

/* Adds a "[spelling]" warning for each misspelt word of the text, markdown
 * and multi-line fields of the issue @root, at the field's path; or one
 * warning at issue.language when there is no dictionary for it. */
void        td_spelling_check_issue      (TdSpeller     *speller,
                                          JsonNode      *root,
                                          TdDiagnostics *diags);

G_END_DECLS
