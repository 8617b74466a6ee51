#pragma once

#include <QString>

namespace ecalab::crypto {

// OpenSSL's own words for what just failed: the thread's error queue, oldest first, joined with
// "; ", and the queue left empty so a later failure is not blamed on this one. Empty when the
// queue was empty.
QString takeOpenSslErrors();

} // namespace ecalab::crypto
