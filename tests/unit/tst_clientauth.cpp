// How a client authenticates at the token endpoint (RFC 6749 §2.3.1, §1.3): the exact bytes of
// each method, where its fields go among the builder's, and how a profile's choice maps to one.
#include "oauth/ClientAuth.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
const QUrl kEndpoint(u"https://acme.my.salesforce.com/services/oauth2/token"_s);
const QString kId = u"3MVG9.key_1"_s;
const QString kSecret = u"S3cret+/="_s;
const FormFields kGrant{{u"grant_type"_s, u"client_credentials"_s}};
} // namespace

class TestClientAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secretPostPutsBothInTheBody()
    {
        const HttpRequest r = ClientAuth::secretPost(kId, kSecret).formPost(kEndpoint, kGrant);
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url, kEndpoint);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(r.body,
                 QByteArray("grant_type=client_credentials&client_id=3MVG9.key_1&client_secret=S3cret%2B%2F%3D"));
        QVERIFY(r.header("Authorization").isEmpty());
    }

    void secretBasicPutsBothInTheHeaderUnencoded()
    {
        const HttpRequest r = ClientAuth::secretBasic(kId, kSecret).formPost(kEndpoint, kGrant);
        QCOMPARE(r.body, QByteArray("grant_type=client_credentials"));
        // §2: sent as-is, not form-encoded first: base64("3MVG9.key_1:S3cret+/=")
        QCOMPARE(r.header("Authorization"), QByteArray("Basic M01WRzkua2V5XzE6UzNjcmV0Ky89"));
    }

    void noneSendsOnlyTheClientId()
    {
        const HttpRequest r = ClientAuth::none(kId).formPost(kEndpoint, kGrant);
        QCOMPARE(r.body, QByteArray("grant_type=client_credentials&client_id=3MVG9.key_1"));
        QVERIFY(r.header("Authorization").isEmpty());
    }

    void clientFieldsGoBetweenLeadingAndTrailing()
    {
        const HttpRequest r = ClientAuth::secretPost(u"id"_s, u"s"_s)
                                  .formPost(kEndpoint, {{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}}, {{u"z"_s, u"9"_s}});
        QCOMPARE(r.body, QByteArray("a=1&b=2&client_id=id&client_secret=s&z=9"));
        const HttpRequest publicClient = ClientAuth::none(u"id"_s).formPost(kEndpoint, {}, {{u"scope"_s, u"api"_s}});
        QCOMPARE(publicClient.body, QByteArray("client_id=id&scope=api"));
    }

    void profileChoiceMapsToAMethod_data()
    {
        QTest::addColumn<int>("choice");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<int>("method");
        QTest::addColumn<QString>("name");
        QTest::newRow("post with a secret")
            << int(ClientAuthMethod::Post) << kSecret << int(ClientAuth::Method::SecretPost) << u"client_secret_post"_s;
        QTest::newRow("post without one: public (§3.3)")
            << int(ClientAuthMethod::Post) << QString() << int(ClientAuth::Method::None) << u"none"_s;
        QTest::newRow("basic") << int(ClientAuthMethod::Basic) << kSecret << int(ClientAuth::Method::SecretBasic)
                               << u"client_secret_basic"_s;
    }
    void profileChoiceMapsToAMethod()
    {
        QFETCH(int, choice);
        QFETCH(QString, secret);
        QFETCH(int, method);
        QFETCH(QString, name);
        const ClientAuth client = ClientAuth::fromProfile(ClientAuthMethod(choice), kId, secret);
        QCOMPARE(int(client.method()), method);
        QCOMPARE(client.methodName(), name);
        QCOMPARE(client.clientId(), kId);
    }

    void aPublicClientNeverSendsASecret()
    {
        const HttpRequest r = ClientAuth::fromProfile(ClientAuthMethod::Post, kId, {}).formPost(kEndpoint, kGrant);
        QVERIFY(!r.body.contains("client_secret"));
        QVERIFY(r.header("Authorization").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestClientAuth)
#include "tst_clientauth.moc"
