#pragma once

#include "http/HttpClient.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace ecalab::webserver {

// What the authorize URL answers to a GET without cookies, as the browser sees it before any login.
struct ProbeResult
{
    enum class Kind {
        LoginPage,     // a redirect without error= (to the login page), or a 200 login form: all is well
        ErrorPage,     // §3.2: an invalid client_id or redirect_uri gets an error page, never a redirect
        ErrorRedirect, // §3.2, §10.1: a Location carrying error= (to the callback, or to the error page)
        Unknown,       // no answer, an odd one, or an error a cookieless GET cannot judge (prompt=none)
    };
    Kind kind = Kind::Unknown;
    int httpStatus = 0;
    QString error;            // ErrorPage / ErrorRedirect: the code Salesforce names
    QString errorDescription; // its error_description, when it gives one
    QString detail;           // one line on what was seen (server text: the flow redacts it)

    bool showsError() const { return kind == Kind::ErrorPage || kind == Kind::ErrorRedirect; }
};

// Asks the authorize URL once, through the flow's HttpClient (so the exchange is in the traffic,
// redacted, like every other): one GET, redirects not followed (HttpClient never follows them),
// no cookies. Salesforce shows a login page to such a request, or the error the browser is showing
// (§3.2, §10.1). A GET of the authorize URL changes nothing on the server: no session, no code.
class AuthorizeProbe : public QObject
{
    Q_OBJECT
public:
    // Only the start of a page is read for an error code: an error page is a few KB; a huge answer
    // is cut by the HttpClient's response cap and judged Unknown.
    static constexpr qsizetype kScannedBodyBytes = 64 * 1024;

    AuthorizeProbe(HttpClient &http, StageLabel stage, QObject *parent = nullptr);
    ~AuthorizeProbe() override;

    void start(const QUrl &authorizeUrl); // answers once with finished()
    void abort();                         // no finished() after this

    // Pure, for the tests: what `outcome` (the answer to a GET of `authorizeUrl`) means.
    static ProbeResult classify(const HttpOutcome &outcome, const QUrl &authorizeUrl);

Q_SIGNALS:
    void finished(const ecalab::webserver::ProbeResult &result);

private:
    HttpClient &m_http;
    StageLabel m_stage;
    QUrl m_url;
    QPointer<HttpCall> m_call;
};

} // namespace ecalab::webserver
