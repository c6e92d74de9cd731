/* td-issue-loader.c: pre-scan, parse, migrate, validate
 *
 * json-glib's parser is recursive, lenient (comments, single quotes, a
 * second document after the first) and vague about where an error is, so a
 * file is first checked here: valid UTF-8 without NUL bytes, then strict JSON
 * (td-json-syntax.c: nesting depth, duplicate keys, precise positions).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "td-issue-loader.h"
#include "td-issue-validator.h"
#include "td-json-number.h"
#include "td-json-path.h"
#include "td-json-syntax.h"
#include "td-read-limited.h"
#include "td-registry.h"

void
td_loaded_issue_free (TdLoadedIssue *loaded)
{
  if (loaded == NULL)
    return;
  g_clear_pointer (&loaded->root, json_node_unref);
  g_clear_pointer (&loaded->etag, g_free);
  g_free (loaded);
}

/* 1-based line and column (in characters) of a byte offset. */
static void
offset_to_position (const char *data,
                    gsize       offset,
                    guint      *line,
                    guint      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xc0) != 0x80)
        (*column)++;
    }
}

static gboolean
report_at (TdDiagnostics *diags,
           const char    *data,
           gsize          offset,
           const char    *message)
{
  guint line, column;

  offset_to_position (data, offset, &line, &column);
  td_diagnostics_add_at (diags, TD_SEVERITY_ERROR, line, column, "%s", message);
  return FALSE;
}

static gboolean
prescan (const char    *data,
         gsize          length,
         GArray        *numbers,
         TdDiagnostics *diags)
{
  const char *invalid = NULL;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      if (invalid != NULL && *invalid == '\0' && (gsize) (invalid - data) < length)
        return report_at (diags, data, invalid - data,
                          _("the file contains a NUL byte; it is not a text file"));
      if (length >= 2 && ((guchar) data[0] == 0xff || (guchar) data[0] == 0xfe))
        return report_at (diags, data, 0,
                          _("the file is saved as UTF-16; save it as UTF-8 text"));
      return report_at (diags, data, invalid - data,
                        _("invalid UTF-8: the file must be saved as UTF-8 text"));
    }
  return td_json_syntax_check (data, length, TD_ISSUE_MAX_DEPTH, numbers, diags);
}

/* json-glib reports "<data>:LINE:COL: Parse error: MESSAGE". */
static void
report_parse_error (TdDiagnostics *diags,
                    const GError  *error)
{
  const char *message = error->message;
  guint line = 0, column = 0;
  const char *rest = NULL;

  if (g_str_has_prefix (message, "<data>:"))
    {
      char *end = NULL;

      line = (guint) g_ascii_strtoull (message + 7, &end, 10);
      if (end != NULL && *end == ':')
        column = (guint) g_ascii_strtoull (end + 1, &end, 10);
      if (end != NULL && *end == ':')
        rest = end + 1;
    }
  if (rest != NULL)
    {
      while (*rest == ' ')
        rest++;
      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
      td_diagnostics_add_at (diags, TD_SEVERITY_ERROR, line, column,
                             _("not valid JSON: %s"), rest);
    }
  else
    td_diagnostics_add_at (diags, TD_SEVERITY_ERROR, 1, 1, _("not valid JSON: %s"), message);
}

/* numbers: where the prescan found each number, whose text is kept. */
static JsonNode *
parse (const char    *data,
       gsize          length,
       GArray        *numbers,
       TdDiagnostics *diags)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* The syntax check has passed, so this only fails on what it cannot
   * foresee (such as running out of memory). */
  if (!json_parser_load_from_data (parser, data, length, &error))
    {
      report_parse_error (diags, error);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      td_diagnostics_add_at (diags, TD_SEVERITY_ERROR, 1, 1,
                             _("the file is empty; a Tidings issue is a JSON object"));
      return NULL;
    }
  /* Both readers agree on what is a number in valid JSON; if they ever did
   * not, refusing is better than giving a number another one's text. */
  if (!td_json_number_keep_text (root, data, numbers))
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL,
                          _("the numbers in the file could not be read as written"));
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* Version 0 was the draft format of the first prototype: the brand colour
 * was called "color" and a section's type "kind". The step proves the
 * migration mechanism; every later format change adds one step here. */
