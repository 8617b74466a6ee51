#include "http/Redactor.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
HttpRequest formRequest(const QByteArray &body)
{
    HttpRequest r;
    r.method = "POST";
    r.url = QUrl(u"https://acme.my.salesforce.com/services/oauth2/token"_s);
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    r.body = body;
    return r;
}

HttpResponse response(const QByteArray &type, const QByteArray &body)
{
    return HttpResponse{200, {{"Content-Type", type}}, body};
}
} // namespace

class TestRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void masksSecretFormFields_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("kept");
        QTest::newRow("client_secret") << QByteArray("grant_type=client_credentials&client_id=3MVG9&client_secret=D1E2F3")
                                       << QByteArray("D1E2F3") << QByteArray("client_id=3MVG9");
        QTest::newRow("password") << QByteArray("grant_type=password&username=ada&password=hunter2!") << QByteArray("hunter2")
                                  << QByteArray("username=ada");
        QTest::newRow("percent-encoded secret")
            << QByteArray("client_secret=a%2Bb%2Fc%3D&grant_type=x") << QByteArray("a%2Bb") << QByteArray("grant_type=x");
        QTest::newRow("assertion") << QByteArray("grant_type=urn%3Aietf&assertion=eyJhbGciOi.eyJpc3Mi.c2ln")
                                   << QByteArray("eyJhbGciOi") << QByteArray("grant_type=urn%3Aietf");
        QTest::newRow("refresh token") << QByteArray("grant_type=refresh_token&refresh_token=5Aep861xyz")
                                       << QByteArray("5Aep861xyz") << QByteArray("grant_type=refresh_token");
    }
    void masksSecretFormFields()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, kept);
        Redactor redactor;
        const HttpRequest out = redactor.redact(formRequest(body));
        QVERIFY2(!out.body.contains(secret), out.body.constData());
        QVERIFY(out.body.contains(Redactor::kMask));
        QVERIFY2(out.body.contains(kept), out.body.constData());
        QVERIFY(!redactor.knownSecrets().isEmpty());
    }

    void masksCredentialsInHeadersButKeepsTheScheme()
    {
        Redactor redactor;
        HttpRequest r = formRequest("grant_type=client_credentials");
        r.headers.append({"Authorization", "Basic " + QByteArray("3MVG9:sekrit-value").toBase64()});
        const HttpRequest out = redactor.redact(r);
        QCOMPARE(out.header("Authorization"), QByteArray("Basic [redacted]"));
        // the secret inside the Basic credentials is now known, so an echo anywhere is masked too
        QCOMPARE(redactor.redactText("echo sekrit-value"), QByteArray("echo [redacted]"));

        HttpRequest bearer = HttpRequest::get(QUrl(u"https://x/services/data/"_s));
        bearer.setHeader("Authorization", "Bearer 00Dxx!AQ4AQabc");
        QCOMPARE(redactor.redact(bearer).header("Authorization"), QByteArray("Bearer [redacted]"));
    }

    void masksTokensInResponsesOfEveryFormat_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("json") << QByteArray("application/json;charset=UTF-8")
                              << QByteArray("{\"access_token\":\"00Dxx0000001gPL!AR8AQP0j\",\"instance_url\":\"https://acme.my.salesforce.com\",\"refresh_token\":\"5Aep861TSE\"}");
        QTest::newRow("urlencoded") << QByteArray("application/x-www-form-urlencoded")
                                    << QByteArray("access_token=00Dxx0000001gPL%21AR8AQP0j&instance_url=https%3A%2F%2Facme.my.salesforce.com&refresh_token=5Aep861TSE");
        QTest::newRow("xml") << QByteArray("application/xml")
                             << QByteArray("<?xml version=\"1.0\"?><OAuth><access_token>00Dxx0000001gPL!AR8AQP0j</access_token><instance_url>https://acme.my.salesforce.com</instance_url><refresh_token>5Aep861TSE</refresh_token></OAuth>");
    }
    void masksTokensInResponsesOfEveryFormat()
    {
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, body);
        Redactor redactor;
        const HttpResponse out = redactor.redact(response(type, body));
        QVERIFY2(!out.body.contains("AR8AQP0j"), out.body.constData());
        QVERIFY2(!out.body.contains("5Aep861TSE"), out.body.constData());
        QVERIFY2(out.body.contains("acme.my.salesforce.com"), out.body.constData());
        QCOMPARE(out.body.count(Redactor::kMask), 2);
    }

    void learnedTokensAreMaskedInLaterRequests()
    {
        Redactor redactor;
        redactor.redact(response("application/json", "{\"access_token\":\"00Dxx!learned-token-value\"}"));
        HttpRequest later = HttpRequest::get(QUrl(u"https://x/id/00D/005?oauth_token=00Dxx%21learned-token-value"_s));
        const HttpRequest out = redactor.redact(later);
        QVERIFY2(!out.url.toEncoded().contains("learned-token-value"), out.url.toEncoded().constData());
    }

    void masksQueryParametersAndMultipartFields()
    {
        Redactor redactor;
        const HttpRequest out = redactor.redact(HttpRequest::get(QUrl(u"https://x/services/oauth2/revoke?token=abcdef123"_s)));
        QVERIFY(!out.url.toEncoded().contains("abcdef123"));

        HttpRequest multipart = formRequest({});
        multipart.setHeader("Content-Type", "multipart/form-data; boundary=XyZ");
        multipart.body = "--XyZ\r\nContent-Disposition: form-data; name=\"client_secret\"\r\n\r\nmulti-secret-9\r\n--XyZ--\r\n";
        const HttpRequest mOut = redactor.redact(multipart);
        QVERIFY2(!mOut.body.contains("multi-secret-9"), mOut.body.constData());
    }

    void knownSecretsAreMaskedInAnySpelling()
    {
        Redactor redactor;
        redactor.addKnownSecret({u"client_secret"_s, "a b+c/d"});
        QCOMPARE(redactor.redactText("raw a b+c/d"), QByteArray("raw [redacted]"));
        QCOMPARE(redactor.redactText("pct a%20b%2Bc%2Fd"), QByteArray("pct [redacted]"));
        QCOMPARE(redactor.redactText("form a+b%2Bc%2Fd"), QByteArray("form [redacted]"));
    }

    void overlappingSecretsAndTheMaskAreNotRewrittenTwice()
    {
        Redactor redactor;
        redactor.addKnownSecret({u"a"_s, "secret"});
        redactor.addKnownSecret({u"b"_s, "supersecret"});
        redactor.addKnownSecret({u"c"_s, "e"}); // a one-letter secret must not eat the mask text
        QCOMPARE(redactor.redactText("x supersecret y secret"), QByteArray("x [redacted] y [redacted]"));
    }

    void nonSecretTrafficIsUntouched()
    {
        Redactor redactor;
        const QByteArray body("grant_type=client_credentials&client_id=3MVG9&format=json&token_type_hint=access_token");
        QCOMPARE(redactor.redact(formRequest(body)).body, body);
        QVERIFY(redactor.knownSecrets().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
