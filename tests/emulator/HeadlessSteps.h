#pragma once

// Test helpers for the headless (code and credentials) flows, §6: the site's authorize POST with
// its headers (redirects not followed: the 302 is the answer), the init APIs' JSON, Basic in both
// encodings the emulator accepts, and the site token exchange with PKCE.
#include "WebLogin.h"

namespace ecalab::emu::test {

using Pairs = QList<QPair<QString, QString>>;

inline const QString kAda = QStringLiteral("ada@ecalab.example");
inline const QString kAdaPassword = QStringLiteral("Demo-Pass-1234");
inline const QString kVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-headless-verifier");
inline constexpr char kRegistrationPath[] = "/services/auth/headless/init/registration";
inline constexpr char kPasswordlessPath[] = "/services/auth/headless/init/passwordless/login";
inline constexpr char kForgotPasswordPath[] = "/services/auth/headless/forgot_password";

// Basic credentials as the docs write them (standard base64) and as the Mobile SDK does (URL-safe,
// no padding; §6.2).
inline QByteArray basicStandard(const QString &name, const QString &secret)
{
    return "Basic " + (name + u':' + secret).toUtf8().toBase64();
}
inline QByteArray basicUrlSafe(const QString &name, const QString &secret)
{
    return "Basic " +
           (name + u':' + secret).toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

inline QByteArray errorJson(const QString &error, const QString &description)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}})
        .toJson(QJsonDocument::Compact);
}

class HeadlessSteps
{
public:
    HeadlessSteps(Emulator &emulator) : m_emulator(emulator)
    {
        const QJsonObject profile = emulator.demoProfile();
        clientId = profile[u"clientId"].toString();
        clientSecret = profile[u"clientSecret"].toString();
        m_direct.setFollowRedirects(false);
    }

    QString clientId;
    QString clientSecret;

    QString echoUrl() const { return m_emulator.siteUrl().toString() + QStringLiteral("/services/oauth2/echo"); }
    QUrl site(const QString &path) const { return QUrl(m_emulator.siteUrl().toString() + path); }
    QUrl onHost(const QUrl &host, const QString &path) const { return QUrl(host.toString() + path); }

    // The authorize form: the defaults below, then `changes` (a null value removes the parameter).
    Pairs authorizeParams(const Pairs &changes = {}) const
    {
        Pairs params{{QStringLiteral("response_type"), QStringLiteral("code_credentials")},
                     {QStringLiteral("client_id"), clientId},
                     {QStringLiteral("redirect_uri"), echoUrl()},
                     {QStringLiteral("code_challenge"), s256Challenge(kVerifier)},
                     {QStringLiteral("state"), QStringLiteral("xyz")},
                     {QStringLiteral("scope"), QStringLiteral("openid api refresh_token")}};
        for (const auto &[name, value] : changes) {
            params.removeIf([&](const auto &p) { return p.first == name; });
            if (!value.isNull())
                params.append({name, value});
        }
        return params;
    }
    Answer authorize(const QByteArray &requestType, const QByteArray &authorization, const Headers &more = {},
                     const Pairs &changes = {}, const QUrl &host = {})
    {
        Headers headers = more;
        if (!requestType.isEmpty())
            headers.append(qMakePair(QByteArray("Auth-Request-Type"), requestType));
        if (!authorization.isEmpty())
            headers.append(qMakePair(QByteArray("Authorization"), authorization));
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
        const QUrl base = host.isEmpty() ? m_emulator.siteUrl() : host;
        return send("POST", onHost(base, QStringLiteral("/services/oauth2/authorize")),
                    Http::encode(authorizeParams(changes)), headers);
    }
    Answer namedUser(const QString &username = kAda, const QString &password = kAdaPassword)
    {
        return authorize("Named-User", basicStandard(username, password));
    }
    Answer otpLogin(const QByteArray &requestType, const QString &identifier, const QString &otp,
                    const QByteArray &verificationType = "email")
    {
        return authorize(requestType, basicStandard(identifier, otp), {{"Auth-Verification-Type", verificationType}});
    }
    Answer postJson(const char *path, const QJsonObject &body, const QString &bearer = {}, const QUrl &host = {})
    {
        Headers headers{{"Content-Type", "application/json"}};
        if (!bearer.isEmpty())
            headers.append(qMakePair(QByteArray("Authorization"), Http::bearer(bearer)));
        const QUrl base = host.isEmpty() ? m_emulator.siteUrl() : host;
        return send("POST", onHost(base, QString::fromLatin1(path)), QJsonDocument(body).toJson(), headers);
    }
    // grant_type=authorization_code on the site's token endpoint (§6.2), with the PKCE verifier.
    Answer exchange(const QString &code, const QString &verifier = kVerifier, const QString &redirectUri = {})
    {
        return m_http.postForm(site(QStringLiteral("/services/oauth2/token")),
                               {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                {QStringLiteral("code"), code},
                                {QStringLiteral("client_id"), clientId},
                                {QStringLiteral("client_secret"), clientSecret},
                                {QStringLiteral("redirect_uri"), redirectUri.isEmpty() ? echoUrl() : redirectUri},
                                {QStringLiteral("code_verifier"), verifier}});
    }
    // As a client sends it, without following the 302: its Location carries the code (§6.2).
    Answer send(const QByteArray &method, const QUrl &url, const QByteArray &body = {}, const Headers &headers = {})
    {
        return m_direct.send(method, url, body, headers);
    }

private:
    Emulator &m_emulator;
    Http m_http;
    Http m_direct; // redirects not followed
};

// A headless JSON refusal, byte for byte, with Salesforce's headers (§1.3).
#define EXPECT_HEADLESS_ERROR(answer, status_, error, description)                                                     \
    do {                                                                                                               \
        const Answer a_ = (answer);                                                                                    \
        QCOMPARE(a_.status, status_);                                                                                  \
        QCOMPARE(a_.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));                             \
        QCOMPARE(a_.header("Cache-Control"), QByteArray("no-cache,must-revalidate,max-age=0,no-store,private"));       \
        QCOMPARE(a_.body, errorJson(QStringLiteral(error), QStringLiteral(description)));                              \
    } while (false)

} // namespace ecalab::emu::test
