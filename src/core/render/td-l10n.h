/* td-l10n.h: the newsletter's own language
 *
 * The few built-in phrases that appear inside an exported newsletter ("View in
 * browser", "Unsubscribe", the month of the issue) follow the issue's
 * "language" field, not the language of the user interface: an English UI can
 * write a Spanish newsletter and vice versa. They are translated in po/ like
 * every other string (context "newsletter", "month" or "date") and read here
 * straight from the installed tidings.mo of the language, without
 * touching the process locale.
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

/* Translates @msgid, which appears INSIDE an exported newsletter, into
 * @language (a tag from the issue such as "es" or "es-MX"; "es-MX" tries the
 * catalogue es_MX, then es), independent of the UI language. Returns @msgid
 * itself (English) when @language is NULL, empty, malformed or has no
 * catalogue, or when the catalogue lacks the message. @context may be NULL.
 *
 * The result is owned by Tidings and valid for the life of the process.
 * Thread-safe: each catalogue is read once and kept. Call it with literal
 * strings so that xgettext extracts them (po/meson.build passes
 * --keyword=td_l10n_gettext:2c,3). */
const char         *td_l10n_gettext                 (const char *language,
                                                      const char *context,
                                                      const char *msgid);

/* Formats the month of @date ("2023-08", or a full day "2023-08-15") in
 * @language: "August 2023", "agosto de 2023". The month names go through
 * td_l10n_gettext() with the context "month", the arrangement of month and
 * year with the context "date". Returns NULL if @date is not a valid date in
 * one of those two forms. */
char               *td_l10n_format_month            (const char *language,
                                                      const char *date);

/* Whether @language (a tag from the issue such as "ar", "fa-IR" or "ku-Arab")
 * is written right to left: by its script subtag when it has one ("ku-Arab",
 * "sd-Deva"), else by the script the language is usually written in. FALSE
 * for NULL, "" and malformed tags. Every format asks this, so that the web
 * page, the email and the plain text never disagree on direction. */
gboolean            td_l10n_language_is_rtl         (const char *language);

/* The languages (primary subtags) written right to left when the tag names
 * no script, NULL-terminated; for tests that check every format agrees. */
const char * const *td_l10n_get_rtl_languages       (void);

/* The folder holding <lang>/LC_MESSAGES/tidings.mo: the environment variable
 * TIDINGS_LOCALEDIR when set and not empty (for tests and uninstalled runs),
 * else LOCALEDIR from config.h. Read on every call, so a test may change it;
 * catalogues already read stay cached under their path. */
const char         *td_l10n_get_localedir           (void);

/* The msgids (all with the context "newsletter") of the built-in phrases that
 * the renderers may put in a newsletter, NULL-terminated; for tests that
 * check every one is translated. */
const char * const *td_l10n_get_newsletter_msgids   (void);

G_END_DECLS
