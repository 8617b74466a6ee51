#pragma once

#include "http/HttpMessage.h"

#include <QList>
#include <QString>

namespace ecalab {

struct SecretValue
{
    QString label;    // the field it came from: "client_secret", "access_token", "Authorization", ...
    QByteArray value; // the raw secret, kept in memory only for an explicit "reveal"
    bool operator==(const SecretValue &) const = default;
};

// Redaction happens once, when an exchange is recorded (ARCHITECTURE.md): every view, export and
// log reads the redacted copy. Secrets are found by field name (client_secret, password, tokens,
// assertions, Authorization credentials) and by value (anything already known to be secret), then
// replaced in place so the rest of the message stays byte-for-byte as it was.
class Redactor
{
public:
    static const QByteArray kMask;

    static bool isSecretField(const QString &name);
    // The user of a Basic Authorization header (the client id), empty when there is none.
    static QString basicAuthUser(const HttpHeaders &headers);

    void addKnownSecret(const SecretValue &secret); // e.g. the consumer secret before it is sent
    const QList<SecretValue> &knownSecrets() const { return m_known; }

    // Each call also learns the secrets it found, so later messages that echo them are masked too.
    HttpRequest redact(const HttpRequest &request);
    HttpResponse redact(const HttpResponse &response);
    QByteArray redactText(const QByteArray &text) const;

private:
    void learnFromBody(const QByteArray &body, const QByteArray &mediaType);
    void learnFromHeaders(const HttpHeaders &headers);
    void learnFromUrl(const QUrl &url);
    HttpHeaders redactHeaders(const HttpHeaders &headers) const;

    QList<SecretValue> m_known;
};

} // namespace ecalab
