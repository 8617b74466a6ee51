// The one reading of OAuth answers (§1.3, §10.1): fields on 200, Salesforce's error on 4xx, and
// a Protocol/Transport error that says what came instead — each with the stage's title and id.
#include "oauth/OAuthResponse.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
const StageLabel kStage{u"token-request"_s, u"Token request"_s};
const QByteArray kSecret = "S3cretValue42";

HttpOutcome answer(int status, const QByteArray &contentType, const QByteArray &body, HttpHeaders extra = {})
{
    HttpOutcome outcome;
    outcome.response.status = status;
    outcome.response.headers = {{"Content-Type", contentType}};
    outcome.response.headers += extra;
    outcome.response.body = body;
    return outcome;
}

HttpOutcome failure(HttpOutcome::Failure kind, const QString &why, int exchangeId = 0)
{
    HttpOutcome outcome;
    outcome.failure = kind;
    outcome.errorString = why;
    outcome.exchangeId = exchangeId;
    return outcome;
}
} // namespace

class TestOAuthResponse : public QObject
{
    Q_OBJECT
    SystemClock m_clock;
    ExchangeLog m_log;
    HttpClient m_http{nullptr, &m_log, m_clock};

    ResponseOrigin origin(const QString &endpoint = u"the token endpoint"_s) const
    {
        return {m_http, kStage, endpoint};
    }

    static void verifyStage(const FlowError &e)
    {
        QCOMPARE(e.stage, kStage.title);
        QCOMPARE(e.stageId, kStage.id);
    }

    // A request to `url` that got no answer, as the token endpoint's reading sees it.
    Expected<TokenSet, FlowError> refusedAt(const QString &url)
    {
        Exchange sent;
        sent.request = HttpRequest::get(QUrl(url));
        const int id = m_log.begin(sent);
        return interpretTokenResponse(failure(HttpOutcome::Failure::Transport, u"Connection refused"_s, id), origin());
    }

private Q_SLOTS:
    void initTestCase() { m_http.redactor().addKnownSecret({u"client_secret"_s, kSecret}); }

    void fieldsOn200()
    {
        const auto json =
            interpretOAuthResponse(answer(200, "application/json", "{\"device_code\":\"dc\",\"interval\":5}"),
                                   origin(u"the device request"_s));
        QVERIFY(json);
        QCOMPARE(json->value(u"device_code").toString(), u"dc"_s);
        QCOMPARE(json->value(u"interval").toInt(), 5);
        // §1.3: format=urlencoded answers the same fields as a form.
        const auto form =
            interpretOAuthResponse(answer(200, "application/x-www-form-urlencoded", "a=1&b=x%20y"), origin());
        QVERIFY(form);
        QCOMPARE(form->value(u"b").toString(), u"x y"_s);
    }

    void tokensOn200()
    {
        const auto tokens = interpretTokenResponse(answer(200, "application/json;charset=UTF-8",
                                                          "{\"access_token\":\"00D!x\",\"instance_url\":\"https://"
                                                          "acme.my.salesforce.com\",\"token_type\":\"Bearer\"}"),
                                                   origin());
        QVERIFY(tokens);
        QCOMPARE(tokens->accessToken, u"00D!x"_s);
        QCOMPARE(tokens->tokenType, u"Bearer"_s);
    }

    void a200WithoutATokenNamesWhatIsMissing()
    {
        const auto tokens =
            interpretTokenResponse(answer(200, "application/json", "{\"token_type\":\"Bearer\"}"), origin());
        QVERIFY(!tokens);
        QCOMPARE(tokens.error().kind, FlowError::Kind::Protocol);
        QCOMPARE(tokens.error().httpStatus, 200);
        QVERIFY2(tokens.error().explanation.contains(u"access_token"_s), qPrintable(tokens.error().explanation));
        verifyStage(tokens.error());
    }

