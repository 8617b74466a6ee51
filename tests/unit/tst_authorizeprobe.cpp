// The authorize probe: what a cookieless GET of the authorize URL means (§3.2, §10.1), as a table
// of answers, then live against the emulator (which answers as Salesforce does) and against the
// hostile server (never a crash or a hang; the body read is bounded).
#include "EmulatorFixture.h"
#include "HostileServer.h"

#include "core/Clock.h"
#include "grants/webserver/AuthorizeProbe.h"
#include "http/ExchangeLog.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace ecalab;
using namespace ecalab::test;
using namespace ecalab::webserver;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(ecalab::webserver::ProbeResult::Kind)
Q_DECLARE_METATYPE(ecalab::test::HostileServer::Behaviour)

namespace {
const QUrl kAuthorize(u"https://acme.my.salesforce.com/services/oauth2/authorize?response_type=code"
                      "&client_id=3MVG9abc&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect&state=s1"_s);

HttpOutcome answer(int status, const QByteArray &location, const QByteArray &body)
{
    HttpOutcome o;
    o.response.status = status;
    if (!location.isEmpty())
        o.response.headers.append(qMakePair(QByteArray("Location"), location));
    o.response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/html;charset=UTF-8")));
    o.response.body = body;
    return o;
}

const QByteArray kLoginForm = "<form id=\"login_form\" method=\"post\"><input type=\"text\" name=\"username\">"
                              "<input type=\"password\" name=\"pw\"></form>";

struct ProbeRun
{
    QNetworkAccessManager network;
    ExchangeLog log;
    SystemClock clock;
    HttpClient http{&network, &log, clock};
    AuthorizeProbe probe{http, StageLabel{u"wait-for-callback"_s, u"Wait for callback"_s}};

