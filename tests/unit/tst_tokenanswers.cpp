// How the token tools read each endpoint's answer (§7.3–§7.6, §10.1), one HTTP outcome at a time:
// the odd shapes the emulator never sends — form-format booleans, redirects, pages, versions that
// sort wrongly as text, hostile text in a summary.
#include "core/Clock.h"
#include "http/HttpClient.h"
#include "tokens/TokenAnswers.h"

#include <QTest>

using namespace ecalab;
using namespace ecalab::tokenanswers;
using namespace Qt::Literals::StringLiterals;

namespace {
HttpOutcome answer(int status, const QByteArray &body, const QByteArray &type = "application/json",
                   const HttpHeaders &extra = {})
{
    HttpOutcome outcome;
    outcome.response.status = status;
    outcome.response.body = body;
    outcome.response.headers = extra;
    if (!type.isEmpty())
        outcome.response.headers.append({"Content-Type", type});
    return outcome;
}
} // namespace

class TestTokenAnswers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void activeIntrospectionSaysExpiryScopeAndUser()
    {
        const qint64 exp = m_clock.now().toSecsSinceEpoch() + 7200;
        const auto result = readIntrospection(
            answer(200, R"({"active":true,"scope":"api web","client_id":"3MVG9x","username":"ada@acme.example",)"
                        R"("token_type":"access_token","exp":)" + QByteArray::number(exp) + "}"),
            context(u"the introspection endpoint"_s));
        QVERIFY(result.ok());
        QCOMPARE(result.status->state, TokenStatus::State::Active);
        QCOMPARE(result.status->expiresAt->toSecsSinceEpoch(), exp);
        QCOMPARE(result.status->checkedAt, m_clock.now());
        QCOMPARE(result.summary, u"active · expires %1 · scope api web · ada@acme.example · access_token · client 3MVG9x"_s
                                     .arg(whenText(*result.status->expiresAt, m_clock.now())));
        QVERIFY(result.summary.contains(u"(in 2 h)"_s));
    }

    void formatBooleansAndAMissingActive()
    {
        const auto inactive = readIntrospection(answer(200, "active=false", "application/x-www-form-urlencoded"),
                                                context(u"the introspection endpoint"_s));
        QVERIFY(inactive.ok());
        QCOMPARE(inactive.status->state, TokenStatus::State::Inactive);
        const auto missing = readIntrospection(answer(200, R"({"scope":"api"})"), context(u"the introspection endpoint"_s));
        QCOMPARE(missing.error->kind, FlowError::Kind::Protocol);
        QVERIFY(missing.error->explanation.contains(u"`active`"_s));
        QVERIFY(!missing.status);
    }

    void revocationRedirectAndPageAreNotRevocations()
    {
        const auto redirected =
            readRevocation(answer(302, {}, {}, {{"Location", "https://login.salesforce.com/services/oauth2/revoke"}}),
                           context(u"the revocation endpoint"_s), TokenKind::AccessToken);
        QCOMPARE(redirected.error->kind, FlowError::Kind::Protocol);
        QVERIFY(redirected.error->explanation.contains(u"https://login.salesforce.com/services/oauth2/revoke"_s));
        QVERIFY(redirected.error->explanation.contains(u"test.salesforce.com"_s));
        const auto page = readRevocation(answer(200, "<!DOCTYPE html><p>proxy</p>", "text/html"),
                                         context(u"the revocation endpoint"_s), TokenKind::AccessToken);
        QCOMPARE(page.error->kind, FlowError::Kind::Protocol);
        QVERIFY(!page.status); // the token may well still work
        const auto jsonp = readRevocation(answer(200, "{}"), context(u"the revocation endpoint"_s), TokenKind::RefreshToken);
        QCOMPARE(jsonp.status->state, TokenStatus::State::Revoked);
    }

    void theNewestVersionIsChosenAsANumber()
    {
        const QByteArray list = R"([{"version":"9.0","url":"/services/data/v9.0"},{"version":"10.0"},)"
                                R"({"version":"../../x"},{"version":"62.0"},{"version":"8.0"}])";
        const auto choice = readVersions(answer(200, list), context(u"the REST API"_s), QUrl(u"https://acme.my.salesforce.com"_s));
        QVERIFY(choice);
        QCOMPARE(choice->latest, u"62.0"_s);
        QCOMPARE(choice->limitsUrl, QUrl(u"https://acme.my.salesforce.com/services/data/v62.0/limits"_s));
        const auto text = readVersions(answer(200, R"([{"version":"10.0"},{"version":"9.0"}])"), context(u"the REST API"_s),
                                       QUrl(u"https://acme.my.salesforce.com"_s));
        QCOMPARE(text->latest, u"10.0"_s); // "9.0" > "10.0" as text
        const auto none = readVersions(answer(200, R"({"version":"62.0"})"), context(u"the REST API"_s), QUrl());
        QVERIFY(!none);
        QCOMPARE(none.error().error->kind, FlowError::Kind::Protocol);
    }

    void limitsWithoutTheDailyAllowanceStillProveTheToken()
    {
        VersionChoice versions;
        versions.latest = u"62.0"_s;
        const auto result = readLimits(answer(200, R"({"DataStorageMB":{"Max":5,"Remaining":5}})"),
                                       context(u"the REST API"_s), versions);
        QVERIFY(result.ok());
        QCOMPARE(result.summary, u"API v62.0 · no DailyApiRequests in the limits answer"_s);
        QCOMPARE(result.status->state, TokenStatus::State::Active);
    }

    void bearerRefusalsSayTheTokenNoLongerWorks()
    {
        const auto bad = readIdentity(answer(403, "Bad_OAuth_Token", "text/plain"), context(u"the identity URL"_s));
        QCOMPARE(bad.error->kind, FlowError::Kind::ServerRejected);
        QCOMPARE(bad.error->error, u"Bad_OAuth_Token"_s);
        QCOMPARE(bad.status->state, TokenStatus::State::Inactive);
        const auto rest = readUserInfo(answer(401, R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])"),
                                       context(u"the UserInfo endpoint"_s));
        QCOMPARE(rest.error->error, u"INVALID_SESSION_ID"_s);
        QCOMPARE(rest.error->errorDescription, u"Session expired or invalid"_s);
        const auto outage = readUserInfo(answer(503, "<html>down</html>", "text/html"), context(u"the UserInfo endpoint"_s));
        QCOMPARE(outage.error->kind, FlowError::Kind::Protocol);
        QVERIFY(!outage.status);
        const auto empty = readUserInfo(answer(401, "[]"), context(u"the UserInfo endpoint"_s));
        QCOMPARE(empty.error->kind, FlowError::Kind::Protocol);
    }

    void serverTextIsMaskedAndKeptToOneLine()
    {
        m_http.redactor().addKnownSecret({u"access_token"_s, "00Dxx!AQsecretvalue"});
        QCOMPARE(shown(m_http, u"user\n\u202Eevil\t00Dxx!AQsecretvalue"_s), u"user  evil [redacted]"_s);
        const QString longLine = shown(m_http, QString(500, u'a'));
        QCOMPARE(longLine.size(), 120);
        QVERIFY(longLine.endsWith(u'…'));
        const QJsonObject fields = redactedFields(
            m_http, {{u"refresh_token"_s, u"5Aep"_s}, {u"nested"_s, QJsonObject{{u"echo"_s, u"00Dxx!AQsecretvalue"_s}}},
                     {u"list"_s, QJsonArray{u"00Dxx!AQsecretvalue"_s, 3}}});
        QCOMPARE(fields.value(u"refresh_token").toString(), u"[redacted]"_s);
        QCOMPARE(fields.value(u"nested")[u"echo"].toString(), u"[redacted]"_s);
        QCOMPARE(fields.value(u"list").toArray(), (QJsonArray{u"[redacted]"_s, 3}));
    }

    void jsonBodiesAreReadStrictly()
    {
        QVERIFY(!readJsonBody(answer(200, "").response));
        QVERIFY(readJsonBody(answer(200, "<html></html>", "text/html").response).error().contains(u"HTML"_s));
        QVERIFY(readJsonBody(answer(200, R"({"a":)").response).error().contains(u"not valid JSON"_s));
        QVERIFY(readJsonBody(answer(200, R"([1])").response)->isArray());
    }

private:
    AnswerContext context(const QString &endpoint) const
    {
        return {m_http, {u"stage"_s, u"Stage"_s}, endpoint, m_clock.now()};
    }

    ManualClock m_clock;
    HttpClient m_http{nullptr, nullptr, m_clock};
};

QTEST_GUILESS_MAIN(TestTokenAnswers)
#include "tst_tokenanswers.moc"
