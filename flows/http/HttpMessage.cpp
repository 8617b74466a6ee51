#include "HttpMessage.h"

namespace ecalab {

QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpRequest HttpRequest::formPost(const QUrl &url, const FormFields &fields)
{
    HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    request.body = formEncode(fields);
    return request;
}

HttpRequest HttpRequest::get(const QUrl &url)
{
    HttpRequest request;
    request.url = url;
    request.headers = {{"Accept", "application/json"}};
    return request;
}

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[key, existing] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            existing = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::mediaType() const
{
    return header("Content-Type").split(';').first().trimmed().toLower();
}

} // namespace ecalab
