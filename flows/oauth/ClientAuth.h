#pragma once

#include "core/FormEncoding.h"
#include "http/HttpMessage.h"
#include "profile/Profile.h"

#include <QString>
#include <QUrl>

namespace ecalab {

// How a client proves who it is at the token endpoint (RFC 6749 §2.3.1). Every request builder
// that talks to the token endpoint asks this for the client's part of the request instead of
// writing the body and Basic rules again. Salesforce's discovery advertises client_secret_post,
// client_secret_basic and private_key_jwt (§1.3); private_key_jwt (RFC 7523 §2.2, its details
// unconfirmed at Salesforce) will be one more Method whose fields formPost() builds for
// `endpoint` as the assertion's audience.
class ClientAuth
{
public:
    enum class Method {
        SecretPost,  // client_id and client_secret in the body
        SecretBasic, // Authorization: Basic base64(client_id:client_secret)
        None         // a public client (RFC 6749 §2.1): client_id in the body, no secret
    };

    static ClientAuth secretPost(const QString &clientId, const QString &clientSecret);
    static ClientAuth secretBasic(const QString &clientId, const QString &clientSecret);
    static ClientAuth none(const QString &clientId);
    // The profile's `clientAuth`: basic is Basic; post sends the secret in the body, or — without
    // a secret — only client_id, as public clients must (§3.3: "Public clients must not send it").
    static ClientAuth fromProfile(ClientAuthMethod method, const QString &clientId, const QString &clientSecret);

    Method method() const { return m_method; }
    QString methodName() const; // as RFC 8414 names it: "client_secret_post", "client_secret_basic", "none"
    const QString &clientId() const { return m_clientId; }

    // A form POST to `endpoint` of `leading` fields, then the client's own fields, then `trailing`,
    // with the Basic header for SecretBasic. Builders choose where the client's fields go, so each
    // request keeps the exact bytes it has always sent.
    HttpRequest formPost(const QUrl &endpoint, const FormFields &leading, const FormFields &trailing = {}) const;

private:
    ClientAuth(Method method, QString clientId, QString clientSecret);
    FormFields bodyFields() const;
    QByteArray basicCredentials() const;

    Method m_method;
    QString m_clientId;
    QString m_clientSecret;
};

} // namespace ecalab
