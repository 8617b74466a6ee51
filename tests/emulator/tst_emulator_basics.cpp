// The emulator's building blocks (IDs, form and multipart parsing, format negotiation, scopes)
// and its life cycle: start, stop, ports, the describe/profile contract, seeds and their errors.
#include "EmulatorHttp.h"

#include "Emulator.h"
#include "emu/FormData.h"
#include "emu/ResponseFormat.h"
#include "emu/SalesforceId.h"
#include "emu/Scopes.h"

#include <QFile>
#include <QFileInfo>
#include <QTcpServer>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
QJsonObject demoSeed()
{
    QFile file(u":/emulator/demo/demo-org.json"_s);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Sets `value` at a path like "apps/0/isPkceRequired" (an empty value removes the key).
QJsonObject withValue(QJsonObject seed, const QString &path, const QJsonValue &value)
{
    const QStringList parts = path.split(u'/');
    std::function<QJsonValue(QJsonValue, int)> set = [&](QJsonValue node, int i) -> QJsonValue {
        if (i == parts.size())
            return value;
        if (node.isArray()) {
            QJsonArray array = node.toArray();
            const int index = parts[i].toInt();
            array[index] = set(array.at(index), i + 1);
            return array;
        }
        QJsonObject object = node.toObject();
        if (i == parts.size() - 1 && value.isUndefined())
            object.remove(parts[i]);
        else
            object[parts[i]] = set(object.value(parts[i]), i + 1);
        return object;
    };
    return set(seed, 0).toObject();
}
} // namespace

