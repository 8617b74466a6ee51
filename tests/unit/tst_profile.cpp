#include "profile/Profile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestProfile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsEveryContractField()
    {
        const QJsonObject json{{u"schema"_s, 1},
                               {u"name"_s, u"Acme"_s},
                               {u"loginUrl"_s, u"https://acme.my.salesforce.com"_s},
                               {u"siteUrl"_s, u"https://acme.my.site.com/s"_s},
                               {u"clientId"_s, u"3MVG9x"_s},
                               {u"clientSecret"_s, u"s3"_s},
                               {u"callbackUrl"_s, u"http://localhost:1717/OauthRedirect"_s},
                               {u"scopes"_s, QJsonArray{u"api"_s, u"refresh_token"_s}},
                               {u"pkce"_s, false},
                               {u"clientAuth"_s, u"basic"_s},
                               {u"username"_s, u"ada@acme.com"_s},
                               {u"privateKeyFile"_s, u"/k.pem"_s},
                               {u"audience"_s, u"https://login.salesforce.com"_s}};
        const auto p = Profile::fromJson(json);
        QVERIFY2(p, qPrintable(p ? QString() : p.error()));
        QCOMPARE(p->name, u"Acme"_s);
        QCOMPARE(p->loginUrl, QUrl(u"https://acme.my.salesforce.com"_s));
        QCOMPARE(p->siteUrl.path(), u"/s"_s);
        QCOMPARE(p->clientSecret, u"s3"_s);
        QCOMPARE(p->scopes, (QStringList{u"api"_s, u"refresh_token"_s}));
        QCOMPARE(p->pkce, false);
        QCOMPARE(p->clientAuth, ClientAuthMethod::Basic);
        QCOMPARE(p->username, u"ada@acme.com"_s);
        QCOMPARE(p->privateKeyFile, u"/k.pem"_s);
        QCOMPARE(p->audience, u"https://login.salesforce.com"_s);
        QVERIFY(p->unknownFields.isEmpty());
    }

    void defaults()
    {
        const auto p = Profile::fromJsonBytes("{}");
        QVERIFY(p);
        QCOMPARE(p->pkce, true);
        QCOMPARE(p->clientAuth, ClientAuthMethod::Post);
        QVERIFY(p->scopes.isEmpty());
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{\"name\":") << u"Not valid JSON"_s;
        QTest::newRow("array") << QByteArray("[1]") << u"one JSON object"_s;
        QTest::newRow("newer schema") << QByteArray("{\"schema\":2}") << u"newer ECA Lab"_s;
        QTest::newRow("schema not integer") << QByteArray("{\"schema\":\"1\"}") << u"schema"_s;
        QTest::newRow("relative login url") << QByteArray("{\"loginUrl\":\"acme.my.salesforce.com\"}") << u"loginUrl"_s;
        QTest::newRow("number as clientId") << QByteArray("{\"clientId\":42}") << u"clientId"_s;
        QTest::newRow("pkce as string") << QByteArray("{\"pkce\":\"yes\"}") << u"pkce"_s;
        QTest::newRow("clientAuth unknown") << QByteArray("{\"clientAuth\":\"jwt\"}") << u"clientAuth"_s;
        QTest::newRow("scopes object") << QByteArray("{\"scopes\":{\"a\":1}}") << u"scopes"_s;
        QTest::newRow("scope with space") << QByteArray("{\"scopes\":[\"api web\"]}") << u"scopes"_s;
    }
    void rejectsBadInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const auto p = Profile::fromJsonBytes(json);
        QVERIFY(!p);
        QVERIFY2(p.error().contains(mentions), qPrintable(p.error()));
    }

    void keepsUnknownFieldsAndWarns()
    {
        const auto p = Profile::fromJsonBytes("{\"name\":\"A\",\"deviceLifetime\":600,\"x-note\":{\"k\":[1]}}");
        QVERIFY(p);
        QCOMPARE(p->unknownFields.value(u"deviceLifetime").toInt(), 600);
        QCOMPARE(p->unknownFieldWarnings().size(), 2);
        const QJsonObject written = p->toJson();
        QCOMPARE(written.value(u"x-note").toObject().value(u"k").toArray().at(0).toInt(), 1);
        QCOMPARE(written.value(u"schema").toInt(), 1);
    }

    void scopesAcceptASpaceSeparatedString()
    {
        const auto p = Profile::fromJsonBytes("{\"scopes\":\"api  refresh_token\"}");
        QVERIFY(p);
        QCOMPARE(p->scopes, (QStringList{u"api"_s, u"refresh_token"_s}));
    }

    void secretIsWrittenOnlyWhenAsked()
    {
        Profile p;
        p.name = u"A"_s;
        p.clientSecret = u"top-secret"_s;
        QVERIFY(!p.toJson().contains(u"clientSecret"));
        QVERIFY(!QJsonDocument(p.toJson()).toJson().contains("top-secret"));
        QCOMPARE(p.toJson(true).value(u"clientSecret").toString(), u"top-secret"_s);
    }

    void overrides_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("json array scopes") << u"scopes"_s << u"[\"api\",\"openid\"]"_s << u"scopes"_s << u"api openid"_s;
        QTest::newRow("string scopes") << u"scopes"_s << u"api web"_s << u"scopes"_s << u"api web"_s;
        QTest::newRow("json bool") << u"pkce"_s << u"false"_s << u"pkce"_s << u"false"_s;
        QTest::newRow("plain string") << u"clientId"_s << u"3MVG9.abc"_s << u"clientId"_s << u"3MVG9.abc"_s;
        QTest::newRow("url") << u"loginUrl"_s << u"https://x.my.salesforce.com"_s << u"loginUrl"_s
                             << u"https://x.my.salesforce.com"_s;
        QTest::newRow("json string") << u"username"_s << u"\"ada@x.com\""_s << u"username"_s << u"ada@x.com"_s;
    }
    void overrides()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, field);
        QFETCH(QString, expected);
        Profile p;
        const auto applied = p.applyOverride(key, value);
        QVERIFY2(applied, qPrintable(applied ? QString() : applied.error()));
        QVERIFY(*applied); // a known field
        const QJsonValue written = p.toJson(true).value(field);
        const QString actual = written.isArray() ? written.toVariant().toStringList().join(u' ')
                               : written.isBool() ? (written.toBool() ? u"true"_s : u"false"_s)
                                                  : written.toString();
        QCOMPARE(actual, expected);
    }

    void overrideRejectsBadValues()
    {
        Profile p;
        const auto bad = p.applyOverride(u"pkce"_s, u"maybe"_s);
        QVERIFY(!bad);
        QVERIFY(bad.error().contains(u"--set pkce"));
        QVERIFY(!p.applyOverride(u"schema"_s, u"2"_s));
    }

    // A file's unknown fields are kept; a --set key that is no field is refused, naming the
    // closest one, and leaves the profile as it was.
    void overrideRefusesUnknownKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QStringList>("alsoKnown");
        QTest::addColumn<QString>("suggestion");
        QTest::newRow("wrong case") << u"loginurl"_s << QStringList{} << u"did you mean loginUrl?"_s;
        QTest::newRow("typo") << u"callbakUrl"_s << QStringList{} << u"did you mean callbackUrl?"_s;
        QTest::newRow("swapped letters") << u"scpoes"_s << QStringList{} << u"did you mean scopes?"_s;
        QTest::newRow("the caller's own key") << u"opt"_s << QStringList{u"otp"_s} << u"did you mean otp?"_s;
        QTest::newRow("nothing close") << u"colour"_s << QStringList{} << QString();
    }
    void overrideRefusesUnknownKeys()
    {
        QFETCH(QString, key);
        QFETCH(QStringList, alsoKnown);
        QFETCH(QString, suggestion);
        Profile p;
        p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
        const auto refused = p.applyOverride(key, u"https://other.my.salesforce.com"_s, alsoKnown);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"\"%1\" is not a profile field"_s.arg(key)), qPrintable(refused.error()));
        if (suggestion.isEmpty())
            QVERIFY2(!refused.error().contains(u"did you mean"), qPrintable(refused.error()));
        else
            QVERIFY2(refused.error().contains(suggestion), qPrintable(refused.error()));
        QCOMPARE(p.loginUrl.toString(), u"https://acme.my.salesforce.com"_s);
        QVERIFY(p.unknownFields.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
