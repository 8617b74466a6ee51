// The client credentials flow against the in-process emulator: success with both client-auth
// methods, each refusal of §2, and the bad-input cases (refused connection, malformed reply,
// timeout, oversized reply, cancel).
#include "EmulatorFixture.h"
#include "FlowRunner.h"
#include "FreePort.h"
#include "SignatureChecks.h"

#include "grants/clientcredentials/ClientCredentialsFlow.h"

#include <QJsonDocument>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
QUrl closedPortUrl()
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(freeLoopbackPort())); // nothing listens there
}
} // namespace

class TestClientCredentialsFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_emulator.emplace(); }
    void cleanup() { m_emulator.reset(); }

    void succeeds_data()
    {
        QTest::addColumn<int>("auth");
        QTest::newRow("secret in the body") << int(ClientAuthMethod::Post);
        QTest::newRow("HTTP Basic") << int(ClientAuthMethod::Basic);
    }
    void succeeds()
    {
        QFETCH(int, auth);
        Profile profile = m_emulator->demoProfile();
        profile.clientAuth = ClientAuthMethod(auth);
        FlowRunner runner;
        Flow *flow = runner.run(u"client-credentials"_s, profile);
        QVERIFY(flow);
        QVERIFY2(flow->status() == Flow::Status::Succeeded, qPrintable(flow->error() ? flow->error()->summary() : QString()));

        const TokenSet &t = *flow->result();
        QVERIFY(t.accessToken.contains(u'!'));
        QCOMPARE(t.accessToken.section(u'!', 0, 0).size(), 15); // <15-char org id>!<opaque> (§1.4)
        QCOMPARE(t.instanceUrl, profile.loginUrl.toString());
        QCOMPARE(t.tokenType, u"Bearer"_s);
        QCOMPARE(t.issuedAt.size(), 13);
        QCOMPARE(t.orgId().size(), 18);
        QCOMPARE(t.userId().size(), 18);
        QVERIFY(!t.apiInstanceUrl.isEmpty());
        QVERIFY(t.refreshToken.isEmpty()); // never for client credentials (§2)
        QVERIFY(!t.scopes().isEmpty());
        QVERIFY(!t.scopes().contains(u"refresh_token"_s));
        QVERIFY(t.warnings.isEmpty());
        QCOMPARE(t.signature.toLatin1(), expectedSignature(profile.clientSecret, t.id, t.issuedAt));
        QCOMPARE(flow->checks().value(u"signature").toString(), u"valid"_s);
        for (const auto &stage : flow->stages())
            QCOMPARE(stage.state, Flow::StageState::Done);

        const auto &exchanges = runner.session.log()->exchanges();
        QCOMPARE(exchanges.size(), 1);
        const Exchange &e = exchanges.first();
        QCOMPARE(e.request.method, QByteArray("POST"));
        QCOMPARE(e.response.status, 200);
        QVERIFY(e.elapsedMs >= 0);
        const QByteArray recorded = QJsonDocument(e.toJson()).toJson();
        QVERIFY2(!recorded.contains(profile.clientSecret.toUtf8()), recorded.constData());
        QVERIFY2(!recorded.contains(t.accessToken.toUtf8()), recorded.constData());
        if (auth == int(ClientAuthMethod::Basic))
            QCOMPARE(e.request.header("Authorization"), QByteArray("Basic [redacted]"));
        else
            QVERIFY(e.request.body.contains("client_secret=[redacted]"));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("explanationMentions");
        QTest::newRow("generic login host") << u"generic-host"_s << u"invalid_grant"_s
                                            << u"request not supported on this domain"_s << u"My Domain"_s;
        QTest::newRow("no Run As user") << u"no-run-as"_s << u"invalid_grant"_s << u"no client credentials user enabled"_s
                                        << u"Run As"_s;
        QTest::newRow("wrong secret (body)") << u"wrong-secret"_s << u"invalid_client"_s << u"invalid client credentials"_s
                                             << u"secret"_s;
        QTest::newRow("wrong secret (Basic)") << u"wrong-secret-basic"_s << u"invalid_client"_s
                                              << u"invalid client credentials"_s << u"secret"_s;
        QTest::newRow("unknown consumer key") << u"unknown-client"_s << u"invalid_client_id"_s
                                              << u"client identifier invalid"_s << u"consumer key"_s;
        QTest::newRow("inactive Run As user") << u"inactive-user"_s << u"inactive_user"_s << u"user is inactive"_s
                                              << u"deactivated"_s;
        QTest::newRow("flow disabled") << u"flow-disabled"_s << QString() << QString() << u"Client Credentials"_s;
    }
    void refusals()
    {
        QFETCH(QString, setup);
        QFETCH(QString, error);
        QFETCH(QString, description);
        QFETCH(QString, explanationMentions);
        Profile profile = prepareRefusal(setup);
        FlowRunner runner;
        Flow *flow = runner.run(u"client-credentials"_s, profile);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        const FlowError &e = *flow->error();
        QCOMPARE(e.kind, FlowError::Kind::ServerRejected);
        QCOMPARE(e.exitCode(), 1);
        QCOMPARE(e.httpStatus, 400);
        if (!error.isEmpty()) {
            QCOMPARE(e.error, error);
            QCOMPARE(e.errorDescription, description);
        }
        QVERIFY2(e.explanation.contains(explanationMentions) || e.fix.contains(explanationMentions),
                 qPrintable(e.explanation + u" | "_s + e.fix));
        QVERIFY2(!e.explanation.contains(u"no explanation"), qPrintable(e.explanation)); // a catalogued refusal
        QCOMPARE(e.stageId, u"token-request"_s);
        QVERIFY(!e.rawBody.contains(profile.clientSecret.toUtf8()));
        QCOMPARE(flow->stages().at(1).state, Flow::StageState::Failed);
    }

    void connectionRefusedIsATransportError()
    {
        Profile profile = m_emulator->demoProfile();
        profile.loginUrl = closedPortUrl();
        FlowRunner runner;
        Flow *flow = runner.run(u"client-credentials"_s, profile);
        QCOMPARE(flow->error()->kind, FlowError::Kind::Transport);
        QCOMPARE(flow->error()->exitCode(), 3);
        QVERIFY2(flow->error()->explanation.contains(profile.loginUrl.authority()), qPrintable(flow->error()->explanation));
        QCOMPARE(runner.session.log()->exchanges().size(), 1);
        QVERIFY(!runner.session.log()->exchanges().first().transportError.isEmpty());
    }

    void configurationErrorsSendNothing()
    {
        Profile profile = m_emulator->demoProfile();
        profile.clientSecret.clear();
        FlowRunner runner;
        Flow *flow = runner.run(u"client-credentials"_s, profile);
        QCOMPARE(flow->error()->kind, FlowError::Kind::Configuration);
        QCOMPARE(flow->error()->exitCode(), 2);
        QCOMPARE(runner.session.log()->rowCount(), 0);
    }

    void malformedRepliesAreProtocolErrors_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("truncated JSON") << faultOf(u"malformedJson"_s) << u"not valid JSON"_s;
        QTest::newRow("HTML error page with 503")
            << faultOf(u"status"_s, {{u"status"_s, 503}, {u"body"_s, u"<html><body>Maintenance</body></html>"_s},
                                      {u"contentType"_s, u"text/html"_s}})
            << u"503"_s;
        QTest::newRow("200 without a token")
            << faultOf(u"status"_s, {{u"status"_s, 200}, {u"body"_s, u"{\"instance_url\":\"x\"}"_s},
                                      {u"contentType"_s, u"application/json"_s}})
            << u"no access_token"_s;
    }
    void malformedRepliesAreProtocolErrors()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(QString, mentions);
        QCOMPARE(m_emulator->admin().injectFault(fault).status, 200);
        FlowRunner runner;
        Flow *flow = runner.run(u"client-credentials"_s, m_emulator->demoProfile());
        QCOMPARE(flow->error()->kind, FlowError::Kind::Protocol);
        QVERIFY2(flow->error()->explanation.contains(mentions), qPrintable(flow->error()->explanation));
    }

    void slowServersTimeOut()
    {
        QCOMPARE(m_emulator->admin().injectFault(faultOf(u"delay"_s, {{u"delayMs"_s, 3000}})).status, 200);
        FlowRunner runner;
        runner.session.setLimits({300, 1 << 20});
        Flow *flow = runner.run(u"client-credentials"_s, m_emulator->demoProfile());
        QCOMPARE(flow->error()->kind, FlowError::Kind::Timeout);
        QCOMPARE(flow->error()->exitCode(), 3);
    }

    void oversizedRepliesAreCutOff()
    {
        QCOMPARE(m_emulator->admin().injectFault(faultOf(u"hugeBody"_s, {{u"bytes"_s, 3 << 20}})).status, 200);
        FlowRunner runner;
        runner.session.setLimits({10'000, 1 << 20});
        Flow *flow = runner.run(u"client-credentials"_s, m_emulator->demoProfile());
        QCOMPARE(flow->error()->kind, FlowError::Kind::Protocol);
        QVERIFY2(flow->error()->explanation.contains(u"MiB"), qPrintable(flow->error()->explanation));
    }

    void droppedConnectionsAreTransportErrors()
    {
        QCOMPARE(m_emulator->admin().injectFault(faultOf(u"closeConnection"_s)).status, 200);
        FlowRunner runner;
        Flow *flow = runner.run(u"client-credentials"_s, m_emulator->demoProfile());
        QCOMPARE(flow->error()->kind, FlowError::Kind::Transport);
    }

    // A failed check fails the run, so a CI script sees it; the token stays for inspection.
    void aForgedSignatureFailsTheRun()
    {
        const QJsonObject forged{{u"access_token"_s, u"00D000000000001!forged"_s},
                                 {u"id"_s, u"http://127.0.0.1/id/00D000000000001AAA/005000000000001AAA"_s},
                                 {u"issued_at"_s, u"1732790000123"_s},
                                 {u"signature"_s, u"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="_s},
                                 {u"token_type"_s, u"Bearer"_s},
                                 {u"instance_url"_s, u"http://127.0.0.1"_s}};
        QCOMPARE(m_emulator->admin().injectFault(faultOf(u"status"_s, {{u"status"_s, 200},
                                                               {u"body"_s, QString::fromUtf8(QJsonDocument(forged).toJson())},
                                                               {u"contentType"_s, u"application/json"_s}})).status,
                 200);
        FlowRunner runner;
        Flow *flow = runner.run(u"client-credentials"_s, m_emulator->demoProfile());
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(flow->checks().value(u"signature").toString(), u"invalid"_s);
        QCOMPARE(flow->stages().last().state, Flow::StageState::Failed);
        QCOMPARE(flow->error()->kind, FlowError::Kind::Protocol);
        QCOMPARE(flow->error()->check, u"signature"_s);
        QCOMPARE(flow->error()->stageId, u"verify-signature"_s);
        QVERIFY2(flow->error()->explanation.contains(u"consumer secret"_s), qPrintable(flow->error()->explanation));
        QVERIFY(flow->result());
        QCOMPARE(flow->result()->accessToken, u"00D000000000001!forged"_s);
    }

    // A server that echoes the request into its error puts the secret in server text; the flow
    // hands every view the same redacted text as the exchange log.
    void echoedSecretsAreRedactedInTheError()
    {
        const Profile profile = m_emulator->demoProfile();
        const QString description = u"bad request: grant_type=client_credentials&client_secret=%1 (secret %1)"_s.arg(profile.clientSecret);
        const QJsonObject body{{u"error"_s, u"invalid_client"_s}, {u"error_description"_s, description}};
        QCOMPARE(m_emulator->admin().injectFault(faultOf(u"status"_s, {{u"status"_s, 400},
                                                               {u"body"_s, QString::fromUtf8(QJsonDocument(body).toJson())},
                                                               {u"contentType"_s, u"application/json"_s}})).status,
                 200);
        FlowRunner runner;
        Flow *flow = runner.run(u"client-credentials"_s, profile);
        QCOMPARE(flow->error()->kind, FlowError::Kind::ServerRejected);
        const QString shown = flow->error()->summary() + flow->error()->explanation + flow->stages().at(1).detail;
        QVERIFY2(!shown.contains(profile.clientSecret), qPrintable(shown));
        QVERIFY(!flow->error()->rawBody.contains(profile.clientSecret.toUtf8()));
        QCOMPARE(flow->error()->errorDescription,
                 u"bad request: grant_type=client_credentials&client_secret=[redacted] (secret [redacted])"_s);
    }

    void cancelWhileWaitingEndsAsCancelled()
    {
        QCOMPARE(m_emulator->admin().injectFault(faultOf(u"delay"_s, {{u"delayMs"_s, 5000}})).status, 200);
        FlowRunner runner;
        Flow *flow = runner.start(u"client-credentials"_s, m_emulator->demoProfile());
        QTRY_COMPARE(runner.session.log()->rowCount(), 1);
        QVERIFY(!flow->isFinished());
        QSignalSpy failed(flow, &Flow::failed);
        runner.session.cancel();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(flow->status(), Flow::Status::Cancelled);
        QCOMPARE(flow->error()->exitCode(), 4);
        flow->cancel(); // a second cancel is harmless
        QCOMPARE(failed.size(), 1);
    }

private:
    static QJsonObject faultOf(const QString &kind, QJsonObject extra = {})
    {
        extra.insert(u"path"_s, u"/services/oauth2/token"_s);
        extra.insert(u"kind"_s, kind);
        return extra;
    }

    Profile prepareRefusal(const QString &setup)
    {
        Profile profile = m_emulator->demoProfile();
        const QString runAs = m_emulator->demoRunAsUser();
        if (setup == u"generic-host")
            profile.loginUrl = m_emulator->emulator().loginUrl();
        else if (setup == u"no-run-as")
            m_emulator->admin().changeApp(profile.clientId, {{u"clientCredentialsFlowUser"_s, QString()}});
        else if (setup == u"wrong-secret" || setup == u"wrong-secret-basic")
            profile.clientSecret = u"not-the-secret"_s;
        else if (setup == u"unknown-client")
            profile.clientId = u"3MVG9unknownConsumerKey"_s;
        else if (setup == u"inactive-user")
            m_emulator->admin().changeUser(runAs, {{u"active"_s, false}});
        else if (setup == u"flow-disabled")
            m_emulator->admin().changeApp(profile.clientId, {{u"isClientCredentialsFlowEnabled"_s, false}});
        if (setup == u"wrong-secret-basic")
            profile.clientAuth = ClientAuthMethod::Basic;
        return profile;
    }

    std::optional<EmulatorFixture> m_emulator;
};

QTEST_GUILESS_MAIN(TestClientCredentialsFlow)
#include "tst_clientcredentials_flow.moc"
