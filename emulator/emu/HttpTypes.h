#pragma once

#include "FormData.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>

namespace ecalab::emu {

// The three hosts the emulator plays (§1.1): generic login host, the org's My Domain, a site.
enum class HostKind { Login, MyDomain, Site };
QString hostKindName(HostKind host); // "login" | "myDomain" | "site"

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Salesforce's content types and the token endpoint's cache header (§1.3).
inline constexpr char kJsonContentType[] = "application/json;charset=UTF-8";
inline constexpr char kNoStoreCacheControl[] = "no-cache,must-revalidate,max-age=0,no-store,private";

// One request, copied out of QHttpServerRequest so it can outlive the socket callback (delays).
struct HttpRequest
{
    HostKind host = HostKind::MyDomain;
    QByteArray method; // "GET", "POST", ... ("UNKNOWN" for methods Qt does not parse)
    QString fullPath;  // the decoded path as received
    QString path;      // the path below the host's base (site prefix removed)
    Params query;
    HeaderList headers;
    QByteArray body;
    QHostAddress remoteAddress;
    quint16 localPort = 0; // the port the request arrived on (the admin API checks Host against it)

    QByteArray header(QByteArrayView name) const; // case-insensitive, first match
    QByteArray mediaType() const;                 // Content-Type without parameters, lower case
};

// Salesforce's page for a URL that does not exist (remembered from its servers; the exact text is
// unconfirmed in the reference). Unknown paths under /services/data answer JSON instead (RestApi).
inline constexpr char kNotFoundPage[] =
    "<html><head><title>URL No Longer Exists</title></head><body><h1>URL No Longer Exists</h1>"
    "<p>You have attempted to reach a URL that no longer exists on salesforce.com.</p></body></html>";

// One answer. `dropConnection` closes the socket without writing anything (a fault).
struct HttpReply
{
    int status = 200;
    HeaderList headers;
    QByteArray body;
    bool dropConnection = false;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;
    // Status line, headers, Content-Length, body; a HEAD answer keeps the length but not the body.
    QByteArray serialize(bool headOnly = false) const;

    static HttpReply withBody(int status, const QByteArray &contentType, const QByteArray &body);
    static HttpReply json(int status, const QJsonDocument &document);
    static HttpReply plainText(int status, const QByteArray &text);
    static HttpReply notFound();
};

QByteArray reasonPhrase(int status);

} // namespace ecalab::emu
