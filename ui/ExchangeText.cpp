#include "ExchangeText.h"

#include "core/FormEncoding.h"
#include "http/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QString revealIn(const QString &name, const QString &value, const SecretValue *revealed)
{
    if (!revealed || name.compare(revealed->label, Qt::CaseInsensitive) != 0)
        return value;
    QString out = value;
    return out.replace(QString::fromLatin1(Redactor::kMask), QString::fromUtf8(revealed->value));
}

QString headerLines(const HttpHeaders &headers, const SecretValue *revealed)
{
    QString out;
    for (const auto &[name, value] : headers) {
        const QString headerName = QString::fromLatin1(name);
        out += headerName + u": "_s + revealIn(headerName, QString::fromUtf8(value), revealed) + u'\n';
    }
    return out;
}

QJsonValue revealJson(const QJsonValue &value, const SecretValue *revealed)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(revealJson(item, revealed));
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isString())
            it.value() = revealIn(it.key(), it.value().toString(), revealed);
        else
            it.value() = revealJson(it.value(), revealed);
    }
    return object;
}

QString formLines(const QByteArray &body, const SecretValue *revealed)
{
    const FormFields fields = formDecode(body);
    qsizetype width = 0;
    for (const auto &field : fields)
        width = std::max(width, field.first.size());
    QString out;
    for (const auto &[name, value] : fields)
        out += name.leftJustified(width) + u" = "_s + revealIn(name, value, revealed) + u'\n';
    return out;
}

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

QString prettyBody(const QByteArray &body, const QByteArray &mediaType, const SecretValue *revealed)
{
    if (body.isEmpty())
        return {};
    if (mediaType.contains("json")) {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (document.isObject())
            return QString::fromUtf8(
                QJsonDocument(revealJson(document.object(), revealed).toObject()).toJson(QJsonDocument::Indented));
        if (document.isArray())
            return QString::fromUtf8(
                QJsonDocument(revealJson(document.array(), revealed).toArray()).toJson(QJsonDocument::Indented));
    }
    if (mediaType.contains("x-www-form-urlencoded"))
        return formLines(body, revealed);
    const QString text = QString::fromUtf8(body);
    const bool printable = std::all_of(text.begin(), text.end(), [](QChar c) { return c.isPrint() || c.isSpace(); });
    return printable ? text : QObject::tr("(%1 bytes of binary data)").arg(body.size());
}

QString requestText(const Exchange &e, const SecretValue *revealed)
{
    const QUrl &url = e.request.url;
    QString target = url.path(QUrl::FullyEncoded);
    if (url.hasQuery())
        target += u'?' + url.query(QUrl::FullyEncoded);
    QString out = u"%1 %2\nHost: %3\n"_s.arg(QString::fromLatin1(e.request.method), target, url.authority());
    out += headerLines(e.request.headers, revealed);
    const QString body = prettyBody(e.request.body, e.request.header("Content-Type").toLower(), revealed);
    if (!body.isEmpty())
        out += u'\n' + body;
    return out;
}

QString responseText(const Exchange &e, const SecretValue *revealed)
{
    if (e.inFlight())
        return QObject::tr("Waiting for the answer…");
    if (!e.transportError.isEmpty())
        return QObject::tr("No HTTP answer: %1").arg(e.transportError);
    QString out = u"HTTP %1 · %2 ms\n"_s.arg(statusText(e.response.status)).arg(e.elapsedMs);
    out += headerLines(e.response.headers, revealed);
    const QString body = prettyBody(e.response.body, e.response.mediaType().toLower(), revealed);
    if (!body.isEmpty())
        out += u'\n' + body;
    return out;
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

} // namespace ecalab::ui
