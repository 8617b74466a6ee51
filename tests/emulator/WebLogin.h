#pragma once

// Test helpers for the browser flows: a tiny scripted "browser" (cookie jar, no redirects
// followed, forms read from the emulator's HTML) and PKCE material. ID tokens are checked with the
// support library's RS256 check (SignatureChecks.h, through EmulatorHttp.h).
#include "EmulatorHttp.h"

#include <QCryptographicHash>
#include <QNetworkCookieJar>
#include <QRegularExpression>

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

} // namespace ecalab::emu::test