static void
migrate_0_to_1 (JsonObject *document)
{
  JsonObject *practice = NULL;
  JsonNode *sections = json_object_get_member (document, "sections");

  if (json_object_has_member (document, "practice") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (document, "practice")))
    practice = json_object_get_object_member (document, "practice");
  if (practice != NULL && json_object_has_member (practice, "color") &&
      !json_object_has_member (practice, "brand_color"))
    {
      JsonNode *color = json_object_dup_member (practice, "color");

      json_object_remove_member (practice, "color");
      json_object_set_member (practice, "brand_color", color);
    }

  if (sections != NULL && JSON_NODE_HOLDS_ARRAY (sections))
    {
      JsonArray *array = json_node_get_array (sections);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *section;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          section = json_node_get_object (node);
          if (json_object_has_member (section, "kind") && !json_object_has_member (section, "type"))
            {
              JsonNode *kind = json_object_dup_member (section, "kind");

              json_object_remove_member (section, "kind");
              json_object_set_member (section, "type", kind);
            }
        }
    }
}

gboolean
td_issue_migrate (JsonNode      *root,
                  guint         *from_version,
                  TdDiagnostics *diags)
{
  JsonObject *document;
  JsonNode *format, *version;
  TdJsonIntegerStatus status;
  gint64 number;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL,
                          _("this is not a Tidings issue: the file must hold a JSON object, "
                            "not %s"), td_json_describe_node (root));
      return FALSE;
    }
  document = json_node_get_object (root);

  format = json_object_get_member (document, "format");
  if (format == NULL)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, "format",
                          _("is missing: this is not a Tidings issue (its first member is "
                            "\"format\": \"%s\")"), TD_FORMAT_NAME);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (format), TD_FORMAT_NAME))
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, "format",
                          _("this is not a Tidings issue: “format” must be “%s”"),
                          TD_FORMAT_NAME);
      return FALSE;
    }

  version = json_object_get_member (document, "version");
  if (version == NULL)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, "version", _("is missing (it is required)"));
      return FALSE;
    }
  /* Read from the number's text: json-glib turns one too large for a
   * gint64 into whatever it overflows to. */
  status = td_json_number_get_integer (version, &number);
  if (status == TD_JSON_INTEGER_OUT_OF_RANGE)
    {
      g_autofree char *text = td_json_number_describe (version);

      if (td_json_number_get_text (version)[0] == '-')
        td_diagnostics_add (diags, TD_SEVERITY_ERROR, "version",
                            _("%s is not a format version"), text);
      else
        td_diagnostics_add (diags, TD_SEVERITY_ERROR, "version",
                            _("%s is too large to be a format version; this version of "
                              "Tidings reads format versions up to %d"),
                            text, TD_FORMAT_VERSION);
      return FALSE;
    }
  if (status != TD_JSON_INTEGER_OK)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, "version",
                          _("must be a whole number such as 1, not %s"),
                          td_json_describe_node (version));
      return FALSE;
    }
  if (number > TD_FORMAT_VERSION)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, "version",
                          _("this file was written by a newer version of Tidings (format "
                            "version %lld); this version reads format versions up to %d. "
                            "Update Tidings to open it"),
                          (long long) number, TD_FORMAT_VERSION);
      return FALSE;
    }
  if (number < 0)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, "version",
                          _("%lld is not a format version"), (long long) number);
      return FALSE;
    }

  *from_version = (guint) number;
  if (number == 0)
    migrate_0_to_1 (document);
  json_object_set_int_member (document, "version", TD_FORMAT_VERSION);
  return TRUE;
}

