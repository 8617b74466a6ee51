#include "FormData.h"

#include <QRegularExpression>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

bool Params::contains(QStringView name) const
{
    for (const auto &item : m_items) {
        if (item.first == name)
            return true;
    }
    return false;
}

QString Params::value(QStringView name) const
{
    for (const auto &item : m_items) {
        if (item.first == name)
            return item.second;
    }
    return {};
}

void Params::addMissingFrom(const Params &other)
{
    for (const auto &item : other.m_items) {
        if (!contains(item.first))
            m_items.append(item);
    }
}

Params FormData::parseUrlEncoded(const QByteArray &body)
{
    Params params;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        params.add(QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
                   QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return params;
}

namespace {
QByteArray boundaryOf(const QByteArray &contentType)
{
    static const QRegularExpression re(u"boundary=(\"([^\"]+)\"|([^;\\s]+))"_s,
                                       QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(QString::fromLatin1(contentType));
    if (!match.hasMatch())
        return {};
    return (match.captured(2).isEmpty() ? match.captured(3) : match.captured(2)).toLatin1();
}

// The `name` of a part from its headers (Content-Disposition: form-data; name="x").
std::optional<QString> partName(const QByteArray &headers)
{
    static const QRegularExpression re(u"content-disposition:[^\\r\\n]*;\\s*name=\"([^\"]*)\""_s,
                                       QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(QString::fromUtf8(headers));
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1);
}
} // namespace

std::optional<Params> FormData::parseMultipart(const QByteArray &body, const QByteArray &contentType)
{
    const QByteArray boundary = boundaryOf(contentType);
    if (boundary.isEmpty())
        return std::nullopt;
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0)
        return std::nullopt;
    Params params;
    while (true) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return params; // closing delimiter
        if (body.mid(pos, 2) == "\r\n")
            pos += 2;
        const qsizetype next = body.indexOf("\r\n" + delimiter, pos);
        if (next < 0)
            return std::nullopt;
        const QByteArray part = body.mid(pos, next - pos);
        const qsizetype headerEnd = part.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return std::nullopt;
        if (const auto name = partName(part.left(headerEnd)))
            params.add(*name, QString::fromUtf8(part.mid(headerEnd + 4)));
        pos = next + 2;
    }
}

QByteArray FormData::percentEncode(const QString &value)
{
    return value.toUtf8().toPercentEncoding();
}

QByteArray FormData::encode(const QList<QPair<QString, QString>> &items)
{
    QByteArray out;
    for (const auto &item : items) {
        if (!out.isEmpty())
            out += '&';
        out += percentEncode(item.first) + '=' + percentEncode(item.second);
    }
    return out;
}

} // namespace ecalab::emu
