/* td-publish-error.c: the error domain of src/publish */

#include "config.h"

#include "td-publish-error.h"

G_DEFINE_QUARK (td-publish-error-quark, td_publish_error)
