#pragma once

#include "grants/UserPrompt.h"

#include <QString>

namespace ecalab::app {

// What `ecalab run web-server` prints to stderr while it waits: the authorize URL on a
// line of its own (whether or not a browser was opened), why no browser was opened, and the
// callback URL being listened on with the deadline. stdout stays for the result.
QString webServerPromptText(const UserPrompt &prompt, qint64 nowMs);

} // namespace ecalab::app
