#include "Har.h"

#include <QHash>
#include <QJsonArray>
#include <QUrlQuery>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
QJsonArray harHeaders(const HttpHeaders &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonObject{{u"name"_s, QString::fromLatin1(name)}, {u"value"_s, QString::fromUtf8(value)}});
    return array;
}

QJsonObject harEntry(const Exchange &e)
{
    QJsonArray query;
    for (const auto &[name, value] : QUrlQuery(e.request.url).queryItems(QUrl::FullyDecoded))
        query.append(QJsonObject{{u"name"_s, name}, {u"value"_s, value}});
    QJsonObject request{{u"method"_s, QString::fromLatin1(e.request.method)},
                        {u"url"_s, e.request.url.toString(QUrl::FullyEncoded)},
                        {u"httpVersion"_s, u"HTTP/1.1"_s},
                        {u"headers"_s, harHeaders(e.request.headers)},
                        {u"queryString"_s, query},
                        {u"cookies"_s, QJsonArray{}},
                        {u"headersSize"_s, -1},
                        {u"bodySize"_s, e.request.body.size()}};
    if (!e.request.body.isEmpty())
        request.insert(u"postData"_s,
                       QJsonObject{{u"mimeType"_s, QString::fromLatin1(e.request.header("Content-Type"))},
                                   {u"text"_s, QString::fromUtf8(e.request.body)}});
    const QJsonObject response{
        {u"status"_s, e.response.status},
        {u"statusText"_s,
         e.transportError.isEmpty() ? statusText(e.response.status).section(u' ', 1) : e.transportError},
        {u"httpVersion"_s, u"HTTP/1.1"_s},
        {u"headers"_s, harHeaders(e.response.headers)},
        {u"cookies"_s, QJsonArray{}},
        {u"content"_s, QJsonObject{{u"size"_s, e.response.body.size()},
                                   {u"mimeType"_s, QString::fromLatin1(e.response.header("Content-Type"))},
                                   {u"text"_s, QString::fromUtf8(e.response.body)}}},
        {u"redirectURL"_s, QString::fromUtf8(e.response.header("Location"))},
        {u"headersSize"_s, -1},
        {u"bodySize"_s, e.response.body.size()}};
    const qint64 ms = std::max<qint64>(e.elapsedMs, 0);
    return QJsonObject{{u"startedDateTime"_s, e.startedAt.toString(Qt::ISODateWithMs)},
                       {u"time"_s, ms},
                       {u"request"_s, request},
                       {u"response"_s, response},
                       {u"cache"_s, QJsonObject{}},
                       {u"timings"_s, QJsonObject{{u"send"_s, 0}, {u"wait"_s, ms}, {u"receive"_s, 0}}},
                       {u"comment"_s, e.stage}};
}
} // namespace

QString statusText(int status)
{
    static const QHash<int, QString> reasons{{200, u"OK"_s},
                                             {201, u"Created"_s},
                                             {204, u"No Content"_s},
                                             {302, u"Found"_s},
                                             {400, u"Bad Request"_s},
                                             {401, u"Unauthorized"_s},
                                             {403, u"Forbidden"_s},
                                             {404, u"Not Found"_s},
                                             {429, u"Too Many Requests"_s},
                                             {500, u"Internal Server Error"_s},
                                             {503, u"Service Unavailable"_s}};
    const QString reason = reasons.value(status);
    return reason.isEmpty() ? QString::number(status) : u"%1 %2"_s.arg(status).arg(reason);
}

QJsonObject harDocument(const QList<Exchange> &exchanges)
{
    QJsonArray entries;
    for (const Exchange &exchange : exchanges)
        entries.append(harEntry(exchange));
    const QJsonObject creator{{u"name"_s, u"ECA Lab"_s}, {u"version"_s, QStringLiteral(ECALAB_VERSION)}};
    return QJsonObject{{u"log"_s, QJsonObject{{u"version"_s, u"1.2"_s},
                                              {u"creator"_s, creator},
                                              {u"pages"_s, QJsonArray{}},
                                              {u"entries"_s, entries},
                                              {u"comment"_s, u"Secrets are redacted."_s}}}};
}

} // namespace ecalab
