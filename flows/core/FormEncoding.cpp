#include "FormEncoding.h"

#include <QUrl>

namespace ecalab {

namespace {
QByteArray encodeComponent(const QString &text)
{
    // Unreserved characters stay; everything else, '+' included, is percent-encoded.
    return QUrl::toPercentEncoding(text);
}

QString decodeComponent(QByteArray text)
{
    text.replace('+', ' ');
    return QUrl::fromPercentEncoding(text);
}
} // namespace

QByteArray formEncode(const FormFields &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += encodeComponent(name) + '=' + encodeComponent(value);
    }
    return out;
}

FormFields formDecode(const QByteArray &body)
{
    FormFields fields;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            fields.append({decodeComponent(pair), QString()});
        else
            fields.append({decodeComponent(pair.left(eq)), decodeComponent(pair.mid(eq + 1))});
    }
    return fields;
}

QString formValue(const FormFields &fields, const QString &name)
{
    for (const auto &[key, value] : fields) {
        if (key == name)
            return value;
    }
    return {};
}

QByteArray base64UrlEncode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray base64UrlDecode(const QByteArray &text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding);
}

} // namespace ecalab
