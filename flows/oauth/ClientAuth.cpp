#include "ClientAuth.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

ClientAuth::ClientAuth(Method method, QString clientId, QString clientSecret)
    : m_method(method), m_clientId(std::move(clientId)), m_clientSecret(std::move(clientSecret))
{
}

ClientAuth ClientAuth::secretPost(const QString &clientId, const QString &clientSecret)
{
    return ClientAuth(Method::SecretPost, clientId, clientSecret);
}

ClientAuth ClientAuth::secretBasic(const QString &clientId, const QString &clientSecret)
{
    return ClientAuth(Method::SecretBasic, clientId, clientSecret);
}

ClientAuth ClientAuth::none(const QString &clientId)
{
    return ClientAuth(Method::None, clientId, {});
}

ClientAuth ClientAuth::fromProfile(ClientAuthMethod method, const QString &clientId, const QString &clientSecret)
{
    if (method == ClientAuthMethod::Basic)
        return secretBasic(clientId, clientSecret);
    return clientSecret.isEmpty() ? none(clientId) : secretPost(clientId, clientSecret);
}

QString ClientAuth::methodName() const
{
    switch (m_method) {
    case Method::SecretPost:
        return u"client_secret_post"_s;
    case Method::SecretBasic:
        return u"client_secret_basic"_s;
    case Method::None:
        return u"none"_s;
    }
    return {};
}

FormFields ClientAuth::bodyFields() const
{
    switch (m_method) {
    case Method::SecretPost:
        return {{u"client_id"_s, m_clientId}, {u"client_secret"_s, m_clientSecret}};
    case Method::None:
        return {{u"client_id"_s, m_clientId}};
    case Method::SecretBasic:
        return {}; // the header carries both (RFC 6749 §2.3.1)
    }
    return {};
}

// RFC 6749 §2.3.1 form-encodes id and secret before base64; Salesforce consumer keys and secrets
// are URL-safe already and are sent as-is, the way simple-salesforce and the Salesforce docs build
// the header (§2).
QByteArray ClientAuth::basicCredentials() const
{
    return (m_clientId + u':' + m_clientSecret).toUtf8().toBase64();
}

HttpRequest ClientAuth::formPost(const QUrl &endpoint, const FormFields &leading, const FormFields &trailing) const
{
    HttpRequest request = HttpRequest::formPost(endpoint, leading + bodyFields() + trailing);
    if (m_method == Method::SecretBasic)
        request.setHeader("Authorization", "Basic " + basicCredentials());
    return request;
}

} // namespace ecalab
