// The authorization-code exchange (RFC 6749 §4.1.3, §3.3, §6.2) as bytes, built without any
// loopback receiver: the web server flow and the headless flows send the same request.
#include "oauth/CodeExchange.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
const QUrl kToken(u"https://acme.my.salesforce.com/services/oauth2/token"_s);
const QString kRedirect = u"http://localhost:1717/OauthRedirect"_s;

CodeExchange exchange(ClientAuth client, const QString &verifier = u"v3r1f13r"_s)
{
    return {kToken, u"aPrx+/=="_s, verifier, kRedirect, std::move(client)};
}
} // namespace

class TestCodeExchange : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void confidentialClientInTheBody()
    {
        const HttpRequest r = buildCodeExchangeRequest(exchange(ClientAuth::secretPost(u"3MVG9client"_s, u"s3cr3t"_s)));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url, kToken);
        QCOMPARE(r.body, QByteArray("grant_type=authorization_code&code=aPrx%2B%2F%3D%3D"
                                    "&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect"
                                    "&client_id=3MVG9client&client_secret=s3cr3t&code_verifier=v3r1f13r"));
        QVERIFY(r.header("Authorization").isEmpty());
    }

    void confidentialClientAsBasic()
    {
        const HttpRequest r =
            buildCodeExchangeRequest(exchange(ClientAuth::secretBasic(u"3MVG9client"_s, u"s3cr3t"_s)));
        QCOMPARE(r.body,
                 QByteArray("grant_type=authorization_code&code=aPrx%2B%2F%3D%3D"
                            "&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect&code_verifier=v3r1f13r"));
        QCOMPARE(r.header("Authorization"), "Basic " + QByteArray("3MVG9client:s3cr3t").toBase64());
    }

    void publicClientWithoutPkce()
    {
        const HttpRequest r = buildCodeExchangeRequest(exchange(ClientAuth::none(u"3MVG9client"_s), QString()));
        QCOMPARE(r.body,
                 QByteArray("grant_type=authorization_code&code=aPrx%2B%2F%3D%3D"
                            "&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect&client_id=3MVG9client"));
    }

    // §6.2: a headless login trades its code at the site's token endpoint, with the echo endpoint
    // as redirect_uri, exactly as it was sent to /authorize.
    void headlessCodeAtASite()
    {
        CodeExchange e = exchange(ClientAuth::none(u"3MVG9client"_s));
        e.tokenEndpoint = QUrl(u"https://acme.my.site.com/customers/services/oauth2/token"_s);
        e.redirectUri = u"https://acme.my.site.com/services/oauth2/echo"_s;
        const HttpRequest r = buildCodeExchangeRequest(e);
        QCOMPARE(r.url.path(), u"/customers/services/oauth2/token"_s);
        QVERIFY(r.body.contains("&redirect_uri=https%3A%2F%2Facme.my.site.com%2Fservices%2Foauth2%2Fecho&"));
    }
};

QTEST_GUILESS_MAIN(TestCodeExchange)
#include "tst_codeexchange.moc"
