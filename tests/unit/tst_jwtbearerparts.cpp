// The JWT bearer flow's pure pieces (§5): which aud a Login URL gets and why, the assertion's
// claims and preview, and the token request's exact body.
#include "grants/jwtbearer/JwtAssertion.h"
#include "grants/jwtbearer/JwtAudience.h"
#include "grants/jwtbearer/JwtBearerFlow.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestJwtBearerParts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void audienceFollowsTheLoginUrl_data()
    {
        QTest::addColumn<QString>("loginUrl");
        QTest::addColumn<QString>("siteUrl");
        QTest::addColumn<QString>("audience");
        QTest::addColumn<QString>("reasonMentions");
        QTest::newRow("production My Domain") << u"https://acme.my.salesforce.com"_s << QString()
                                              << u"https://login.salesforce.com"_s << u"production My Domain"_s;
        QTest::newRow("login host") << u"https://login.salesforce.com"_s << QString() << u"https://login.salesforce.com"_s
                                    << u"login.salesforce.com"_s;
        QTest::newRow("sandbox My Domain") << u"https://acme--uat.sandbox.my.salesforce.com"_s << QString()
                                           << u"https://test.salesforce.com"_s << u"sandbox"_s;
        QTest::newRow("test host") << u"https://test.salesforce.com"_s << QString() << u"https://test.salesforce.com"_s
                                   << u"sandbox"_s;
        QTest::newRow("upper-case sandbox") << u"https://ACME--UAT.SANDBOX.MY.SALESFORCE.COM"_s << QString()
                                            << u"https://test.salesforce.com"_s << u"sandbox"_s;
        QTest::newRow("Experience Cloud site") << u"https://acme.my.site.com/customers/"_s << QString()
                                               << u"https://acme.my.site.com/customers"_s << u"site"_s;
        QTest::newRow("the profile's site on loopback")
            << u"http://127.0.0.1:8443/demo"_s << u"http://127.0.0.1:8443/demo/"_s << u"http://127.0.0.1:8443/demo"_s
            << u"site"_s;
        QTest::newRow("the emulator's My Domain") << u"http://127.0.0.1:8443"_s << u"http://127.0.0.1:8444/demo"_s
                                                  << u"https://login.salesforce.com"_s << u"emulator"_s;
        QTest::newRow("unknown host") << u"https://sso.example.com"_s << QString() << u"https://login.salesforce.com"_s
                                      << u"set audience"_s;
    }
    void audienceFollowsTheLoginUrl()
    {
        QFETCH(QString, loginUrl);
        QFETCH(QString, siteUrl);
        QFETCH(QString, audience);
        QFETCH(QString, reasonMentions);
        Profile profile;
        profile.loginUrl = QUrl(loginUrl);
        profile.siteUrl = QUrl(siteUrl);
        const AudienceChoice choice = chooseAudience(profile);
        QCOMPARE(choice.audience, audience);
        QVERIFY2(choice.reason.contains(reasonMentions), qPrintable(choice.reason));
    }

    void theProfilesAudienceWins()
    {
        Profile profile;
        profile.loginUrl = QUrl(u"https://acme--uat.sandbox.my.salesforce.com"_s);
        profile.audience = u" https://acme.my.site.com "_s;
        const AudienceChoice choice = chooseAudience(profile);
        QCOMPARE(choice.audience, u"https://acme.my.site.com"_s);
        QVERIFY(choice.reason.contains(u"profile"));
    }

    void claimsAreTheFourOfSection5()
    {
        const QDateTime exp = QDateTime::fromSecsSinceEpoch(1'800'000'180, Qt::UTC);
        const AssertionClaims claims{u"3MVGkey"_s, u"ada@acme.com"_s, u"https://login.salesforce.com"_s, exp};
        const QJsonObject json = claims.toJson();
        QCOMPARE(json.keys(), (QStringList{u"aud"_s, u"exp"_s, u"iss"_s, u"sub"_s}));
        QCOMPARE(json.value(u"exp").toInteger(), 1'800'000'180); // seconds (RFC 7519 §2), not milliseconds
        QCOMPARE(assertionHeader(), (QJsonObject{{u"alg"_s, u"RS256"_s}}));
    }

    void previewSaysWhenAndWhy()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
        AssertionPreview preview;
        preview.header = assertionHeader();
        preview.claims = {u"3MVGkey"_s, u"ada@acme.com"_s, u"https://test.salesforce.com"_s, now.addSecs(180)};
        preview.audienceReason = u"the Login URL is a sandbox"_s;
        const QJsonObject json = preview.toJson(now);
        QCOMPARE(json.value(u"expiresIn").toString(), u"in 3 min"_s);
        QCOMPARE(json.value(u"audienceReason").toString(), preview.audienceReason);
        QCOMPARE(json.value(u"claims").toObject().value(u"sub").toString(), u"ada@acme.com"_s);
        QVERIFY(!json.contains(u"assertion")); // never the signed string
        const QString line = preview.summary(now);
        QVERIFY2(line.startsWith(u"aud https://test.salesforce.com (the Login URL is a sandbox)"), qPrintable(line));
        QVERIFY(line.contains(u"sub ada@acme.com"));
        QVERIFY(line.contains(u"(in 3 min)"));
    }

    void relativeTimes_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds ahead") << 45 << u"in 45 s"_s;
        QTest::newRow("minutes ahead") << 300 << u"in 5 min"_s;
        QTest::newRow("hours ahead") << 3 * 3600 << u"in 3 h"_s;
        QTest::newRow("past") << -150 << u"2 min ago"_s;
    }
    void relativeTimes()
    {
        QFETCH(int, seconds);
        QFETCH(QString, text);
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
        QCOMPARE(relativeTime(now.addSecs(seconds), now), text);
    }

    void tokenRequestIsGrantTypeAndAssertionOnly()
    {
        const HttpRequest request =
            JwtBearerFlow::buildTokenRequest(QUrl(u"https://login.salesforce.com/services/oauth2/token"_s), u"a.b.c"_s);
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.body, QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c"));
        QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QVERIFY(request.header("Authorization").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJwtBearerParts)
#include "tst_jwtbearerparts.moc"
