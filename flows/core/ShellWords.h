#pragma once

#include "core/Expected.h"

#include <QString>
#include <QStringList>

namespace ecalab {

// Splits a command the way a POSIX shell splits words (POSIX.1-2017 XCU §2.2 quoting, §2.6.5
// field splitting), with no expansion: blanks separate words; a backslash keeps the next
// character; single quotes keep everything up to the next single quote; double quotes keep
// everything but \ before $ ` " \ or a newline. `''` is an empty word. An unterminated quote or
// a trailing backslash is an error that says which.
Expected<QStringList, QString> splitShellWords(const QString &command);

} // namespace ecalab
