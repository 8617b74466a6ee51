// The emulator's standard RFC 8628 mode: off by default (Salesforce advertises no device endpoint,
// §4.4, §7.9); when on, discovery names the device authorization endpoint, which answers RFC 8628
// §3.2, and the urn polling grant answers §3.5's errors. Salesforce's own dialect keeps working.
#include "DeviceSteps.h"

#include "Emulator.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kAda = u"ada@ecalab.example"_s;
constexpr int kInterval = 5;
} // namespace

class TestEmulatorDeviceRfc : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_clientId = m_emulator->demoProfile()[u"clientId"].toString();
        m_steps.emplace(m_http, m_clientId);
    }
    void cleanup()
    {
        m_steps.reset();
        m_emulator.reset();
    }

    void offByDefault()
    {
        QVERIFY(!discovery(m_emulator->loginUrl()).contains(u"device_authorization_endpoint"));
        QCOMPARE(m_steps->requestRfcCode(m_emulator->loginUrl()).status, 404);
        const QString deviceCode = m_steps->requestCode(m_emulator->loginUrl()).json()[u"device_code"].toString();
        const Answer poll = m_steps->poll(m_emulator->loginUrl(), deviceCode, /*rfc=*/true);
        QCOMPARE(poll.status, 400);
        QCOMPARE(oauthError(poll), qMakePair(u"unsupported_grant_type"_s, u"grant type not supported"_s));
    }

    void discoveryAdvertisesTheEndpoint_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("login host") << u"login"_s;
        QTest::newRow("My Domain") << u"myDomain"_s;
    }
    void discoveryAdvertisesTheEndpoint()
    {
        QFETCH(QString, host);
        switchOn();
        const QUrl base = host == u"login" ? m_emulator->loginUrl() : m_emulator->myDomainUrl();
        const QString endpoint = discovery(base)[u"device_authorization_endpoint"].toString();
        QCOMPARE(endpoint, base.toString() + u"/services/oauth2/device/authorize"_s);

        const Answer a = m_http.postForm(QUrl(endpoint), {{u"client_id"_s, m_clientId}, {u"scope"_s, u"api"_s}});
        QCOMPARE(a.status, 200);
        QCOMPARE(jsonKeysInOrder(a.body),
                 (QStringList{u"device_code"_s, u"user_code"_s, u"verification_uri"_s, u"verification_uri_complete"_s,
                              u"expires_in"_s, u"interval"_s}));
        const QJsonObject o = a.json();
        const QString verification = base.toString() + u"/setup/connect"_s;
        QCOMPARE(o[u"verification_uri"].toString(), verification);
        QCOMPARE(o[u"verification_uri_complete"].toString(),
                 verification + u"?user_code="_s + o[u"user_code"].toString());
        QCOMPARE(o[u"expires_in"].toInt(), 600);
        QCOMPARE(o[u"interval"].toInt(), kInterval);
        QCOMPARE(m_http.get(QUrl(endpoint)).status, 400); // RFC 8628 §3.1: POST only
    }

    void endpointRefusesLikeTheTokenEndpoint()
    {
        switchOn();
        DeviceSteps stranger(m_http, u"3MVG9nobody"_s);
        QCOMPARE(oauthError(stranger.requestRfcCode(m_emulator->loginUrl())).first, u"invalid_client_id"_s);
        QCOMPARE(oauthError(m_steps->requestRfcCode(m_emulator->loginUrl(), u"full"_s)).first, u"invalid_scope"_s);
        QVERIFY(m_emulator->changeApp(m_clientId, {{u"isDeviceFlowEnabled"_s, false}}));
        const Answer off = m_steps->requestRfcCode(m_emulator->loginUrl());
        QCOMPARE(off.status, 400);
        QCOMPARE(oauthError(off).second, u"device flow is not enabled for the app"_s);
    }

    void pollingAnswersRfcErrors()
    {
        switchOn();
        const auto [userCode, deviceCode] = newCode();
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode, true)).first, u"authorization_pending"_s);
        const Answer fast = m_steps->poll(m_emulator->loginUrl(), deviceCode, true);
        QCOMPARE(fast.status, 400);
        QCOMPARE(oauthError(fast).first, u"slow_down"_s);
        m_emulator->advanceClock(kInterval + 5);
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode, true)).first, u"authorization_pending"_s);
        // Polling by the Salesforce parameter name is not the RFC request.
        const Answer wrongName =
            m_http.postForm(m_steps->tokenUrl(m_emulator->loginUrl()),
                            {{u"grant_type"_s, kRfcGrant}, {u"client_id"_s, m_clientId}, {u"code"_s, deviceCode}});
        QCOMPARE(oauthError(wrongName).first, u"invalid_request"_s);

        QCOMPARE(m_admin.approveDevice(userCode, kAda).status, 200);
        const Answer token = m_steps->poll(m_emulator->loginUrl(), deviceCode, true);
        QCOMPARE(token.status, 200);
        QVERIFY(!token.json()[u"access_token"].toString().isEmpty());
        const Answer used = m_steps->poll(m_emulator->loginUrl(), deviceCode, true);
        QCOMPARE(oauthError(used), qMakePair(u"invalid_grant"_s, u"token exchange failed"_s));
    }

    void deniedIsAccessDenied()
    {
        switchOn();
        const auto [userCode, deviceCode] = newCode();
        QCOMPARE(m_admin.denyDevice(userCode).status, 200);
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode, true)).first, u"access_denied"_s);
    }

    void expiredIsExpiredToken()
    {
        switchOn();
        QCOMPARE(m_admin.changeDeviceSettings({{u"lifetimeSeconds"_s, 120}}).status, 200);
        const Answer code = m_steps->requestRfcCode(m_emulator->loginUrl());
        QCOMPARE(code.json()[u"expires_in"].toInt(), 120);
        m_emulator->advanceClock(120);
        const Answer expired = m_steps->poll(m_emulator->loginUrl(), code.json()[u"device_code"].toString(), true);
        QCOMPARE(expired.status, 400);
        QCOMPARE(oauthError(expired).first, u"expired_token"_s);
    }

    void salesforceDialectStillWorksInRfcMode()
    {
        switchOn();
        const Answer sf = m_steps->requestCode(m_emulator->loginUrl());
        QCOMPARE(sf.status, 200);
        QVERIFY(!sf.json().contains(u"expires_in"));
        QCOMPARE(m_admin.approveDevice(sf.json()[u"user_code"].toString(), kAda).status, 200);
        QCOMPARE(m_steps->poll(m_emulator->loginUrl(), sf.json()[u"device_code"].toString()).status, 200);
    }

    void switchingBackHidesTheEndpoint()
    {
        switchOn();
        const Answer off = m_admin.changeDeviceSettings({{u"dialect"_s, u"salesforce"_s}});
        QCOMPARE(off.status, 200);
        QCOMPARE(off.json()[u"rfc8628"].toBool(true), false);
        QVERIFY(!discovery(m_emulator->myDomainUrl()).contains(u"device_authorization_endpoint"));
        QCOMPARE(m_steps->requestRfcCode(m_emulator->myDomainUrl()).status, 404);
    }

private:
    void switchOn()
    {
        const Answer a = m_admin.changeDeviceSettings({{u"dialect"_s, u"rfc8628"_s}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json()[u"rfc8628"].toBool(), true);
    }
    QJsonObject discovery(const QUrl &base)
    {
        return m_http.get(join(base, u"/.well-known/openid-configuration"_s)).json();
    }
    QPair<QString, QString> newCode()
    {
        const Answer a = m_steps->requestRfcCode(m_emulator->loginUrl());
        return {a.json()[u"user_code"].toString(), a.json()[u"device_code"].toString()};
    }

    std::optional<Emulator> m_emulator;
    Http m_http;
    std::optional<DeviceSteps> m_steps;
    EmulatorAdmin m_admin;
    QString m_clientId;
};

QTEST_GUILESS_MAIN(TestEmulatorDeviceRfc)
#include "tst_emulator_device_rfc.moc"
