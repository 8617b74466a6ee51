// Salesforce's device flow on the token endpoint (§4.1–4.3, §12.5) and the admin API that
// answers user codes without a browser: every answer a polling device can get, over real HTTP.
#include "DeviceSteps.h"

#include "Emulator.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kAda = u"ada@ecalab.example"_s;
constexpr int kInterval = 5;   // §4.1's sample interval, the emulator's default
constexpr int kLifetime = 600; // 10 minutes (unconfirmed, §4.3)
} // namespace

class TestEmulatorDevice : public QObject
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

    void deviceRequestHasSalesforcesFieldsOnly_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("login host") << u"login"_s;
        QTest::newRow("My Domain") << u"myDomain"_s;
    }
    void deviceRequestHasSalesforcesFieldsOnly()
    {
        QFETCH(QString, host);
        const QUrl base = host == u"login" ? m_emulator->loginUrl() : m_emulator->myDomainUrl();
        const Answer a = m_steps->requestCode(base, u"api refresh_token"_s);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Cache-Control"), QByteArray("no-cache,must-revalidate,max-age=0,no-store,private"));
        // §4.1: exactly these, in this order; no expires_in, no verification_uri_complete.
        QCOMPARE(jsonKeysInOrder(a.body),
                 (QStringList{u"user_code"_s, u"device_code"_s, u"interval"_s, u"verification_uri"_s}));
        const QJsonObject o = a.json();
        QVERIFY2(QRegularExpression(u"^[A-Z0-9]{8}$"_s).match(o[u"user_code"].toString()).hasMatch(),
                 qPrintable(o[u"user_code"].toString()));
        QVERIFY(QRegularExpression(u"^[A-Za-z0-9+/]{40,}=*$"_s).match(o[u"device_code"].toString()).hasMatch());
        QCOMPARE(o[u"interval"].toInt(-1), kInterval);
        QCOMPARE(o[u"verification_uri"].toString(), base.toString() + u"/setup/connect"_s);
    }

    void deviceRequestAcceptsMultipartAndFormats()
    {
        const QByteArray boundary = "----ecalabDevice";
        const QByteArray body =
            "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"response_type\"\r\n\r\ndevice_code\r\n"
            "--" +
            boundary + "\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\n" + m_clientId.toUtf8() +
            "\r\n--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"scope\"\r\n\r\nrefresh_token web api\r\n--" + boundary +
            "--\r\n"; // sfdx-core's shape (§4.1)
        const Answer multipart = m_http.send("POST", m_steps->tokenUrl(m_emulator->loginUrl()), body,
                                             {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
        QCOMPARE(multipart.status, 200);
        QVERIFY(!multipart.json()[u"user_code"].toString().isEmpty());

        const Answer encoded = m_steps->requestCode(m_emulator->loginUrl(), {}, {{u"format"_s, u"urlencoded"_s}});
        QCOMPARE(encoded.status, 200);
        QVERIFY(encoded.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        QCOMPARE(encoded.form().queryItemValue(u"interval"_s), u"5"_s);
    }

    void deviceRequestRefusals_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::newRow("unknown client") << u"3MVG9nobody"_s << QString() << u"invalid_client_id"_s
                                        << u"client identifier invalid"_s;
        QTest::newRow("scope the app lacks") << QString() << u"api full"_s << u"invalid_scope"_s
                                             << u"requested scope is invalid, unknown, or malformed"_s;
    }
    void deviceRequestRefusals()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, scope);
        QFETCH(QString, error);
        QFETCH(QString, description);
        DeviceSteps steps(m_http, clientId.isEmpty() ? m_clientId : clientId);
        const Answer a = steps.requestCode(m_emulator->loginUrl(), scope);
        QCOMPARE(a.status, 400);
        QCOMPARE(oauthError(a), qMakePair(error, description));
        QCOMPARE(pending().size(), 0);
    }

    void flowDisabledIsRefusedOnRequestAndPoll()
    {
        const QString deviceCode = newCode().second;
        QVERIFY(m_emulator->changeApp(m_clientId, {{u"isDeviceFlowEnabled"_s, false}}));
        const auto disabled = qMakePair(u"invalid_grant"_s, u"device flow is not enabled for the app"_s);
        const Answer request = m_steps->requestCode(m_emulator->loginUrl());
        QCOMPARE(request.status, 400);
        QCOMPARE(oauthError(request), disabled);
        const Answer poll = m_steps->poll(m_emulator->loginUrl(), deviceCode);
        QCOMPARE(poll.status, 400);
        QCOMPARE(oauthError(poll), disabled);
    }

    void siteHostIsRefused()
    {
        const Answer a = m_steps->requestCode(m_emulator->siteUrl());
        QCOMPARE(a.status, 400);
        QCOMPARE(oauthError(a), qMakePair(u"invalid_grant"_s, u"request not supported on this domain"_s));
    }

    void pendingUntilApprovedThenTokenThenConsumed()
    {
        const auto [userCode, deviceCode] = newCode(u"api refresh_token openid"_s);
        for (int i = 0; i < 3; ++i) {
            const Answer a = m_steps->poll(m_emulator->loginUrl(), deviceCode);
            QCOMPARE(a.status, 400);
            QCOMPARE(oauthError(a).first, u"authorization_pending"_s);
            m_emulator->advanceClock(kInterval);
        }
        const QJsonArray listed = pending();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed[0][u"userCode"].toString(), userCode);
        QCOMPARE(listed[0][u"polls"].toInt(), 3);
        QVERIFY(!QString::fromUtf8(m_admin.get(u"/device"_s).body).contains(deviceCode)); // never shown

        const Answer approved = m_admin.approveDevice(userCode.toLower(), kAda); // codes compare case-insensitively
        QCOMPARE(approved.status, 200);
        QCOMPARE(approved.json()[u"state"].toString(), u"approved"_s);
        QCOMPARE(pending().size(), 0);

        const Answer token = m_steps->poll(m_emulator->loginUrl(), deviceCode);
        QCOMPARE(token.status, 200);
        const QJsonObject o = token.json();
        QVERIFY(o[u"access_token"].toString().startsWith(u"00D5g00000EcaLb!"_s));
        QCOMPARE(o[u"scope"].toString(), u"api refresh_token openid"_s);
        QCOMPARE(o[u"token_type"].toString(), u"Bearer"_s);
        QVERIFY(o[u"id"].toString().startsWith(m_emulator->loginUrl().toString() + u"/id/00D5g00000EcaLbEAJ/"_s));
        QCOMPARE(o[u"instance_url"].toString(), m_emulator->myDomainUrl().toString());
        QVERIFY(!o.contains(u"expires_in"));
        // §1.4: refresh_token and id_token because refresh_token and openid were granted.
        QCOMPARE(jsonKeysInOrder(token.body),
                 (QStringList{u"access_token"_s, u"refresh_token"_s, u"signature"_s, u"scope"_s, u"id_token"_s,
                              u"instance_url"_s, u"id"_s, u"token_type"_s, u"issued_at"_s}));
        QVERIFY(!o[u"refresh_token"].toString().isEmpty());
        const QList<QByteArray> jwt = o[u"id_token"].toString().toLatin1().split('.');
        QCOMPARE(jwt.size(), 3);
        const QJsonObject claims =
            QJsonDocument::fromJson(
                QByteArray::fromBase64(jwt[1], QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
                .object();
        QCOMPARE(claims[u"aud"].toString(), m_clientId);
        QCOMPARE(claims[u"sub"].toString(), o[u"id"].toString());
        QCOMPARE(claims[u"iss"].toString(), m_emulator->loginUrl().toString());
        QVERIFY(qAbs(claims[u"auth_time"].toInteger() - m_emulator->nowMs() / 1000) < 60);
        // The session belongs to the user who approved.
        const Answer userinfo = m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo"_s),
                                           {{"Authorization", Http::bearer(o[u"access_token"].toString())}});
        QCOMPARE(userinfo.status, 200);
        QCOMPARE(userinfo.json()[u"user_id"].toString(), o[u"id"].toString().section(u'/', -1)); // no profile: §9

        // §4.3: a consumed code.
        m_emulator->advanceClock(kInterval);
        const Answer again = m_steps->poll(m_emulator->loginUrl(), deviceCode);
        QCOMPARE(again.status, 400);
        QCOMPARE(oauthError(again), qMakePair(u"invalid_grant"_s, u"token exchange failed"_s));
        QCOMPARE(m_admin.approveDevice(userCode, kAda).status, 409);
    }

    void scopeDefaultsToTheAppsScopes()
    {
        const QString deviceCode = newCode().second;
        QCOMPARE(m_admin.approveDevice(pending()[0][u"userCode"].toString(), kAda).status, 200);
        const Answer token = m_steps->poll(m_emulator->loginUrl(), deviceCode);
        QCOMPARE(token.status, 200);
        const QStringList scopes = token.json()[u"scope"].toString().split(u' ');
        for (const QString &scope : {u"api"_s, u"refresh_token"_s, u"openid"_s, u"id"_s, u"web"_s})
            QVERIFY2(scopes.contains(scope), qPrintable(scope));
        QVERIFY(token.json().contains(u"refresh_token"));
        QVERIFY(token.json().contains(u"id_token"));
    }

    void noRefreshOrIdTokenUnlessGranted()
    {
        const QString deviceCode = newCode(u"api"_s).second;
        QCOMPARE(m_admin.approveDevice(pending()[0][u"userCode"].toString(), kAda).status, 200);
        const Answer token = m_steps->poll(m_emulator->loginUrl(), deviceCode);
        QCOMPARE(token.status, 200);
        QCOMPARE(token.json()[u"scope"].toString(), u"api"_s);
        QVERIFY(!token.json().contains(u"refresh_token"));
        QVERIFY(!token.json().contains(u"id_token"));
    }

    void pollingTooFastIsSlowDownAndRaisesTheInterval()
    {
        const auto [userCode, deviceCode] = newCode();
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"authorization_pending"_s);
        m_emulator->advanceClock(kInterval - 1);
        const Answer fast = m_steps->poll(m_emulator->loginUrl(), deviceCode);
        QCOMPARE(fast.status, 400);
        QCOMPARE(oauthError(fast), qMakePair(u"slow_down"_s, u"polling too quickly for the token endpoint"_s));
        QCOMPARE(pending()[0][u"intervalSeconds"].toInt(), kInterval + 5);
        // The old interval is no longer enough; the raised one is.
        m_emulator->advanceClock(kInterval);
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"slow_down"_s);
        m_emulator->advanceClock(kInterval + 10);
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"authorization_pending"_s);
        // Once approved, the token is given even to a hurried poll.
        QCOMPARE(m_admin.approveDevice(userCode, kAda).status, 200);
        QCOMPARE(m_steps->poll(m_emulator->loginUrl(), deviceCode).status, 200);
    }

    void aPollSlightlyEarlyIsOnTime()
    {
        const QString deviceCode = newCode().second;
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"authorization_pending"_s);
        // Timer jitter: 4.6 s for a 5 s interval is tolerated (DeviceGrantRules::kEarlyPollToleranceMs).
        QCOMPARE(m_admin.advanceClock(kInterval - 0.4).status, 200);
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"authorization_pending"_s);
        QCOMPARE(m_admin.advanceClock(kInterval - 1.0).status, 200);
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"slow_down"_s);
    }

    void slowDownCanBeSwitchedOffForManualClocks()
    {
        const Answer settings =
            m_admin.changeDeviceSettings({{u"enforceInterval"_s, false}, {u"intervalSeconds"_s, 1}});
        QCOMPARE(settings.status, 200);
        QCOMPARE(settings.json()[u"enforceInterval"].toBool(true), false);
        const Answer code = m_steps->requestCode(m_emulator->loginUrl());
        QCOMPARE(code.json()[u"interval"].toInt(), 1);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), code.json()[u"device_code"].toString())).first,
                     u"authorization_pending"_s);
    }

    void deniedCodeAnswersAccessDenied()
    {
        const auto [userCode, deviceCode] = newCode();
        const Answer denied = m_admin.denyDevice(userCode);
        QCOMPARE(denied.status, 200);
        QCOMPARE(denied.json()[u"state"].toString(), u"denied"_s);
        for (int i = 0; i < 2; ++i) { // it stays denied
            const Answer a = m_steps->poll(m_emulator->loginUrl(), deviceCode);
            QCOMPARE(a.status, 400);
            QCOMPARE(oauthError(a), qMakePair(u"access_denied"_s, u"end-user denied authorization"_s));
            m_emulator->advanceClock(kInterval);
        }
        QCOMPARE(m_admin.approveDevice(userCode, kAda).status, 409);
    }

    void codeExpiresAfterTenMinutes()
    {
        const auto [userCode, deviceCode] = newCode();
        m_emulator->advanceClock(kLifetime - 1);
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"authorization_pending"_s);
        m_emulator->advanceClock(1);
        const Answer expired = m_steps->poll(m_emulator->loginUrl(), deviceCode);
        QCOMPARE(expired.status, 400);
        QCOMPARE(oauthError(expired), qMakePair(u"invalid_grant"_s, u"expired device code"_s));
        const Answer late = m_admin.approveDevice(userCode, kAda);
        QCOMPARE(late.status, 409);
        QVERIFY(late.json()[u"error"].toString().contains(u"expired"_s));
        QCOMPARE(pending().size(), 0);
        QCOMPARE(m_admin.get(u"/device/codes"_s).jsonArray()[0][u"expired"].toBool(), true);
    }

    void lifetimeIsASetting()
    {
        QCOMPARE(m_admin.changeDeviceSettings({{u"lifetimeSeconds"_s, 30}}).status, 200);
        const QString deviceCode = newCode().second;
        m_emulator->advanceClock(30);
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).second, u"expired device code"_s);
    }

    void unknownOrForeignCodesFailTheExchange()
    {
        const QString deviceCode = newCode().second;
        const Answer unknown = m_steps->poll(m_emulator->loginUrl(), u"bm90IGEgY29kZQ=="_s);
        QCOMPARE(oauthError(unknown), qMakePair(u"invalid_grant"_s, u"token exchange failed"_s));
        const Answer missing = m_steps->poll(m_emulator->loginUrl(), QString());
        QCOMPARE(missing.status, 400);
        QCOMPARE(oauthError(missing).first, u"invalid_request"_s);
        // Another app may not redeem this app's code.
        const Answer other = m_admin.call("POST", u"/apps"_s,
                                            {{u"fullName"_s, u"Other_App"_s},
                                             {u"consumerKey"_s, u"3MVG9OtherApp"_s},
                                             {u"consumerSecret"_s, u"Other_Secret_123"_s},
                                             {u"callbackUrl"_s, u"http://localhost:1717/cb"_s},
                                             {u"commaSeparatedOauthScopes"_s, u"Api"_s},
                                             {u"isDeviceFlowEnabled"_s, true}});
        QCOMPARE(other.status, 200);
        DeviceSteps otherApp(m_http, u"3MVG9OtherApp"_s);
        QCOMPARE(oauthError(otherApp.poll(m_emulator->loginUrl(), deviceCode)).second, u"token exchange failed"_s);
    }

    void adminRefusesBadAnswers()
    {
        const QString userCode = newCode().first;
        QCOMPARE(m_admin.approveDevice(u"NOSUCH00"_s, kAda).status, 404);
        QCOMPARE(m_admin.approveDevice(userCode, u"nobody@ecalab.example"_s).status, 400);
        QVERIFY(m_emulator->changeUser(kAda, {{u"active"_s, false}}));
        const Answer inactive = m_admin.approveDevice(userCode, kAda);
        QCOMPARE(inactive.status, 400);
        QVERIFY(inactive.json()[u"error"].toString().contains(u"inactive"_s));
        QCOMPARE(m_admin.call("POST", u"/device/approve"_s, {}).status, 400);
        QCOMPARE(m_admin.changeDeviceSettings({{u"dialect"_s, u"oauth1"_s}}).status, 400);
        QCOMPARE(m_admin.changeDeviceSettings({{u"lifetimeSeconds"_s, 0}}).status, 400);
        QCOMPARE(m_admin.get(u"/device/nothing"_s).status, 404);
        QCOMPARE(pending().size(), 1); // none of that answered the code
    }

    void resetForgetsCodesAndSettings()
    {
        QCOMPARE(m_admin.changeDeviceSettings({{u"intervalSeconds"_s, 9}}).status, 200);
        const QString deviceCode = newCode().second;
        m_emulator->reset();
        QCOMPARE(m_admin.get(u"/device/codes"_s).jsonArray().size(), 0);
        QCOMPARE(m_admin.get(u"/device/settings"_s).json()[u"intervalSeconds"].toInt(), kInterval);
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).second, u"token exchange failed"_s);
    }

private:
    // A fresh device code: {user_code, device_code}.
    QPair<QString, QString> newCode(const QString &scope = {})
    {
        const Answer a = m_steps->requestCode(m_emulator->loginUrl(), scope);
        if (a.status != 200)
            qWarning("device request failed: %s", a.body.constData());
        return {a.json()[u"user_code"].toString(), a.json()[u"device_code"].toString()};
    }
    QJsonArray pending() { return m_admin.get(u"/device/pending"_s).jsonArray(); }

    std::optional<Emulator> m_emulator;
    Http m_http;
    std::optional<DeviceSteps> m_steps;
    EmulatorAdmin m_admin;
    QString m_clientId;
};

QTEST_GUILESS_MAIN(TestEmulatorDevice)
#include "tst_emulator_device.moc"
