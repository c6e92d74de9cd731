/* td-cli.h: the subcommands of tidings-cli and what they share */
#pragma once

#include "td-diagnostic.h"
#include "td-document.h"

G_BEGIN_DECLS

/* Exit codes, as in DESIGN.md. */
enum
{
  TD_CLI_OK = 0,
  TD_CLI_FAILED = 1,
  TD_CLI_USAGE = 2,
};

typedef struct _TdCliCommand TdCliCommand;

/* A subcommand, given its arguments (argv[0] is its name): returns the
 * exit code. */
typedef int TdCliRunFunc (const TdCliCommand  *command,
                          int                  argc,
                          char               **argv);

struct _TdCliCommand
{
  const char   *name;
  const char   *parameter_string;   /* for --help: "FILE..." */
  const char   *summary;            /* N_() */
  TdCliRunFunc *run;
};

/* Parses argv with entries; prints the error and returns FALSE on misuse. */
gboolean    td_cli_parse_options  (const TdCliCommand *command,
                                   const GOptionEntry *entries,
                                   int                *argc,
                                   char             ***argv);
int         td_cli_usage_error    (const TdCliCommand *command,
                                   const char         *format,
                                   ...) G_GNUC_PRINTF (2, 3);

/* Loads path, printing every diagnostic to stderr; NULL if it has errors. */
TdDocument *td_cli_load           (const char         *path);
/* For a command that takes no options and one FILE: parses the command
 * line and loads the file. NULL, with the exit code in @status, when the
 * command line is wrong or the file has errors. */
TdDocument *td_cli_parse_and_load (const TdCliCommand *command,
                                   int                 argc,
                                   char              **argv,
                                   int                *status);
void        td_cli_print_diagnostics (const TdDiagnostics *diags,
                                      const char          *path);
/* "PATH: error: MESSAGE" on stderr. */
void        td_cli_print_error    (const char         *path,
                                   const GError       *error);

/* "check"'s [spelling] findings, in the language, with her
 * personal dictionary ($XDG_CONFIG_HOME/enchant, or $ENCHANT_CONFIG_DIR);
 * none when $TIDINGS_SPELLING is "off". */
void        td_cli_check_spelling (JsonNode           *root,
                                   TdDiagnostics      *diags);

/* The Date of a message: now, or $SOURCE_DATE_EPOCH (reproducible output,
 * as in build tools). */
gint64      td_cli_message_date   (void);

TdCliRunFunc td_cli_validate;
TdCliRunFunc td_cli_format;
TdCliRunFunc td_cli_export;
TdCliRunFunc td_cli_check;

/* td-cli-pictures.c: the stored pictures made fit to send */
TdCliRunFunc td_cli_pictures;

/* td-cli-archive.c: past issues as a website */
TdCliRunFunc td_cli_archive;

/* td-cli-publish.c: the commands that use the network */
int         td_cli_send_test      (const TdCliCommand *command,
                                   int                 argc,
                                   char              **argv);
int         td_cli_handoff        (const TdCliCommand *command,
                                   int                 argc,
                                   char              **argv);
TdCliRunFunc td_cli_publish;

G_END_DECLS
