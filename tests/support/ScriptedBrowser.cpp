#include "ScriptedBrowser.h"

#include "core/FormEncoding.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

namespace ecalab::test {

using namespace Qt::Literals::StringLiterals;

namespace {
QString attribute(const QString &tag, const QString &name)
{
    const QRegularExpression re(u"\\s%1\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')"_s.arg(name), QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(tag);
    if (!match.hasMatch())
        return {};
    return ScriptedBrowser::unescape(match.captured(1).isNull() ? match.captured(2) : match.captured(1));
}
} // namespace

ScriptedBrowser::ScriptedBrowser(QObject *parent) : QObject(parent)
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void ScriptedBrowser::setCredentials(const QString &username, const QString &password)
{
    m_username = username;
    m_password = password;
}

BrowserLauncher::Result ScriptedBrowser::open(const QUrl &url)
{
    ++m_openCount;
    m_openedUrl = url;
    m_steps = 0;
    m_done = false;
    m_lastBody.clear();
    // Like a real browser: the launcher returns at once and the pages load later.
    QTimer::singleShot(0, this, [this, url] { get(url); });
    Result opened;
    opened.opened = true;
    return opened;
}

void ScriptedBrowser::follow(const QUrl &url)
{
    m_heldUrl.clear();
    get(url);
}

QString ScriptedBrowser::unescape(const QString &text)
{
    QString out = text;
    static const QRegularExpression numeric(u"&#(x?)([0-9a-fA-F]+);"_s);
    auto it = numeric.globalMatch(text);
    QList<QPair<QString, QString>> replacements;
    while (it.hasNext()) {
        const auto m = it.next();
        const uint code = m.captured(2).toUInt(nullptr, m.captured(1).isEmpty() ? 10 : 16);
        replacements.append({m.captured(0), QString(QChar(char16_t(code)))});
    }
    for (const auto &[from, to] : replacements)
        out.replace(from, to);
    out.replace(u"&quot;"_s, u"\""_s).replace(u"&lt;"_s, u"<"_s).replace(u"&gt;"_s, u">"_s);
    return out.replace(u"&amp;"_s, u"&"_s); // last, so "&amp;lt;" stays "&lt;"
}

bool ScriptedBrowser::hasElement(const QByteArray &html, const QString &id)
{
    const QRegularExpression re(u"\\sid\\s*=\\s*[\"']%1[\"']"_s.arg(QRegularExpression::escape(id)));
    return re.match(QString::fromUtf8(html)).hasMatch();
}

ScriptedBrowser::Form ScriptedBrowser::findForm(const QByteArray &bytes, const QString &elementId, const QUrl &base)
{
    const QString html = QString::fromUtf8(bytes);
    static const QRegularExpression formRe(u"<form\\b([^>]*)>(.*?)</form>"_s,
                                           QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression inputRe(u"<input\\b[^>]*>"_s, QRegularExpression::CaseInsensitiveOption);
    auto forms = formRe.globalMatch(html);
    while (forms.hasNext()) {
        const auto form = forms.next();
        if (!hasElement(form.captured(2).toUtf8(), elementId))
            continue;
        Form found;
        found.action = base.resolved(QUrl(attribute(form.captured(1), u"action"_s)));
        auto inputs = inputRe.globalMatch(form.captured(2));
        while (inputs.hasNext()) {
            const QString tag = inputs.next().captured(0);
            const QString name = attribute(tag, u"name"_s);
            if (name.isEmpty() || attribute(tag, u"type"_s).toLower() == u"submit")
                continue;
            found.fields.append({name, attribute(tag, u"value"_s)});
        }
        return found;
    }
    return {};
}

QString ScriptedBrowser::lastError() const
{
    static const QRegularExpression re(u"id=\"error\"[^>]*>([^<]*)<"_s);
    const auto match = re.match(QString::fromUtf8(m_lastBody));
    return match.hasMatch() ? unescape(match.captured(1)) : QString();
}

void ScriptedBrowser::get(const QUrl &url)
{
    m_visited.append(url);
    QNetworkReply *reply = m_network.get(QNetworkRequest(url));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

void ScriptedBrowser::post(const QUrl &url, const QList<QPair<QString, QString>> &fields)
{
    m_visited.append(url);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = m_network.post(request, formEncode(fields));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

void ScriptedBrowser::onReply(QNetworkReply *reply)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 0 || ++m_steps > kMaxSteps) {
        finish(status, reply->errorString().toUtf8());
        return;
    }
    const QByteArray location = reply->rawHeader("Location");
    if (status >= 300 && status < 400 && !location.isEmpty()) {
        const QUrl next = reply->url().resolved(QUrl::fromEncoded(location));
        if (!m_holdPrefix.isEmpty() && next.toString(QUrl::FullyEncoded).startsWith(m_holdPrefix)) {
            m_heldUrl = next;
            Q_EMIT heldRedirect(next);
            return;
        }
        get(next);
        return;
    }
    if (status == 200)
        onPage(reply->url(), body);
    else
        finish(status, body);
}

void ScriptedBrowser::onPage(const QUrl &url, const QByteArray &html)
{
    if (hasElement(html, u"username"_s) && hasElement(html, u"Login"_s)) {
        if (!m_lastBody.isEmpty() && hasElement(m_lastBody, u"username"_s)) {
            finish(200, html); // the login failed once already: stop on the page with its error
            return;
        }
        m_lastBody = html;
        submit(html, url, u"Login"_s);
        return;
    }
    if (hasElement(html, u"oaapprove"_s)) {
        m_lastBody = html;
        submit(html, url, m_decision == Decision::Allow ? u"oaapprove"_s : u"oadeny"_s);
        return;
    }
    finish(200, html);
}

void ScriptedBrowser::submit(const QByteArray &html, const QUrl &base, const QString &buttonId)
{
    Form form = findForm(html, buttonId, base);
    for (auto &[name, value] : form.fields) {
        if (name == u"username")
            value = m_username;
        else if (name == u"password")
            value = m_password;
    }
    form.fields.append({buttonId, buttonId == u"Login" ? u"Log In"_s : buttonId == u"oaapprove" ? u"Allow"_s : u"Deny"_s});
    post(form.action, form.fields);
}

void ScriptedBrowser::finish(int status, const QByteArray &body)
{
    m_lastStatus = status;
    m_lastBody = body;
    m_done = true;
    Q_EMIT done();
}

} // namespace ecalab::test