    std::optional<ProbeResult> run(const QUrl &url, int waitMs = 10'000)
    {
        std::optional<ProbeResult> result;
        QObject::connect(&probe, &AuthorizeProbe::finished, [&](const ProbeResult &r) { result = r; });
        probe.start(url);
        if (!QTest::qWaitFor([&] { return result.has_value(); }, waitMs))
            return std::nullopt;
        return result;
    }
};
} // namespace

class TestAuthorizeProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("location");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ProbeResult::Kind>("kind");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        using K = ProbeResult::Kind;
        const QByteArray none;
        QTest::newRow("302 to the login page")
            << kAuthorize << 302
            << QByteArray("/?ec=302&startURL=%2Fsetup%2Fsecur%2FRemoteAccessAuthorizationPage.apexp") << none
            << K::LoginPage << QString() << QString();
        QTest::newRow("303 to the login page") << kAuthorize << 303 << QByteArray("https://login.salesforce.com/")
                                               << none << K::LoginPage << QString() << QString();
        QTest::newRow("200 login form") << kAuthorize << 200 << none << kLoginForm << K::LoginPage << QString()
                                        << QString();
        QTest::newRow("login page whose script mentions error=")
            << kAuthorize << 200 << none << QByteArray("<script>var u='?error=x';</script>") + kLoginForm
            << K::LoginPage << QString() << QString();
        QTest::newRow("302 to the callback with error=")
            << kAuthorize << 302
            << QByteArray("http://localhost:1717/"
                          "OauthRedirect?error=invalid_scope&error_description=requested+scope+is+invalid&state=s1")
            << none << K::ErrorRedirect << u"invalid_scope"_s << u"requested scope is invalid"_s;
        QTest::newRow("error in the fragment")
            << kAuthorize << 302 << QByteArray("http://localhost:1717/cb#error=access_denied&state=s1") << none
            << K::ErrorRedirect << u"access_denied"_s << QString();
        QTest::newRow("302 to Salesforce's error page")
            << kAuthorize << 302
            << QByteArray("/setup/secur/"
                          "RemoteAccessErrorPage.apexp?error=redirect_uri_mismatch&error_description=redirect_uri%"
                          "20must%20match%20configuration")
            << none << K::ErrorRedirect << u"redirect_uri_mismatch"_s << u"redirect_uri must match configuration"_s;
        QTest::newRow("200 error page, error= in the text")
            << kAuthorize << 200 << none
            << QByteArray("<h1>Remote Access Error</h1><p>error=invalid_client_id&amp;error_description=client "
                          "identifier invalid</p>")
            << K::ErrorPage << u"invalid_client_id"_s << u"client identifier invalid"_s;
        QTest::newRow("200 error page, the emulator's markup")
            << kAuthorize << 200 << none
            << QByteArray("<p>error=<code id=\"error\">redirect_uri_mismatch</code></p>\n"
                          "<p>error_description=<code id=\"error_description\">redirect_uri must match "
                          "configuration</code></p>")
            << K::ErrorPage << u"redirect_uri_mismatch"_s << u"redirect_uri must match configuration"_s;
        QTest::newRow("200 page with an on-screen code")
            << kAuthorize << 200 << none << QByteArray("<div class=\"message\">OAUTH_EC_APP_NOT_FOUND</div>")
            << K::ErrorPage << u"OAUTH_EC_APP_NOT_FOUND"_s << QString();
        QTest::newRow("400 without a code")
            << kAuthorize << 400 << none << QByteArray("Bad Request") << K::ErrorPage << QString() << QString();
        QTest::newRow("500 is not judged")
            << kAuthorize << 500 << none << QByteArray("<h1>Maintenance</h1>") << K::Unknown << QString() << QString();
        QTest::newRow("200 neither login nor error")
            << kAuthorize << 200 << none << QByteArray("<h1>Corporate proxy</h1>") << K::Unknown << QString()
            << QString();
        QTest::newRow("a code past the scanned start is not seen")
            << kAuthorize << 200 << none
            << QByteArray(AuthorizeProbe::kScannedBodyBytes, ' ') + "error=redirect_uri_mismatch" << K::Unknown
            << QString() << QString();
        QUrl silent = kAuthorize;
        QUrlQuery query(silent);
        query.addQueryItem(u"prompt"_s, u"none"_s);
        silent.setQuery(query);
        QTest::newRow("prompt=none: login_required depends on the session")
            << silent << 302 << QByteArray("http://localhost:1717/OauthRedirect?error=login_required&state=s1") << none
            << K::Unknown << u"login_required"_s << QString();
        QTest::newRow("prompt=none: a mismatch still counts")
            << silent << 200 << none << QByteArray("<p>error=redirect_uri_mismatch</p>") << K::ErrorPage
            << u"redirect_uri_mismatch"_s << QString();
    }
    void classify()
    {
        QFETCH(QUrl, url);
        QFETCH(int, status);
        QFETCH(QByteArray, location);
        QFETCH(QByteArray, body);
        QFETCH(ProbeResult::Kind, kind);
        QFETCH(QString, error);
        QFETCH(QString, description);
        const ProbeResult r = AuthorizeProbe::classify(answer(status, location, body), url);
        QVERIFY2(r.kind == kind, qPrintable(r.detail));
        QCOMPARE(r.error, error);
        QCOMPARE(r.errorDescription, description);
        QCOMPARE(r.httpStatus, status);
        QVERIFY(!r.detail.isEmpty());
    }

    void transportFailureIsNotJudged()
    {
        HttpOutcome o;
        o.failure = HttpOutcome::Failure::Transport;
        o.errorString = u"Connection refused"_s;
        const ProbeResult r = AuthorizeProbe::classify(o, kAuthorize);
        QCOMPARE(r.kind, ProbeResult::Kind::Unknown);
        QVERIFY(r.detail.contains(u"Connection refused"_s));
    }

    // The emulator answers as Salesforce does (§3.2), and the probe changes nothing there.
    void againstTheEmulator_data()
    {
        QTest::addColumn<QString>("change"); // which parameter is made wrong
        QTest::addColumn<ProbeResult::Kind>("kind");
        QTest::addColumn<QString>("error");
        QTest::newRow("valid") << QString() << ProbeResult::Kind::LoginPage << QString();
        QTest::newRow("unregistered callback")
            << u"redirect_uri"_s << ProbeResult::Kind::ErrorPage << u"redirect_uri_mismatch"_s;
        QTest::newRow("unknown consumer key")
            << u"client_id"_s << ProbeResult::Kind::ErrorPage << u"invalid_client_id"_s;
        QTest::newRow("unsupported response type")
            << u"response_type"_s << ProbeResult::Kind::ErrorRedirect << u"unsupported_response_type"_s;
    }
    void againstTheEmulator()
    {
        QFETCH(QString, change);
        QFETCH(ProbeResult::Kind, kind);
        QFETCH(QString, error);
        EmulatorFixture emulator;
        const Profile profile = emulator.demoProfile();
        QUrl url = profile.loginUrl.resolved(QUrl(u"/services/oauth2/authorize"_s));
        QUrlQuery query;
        query.addQueryItem(u"response_type"_s, change == u"response_type" ? u"token"_s : u"code"_s);
        query.addQueryItem(u"client_id"_s, change == u"client_id" ? u"3MVG9-not-this-org"_s : profile.clientId);
        query.addQueryItem(u"redirect_uri"_s,
                           change == u"redirect_uri" ? u"http://localhost:9/Other"_s : profile.callbackUrl.toString());
        query.addQueryItem(u"state"_s, u"s1"_s);
        query.addQueryItem(u"code_challenge"_s, u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s); // RFC 7636 B
        url.setQuery(query);
        ProbeRun run;
        const auto result = run.run(url);
        QVERIFY(result);
        QVERIFY2(result->kind == kind, qPrintable(result->detail));
        QCOMPARE(result->error, error);
        // One recorded exchange under the waiting stage; no session, no code, no cookie.
        QCOMPARE(run.log.exchanges().size(), 1);
        QCOMPARE(run.log.exchanges().first().stageId, u"wait-for-callback"_s);
        QVERIFY(run.log.exchanges().first().response.header("Set-Cookie").isEmpty());
        QCOMPARE(emulator.admin().get(u"/logins"_s).jsonArray().size(), 0);
        QCOMPARE(emulator.admin().get(u"/codes"_s).jsonArray().size(), 0);
    }

    void hostileAnswersEndTheProbeWithoutAVerdict_data()
    {
        QTest::addColumn<HostileServer::Behaviour>("behaviour");
        QTest::addColumn<ProbeResult::Kind>("kind");
        using B = HostileServer::Behaviour;
        using K = ProbeResult::Kind;
        QTest::newRow("garbage") << B::Garbage << K::Unknown;
        QTest::newRow("proxy page") << B::Html << K::Unknown;
        QTest::newRow("huge body") << B::HugeBody << K::Unknown;
        QTest::newRow("truncated") << B::TruncatedBody << K::Unknown;
        QTest::newRow("endless headers") << B::EndlessHeaders << K::Unknown;
        QTest::newRow("never answers") << B::NeverAnswers << K::Unknown;
        QTest::newRow("reset") << B::Reset << K::Unknown;
        QTest::newRow("redirect elsewhere") << B::Redirect << K::LoginPage;
        QTest::newRow("invalid utf-8 error") << B::InvalidUtf8 << K::ErrorPage;
        QTest::newRow("3 MB description, over the cap") << B::HugeDescription << K::Unknown;
    }
    void hostileAnswersEndTheProbeWithoutAVerdict()
    {
        QFETCH(HostileServer::Behaviour, behaviour);
        QFETCH(ProbeResult::Kind, kind);
        HostileServer server(behaviour);
        QVERIFY(server.isListening());
        ProbeRun run;
        run.http.setLimits({1'500, 1024 * 1024}); // a short timeout and a 1 MB cap: the probe reads no more
        const auto result = run.run(QUrl(server.url() + u"/services/oauth2/authorize?client_id=x"_s));
        QVERIFY2(result, "the probe must answer");
        QVERIFY2(result->kind == kind, qPrintable(result->detail));
        QVERIFY(result->detail.size() < 600); // a line, whatever the server sent
        QVERIFY(result->errorDescription.size() <= 300);
    }

    // A cookie the manager holds for the host is not sent: the probe sees what a fresh browser sees.
    void theProbeSendsNoCookie()
    {
        HostileServer server(HostileServer::Behaviour::Html);
        ProbeRun run;
        const QUrl url(server.url() + u"/services/oauth2/authorize?client_id=x"_s);
        QNetworkCookie sid("sid", "00Dsession");
        sid.setDomain(url.host());
        sid.setPath(u"/"_s);
        QVERIFY(run.network.cookieJar()->insertCookie(sid));
        QVERIFY(run.run(url));
        QVERIFY2(!server.lastRequest().contains("sid="), server.lastRequest().constData());
        QVERIFY(!server.lastRequest().toLower().contains("\ncookie:"));
    }

    void abortMeansNoAnswer()
    {
        HostileServer server(HostileServer::Behaviour::NeverAnswers);
        ProbeRun run;
        QSignalSpy finished(&run.probe, &AuthorizeProbe::finished);
        run.probe.start(QUrl(server.url() + u"/services/oauth2/authorize"_s));
        QTest::qWait(100);
        run.probe.abort();
        QTest::qWait(200);
        QCOMPARE(finished.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAuthorizeProbe)
#include "tst_authorizeprobe.moc"
