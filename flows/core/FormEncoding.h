#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace ecalab {

using FormFields = QList<QPair<QString, QString>>;

// application/x-www-form-urlencoded as RFC 6749 Appendix B requires. QUrlQuery is not used for
// bodies because it leaves '+' unescaped, which a server reads back as a space.
QByteArray formEncode(const FormFields &fields);
FormFields formDecode(const QByteArray &body);
QString formValue(const FormFields &fields, const QString &name);

QByteArray base64UrlEncode(const QByteArray &data); // no padding (RFC 7515 §2)
QByteArray base64UrlDecode(const QByteArray &text); // accepts padded or unpadded input

} // namespace ecalab
