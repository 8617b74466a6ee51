#pragma once

#include "grants/UserPrompt.h"

#include <QString>

namespace ecalab::app {

// What `ecalab run device` prints to stderr while it waits: the verification URL, the
// user code on a line of its own, and a QR code of the URL in Unicode blocks; then one line per
// poll answer that changes something. stdout stays for the result (--json or the report).
QString devicePromptText(const UserPrompt &prompt, qint64 nowMs);
// A line when the poll answer or the interval changed since `previous`, or the browser turned out
// not to open; empty otherwise.
QString devicePollLine(const UserPrompt &previous, const UserPrompt &current);

} // namespace ecalab::app
