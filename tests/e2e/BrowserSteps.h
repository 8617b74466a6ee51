#pragma once

#include "WebDriver.h"

#include <QString>
#include <QUrl>

namespace ecalab::e2e {

// What a person does on the emulator's pages (the HTML contract: Salesforce's own element ids).
// Each returns an empty string on success, else what went wrong with the page's start for context.

// Login page: `username`, `password`, submit `Login`.
QString logIn(WebDriverSession &browser, const QString &username, const QString &password);
// Consent page: `oaapprove` (Allow) or `oadeny` (Deny).
QString answerConsent(WebDriverSession &browser, bool allow);
// Device page `/setup/connect`: `user_code`, submit `save`.
QString enterUserCode(WebDriverSession &browser, const QString &userCode);

// The longest http(s) URL in `text` whose path contains `pathPart` (trailing punctuation removed),
// so the CLI's wording around the URL may change freely; the longest because a URL may also be
// shown for reading, with spaces left unencoded, which cuts it short at the first space.
QUrl longestUrlWithPath(const QString &text, const QString &pathPart);
// A URL printed on a line of its own (the copy-and-paste form), whose path contains `pathPart`;
// such a line is complete once its newline has arrived.
QUrl urlOnItsOwnLine(const QString &text, const QString &pathPart);
// The device flow's user code as printed: on a line that mentions "code" and is not a URL, the
// last run of 6+ upper-case letters and digits (optionally split by one '-' or space).
QString userCodeIn(const QString &text);

} // namespace ecalab::e2e
