#pragma once

#include <QJsonObject>
#include <QString>

namespace ecalab::app {

// Everything ECA Lab writes to stdout and stderr goes through here (server text is
// untrusted and may carry terminal escapes or be huge). stdout carries the product (the --json
// object, or the human report without --json); stderr carries progress and warnings.
void printOut(const QString &text);  // human text, made terminal-safe
void printErr(const QString &text);  // human text, made terminal-safe
void printJson(const QJsonObject &object, bool compact = false); // stdout, one object and a newline

// What a terminal may be shown: escape sequences (CSI, OSC, DCS…), C0 controls but \n and \t, DEL,
// C1 controls and bidirectional overrides removed; each line cut after kMaxLineChars and the whole
// text after kMaxTextChars, with how many bytes were left out (the --json output has them all).
QString terminalSafe(const QString &text);
// JSON text whose strings carry no raw C1 control or DEL (QJsonDocument escapes only C0).
QByteArray terminalSafeJson(const QByteArray &json);

constexpr qsizetype kMaxLineChars = 2000;
constexpr qsizetype kMaxTextChars = 20000;

} // namespace ecalab::app
