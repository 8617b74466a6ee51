#include "grants/clientcredentials/ClientCredentialsFlow.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
Profile profile()
{
    Profile p;
    p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
    p.clientId = u"3MVG9.key_1"_s;
    p.clientSecret = u"S3cret+/="_s;
    return p;
}
} // namespace

class TestClientCredentialsRequest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secretInTheBody()
    {
        const auto config = ClientCredentialsConfig::fromProfile(profile());
        QVERIFY(config);
        const HttpRequest r = ClientCredentialsFlow::buildTokenRequest(*config);
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url.toString(), u"https://acme.my.salesforce.com/services/oauth2/token"_s);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(r.body, QByteArray("grant_type=client_credentials&client_id=3MVG9.key_1&client_secret=S3cret%2B%2F%3D"));
        QVERIFY(r.header("Authorization").isEmpty());
    }

    void secretAsBasic()
    {
        Profile p = profile();
        p.clientAuth = ClientAuthMethod::Basic;
        const HttpRequest r = ClientCredentialsFlow::buildTokenRequest(*ClientCredentialsConfig::fromProfile(p));
        QCOMPARE(r.body, QByteArray("grant_type=client_credentials"));
        QCOMPARE(r.header("Authorization"), "Basic " + QByteArray("3MVG9.key_1:S3cret+/=").toBase64());
    }

    void refusesIncompleteSettingsBeforeSending_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no login url") << u"loginUrl"_s << QString() << u"Login URL"_s;
        QTest::newRow("plain http remote") << u"loginUrl"_s << u"http://acme.my.salesforce.com"_s << u"https"_s;
        QTest::newRow("no client id") << u"clientId"_s << QString() << u"consumer key"_s;
        QTest::newRow("no secret") << u"clientSecret"_s << QString() << u"consumer secret"_s;
    }
    void refusesIncompleteSettingsBeforeSending()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        Profile p = profile();
        if (field == u"loginUrl")
            p.loginUrl = QUrl(value);
        else if (field == u"clientId")
            p.clientId = value;
        else
            p.clientSecret = value;
        const auto config = ClientCredentialsConfig::fromProfile(p);
        QVERIFY(!config);
        QCOMPARE(config.error().kind, FlowError::Kind::Configuration);
        QCOMPARE(config.error().exitCode(), 2);
        QVERIFY2(config.error().explanation.contains(mentions), qPrintable(config.error().explanation));
        QVERIFY(!config.error().fix.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestClientCredentialsRequest)
#include "tst_clientcredentialsrequest.moc"
