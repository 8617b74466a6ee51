#pragma once

#include "core/FormEncoding.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace ecalab {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name); // case-insensitive

// A request as the flow rendered it, before it touches the network (tests assert on this form).
struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;

    static HttpRequest formPost(const QUrl &url, const FormFields &fields);
    static HttpRequest get(const QUrl &url);
    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
    void setHeader(const QByteArray &name, const QByteArray &value);
};

struct HttpResponse
{
    int status = 0; // 0 when no HTTP answer arrived
    HttpHeaders headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
    QByteArray mediaType() const; // "application/json" from "application/json;charset=UTF-8"
};

} // namespace ecalab
