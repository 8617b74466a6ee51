#pragma once

#include "core/Expected.h"

#include <QByteArray>
#include <QString>

namespace ecalab {

// Reads a settings file (a profile, an emulator seed) whole. Only regular files are read, so a
// device (`/dev/zero`) cannot exhaust memory and a FIFO with no writer cannot block the run; the
// size is capped before reading and again while reading, in case the file grows meanwhile.
// `what` names the file in the error ("Profile", "Seed file").
Expected<QByteArray, QString> readSmallFile(const QString &path, qint64 maxBytes, const QString &what);

} // namespace ecalab
