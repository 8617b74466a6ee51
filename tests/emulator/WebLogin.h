#pragma once

// Test helpers for the browser flows: a tiny scripted "browser" (cookie jar, no redirects
// followed, forms read from the emulator's HTML) and an RS256 check of ID tokens against a JWKS
// with OpenSSL — code of its own, independent of the emulator's.
#include "EmulatorHttp.h"

#include <QCryptographicHash>
#include <QNetworkCookieJar>
#include <QRegularExpression>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace ecalab::emu::test {

// A form on a page: where it posts and its hidden inputs (values unescaped).
struct PageForm
{
    QString action;
    QList<QPair<QString, QString>> hidden;
};

inline QString unescapeHtml(QString text)
{
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

inline PageForm formOf(const QByteArray &html)
{
    PageForm form;
    const QString text = QString::fromUtf8(html);
    static const QRegularExpression action(QStringLiteral("<form method=\"post\" action=\"([^\"]*)\""));
    static const QRegularExpression hidden(
        QStringLiteral("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">"));
    form.action = unescapeHtml(action.match(text).captured(1));
    for (auto it = hidden.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        form.hidden.append({unescapeHtml(match.captured(1)), unescapeHtml(match.captured(2))});
    }
    return form;
}

class Browser
{
public:
    Browser() { m_network.setCookieJar(new QNetworkCookieJar(&m_network)); }

    Answer send(const QByteArray &method, const QUrl &url, const QByteArray &body = {})
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10'000))
            reply->abort();
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.headers = reply->rawHeaderPairs();
        answer.error = reply->error();
        reply->deleteLater();
        return answer;
    }
    Answer get(const QUrl &url) { return send("GET", url); }

    // Posts the page's form with its hidden inputs plus `extra`, to the same origin as `pageUrl`.
    Answer submit(const QUrl &pageUrl, const QByteArray &html, const QList<QPair<QString, QString>> &extra)
    {
        const PageForm form = formOf(html);
        QUrl target = pageUrl;
        target.setPath(form.action);
        target.setQuery(QString());
        return send("POST", target, Http::encode(form.hidden + extra));
    }
    Answer login(const QUrl &pageUrl, const QByteArray &html, const QString &username, const QString &password)
    {
        return submit(pageUrl, html,
                      {{QStringLiteral("username"), username},
                       {QStringLiteral("password"), password},
                       {QStringLiteral("Login"), QStringLiteral("Log In")}});
    }
    Answer consent(const QUrl &pageUrl, const QByteArray &html, bool allow)
    {
        const QString button = allow ? QStringLiteral("oaapprove") : QStringLiteral("oadeny");
        return submit(pageUrl, html, {{button, allow ? QStringLiteral("Allow") : QStringLiteral("Deny")}});
    }
    QNetworkCookieJar *cookies() { return m_network.cookieJar(); }
    void forgetCookies() { m_network.setCookieJar(new QNetworkCookieJar(&m_network)); }

private:
    QNetworkAccessManager m_network;
};

// The query of a 302's Location, fully decoded (what a receiver hands on).
inline QUrlQuery callbackQuery(const Answer &answer)
{
    return QUrlQuery(QUrl(QString::fromUtf8(answer.header("Location"))));
}

// PKCE material (RFC 7636 §4.1–4.2), computed here with Qt, not with the emulator's code.
inline QString s256Challenge(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

inline QByteArray fromBase64Url(const QString &text)
{
    return QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding);
}

// RS256 verification with the n and e of a JWK (OpenSSL 3 provider API).
inline bool verifyRs256(const QJsonObject &jwk, const QByteArray &signingInput, const QByteArray &signature)
{
    const QByteArray n = fromBase64Url(jwk[QStringLiteral("n")].toString());
    const QByteArray e = fromBase64Url(jwk[QStringLiteral("e")].toString());
    BIGNUM *bnN = BN_bin2bn(reinterpret_cast<const unsigned char *>(n.constData()), int(n.size()), nullptr);
    BIGNUM *bnE = BN_bin2bn(reinterpret_cast<const unsigned char *>(e.constData()), int(e.size()), nullptr);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bnN);
    OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, bnE);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *keyContext = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY *key = nullptr;
    bool ok = EVP_PKEY_fromdata_init(keyContext) == 1 &&
              EVP_PKEY_fromdata(keyContext, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    ok = ok && EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(md, reinterpret_cast<const unsigned char *>(signature.constData()), size_t(signature.size()),
                          reinterpret_cast<const unsigned char *>(signingInput.constData()),
                          size_t(signingInput.size())) == 1;
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(key);
    EVP_PKEY_CTX_free(keyContext);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_free(bnN);
    BN_free(bnE);
    return ok;
}

// True when `jwt` is signed by the key its header names in `jwks`.
inline bool verifyJwt(const QString &jwt, const QJsonArray &jwks)
{
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return false;
    const QJsonObject header = QJsonDocument::fromJson(fromBase64Url(parts.at(0))).object();
    if (header[QStringLiteral("alg")].toString() != QLatin1String("RS256"))
        return false;
    for (const QJsonValue &key : jwks) {
        if (key[QStringLiteral("kid")] == header[QStringLiteral("kid")])
            return verifyRs256(key.toObject(), (parts.at(0) + QLatin1Char('.') + parts.at(1)).toLatin1(),
                               fromBase64Url(parts.at(2)));
    }
    return false;
}

inline QJsonObject jwtClaims(const QString &jwt)
{
    return QJsonDocument::fromJson(fromBase64Url(jwt.section(QLatin1Char('.'), 1, 1))).object();
}

} // namespace ecalab::emu::test