TdLoadedIssue *
td_issue_load_from_data (const char    *data,
                         gsize          length,
                         const char    *base_dir,
                         TdDiagnostics *diags)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) numbers = NULL;
  guint from_version = TD_FORMAT_VERSION;
  TdLoadedIssue *loaded;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (diags != NULL, NULL);

  if (length > TD_ISSUE_MAX_FILE_SIZE)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL,
                          _("the file is too large (%zu bytes; at most %d): it is not a "
                            "newsletter"), length, TD_ISSUE_MAX_FILE_SIZE);
      return NULL;
    }
  /* Notepad starts UTF-8 with a byte order mark; RFC 8259 lets readers
   * ignore it. Editors do not show it, so columns are counted after it. */
  if (data != NULL && length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  numbers = g_array_new (FALSE, FALSE, sizeof (TdJsonSpan));
  if (!prescan (data != NULL ? data : "", length, numbers, diags))
    return NULL;
  root = parse (data != NULL ? data : "", length, numbers, diags);
  if (root == NULL)
    return NULL;
  if (!td_issue_migrate (root, &from_version, diags))
    return NULL;
  td_issue_validate (root, base_dir, diags);
  if (td_diagnostics_has_errors (diags))
    return NULL;

  loaded = g_new0 (TdLoadedIssue, 1);
  loaded->root = g_steal_pointer (&root);
  loaded->from_version = from_version;
  return loaded;
}

/* Opens a local file without blocking (a FIFO would wait for a writer) and
 * checks on the open file that it is a regular file: a device such as
 * /dev/zero never ends. A symbolic link to an issue is followed: the user
 * chose it, and its pictures are looked for beside the link. */
static GInputStream *
open_local (const char     *path,
            TdDiagnostics  *diags)
{
  struct stat st;
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL, _("cannot open: %s"),
                          g_strerror (errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL,
                          _("cannot open: it is not a regular file (a device, a pipe or a "
                            "socket)"));
      close (fd);
      return NULL;
    }
  return g_unix_input_stream_new (fd, TRUE);
}

TdLoadedIssue *
td_issue_load_from_file (GFile         *file,
                         TdDiagnostics *diags)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base_dir = NULL;
  TdLoadedIssue *loaded;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (diags != NULL, NULL);

  /* The etag is taken before reading: if the file changes meanwhile, a
   * later save refuses to overwrite it rather than lose the change. */
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_ETAG_VALUE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL, _("cannot open: %s"), error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL,
                          _("cannot open: it is a folder, not a file"));
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL,
                          _("cannot open: it is not a regular file (a device, a pipe or a "
                            "socket)"));
      return NULL;
    }
  /* Refuse a large file by its size, before reading any of it. */
  if (g_file_info_get_size (info) > TD_ISSUE_MAX_FILE_SIZE)
    {
      td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL,
                          _("the file is too large (%lld bytes; at most %d): "
                            "it is not a newsletter"),
                          (long long) g_file_info_get_size (info), TD_ISSUE_MAX_FILE_SIZE);
      return NULL;
    }
  etag = g_strdup (g_file_info_get_etag (info));

  /* The type was checked by name; a local file is checked again once open,
   * in case it was replaced in between. */
  path = g_file_get_path (file);
  if (path != NULL)
    stream = open_local (path, diags);
  else
    {
      stream = G_INPUT_STREAM (g_file_read (file, NULL, &error));
      if (stream == NULL)
        td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL, _("cannot open: %s"),
                            error->message);
    }
  if (stream == NULL)
    return NULL;

  contents = td_read_limited (stream, TD_ISSUE_MAX_FILE_SIZE, &error);
  if (contents == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL,
                            _("the file is too large (more than %d bytes): it is not a "
                              "newsletter"), TD_ISSUE_MAX_FILE_SIZE);
      else
        td_diagnostics_add (diags, TD_SEVERITY_ERROR, NULL, _("cannot read: %s"),
                            error->message);
      return NULL;
    }

  parent = g_file_get_parent (file);
  base_dir = parent != NULL ? g_file_get_path (parent) : NULL;
  loaded = td_issue_load_from_data (g_bytes_get_data (contents, NULL),
                                    g_bytes_get_size (contents), base_dir, diags);
  if (loaded != NULL)
    loaded->etag = g_steal_pointer (&etag);
  return loaded;
}
