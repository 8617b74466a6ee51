#pragma once

#include "http/Exchange.h"
#include "http/Har.h" // statusText, harDocument

#include <QJsonObject>
#include <QString>

namespace ecalab::ui {

// How the Traffic tab prints one exchange: headers one per line, JSON bodies indented, form
// bodies one field per line. Everything is the redacted copy; `revealed` (optional) puts one
// secret back where its mask stands, for an explicit reveal in the window only.
QString requestText(const Exchange &exchange, const SecretValue *revealed = nullptr);
QString responseText(const Exchange &exchange, const SecretValue *revealed = nullptr);
QString prettyBody(const QByteArray &body, const QByteArray &mediaType, const SecretValue *revealed = nullptr);

} // namespace ecalab::ui
