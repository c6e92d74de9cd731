/* td-fuzz.h: what the libFuzzer harnesses share
 *
 * Each harness defines LLVMFuzzerTestOneInput(). Built with clang and
 * -Dfuzzing=true it links libFuzzer (build-aux/fuzz runs it); otherwise it
 * links fuzz-replay.c, which runs it on the files of the regression corpus
 * as a normal test.
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "td-diagnostic.h"

G_BEGIN_DECLS

/* A property every input must keep. Not g_assert(): it must abort in any
 * build, and say which property broke. */
#define TD_FUZZ_CHECK(cond)                                                   \
  G_STMT_START                                                                \
  {                                                                           \
    if (G_UNLIKELY (!(cond)))                                                 \
      {                                                                       \
        g_printerr ("%s:%d: property broken: %s\n", __FILE__, __LINE__, #cond); \
        abort ();                                                             \
      }                                                                       \
  }                                                                           \
  G_STMT_END

int  LLVMFuzzerTestOneInput (const uint8_t *data,
                             size_t         size);
int  LLVMFuzzerInitialize   (int           *argc,
                             char        ***argv);

/* A NUL-terminated copy of data without its NUL bytes, made valid UTF-8:
 * what the file loader would let through to the APIs that take text. */
char *td_fuzz_text          (const uint8_t *data,
                             size_t         size);

/* Whether no line of text (length bytes) is longer than max bytes. */
gboolean td_fuzz_lines_fit  (const char    *text,
                             gsize          length,
                             gsize          max);

/* Diagnostics print as one valid UTF-8 line each, whatever the file
 * held (their control characters escaped). */
void td_fuzz_check_diagnostics (const TdDiagnostics *diags);

G_END_DECLS