    void oauthErrorIsServerRejectedWithTheBodyMasked()
    {
        const QByteArray body =
            "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials S3cretValue42\"}";
        const auto result = interpretTokenResponse(answer(400, "application/json", body), origin());
        QVERIFY(!result);
        const FlowError &e = result.error();
        QCOMPARE(e.kind, FlowError::Kind::ServerRejected);
        QCOMPARE(e.exitCode(), 1);
        QCOMPARE(e.httpStatus, 400);
        QCOMPARE(e.error, u"invalid_client"_s);
        QVERIFY(e.errorDescription.startsWith(u"invalid client credentials"_s));
        QVERIFY(!e.rawBody.contains(kSecret)); // server text leaves only masked
        QVERIFY(e.rawBody.contains("invalid_client"));
        verifyStage(e);
    }

    void redirectSaysWhereTo()
    {
        const auto result =
            interpretOAuthResponse(answer(302, "text/html", "", {{"Location", "https://login.salesforce.com/?ec=302"}}),
                                   origin(u"the device request"_s));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, FlowError::Kind::Protocol);
        QCOMPARE(result.error().httpStatus, 302);
        const QString &why = result.error().explanation;
        QVERIFY2(why.startsWith(u"The device request redirected (HTTP 302) to https://login.salesforce.com/?ec=302"_s),
                 qPrintable(why));
        verifyStage(result.error());
    }

    void anHtmlPageIsNamed()
    {
        const auto result =
            interpretTokenResponse(answer(200, "text/html", "<html><body>Login</body></html>"), origin());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, FlowError::Kind::Protocol);
        QVERIFY2(result.error().explanation.contains(u"HTML page"_s), qPrintable(result.error().explanation));
        QCOMPARE(result.error().rawBody, QByteArray("<html><body>Login</body></html>"));
    }

    void a4xxWithoutAnOAuthErrorIsProtocol()
    {
        const auto result = interpretTokenResponse(answer(404, "text/plain", "Not Found"), origin());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, FlowError::Kind::Protocol);
        QVERIFY(result.error().error.isEmpty());
        QCOMPARE(result.error().explanation, u"HTTP 404 from the token endpoint without an OAuth error in the body."_s);
    }

    void transportFailureNamesTheUrlWithoutItsQuery()
    {
        const auto result = refusedAt(u"https://acme.my.salesforce.com/services/oauth2/token?code=secret"_s);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, FlowError::Kind::Transport);
        QCOMPARE(result.error().exitCode(), 3);
        QCOMPARE(result.error().explanation,
                 u"Connection refused (https://acme.my.salesforce.com/services/oauth2/token)"_s);
        QVERIFY(!result.error().fix.contains(u"emulator"_s)); // a real org is never told about the emulator
        verifyStage(result.error());
    }

    void aRefusedLoopbackHostMayBeTheEmulator()
    {
        const auto result = refusedAt(u"http://127.0.0.1:40123/services/oauth2/token"_s);
        QVERIFY(!result);
        QVERIFY2(result.error().fix.contains(u"127.0.0.1:40123"_s), qPrintable(result.error().fix));
        QVERIFY(result.error().fix.contains(u"emulator"_s));
    }

    void eachFailureHasItsKind_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<int>("kind");
        QTest::newRow("tls") << int(HttpOutcome::Failure::Tls) << int(FlowError::Kind::Tls);
        QTest::newRow("timeout") << int(HttpOutcome::Failure::Timeout) << int(FlowError::Kind::Timeout);
        QTest::newRow("too large") << int(HttpOutcome::Failure::TooLarge) << int(FlowError::Kind::Protocol);
        QTest::newRow("aborted") << int(HttpOutcome::Failure::Aborted) << int(FlowError::Kind::Cancelled);
    }
    void eachFailureHasItsKind()
    {
        QFETCH(int, failure);
        QFETCH(int, kind);
        const FlowError e = errorFromFailedOutcome(::failure(HttpOutcome::Failure(failure), u"why"_s), origin());
        QCOMPARE(int(e.kind), kind);
        verifyStage(e);
        if (e.kind != FlowError::Kind::Cancelled)
            QCOMPARE(e.explanation, u"why"_s); // no exchange recorded: the reason alone
    }
};

QTEST_GUILESS_MAIN(TestOAuthResponse)
#include "tst_oauthresponse.moc"
