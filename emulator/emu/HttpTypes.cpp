#include "HttpTypes.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

QString hostKindName(HostKind host)
{
    switch (host) {
    case HostKind::Login:
        return u"login"_s;
    case HostKind::MyDomain:
        return u"myDomain"_s;
    case HostKind::Site:
        return u"site"_s;
    }
    return {};
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QByteArray HttpRequest::mediaType() const
{
    const QByteArray type = header("content-type");
    const qsizetype semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.left(semicolon)).trimmed().toLower();
}

void HttpReply::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpReply::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QByteArray HttpReply::serialize(bool headOnly) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &h : headers) {
        if (h.first.compare("content-length", Qt::CaseInsensitive) != 0)
            out += h.first + ": " + h.second + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return headOnly ? out : out + body;
}

HttpReply HttpReply::withBody(int status, const QByteArray &contentType, const QByteArray &body)
{
    HttpReply reply;
    reply.status = status;
    if (!contentType.isEmpty())
        reply.headers.append({"Content-Type", contentType});
    reply.body = body;
    return reply;
}

HttpReply HttpReply::json(int status, const QJsonDocument &document)
{
    return withBody(status, kJsonContentType, document.toJson(QJsonDocument::Compact));
}

HttpReply HttpReply::plainText(int status, const QByteArray &text)
{
    return withBody(status, "text/plain;charset=UTF-8", text);
}

HttpReply HttpReply::notFound()
{
    return withBody(404, "text/html;charset=UTF-8", kNotFoundPage);
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 421:
        return "Misdirected Request";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

} // namespace ecalab::emu
