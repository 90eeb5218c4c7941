/* An effective profile as JSON (launch --show): every key, with its value
 * after extends and the command line; a valid profile in its turn. */
#ifndef LAUNCH_PROFILES_SHOW_H
#define LAUNCH_PROFILES_SHOW_H

#include "base/strbuf.h"
#include "profiles/profile.h"

void profile_render(const struct profile *p, struct strbuf *out);

#endif