class TestEmulatorBasics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void salesforceIdSuffix_data()
    {
        QTest::addColumn<QString>("id15");
        QTest::addColumn<QString>("id18");
        // Samples from the protocol reference (§1.6, §2, §7.4) and a classic account ID.
        QTest::newRow("org") << u"00Dxx0000001gPL"_s << u"00Dxx0000001gPLEAY"_s;
        QTest::newRow("user") << u"005xx000001SwiU"_s << u"005xx000001SwiUAAS"_s;
        QTest::newRow("user 2") << u"005xx000001Sv6A"_s << u"005xx000001Sv6AAAS"_s;
        QTest::newRow("account") << u"001A0000006Vm9r"_s << u"001A0000006Vm9rIAC"_s;
        QTest::newRow("all upper") << u"ABCDEABCDEABCDE"_s << u"ABCDEABCDEABCDE555"_s;
        QTest::newRow("all lower") << u"abcdeabcdeabcde"_s << u"abcdeabcdeabcdeAAA"_s;
    }
    void salesforceIdSuffix()
    {
        QFETCH(QString, id15);
        QFETCH(QString, id18);
        QCOMPARE(SalesforceId::to18(id15), id18);
        QCOMPARE(SalesforceId::to15(id18), id15);
        QVERIFY(SalesforceId::sameId(id15, id18));
    }

    void salesforceIdValidation_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("why");
        QTest::newRow("15 ok") << u"00Dxx0000001gPL"_s << true << QString();
        QTest::newRow("18 ok") << u"00Dxx0000001gPLEAY"_s << true << QString();
        QTest::newRow("bad suffix") << u"00Dxx0000001gPLAAA"_s << false << u"suffix"_s;
        QTest::newRow("wrong prefix") << u"005xx000001SwiU"_s << false << u"00D"_s;
        QTest::newRow("too short") << u"00Dxx"_s << false << u"15 or 18"_s;
        QTest::newRow("punctuation") << u"00Dxx0000001g-L"_s << false << u"letters and digits"_s;
    }
    void salesforceIdValidation()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QFETCH(QString, why);
        QString reason;
        QCOMPARE(SalesforceId::isValid(id, u"00D", &reason), valid);
        QVERIFY2(reason.contains(why), qPrintable(reason));
    }

    void urlEncodedForms_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << QByteArray("a=1&grant_type=client_credentials") << u"grant_type"_s
                               << u"client_credentials"_s;
        QTest::newRow("plus is space") << QByteArray("scope=api+openid") << u"scope"_s << u"api openid"_s;
        QTest::newRow("percent") << QByteArray("code=aPrx%3D%3D") << u"code"_s << u"aPrx=="_s;
        QTest::newRow("first wins") << QByteArray("x=1&x=2") << u"x"_s << u"1"_s;
        QTest::newRow("no value") << QByteArray("flag&y=2") << u"flag"_s << QString();
    }
    void urlEncodedForms()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, name);
        QFETCH(QString, value);
        const Params params = FormData::parseUrlEncoded(body);
        QVERIFY(params.contains(name));
        QCOMPARE(params.value(name), value);
    }

    void multipartForms()
    {
        const QByteArray body = "--XyZ\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\n"
                                "client_credentials\r\n--XyZ\r\nContent-Disposition: form-data; name=\"scope\"\r\n"
                                "Content-Type: text/plain\r\n\r\napi web\r\n--XyZ--\r\n";
        const auto params = FormData::parseMultipart(body, "multipart/form-data; boundary=XyZ");
        QVERIFY(params);
        QCOMPARE(params->value(u"grant_type"), u"client_credentials"_s);
        QCOMPARE(params->value(u"scope"), u"api web"_s);
        QVERIFY(!FormData::parseMultipart(body, "multipart/form-data")); // no boundary
        QVERIFY(!FormData::parseMultipart("--XyZ\r\nbroken", "multipart/form-data; boundary=XyZ"));
    }

    void formatNegotiation_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<int>("expected");
        QTest::newRow("default") << QString() << QByteArray() << int(Format::Json);
        QTest::newRow("format=xml") << u"xml"_s << QByteArray("application/json") << int(Format::Xml);
        QTest::newRow("format=urlencoded") << u"urlencoded"_s << QByteArray() << int(Format::UrlEncoded);
        QTest::newRow("Accept xml") << QString() << QByteArray("application/xml") << int(Format::Xml);
        QTest::newRow("Accept form") << QString() << QByteArray("application/x-www-form-urlencoded")
                                     << int(Format::UrlEncoded);
        QTest::newRow("Accept list") << QString() << QByteArray("text/html, application/xml;q=0.9") << int(Format::Xml);
        QTest::newRow("Accept any") << QString() << QByteArray("*/*") << int(Format::Json);
        QTest::newRow("unknown format") << u"yaml"_s << QByteArray() << int(Format::Json);
    }
    void formatNegotiation()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, accept);
        QFETCH(int, expected);
        QCOMPARE(int(ResponseFormat::negotiate(format, accept)), expected);
    }

    void renderingKeepsOrderAndEscapes()
    {
        const Fields fields{{u"b"_s, u"x<&>\"y"_s}, {u"a"_s, 1}, {u"n"_s, QJsonObject{{u"k"_s, u"v w"_s}}}};
        QCOMPARE(ResponseFormat::json(fields), QByteArray("{\"b\":\"x<&>\\\"y\",\"a\":1,\"n\":{\"k\":\"v w\"}}"));
        QCOMPARE(ResponseFormat::urlEncoded(fields), QByteArray("b=x%3C%26%3E%22y&a=1&n.k=v%20w"));
        QCOMPARE(ResponseFormat::xml(fields, u"OAuth"_s),
                 QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><OAuth><b>x&lt;&amp;&gt;&quot;y</b><a>1</a>"
                            "<n><k>v w</k></n></OAuth>"));
    }

    void scopeTokensMapToProtocolScopes()
    {
        const QStringList tokens = Scopes::splitTokens(u"Api, RefreshToken,OpenID , Basic, Web"_s);
        QCOMPARE(tokens.size(), 5);
        QCOMPARE(Scopes::protocolScopes(tokens),
                 (QStringList{u"api"_s, u"refresh_token"_s, u"openid"_s, u"id"_s, u"web"_s}));
        const QStringList allowed = Scopes::allowedScopes(tokens);
        for (const QString &implied : {u"offline_access"_s, u"profile"_s, u"email"_s, u"visualforce"_s})
            QVERIFY2(allowed.contains(implied), qPrintable(implied));
        QVERIFY(!allowed.contains(u"full"_s));
        QCOMPARE(Scopes::canonicalToken(u"openid"), u"OpenID"_s);
        QVERIFY(!Scopes::isKnownToken(u"Everything"));
    }

    void startsFastOnThreeLoopbackPorts()
    {
        Emulator emulator;
        QVERIFY(!emulator.myDomainUrl().isValid());
        QElapsedTimer timer;
        timer.start();
        QString error;
        QVERIFY2(emulator.start(0, &error), qPrintable(error));
        QVERIFY2(timer.elapsed() < 100, qPrintable(QString::number(timer.elapsed())));
        const QList<QUrl> urls{emulator.loginUrl(), emulator.myDomainUrl(), emulator.siteUrl()};
        QSet<int> ports;
        for (const QUrl &url : urls) {
            QCOMPARE(url.host(), u"127.0.0.1"_s);
            ports.insert(url.port());
        }
        QCOMPARE(ports.size(), 3);
        QCOMPARE(emulator.siteUrl().path(), u"/demo"_s);
        QCOMPARE(emulator.adminUrl().toString(), emulator.myDomainUrl().toString() + u"/__emulator"_s);
        emulator.stop();
        QVERIFY(!emulator.isRunning());
        Http http;
        QCOMPARE(http.get(join(urls[1], u"/id/keys"_s)).error, QNetworkReply::ConnectionRefusedError);
    }

    void firstPortMeansThreeConsecutivePorts()
    {
        // Find three free consecutive ports (no fixed port: ask the OS, then try that range).
        for (int attempt = 0; attempt < 20; ++attempt) {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            const quint16 first = probe.serverPort();
            probe.close();
            if (first > 65530)
                continue;
            Emulator emulator;
            if (!emulator.start(first))
                continue;
            QCOMPARE(emulator.loginUrl().port(), int(first));
            QCOMPARE(emulator.myDomainUrl().port(), int(first) + 1);
            QCOMPARE(emulator.siteUrl().port(), int(first) + 2);
            return;
        }
        QFAIL("no three consecutive free ports found");
    }

    void aTakenPortIsAClearError()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        Emulator emulator;
        QString error;
        QVERIFY(!emulator.start(blocker.serverPort(), &error));
        QVERIFY2(error.contains(QString::number(blocker.serverPort())) && error.contains(u"login"), qPrintable(error));
        QVERIFY(!emulator.isRunning());
        QVERIFY(!emulator.start(65534, &error));
        QVERIFY2(error.contains(u"65534"), qPrintable(error));
    }

    void describeFollowsTheContract()
    {
        Emulator emulator;
        QVERIFY(emulator.start());
        const QJsonObject d = emulator.describe();
        QCOMPARE(d.keys(), (QStringList{u"admin"_s, u"login"_s, u"myDomain"_s, u"profile"_s, u"site"_s, u"users"_s}));
        QCOMPARE(d[u"myDomain"].toString(), emulator.myDomainUrl().toString());
        QCOMPARE(d[u"site"].toString(), emulator.siteUrl().toString());
        const QJsonObject p = d[u"profile"].toObject();
        QCOMPARE(p.keys(), (QStringList{u"callbackUrl"_s, u"clientAuth"_s, u"clientId"_s, u"clientSecret"_s,
                                        u"loginUrl"_s, u"name"_s, u"pkce"_s, u"privateKeyFile"_s, u"schema"_s,
                                        u"scopes"_s, u"siteUrl"_s, u"username"_s}));
        QCOMPARE(p[u"schema"].toInt(), 1);
        QCOMPARE(p[u"name"].toString(), u"Demo org (emulator)"_s);
        QCOMPARE(p[u"loginUrl"].toString(), emulator.myDomainUrl().toString());
        QVERIFY(p[u"clientId"].toString().startsWith(u"3MVG9"));
        QCOMPARE(p[u"callbackUrl"].toString(), u"http://localhost:1717/OauthRedirect"_s);
        QCOMPARE(p[u"scopes"].toArray(), (QJsonArray{u"api"_s, u"refresh_token"_s, u"openid"_s, u"id"_s, u"web"_s}));
        QCOMPARE(p[u"clientAuth"].toString(), u"post"_s);
        QCOMPARE(p[u"username"].toString(), u"ada@ecalab.example"_s);
        const QJsonArray users = d[u"users"].toArray();
        QVERIFY(users.size() >= 2);
        for (const QJsonValue &user : users) {
            QVERIFY(!user[u"username"].toString().isEmpty());
            QVERIFY(!user[u"password"].toString().isEmpty());
        }
    }

    void demoKeyFileIsPrivate()
    {
        QString path;
        {
            Emulator emulator;
            QVERIFY(emulator.demoProfile()[u"privateKeyFile"].toString().isEmpty()); // written on start
            QVERIFY(emulator.start());
            path = emulator.demoProfile()[u"privateKeyFile"].toString();
            QFile key(path);
            QVERIFY2(key.open(QIODevice::ReadOnly), qPrintable(path));
            QVERIFY(key.readAll().startsWith("-----BEGIN PRIVATE KEY-----"));
            QCOMPARE(QFileInfo(path).permissions() &
                         (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                     QFile::Permissions());
        }
        QVERIFY(!QFile::exists(path)); // removed with the emulator
    }

    void seedErrorsNameTheField_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        auto row = [](const char *name, const QString &path, const QJsonValue &value, const QString &message) {
            QTest::newRow(name) << path << value << message;
        };
        row("wrong type", u"apps/0/isPkceRequired"_s, u"yes"_s,
            u"apps[0].isPkceRequired: expected true or false, got \"yes\""_s);
        row("unknown field", u"users/1/colour"_s, u"blue"_s, u"users[1].colour: unknown field"_s);
        row("bad org id", u"org/id"_s, u"00Dxx0000001gPLAAA"_s, u"org.id: \"00Dxx0000001gPLAAA\" has the suffix AAA"_s);
        row("user id prefix", u"users/0/id"_s, u"001A0000006Vm9r"_s,
            u"users[0].id: \"001A0000006Vm9r\" must start with 005"_s);
        row("missing org id", u"org/id"_s, QJsonValue::Undefined, u"org.id: required field is missing"_s);
        row("missing password", u"users/0/password"_s, QJsonValue::Undefined, u"users[0].password: required"_s);
        row("unknown scope", u"apps/0/commaSeparatedOauthScopes"_s, u"Api, Everything"_s,
            u"unknown scope token \"Everything\""_s);
        row("bad enum", u"apps/0/permittedUsersPolicyType"_s, u"Anyone"_s,
            u"apps[0].permittedUsersPolicyType: expected one of AllSelfAuthorized, AdminApprovedPreAuthorized"_s);
        row("run as missing", u"apps/0/clientCredentialsFlowUser"_s, u"nobody@ecalab.example"_s,
            u"apps[0].clientCredentialsFlowUser: no user has the username nobody@ecalab.example"_s);
        row("session timeout", u"org/sessionTimeoutInMinutes"_s, 5,
            u"org.sessionTimeoutInMinutes: expected a whole number from 15 to 1440"_s);
        row("duplicate user", u"users/1/username"_s, u"ada@ecalab.example"_s,
            u"users: the username ada@ecalab.example is used twice"_s);
        row("bad certificate", u"apps/0/certificate"_s, u"-----BEGIN CERTIFICATE-----\nnope\n"_s,
            u"apps[0].certificate: is not a PEM"_s);
        row("bad callback", u"apps/0/callbackUrl"_s, u"not a url"_s,
            u"apps[0].callbackUrl: \"not a url\" is not an absolute URL"_s);
        row("bad username", u"users/2/username"_s, u"grace"_s,
            u"users[2].username: expected an e-mail-shaped username"_s);
        row("bad permitted app", u"users/0/permittedApps"_s, QJsonArray{u"Nope"_s},
            u"users[0].permittedApps: no app has the fullName Nope"_s);
        row("bad schema", u"schema"_s, 2, u"schema: this emulator reads schema 1 seeds"_s);
        row("bad time zone", u"users/0/timeZone"_s, u"Mars/Olympus"_s, u"users[0].timeZone: unknown time zone"_s);
        row("users not array", u"users"_s, u"ada"_s, u"users: expected an array of objects"_s);
    }
    void seedErrorsNameTheField()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        Emulator emulator;
        const QString before = emulator.demoProfile()[u"clientId"].toString();
        QString error;
        QVERIFY(!emulator.loadSeed(withValue(demoSeed(), path, value), &error));
        QVERIFY2(error.startsWith(u"Invalid seed: "), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error + u" | expected: "_s + message));
        QCOMPARE(emulator.demoProfile()[u"clientId"].toString(), before); // the org is unchanged
    }

    void aCustomSeedReplacesTheOrg()
    {
        const QJsonObject seed{
            {u"org"_s, QJsonObject{{u"id"_s, u"00Dxx0000001gPL"_s},
                                   {u"sitePrefix"_s, u"customers"_s},
                                   {u"sessionTimeoutInMinutes"_s, 30}}},
            {u"users"_s, QJsonArray{QJsonObject{{u"username"_s, u"run@acme.example"_s}, {u"password"_s, u"pw-1"_s}}}},
            {u"apps"_s, QJsonArray{QJsonObject{{u"fullName"_s, u"Order_Sync"_s},
                                               {u"commaSeparatedOauthScopes"_s, u"Api"_s},
                                               {u"isClientCredentialsFlowEnabled"_s, true},
                                               {u"clientCredentialsFlowUser"_s, u"run@acme.example"_s}}}}};
        Emulator emulator;
        QString error;
        QVERIFY2(emulator.loadSeed(seed, &error), qPrintable(error));
        QVERIFY(emulator.start());
        QCOMPARE(emulator.siteUrl().path(), u"/customers"_s);
        const QJsonObject state = emulator.state();
        QCOMPARE(state[u"org"][u"id18"].toString(), u"00Dxx0000001gPLEAY"_s);
        const QJsonObject app = state[u"apps"].toArray().first().toObject();
        QVERIFY(app[u"consumerKey"].toString().startsWith(u"3MVG9")); // generated, deterministic
        QCOMPARE(app[u"consumerSecret"].toString().size(), 64);
        QCOMPARE(app[u"isPkceRequired"].toBool(), true); // ECA default
        const QJsonObject user = state[u"users"].toArray().first().toObject();
        QVERIFY(user[u"id"].toString().startsWith(u"005xx"));
        QCOMPARE(emulator.users(),
                 (QJsonArray{QJsonObject{{u"username"_s, u"run@acme.example"_s}, {u"password"_s, u"pw-1"_s}}}));

        Emulator again;
        QVERIFY(again.loadSeed(seed, &error));
        QCOMPARE(again.state()[u"apps"].toArray().first()[u"consumerKey"], app[u"consumerKey"]);
    }

    void headAnswersCarryNoBody()
    {
        Emulator emulator;
        QVERIFY(emulator.start());
        Http http;
        const Answer head = http.send("HEAD", join(emulator.myDomainUrl(), u"/services/data/"_s));
        QCOMPARE(head.status, 200);
        QCOMPARE(head.error, QNetworkReply::NoError);
        QVERIFY(head.body.isEmpty());
        const int length = head.header("Content-Length").toInt();
        QVERIFY(length > 100);
        QCOMPARE(http.get(join(emulator.myDomainUrl(), u"/services/data/"_s)).body.size(), length);
        // On the wire: headers and nothing after them (stray bytes would corrupt a keep-alive stream).
        const QByteArray raw =
            rawExchange(quint16(emulator.myDomainUrl().port()),
                        "HEAD /services/data/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QVERIFY2(raw.startsWith("HTTP/1.1 200 OK\r\n") && raw.endsWith("\r\n\r\n"), raw.constData());
        QVERIFY(raw.contains("Content-Length: " + QByteArray::number(length) + "\r\n"));
    }

    void unknownPathsAndTheSitePrefix()
    {
        Emulator emulator;
        QVERIFY(emulator.start());
        Http http;
        QCOMPARE(http.get(join(emulator.myDomainUrl(), u"/nothing/here"_s)).status, 404);
        const QUrl siteHost(u"http://127.0.0.1:%1"_s.arg(emulator.siteUrl().port()));
        QCOMPARE(http.get(join(siteHost, u"/id/keys"_s)).status, 404);                     // outside the prefix
        QCOMPARE(http.get(join(emulator.siteUrl(), u"/id/keys"_s)).status, 200);           // inside it
        QCOMPARE(http.get(join(emulator.loginUrl(), u"/__emulator/state"_s)).status, 404); // admin: My Domain only
    }
};

QTEST_GUILESS_MAIN(TestEmulatorBasics)
#include "tst_emulator_basics.moc"
