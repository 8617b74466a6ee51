#include "ResponseBody.h"

#include "core/FormEncoding.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QXmlStreamReader>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
Expected<QJsonObject, QString> fromJson(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return unexpected(u"the body is not valid JSON (%1 at byte %2)"_s.arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return unexpected(u"the body is JSON but not an object"_s);
    return doc.object();
}

QJsonObject fromForm(const QByteArray &body)
{
    QJsonObject object;
    for (const auto &[name, value] : formDecode(body.trimmed()))
        object.insert(name, value);
    return object;
}

// <OAuth><access_token>…</access_token>…</OAuth>: one level of elements under the root.
Expected<QJsonObject, QString> fromXml(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    QJsonObject object;
    if (xml.readNextStartElement()) {
        while (xml.readNextStartElement())
            object.insert(xml.name().toString(), xml.readElementText(QXmlStreamReader::SkipChildElements));
    }
    if (xml.hasError())
        return unexpected(u"the body is not valid XML (%1)"_s.arg(xml.errorString()));
    return object;
}

// A page rather than an answer: proxies, captive portals and a URL with a wrong path send these.
bool looksLikeHtml(const QByteArray &type, const QByteArray &body)
{
    const QByteArray start = body.left(64).toLower();
    return type.contains("html") || start.startsWith("<!doctype html") || start.startsWith("<html");
}
} // namespace

Expected<QJsonObject, QString> parseResponseFields(const HttpResponse &response)
{
    const QByteArray type = response.mediaType();
    const QByteArray trimmed = response.body.trimmed();
    if (trimmed.isEmpty())
        return unexpected(u"the body is empty"_s);
    if (looksLikeHtml(type, trimmed))
        return unexpected(u"the body is an HTML page, not an OAuth answer: usually a proxy or a wrong URL (a login or "
                          "error page instead of the API)"_s);
    if (type.contains("xml") || trimmed.startsWith('<'))
        return fromXml(trimmed);
    if (type == "application/x-www-form-urlencoded")
        return fromForm(trimmed);
    if (type.contains("json") || trimmed.startsWith('{') || trimmed.startsWith('['))
        return fromJson(trimmed);
    return unexpected(u"the body has an unexpected type (%1)"_s.arg(QString::fromLatin1(type.isEmpty() ? "none" : type)));
}

OAuthErrorBody parseOAuthError(const HttpResponse &response)
{
    const auto fields = parseResponseFields(response);
    if (!fields)
        return {};
    OAuthErrorBody body;
    body.error = fields->value(u"error").toString();
    body.errorDescription = fields->value(u"error_description").toString();
    body.errorUri = fields->value(u"error_uri").toString();
    return body;
}

} // namespace ecalab
