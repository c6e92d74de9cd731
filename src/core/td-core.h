/* td-core.h: included first by every core header.
 *
 * The core must stay free of GTK so that it can be tested headless and linked
 * by tidings-cli. The core library is compiled with TD_CORE_COMPILATION; a
 * core source that pulls in GTK fails to build. (The UI may include core
 * headers after GTK ones: that is the intended direction of the layers.)
 */
#pragma once

#if defined(TD_CORE_COMPILATION) && (defined(GTK_MAJOR_VERSION) || defined(__GTK_H_INSIDE__))
# error "src/core must not depend on GTK"
#endif

#include <glib.h>
