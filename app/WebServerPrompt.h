#pragma once

#include "grants/UserPrompt.h"

#include <QString>

namespace ecalab::app {

// What a browser flow's run prints to stderr while it waits (OpenBrowser): the authorize URL on a
// line of its own (whether or not a browser was opened), why no browser was opened, and the
// callback URL being listened on with the deadline. stdout stays for the result. A launch that
// fails after this was printed shows as the "Open browser" stage's warning line.
QString webServerPromptText(const UserPrompt &prompt, qint64 nowMs);

} // namespace ecalab::app
