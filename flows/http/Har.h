#pragma once

#include "http/Exchange.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace ecalab {

// The whole log as HAR 1.2 (redacted: built from the recorded copies; Exchange::secrets is never
// read). The window's Export HAR writes it; it needs nothing of the window.
QJsonObject harDocument(const QList<Exchange> &exchanges);
QString statusText(int status); // "200 OK"

} // namespace ecalab
