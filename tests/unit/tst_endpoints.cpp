#include "oauth/Endpoints.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestEndpoints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classifiesHosts_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("kind");
        QTest::newRow("login") << u"https://login.salesforce.com"_s << int(LoginHostKind::Generic);
        QTest::newRow("test") << u"https://TEST.salesforce.com/"_s << int(LoginHostKind::Generic);
        QTest::newRow("my domain") << u"https://acme.my.salesforce.com"_s << int(LoginHostKind::MyDomain);
        QTest::newRow("sandbox my domain") << u"https://acme--uat.sandbox.my.salesforce.com"_s << int(LoginHostKind::MyDomain);
        QTest::newRow("gov cloud") << u"https://agency.my.salesforce.mil"_s << int(LoginHostKind::MyDomain);
        QTest::newRow("site") << u"https://acme.my.site.com/customers"_s << int(LoginHostKind::Site);
        QTest::newRow("loopback v4") << u"http://127.0.0.1:4000"_s << int(LoginHostKind::Loopback);
        QTest::newRow("loopback v6") << u"http://[::1]:4000"_s << int(LoginHostKind::Loopback);
        QTest::newRow("localhost") << u"http://localhost:4000"_s << int(LoginHostKind::Loopback);
        QTest::newRow("lightning page") << u"https://acme.lightning.force.com/lightning/setup/SetupOneHome/home"_s
                                        << int(LoginHostKind::OrgPage);
        QTest::newRow("visualforce page") << u"https://acme--c.vf.force.com"_s << int(LoginHostKind::OrgPage);
        QTest::newRow("setup domain") << u"https://acme.my.salesforce-setup.com"_s << int(LoginHostKind::OrgPage);
        QTest::newRow("force.com site") << u"https://acme.force.com/partners"_s << int(LoginHostKind::Site);
        QTest::newRow("lookalike") << u"https://login.salesforce.com.evil.example"_s << int(LoginHostKind::Other);
    }
    void classifiesHosts()
    {
        QFETCH(QString, url);
        QFETCH(int, kind);
        QCOMPARE(int(classifyLoginHost(QUrl(url))), kind);
    }

    void joinsPathsUnderAPrefix()
    {
        QCOMPARE(endpointUrl(QUrl(u"https://acme.my.site.com/customers/"_s), endpoints::kToken).toString(),
                 u"https://acme.my.site.com/customers/services/oauth2/token"_s);
        QCOMPARE(endpointUrl(QUrl(u"https://acme.my.salesforce.com?x=1"_s), endpoints::kToken).toString(),
                 u"https://acme.my.salesforce.com/services/oauth2/token"_s);
    }

    void requiresHttpsExceptOnLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("acceptable");
        QTest::newRow("https") << u"https://acme.my.salesforce.com"_s << true;
        QTest::newRow("http remote") << u"http://acme.my.salesforce.com"_s << false;
        QTest::newRow("http loopback") << u"http://127.0.0.1:8080"_s << true;
        QTest::newRow("ftp") << u"ftp://127.0.0.1"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void requiresHttpsExceptOnLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, acceptable);
        const QString problem = baseUrlProblem(QUrl(url), u"Login URL"_s);
        QCOMPARE(problem.isEmpty(), acceptable);
        if (!acceptable)
            QVERIFY(problem.contains(u"Login URL"));
    }
};

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
