// The device flow's requests and answers as values (§4.1, §4.3, §4.4, RFC 8628 §3.1–§3.5), and the
// two profile fields that steer it.
#include "grants/device/DeviceRequests.h"

#include <QJsonDocument>
#include <QTest>

using namespace ecalab;
using namespace ecalab::device;
using namespace Qt::Literals::StringLiterals;

namespace {
Profile profile()
{
    Profile p;
    p.loginUrl = QUrl(u"https://login.salesforce.com"_s);
    p.clientId = u"3MVG9.key_1"_s;
    p.clientSecret = u"S3cret"_s;
    p.scopes = {u"api"_s, u"refresh_token"_s};
    return p;
}

Config config()
{
    auto c = Config::fromProfile(profile(), u"Check settings"_s);
    if (!c)
        qFatal("test profile does not validate");
    return c.value();
}

// JSON written with single quotes, so no raw string literal (moc misreads those holding "//").
QByteArray q(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(q(text)).object();
}
} // namespace

class TestDeviceRequests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void salesforceDeviceRequestGoesToTheTokenEndpoint()
    {
        const Config c = config();
        QCOMPARE(c.tokenEndpoint.toString(), u"https://login.salesforce.com/services/oauth2/token"_s);
        const HttpRequest r = buildDeviceRequest(c, Protocol::Salesforce, c.tokenEndpoint);
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url, c.tokenEndpoint);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(r.body, QByteArray("response_type=device_code&client_id=3MVG9.key_1&scope=api%20refresh_token"));
    }

    void rfcDeviceRequestGoesToTheAdvertisedEndpoint()
    {
        const QUrl endpoint(u"https://login.example.com/device/authorize"_s);
        const HttpRequest r = buildDeviceRequest(config(), Protocol::Rfc8628, endpoint);
        QCOMPARE(r.url, endpoint);
        QCOMPARE(r.body, QByteArray("client_id=3MVG9.key_1&scope=api%20refresh_token"));
    }

    void scopeIsLeftOutWhenTheProfileHasNone()
    {
        Config c = config();
        c.scopes.clear();
        QCOMPARE(buildDeviceRequest(c, Protocol::Salesforce, c.tokenEndpoint).body,
                 QByteArray("response_type=device_code&client_id=3MVG9.key_1"));
    }

    void theSecretIsNeverSent()
    {
        const Config c = config();
        for (const Protocol p : {Protocol::Salesforce, Protocol::Rfc8628}) {
            QVERIFY(!buildDeviceRequest(c, p, c.tokenEndpoint).body.contains("S3cret"));
            QVERIFY(!buildPollRequest(c, p, u"dc"_s).body.contains("S3cret"));
        }
    }

    void pollsDifferByDialect()
    {
        const Config c = config();
        const HttpRequest sf = buildPollRequest(c, Protocol::Salesforce, u"M01WRz+/="_s);
        QCOMPARE(sf.url, c.tokenEndpoint);
        QCOMPARE(sf.body, QByteArray("grant_type=device&client_id=3MVG9.key_1&code=M01WRz%2B%2F%3D"));
        const HttpRequest rfc = buildPollRequest(c, Protocol::Rfc8628, u"M01WRz+/="_s);
        QCOMPARE(rfc.url, c.tokenEndpoint);
        QCOMPARE(rfc.body, QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"
                                      "&device_code=M01WRz%2B%2F%3D&client_id=3MVG9.key_1"));
    }

    void settingsAreCheckedBeforeSending_data()
    {
        QTest::addColumn<QString>("loginUrl");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no login url") << QString() << u"k"_s << u"Login URL"_s;
        QTest::newRow("plain http remote") << u"http://login.salesforce.com"_s << u"k"_s << u"https"_s;
        QTest::newRow("no client id") << u"https://login.salesforce.com"_s << QString() << u"consumer key"_s;
    }
    void settingsAreCheckedBeforeSending()
    {
        QFETCH(QString, loginUrl);
        QFETCH(QString, clientId);
        QFETCH(QString, mentions);
        Profile p = profile();
        p.loginUrl = QUrl(loginUrl);
        p.clientId = clientId;
        const auto c = Config::fromProfile(p, u"Check settings"_s);
        QVERIFY(!c);
        QCOMPARE(c.error().kind, FlowError::Kind::Configuration);
        QCOMPARE(c.error().exitCode(), 2);
        QVERIFY2(c.error().explanation.contains(mentions), qPrintable(c.error().explanation));
    }

    void noSecretIsNeeded()
    {
        Profile p = profile();
        p.clientSecret.clear();
        QVERIFY(Config::fromProfile(p, u"Check settings"_s)); // a public client (§4)
    }

    void salesforceAnswerParses()
    {
        // The shape of §4.1: no expires_in, no verification_uri_complete.
        const auto a = parseAuthorization(json("{'user_code':'X1D9SEET','device_code':'M01WRzlKWHc1', 'interval':5,'verification_uri':'https://login.salesforce.com/setup/connect'}"));
        QVERIFY2(a, a ? "" : qPrintable(a.error()));
        QCOMPARE(a->userCode, u"X1D9SEET"_s);
        QCOMPARE(a->deviceCode, u"M01WRzlKWHc1"_s);
        QCOMPARE(a->intervalSeconds, 5);
        QCOMPARE(a->verificationUrl.toString(), u"https://login.salesforce.com/setup/connect"_s);
        QVERIFY(a->verificationUrlComplete.isEmpty());
        QVERIFY(!a->expiresInSeconds);
        QVERIFY(a->warnings.isEmpty());
        QCOMPARE(lifetimeSeconds(config(), *a), kAssumedLifetimeSeconds);
        QCOMPARE(kAssumedLifetimeSeconds, 600);
    }

    void rfcAnswerParses()
    {
        const auto a = parseAuthorization(json("{'device_code':'GmRh','user_code':'WDJB-MJHT', 'verification_uri':'https://example.com/device','verification_uri_complete':'https://example.com/device?user_code=WDJB-MJHT', 'expires_in':1800,'interval':7}"));
        QVERIFY(a);
        QCOMPARE(a->userCode, u"WDJB-MJHT"_s);
        QCOMPARE(a->verificationUrlComplete.toString(), u"https://example.com/device?user_code=WDJB-MJHT"_s);
        QCOMPARE(a->intervalSeconds, 7);
        QCOMPARE(*a->expiresInSeconds, 1800);
        QCOMPARE(lifetimeSeconds(config(), *a), 1800);
        Config overridden = config();
        overridden.lifetimeOverrideSeconds = 90; // the profile wins over the server
        QCOMPARE(lifetimeSeconds(overridden, *a), 90);
    }

    void numbersMayArriveAsText()
    {
        // format=urlencoded or xml (§1.3) carries every value as a string.
        const auto a = parseAuthorization({{u"device_code"_s, u"d"_s}, {u"user_code"_s, u"U"_s},
                                           {u"verification_uri"_s, u"https://h/setup/connect"_s},
                                           {u"interval"_s, u"10"_s}, {u"expires_in"_s, u"300"_s}});
        QVERIFY(a);
        QCOMPARE(a->intervalSeconds, 10);
        QCOMPARE(*a->expiresInSeconds, 300);
    }

    void oddIntervalsFallBackToFiveSeconds_data()
    {
        QTest::addColumn<QJsonValue>("interval");
        QTest::newRow("zero") << QJsonValue(0);
        QTest::newRow("negative") << QJsonValue(-3);
        QTest::newRow("fraction") << QJsonValue(2.5);
        QTest::newRow("an hour") << QJsonValue(3600);
        QTest::newRow("text") << QJsonValue(u"soon"_s);
        QTest::newRow("beyond any integer") << QJsonValue(1e300); // refused before any cast
    }
    void oddIntervalsFallBackToFiveSeconds()
    {
        QFETCH(QJsonValue, interval);
        const auto a = parseAuthorization({{u"device_code"_s, u"d"_s}, {u"user_code"_s, u"U"_s},
                                           {u"verification_uri"_s, u"https://h/setup/connect"_s}, {u"interval"_s, interval}});
        QVERIFY(a);
        QCOMPARE(a->intervalSeconds, kDefaultIntervalSeconds);
        QCOMPARE(a->warnings.size(), 1);
        QVERIFY(a->warnings.first().contains(u"interval"));
    }

    void missingIntervalMeansFiveSeconds()
    {
        const auto a = parseAuthorization(
            {{u"device_code"_s, u"d"_s}, {u"user_code"_s, u"U"_s}, {u"verification_uri"_s, u"https://h/setup/connect"_s}});
        QVERIFY(a);
        QCOMPARE(a->intervalSeconds, 5);
        QVERIFY(a->warnings.isEmpty());
    }

    void unusableAnswersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no device code") << q("{'user_code':'U','verification_uri':'https://h/x'}") << u"device_code"_s;
        QTest::newRow("no user code") << q("{'device_code':'d','verification_uri':'https://h/x'}") << u"user_code"_s;
        QTest::newRow("no verification uri") << q("{'device_code':'d','user_code':'U'}") << u"verification_uri"_s;
        QTest::newRow("javascript: url")
            << q("{'device_code':'d','user_code':'U','verification_uri':'javascript:alert(1)'}") << u"http(s)"_s;
        QTest::newRow("file url")
            << q("{'device_code':'d','user_code':'U','verification_uri':'file:///etc/passwd'}") << u"http(s)"_s;
        QTest::newRow("url is a number")
            << q("{'device_code':'d','user_code':'U','verification_uri':42}") << u"verification_uri"_s;
        QTest::newRow("control characters in the code")
            << QByteArray("{\"device_code\":\"d\",\"user_code\":\"AB\\u001b[2JCD\",\"verification_uri\":\"https://h/x\"}")
            << u"printable"_s;
        QTest::newRow("a novel for a code")
            << (q("{'device_code':'d','verification_uri':'https://h/x','user_code':'") + QByteArray(500, 'A') + q("'}"))
            << u"printable"_s;
    }
    void unusableAnswersAreRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        const auto a = parseAuthorization(QJsonDocument::fromJson(body).object());
        QVERIFY(!a);
        QVERIFY2(a.error().contains(mentions), qPrintable(a.error()));
    }

    void aBadCompleteUrlIsDroppedWithAWarning()
    {
        const auto a = parseAuthorization(json("{'device_code':'d','user_code':'U','verification_uri':'https://h/x', 'verification_uri_complete':'data:text/html,hi'}"));
        QVERIFY(a);
        QVERIFY(a->verificationUrlComplete.isEmpty());
        QCOMPARE(a->warnings.size(), 1);
    }

    void discoveryAdvertisesTheDeviceEndpoint_data()
    {
        QTest::addColumn<QByteArray>("discovery");
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("Salesforce (none, §7.9)")
            << q("{'issuer':'https://login.salesforce.com','token_endpoint':'https://login.salesforce.com/services/oauth2/token'}")
            << QString();
        QTest::newRow("RFC 8414 server")
            << q("{'device_authorization_endpoint':'https://as.example/device'}") << u"https://as.example/device"_s;
        QTest::newRow("not a web url") << q("{'device_authorization_endpoint':'ftp://as.example/device'}") << QString();
        QTest::newRow("not a string") << q("{'device_authorization_endpoint':true}") << QString();
    }
    void discoveryAdvertisesTheDeviceEndpoint()
    {
        QFETCH(QByteArray, discovery);
        QFETCH(QString, endpoint);
        QCOMPARE(advertisedDeviceEndpoint(QJsonDocument::fromJson(discovery).object()).toString(), endpoint);
    }

    void pollAnswersAreClassified_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::addColumn<int>("verdict");
        QTest::newRow("pending") << u"authorization_pending"_s << QString() << int(PollVerdict::Pending);
        QTest::newRow("slow down (§4.3)") << u"slow_down"_s << u"polling too quickly for the token endpoint"_s
                                          << int(PollVerdict::SlowDown);
        QTest::newRow("denied (RFC)") << u"access_denied"_s << QString() << int(PollVerdict::Denied);
        QTest::newRow("denied (docs spelling)") << u"access-denied"_s << u"end-user denied authorization"_s
                                                << int(PollVerdict::Denied);
        QTest::newRow("expired (RFC)") << u"expired_token"_s << QString() << int(PollVerdict::Expired);
        QTest::newRow("expired (invalid_grant)") << u"invalid_grant"_s << u"expired device code"_s << int(PollVerdict::Expired);
        QTest::newRow("denied (invalid_grant)") << u"invalid_grant"_s << u"user denied the request"_s
                                                << int(PollVerdict::Denied);
        QTest::newRow("consumed (§4.3)") << u"invalid_grant"_s << u"token exchange failed"_s << int(PollVerdict::Refused);
        QTest::newRow("flow disabled") << u"invalid_grant"_s << u"device flow is not enabled for the app"_s
                                       << int(PollVerdict::Refused);
        QTest::newRow("unknown client") << u"invalid_client_id"_s << u"client identifier invalid"_s
                                        << int(PollVerdict::Refused);
    }
    void pollAnswersAreClassified()
    {
        QFETCH(QString, error);
        QFETCH(QString, description);
        QFETCH(int, verdict);
        QCOMPARE(int(classifyPollError(error, description)), verdict);
    }

    void profileFieldsRoundTrip()
    {
        const auto p = Profile::fromJson({{u"deviceDialect"_s, u"rfc8628"_s}, {u"deviceCodeLifetimeSeconds"_s, 900}});
        QVERIFY(p);
        QCOMPARE(p->deviceDialect, DeviceDialect::Rfc8628);
        QCOMPARE(p->deviceCodeLifetimeSeconds, 900);
        QVERIFY(p->unknownFieldWarnings().isEmpty());
        const QJsonObject written = p->toJson();
        QCOMPARE(written.value(u"deviceDialect").toString(), u"rfc8628"_s);
        QCOMPARE(written.value(u"deviceCodeLifetimeSeconds").toInt(), 900);
        const auto defaults = Profile::fromJson({});
        QCOMPARE(defaults->deviceDialect, DeviceDialect::Auto);
        QVERIFY(!defaults->toJson().contains(u"deviceDialect"));
        QCOMPARE(Config::fromProfile(*p, {}).error().kind, FlowError::Kind::Configuration); // no login URL
    }

    void badProfileFieldsNameThemselves_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("unknown dialect") << u"deviceDialect"_s << QJsonValue(u"rfc6749"_s);
        QTest::newRow("negative lifetime") << u"deviceCodeLifetimeSeconds"_s << QJsonValue(-1);
        QTest::newRow("fractional lifetime") << u"deviceCodeLifetimeSeconds"_s << QJsonValue(1.5);
        QTest::newRow("lifetime as text") << u"deviceCodeLifetimeSeconds"_s << QJsonValue(u"600"_s);
        QTest::newRow("lifetime of a week") << u"deviceCodeLifetimeSeconds"_s << QJsonValue(604800);
        // Found by fuzz_profile: no int holds it, so the range is checked before the cast.
        QTest::newRow("lifetime beyond int") << u"deviceCodeLifetimeSeconds"_s << QJsonValue(7e18);
        QTest::newRow("assertion lifetime beyond int") << u"assertionLifetimeSeconds"_s << QJsonValue(-1e300);
    }
    void badProfileFieldsNameThemselves()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        const auto p = Profile::fromJson({{field, value}});
        QVERIFY(!p);
        QVERIFY2(p.error().contains(field), qPrintable(p.error()));
    }
};

QTEST_GUILESS_MAIN(TestDeviceRequests)
#include "tst_devicerequests.moc"
