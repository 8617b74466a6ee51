#include "Exchange.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}
} // namespace

QJsonObject headersToJson(const HttpHeaders &headers)
{
    QJsonObject object;
    for (const auto &[name, value] : headers) {
        const QString key = QString::fromLatin1(name);
        const QString existing = object.value(key).toString();
        object.insert(key, existing.isEmpty() ? QString::fromUtf8(value) : existing + u", "_s + QString::fromUtf8(value));
    }
    return object;
}

QJsonObject Exchange::toJson() const
{
    QJsonObject json{{u"stage"_s, stage},
                     {u"stageId"_s, stageId},
                     {u"method"_s, QString::fromLatin1(request.method)},
                     {u"url"_s, request.url.toString(QUrl::FullyEncoded)},
                     {u"status"_s, response.status},
                     {u"ms"_s, elapsedMs},
                     {u"request"_s,
                      QJsonObject{{u"headers"_s, headersToJson(request.headers)},
                                  {u"body"_s, QString::fromUtf8(request.body)}}},
                     {u"response"_s,
                      QJsonObject{{u"headers"_s, headersToJson(response.headers)},
                                  {u"body"_s, QString::fromUtf8(response.body)}}}};
    if (!transportError.isEmpty())
        json.insert(u"transportError"_s, transportError);
    return json;
}

QString Exchange::toCurl() const
{
    QStringList parts{u"curl"_s};
    if (request.method != "GET")
        parts << u"-X"_s << QString::fromLatin1(request.method);
    for (const auto &[name, value] : request.headers)
        parts << u"-H"_s << shellQuote(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    if (!request.body.isEmpty())
        parts << u"--data-raw"_s << shellQuote(QString::fromUtf8(request.body));
    parts << shellQuote(request.url.toString(QUrl::FullyEncoded));
    return parts.join(u' ');
}

} // namespace ecalab
