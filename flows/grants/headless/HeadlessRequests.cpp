#include "HeadlessRequests.h"

#include "core/FormEncoding.h"
#include "oauth/Endpoints.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace ecalab::headless {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kCodeCredentials = u"code_credentials"_s;

HttpRequest jsonPost(const QUrl &url, const QJsonObject &body, const QString &bearerToken)
{
    HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.setHeader("Content-Type", "application/json");
    request.setHeader("Accept", "application/json");
    if (!bearerToken.isEmpty()) // the site's "require authentication" option (§6.1)
        request.setHeader("Authorization", "Bearer " + bearerToken.toUtf8());
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

void putRecaptcha(QJsonObject &body, const HeadlessConfig &config)
{
    if (!config.recaptchaToken.isEmpty())
        body.insert(u"recaptcha"_s, config.recaptchaToken);
}
} // namespace

QByteArray basicCredentials(const QString &user, const QString &secret)
{
    return "Basic " + (user + u':' + secret).toUtf8().toBase64();
}

HttpRequest buildAuthorizeRequest(const HeadlessConfig &config, const AuthorizeCall &call,
                                  const AuthorizeSecrets &secrets)
{
    FormFields fields{{u"response_type"_s, kCodeCredentials},
                      {u"client_id"_s, config.clientId},
                      {u"redirect_uri"_s, config.redirectUri}};
    if (!secrets.codeChallenge.isEmpty()) { // PKCE is always on for this family (§6.2)
        fields.append({u"code_challenge"_s, secrets.codeChallenge});
        fields.append({u"code_challenge_method"_s, u"S256"_s});
    }
    fields.append({u"state"_s, secrets.state});
    if (!config.scopes.isEmpty())
        fields.append({u"scope"_s, config.scopes.join(u' ')});
    HttpRequest request = HttpRequest::formPost(config.authorizeEndpoint, fields);
    request.setHeader("Auth-Request-Type", call.requestType.toUtf8());
    if (!call.verificationType.isEmpty())
        request.setHeader("Auth-Verification-Type", call.verificationType.toUtf8());
    if (!call.basicUser.isEmpty())
        request.setHeader("Authorization", basicCredentials(call.basicUser, call.basicSecret));
    if (!call.uvid.isEmpty())
        request.setHeader("Uvid-Hint", "UVID " + call.uvid.toUtf8());
    return request;
}

HttpRequest buildRegistrationInit(const HeadlessConfig &config, const QString &password, const QString &bearerToken)
{
    QJsonObject userdata{{u"lastName"_s, config.lastName}, {u"email"_s, config.email}, {u"username"_s, config.username}};
    if (!config.firstName.isEmpty())
        userdata.insert(u"firstName"_s, config.firstName);
    QJsonObject body{{u"userdata"_s, userdata},
                     {u"customdata"_s, config.customData},
                     {u"password"_s, password},
                     {u"verificationmethod"_s, config.verificationMethod}};
    putRecaptcha(body, config);
    return jsonPost(endpointUrl(config.siteUrl, u"/services/auth/headless/init/registration"_s), body, bearerToken);
}

HttpRequest buildPasswordlessInit(const HeadlessConfig &config, const QString &bearerToken)
{
    QJsonObject body{{u"username"_s, config.username}, {u"verificationmethod"_s, config.verificationMethod}};
    putRecaptcha(body, config);
    return jsonPost(endpointUrl(config.siteUrl, u"/services/auth/headless/init/passwordless/login"_s), body, bearerToken);
}

HttpRequest buildForgotPasswordStart(const HeadlessConfig &config, const QString &bearerToken)
{
    QJsonObject body{{u"username"_s, config.username}};
    putRecaptcha(body, config);
    return jsonPost(endpointUrl(config.siteUrl, u"/services/auth/headless/forgot_password"_s), body, bearerToken);
}

HttpRequest buildForgotPasswordReset(const HeadlessConfig &config, const QString &otp, const QString &newPassword,
                                     const QString &bearerToken)
{
    const QJsonObject body{{u"username"_s, config.username}, {u"otp"_s, otp}, {u"newpassword"_s, newPassword}};
    return jsonPost(endpointUrl(config.siteUrl, u"/services/auth/headless/forgot_password"_s), body, bearerToken);
}

QJsonObject queryFields(const QUrl &url)
{
    QJsonObject fields;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        fields.insert(key, value);
    return fields;
}

std::optional<AuthorizeAnswer> readAuthorizeAnswer(const HttpResponse &response)
{
    if (response.status >= 300 && response.status < 400) {
        const QUrl location(QString::fromUtf8(response.header("Location")), QUrl::StrictMode);
        if (!location.isValid() || !location.hasQuery())
            return std::nullopt;
        return AuthorizeAnswer{location, queryFields(location)};
    }
    if (response.status != 200 || response.mediaType() != "application/json")
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    if (!doc.isObject() || !doc.object().value(u"code").isString())
        return std::nullopt;
    return AuthorizeAnswer{QUrl(), doc.object()};
}

bool isEchoEndpoint(const HeadlessConfig &config, const QUrl &location)
{
    return location.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash) ==
           config.echoEndpoint.adjusted(QUrl::StripTrailingSlash);
}

QString maskedAddress(const QString &address)
{
    const qsizetype at = address.indexOf(u'@');
    if (at > 0)
        return address.left(1) + u"•••"_s + address.mid(at);
    return address.size() > 4 ? u"•••"_s + address.right(4) : u"•••"_s;
}

} // namespace ecalab::headless
