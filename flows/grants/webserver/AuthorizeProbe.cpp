#include "AuthorizeProbe.h"

#include "core/FormEncoding.h"
#include "oauth/ErrorCatalog.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace ecalab::webserver {

using namespace Qt::Literals::StringLiterals;

namespace {
// Errors that depend on the browser's session: a cookieless request to a prompt=none or
// immediate=true URL always gets them, while the person's browser may well be logged in (§3.1).
bool dependsOnSession(const QString &error, const QUrl &authorizeUrl)
{
    const QUrlQuery query(authorizeUrl);
    const bool silent = query.queryItemValue(u"prompt"_s).split(u' ').contains(u"none"_s) ||
                        query.queryItemValue(u"immediate"_s).compare(u"true"_s, Qt::CaseInsensitive) == 0;
    static const QStringList sessionErrors{u"login_required"_s, u"interaction_required"_s, u"consent_required"_s,
                                           u"immediate_unsuccessful"_s};
    return silent && sessionErrors.contains(error);
}

// The error code and description a page names: Salesforce's error page carries them as
// `error=…&error_description=…` (§10.1); a page may show a catalogue code (OAUTH_EC_APP_NOT_FOUND).
std::pair<QString, QString> errorInPage(const QString &page)
{
    static const QRegularExpression param(uR"((?:^|[?&;>\s])error=(?:<[^>]*>)?([A-Za-z0-9_.\-]+))"_s);
    static const QRegularExpression description(uR"(error_description=(?:<[^>]*>)?([^&<"'\r\n]{1,300}))"_s);
    if (const auto m = param.match(page); m.hasMatch()) {
        const auto d = description.match(page);
        // The description is form-encoded like the rest of the error parameters (§10.1).
        const QString text = d.hasMatch() ? formValue(formDecode("d=" + d.captured(1).toUtf8()), u"d"_s) : QString();
        return {m.captured(1), text.trimmed()};
    }
    for (const ErrorCatalog::Entry &entry : ErrorCatalog::entries()) {
        const QRegularExpression word(u"\\b%1\\b"_s.arg(QRegularExpression::escape(entry.error)));
        if (entry.error.contains(u'_') && word.match(page).hasMatch())
            return {entry.error, {}};
    }
    return {};
}

bool isLoginForm(const QString &page)
{
    static const QRegularExpression password(uR"(<input[^>]*type\s*=\s*["']?password)"_s,
                                             QRegularExpression::CaseInsensitiveOption);
    return password.match(page).hasMatch();
}

ProbeResult fromRedirect(ProbeResult r, const HttpOutcome &outcome, const QUrl &authorizeUrl)
{
    const QUrl location = authorizeUrl.resolved(QUrl(QString::fromUtf8(outcome.response.header("Location"))));
    FormFields params = formDecode(location.query(QUrl::FullyEncoded).toUtf8());
    if (formValue(params, u"error"_s).isEmpty())
        params = formDecode(location.fragment(QUrl::FullyEncoded).toUtf8());
    r.error = formValue(params, u"error"_s);
    if (r.error.isEmpty()) {
        r.kind = ProbeResult::Kind::LoginPage;
        r.detail = u"the authorize URL redirects to %1 (HTTP %2): the login page"_s
                       .arg(location.adjusted(QUrl::RemoveQuery).toString())
                       .arg(r.httpStatus);
        return r;
    }
    r.errorDescription = formValue(params, u"error_description"_s).left(300);
    r.kind = ProbeResult::Kind::ErrorRedirect;
    r.detail = u"the authorize URL redirects with error=%1 (HTTP %2)"_s.arg(r.error).arg(r.httpStatus);
    return r;
}

ProbeResult fromPage(ProbeResult r, const HttpOutcome &outcome)
{
    const QString page = QString::fromUtf8(outcome.response.body.left(AuthorizeProbe::kScannedBodyBytes));
    const auto [error, description] = errorInPage(page);
    const bool clientError = r.httpStatus >= 400 && r.httpStatus < 500;
    if (r.httpStatus == 200 && isLoginForm(page)) { // a login page's scripts may mention error=
        r.kind = ProbeResult::Kind::LoginPage;
        r.detail = u"the authorize URL answers with a login page (HTTP 200)"_s;
    } else if (!error.isEmpty() && (r.httpStatus == 200 || clientError)) {
        r.kind = ProbeResult::Kind::ErrorPage;
        r.error = error;
        r.errorDescription = description;
        r.detail = u"the authorize URL answers with an error page: %1 (HTTP %2)"_s.arg(error).arg(r.httpStatus);
    } else if (clientError) {
        r.kind = ProbeResult::Kind::ErrorPage;
        r.detail = u"the authorize URL answers HTTP %1 (an error page)"_s.arg(r.httpStatus);
    } else {
        r.detail = u"the authorize URL answers HTTP %1 with neither a login nor an error page"_s.arg(r.httpStatus);
    }
    return r;
}
} // namespace

AuthorizeProbe::AuthorizeProbe(HttpClient &http, StageLabel stage, QObject *parent)
    : QObject(parent), m_http(http), m_stage(std::move(stage))
{
}

AuthorizeProbe::~AuthorizeProbe()
{
    abort();
}

void AuthorizeProbe::start(const QUrl &authorizeUrl)
{
    abort();
    m_url = authorizeUrl;
    HttpRequest request = HttpRequest::get(authorizeUrl);
    request.setHeader("Accept", "text/html");
    m_call = m_http.send(request, m_stage);
    connect(m_call, &HttpCall::finished, this,
            [this](const HttpOutcome &outcome) { Q_EMIT finished(classify(outcome, m_url)); });
}

void AuthorizeProbe::abort()
{
    if (!m_call)
        return;
    HttpCall *call = m_call;
    m_call.clear();
    call->disconnect(this);
    call->abort();
}

ProbeResult AuthorizeProbe::classify(const HttpOutcome &outcome, const QUrl &authorizeUrl)
{
    ProbeResult r;
    r.httpStatus = outcome.response.status;
    if (!outcome.ok()) {
        r.detail = u"the authorize URL could not be checked: %1"_s.arg(outcome.errorString);
        return r;
    }
    const bool redirect = r.httpStatus >= 300 && r.httpStatus < 400 && !outcome.response.header("Location").isEmpty();
    r = redirect ? fromRedirect(r, outcome, authorizeUrl) : fromPage(r, outcome);
    if (r.showsError() && dependsOnSession(r.error, authorizeUrl)) {
        r.kind = ProbeResult::Kind::Unknown;
        r.detail += u" — expected without the browser's session, so not judged"_s;
    }
    return r;
}

} // namespace ecalab::webserver
