#include "Exchange.h"

#include "http/CurlCommand.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

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
    return curlCommand(*this);
}

} // namespace ecalab
