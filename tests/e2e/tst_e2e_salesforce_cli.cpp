// Issue 7, "It must show" 1: the real Salesforce CLI (@salesforce/cli from npm, pinned in
// tests/e2e/salesforce-cli) against `ecalab emulator`, unmodified: web logins with the demo app
// and with the CLI's own app (PlatformCLI), its browser step played by headless chromium; an
// access-token login; a JWT bearer login with the demo app's key (`sf org login jwt`, §5, §11);
// `org display` connected; `data query`; and, after the emulator's clock has passed the session
// timeout, `org display` still connected because the CLI refreshed its token (or, for the JWT
// login, signed a new assertion).
#include "BrowserSteps.h"
#include "E2eSetup.h"
#include "EmulatorProcess.h"
#include "SalesforceCli.h"
#include "TestHttp.h"
#include "WebDriver.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::e2e;
using namespace ecalab::test;

namespace {
constexpr int kOpensBrowserMs = 60'000; // node starting the CLI and its plugins on a slow machine
constexpr int kCommandMs = 90'000;
const QString kCliUser = u"cli@ecalab.example"_s;
const QString kCliPassword = u"Cli-Pass-1234"_s;
const QString kRunAsUser = u"integration@ecalab.example"_s; // the demo app's client credentials user
const QString kJwtUser = u"jwt@ecalab.example"_s; // approved the demo app before (approvedApps)
} // namespace

class TestE2eSalesforceCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = startEmulatorAndDriver(m_config, m_emulator, m_driver);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QString error;
        QVERIFY2(m_sf.prepare(&error), qPrintable(error));
        // The CLI listens on the project's oauthLocalPort, so both apps get that callback too
        // (as a developer adds it to an app for a custom port).
        const QJsonObject callbacks{
            {u"callbackUrl"_s, QJsonArray{u"http://localhost:1717/OauthRedirect"_s, m_sf.callbackUrl().toString()}}};
        QCOMPARE(m_emulator.admin().changeApp(u"PlatformCLI"_s, callbacks).status, 200);
        QCOMPARE(m_emulator.admin().changeApp(clientId(), callbacks).status, 200);
        const QJsonObject cliUser{{u"username"_s, kCliUser}, {u"password"_s, kCliPassword}};
        QCOMPARE(m_emulator.admin().call("POST", u"/users"_s, cliUser).status, 200);
        const QJsonObject jwtUser{{u"username"_s, kJwtUser},
                                  {u"password"_s, u"Jwt-Pass-1234"_s},
                                  {u"approvedApps"_s, QJsonArray{u"ECA_Lab_Demo"_s}}};
        QCOMPARE(m_emulator.admin().call("POST", u"/users"_s, jwtUser).status, 200);
    }
    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void loginWebWithTheDemoApp()
    {
        // --client-id makes the CLI ask for the app's secret on stdin (empty for a public client).
        const QStringList args{u"org"_s,      u"login"_s,       u"web"_s,   u"--instance-url"_s,
                               instanceUrl(), u"--client-id"_s, clientId(), u"--json"_s};
        const QByteArray secret = m_emulator.profile()[u"clientSecret"].toString().toUtf8() + '\n';
        const QJsonObject result = webLogin(args, secret, m_emulator.userName(), m_emulator.userPassword());
        QCOMPARE(result[u"username"].toString(), m_emulator.userName());
        QCOMPARE(result[u"clientId"].toString(), clientId());
        QCOMPARE(result[u"orgId"].toString(), orgId18());
        QCOMPARE(result[u"name"].toString(), orgName());   // read with its Organization query
        QCOMPARE(result[u"isDevHub"].toBool(true), false); // ScratchOrgInfo answered INVALID_TYPE
    }

    void loginWebWithTheCliOwnApp()
    {
        const QStringList args{u"org"_s, u"login"_s, u"web"_s, u"--instance-url"_s, instanceUrl(), u"--json"_s};
        const QJsonObject result = webLogin(args, {}, kCliUser, kCliPassword);
        QCOMPARE(result[u"username"].toString(), kCliUser);
        QCOMPARE(result[u"clientId"].toString(), u"PlatformCLI"_s);
        QCOMPARE(result[u"orgId"].toString(), orgId18());
    }

    void loginWithAnAccessToken()
    {
        // The instance URL with a trailing slash: the CLI then asks for //services/... paths.
        const QString token = clientCredentialsToken();
        QVERIFY(!token.isEmpty());
        const QStringList args{
            u"org"_s,         u"login"_s, u"access-token"_s, u"--instance-url"_s, instanceUrl() + u'/',
            u"--no-prompt"_s, u"--json"_s};
        QVERIFY2(m_sf.run(args, kCommandMs, {{u"SF_ACCESS_TOKEN"_s, token}}), qPrintable(m_sf.transcript()));
        QVERIFY2(m_sf.exitCode() == 0, qPrintable(m_sf.transcript()));
        const QJsonObject result = m_sf.json()[u"result"].toObject();
        QCOMPARE(result[u"username"].toString(), kRunAsUser);
        QCOMPARE(result[u"orgId"].toString(), orgId18());
        QCOMPARE(result[u"orgEdition"].toString(), u"Developer Edition"_s);
    }

    void loginWithJwt()
    {
        // The demo profile as it is: the demo app's consumer key and the key file of its
        // certificate. sfdx-core's first try for a My Domain instance URL sends that URL as `aud`
        // and posts to it with a chunked body.
        const QString keyFile = m_emulator.profile()[u"privateKeyFile"].toString();
        QVERIFY(QFile::exists(keyFile));
        const QStringList args{u"org"_s,       u"login"_s,       u"jwt"_s,      u"--client-id"_s,
                               clientId(),     u"--jwt-key-file"_s, keyFile,    u"--username"_s,
                               kJwtUser,       u"--instance-url"_s, instanceUrl(), u"--json"_s};
        QVERIFY2(m_sf.run(args, kCommandMs), qPrintable(m_sf.transcript()));
        QVERIFY2(m_sf.exitCode() == 0, qPrintable(m_sf.transcript()));
        const QJsonObject result = m_sf.json()[u"result"].toObject();
        QCOMPARE(result[u"username"].toString(), kJwtUser);
        QCOMPARE(result[u"orgId"].toString(), orgId18());
        QCOMPARE(result[u"instanceUrl"].toString(), instanceUrl());
        QCOMPARE(grantedSessions(u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s), 1); // the first try
        const QStringList display{u"org"_s, u"display"_s, u"--target-org"_s, kJwtUser, u"--json"_s};
        QVERIFY2(m_sf.run(display, kCommandMs), qPrintable(m_sf.transcript()));
        const QJsonObject shown = m_sf.json()[u"result"].toObject();
        QCOMPARE(shown[u"connectedStatus"].toString(), u"Connected"_s);
        QCOMPARE(shown[u"id"].toString(), orgId18());
        QCOMPARE(shown[u"username"].toString(), kJwtUser);
        QCOMPARE(shown[u"clientId"].toString(), clientId());
    }

    void displayShowsEveryLoginConnected_data()
    {
        QTest::addColumn<QString>("username");
        QTest::newRow("demo app") << m_emulator.userName();
        QTest::newRow("CLI app") << kCliUser;
        QTest::newRow("access token") << kRunAsUser;
        QTest::newRow("JWT") << kJwtUser;
    }
    void displayShowsEveryLoginConnected()
    {
        QFETCH(QString, username);
        QCOMPARE(connectedStatus(username), u"Connected"_s);
    }

    void dataQueryReadsTheOrganization()
    {
        const QStringList args{u"data"_s,         u"query"_s, u"-q"_s,    u"SELECT Id, Name FROM Organization"_s,
                               u"--target-org"_s, kCliUser,   u"--json"_s};
        QVERIFY2(m_sf.run(args, kCommandMs), qPrintable(m_sf.transcript()));
        QVERIFY2(m_sf.exitCode() == 0, qPrintable(m_sf.transcript()));
        const QJsonObject result = m_sf.json()[u"result"].toObject();
        QCOMPARE(result[u"totalSize"].toInt(), 1);
        const QJsonObject record = result[u"records"].toArray().at(0).toObject();
        QCOMPARE(record[u"Id"].toString(), orgId18());
        QCOMPARE(record[u"Name"].toString(), orgName());
        QCOMPARE(record[u"attributes"][u"type"].toString(), u"Organization"_s);
    }

    void stillConnectedAfterTheSessionTimeout()
    {
        QCOMPARE(refreshedSessions(), 0);
        // Past the org's 120-minute session timeout on the emulator's clock: the stored access
        // tokens are dead (REST answers INVALID_SESSION_ID) and the CLI refreshes them.
        QCOMPARE(m_emulator.admin().advanceClock(121 * 60).status, 200);
        QCOMPARE(connectedStatus(m_emulator.userName()), u"Connected"_s); // the demo app: with its secret
        QCOMPARE(connectedStatus(kCliUser), u"Connected"_s);              // PlatformCLI: a public client
        QCOMPARE(refreshedSessions(), 2);
        // A JWT login has no refresh token: the CLI signs a new assertion.
        const int minted = grantedSessions(u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s);
        QCOMPARE(connectedStatus(kJwtUser), u"Connected"_s);
        QCOMPARE(grantedSessions(u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s), minted + 1);
        // An access-token login has nothing to refresh with: it is over, and says so.
        QVERIFY(connectedStatus(kRunAsUser) != u"Connected"_s);
    }

private:
    QString clientId() const { return m_emulator.profile()[u"clientId"].toString(); }
    QString instanceUrl() const { return m_emulator.myDomain().toString(QUrl::StripTrailingSlash); }
    QString orgId18() { return m_emulator.admin().get(u"/org"_s).json()[u"id18"].toString(); }
    QString orgName() { return m_emulator.admin().get(u"/org"_s).json()[u"name"].toString(); }

    // `sf org login web …`: waits for the CLI to open its authorize URL, logs in and allows in
    // chromium, and returns the command's --json result.
    QJsonObject webLogin(const QStringList &args, const QByteArray &input, const QString &user, const QString &password)
    {
        WebDriverSession browser(m_driver.url()); // a fresh profile: no earlier login cookie
        if (!browser.open())
            return fail(browser.lastError());
        if (!m_sf.start(args, input))
            return fail(m_sf.transcript());
        const QUrl authorize = m_sf.waitForOpenedUrl(kOpensBrowserMs);
        if (!authorize.isValid() || authorize.host() != m_emulator.myDomain().host())
            return fail(u"The CLI opened no authorize URL on the emulator: "_s + m_sf.transcript());
        const QUrlQuery query(authorize);
        if (query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded) != m_sf.callbackUrl().toString())
            return fail(u"Unexpected redirect_uri in "_s + authorize.toString());
        QString problem = browser.navigate(authorize) ? logIn(browser, user, password) : browser.lastError();
        if (problem.isEmpty())
            problem = answerConsent(browser, true);
        if (!problem.isEmpty())
            return fail(problem);
        if (!m_sf.waitForExit(kCommandMs) || m_sf.exitCode() != 0)
            return fail(m_sf.transcript());
        browser.close();
        return m_sf.json()[u"result"].toObject();
    }
    static QJsonObject fail(const QString &why)
    {
        qWarning().noquote() << why;
        return {};
    }

    QString connectedStatus(const QString &username)
    {
        const QStringList args{u"org"_s, u"display"_s, u"--target-org"_s, username, u"--json"_s};
        if (!m_sf.run(args, kCommandMs))
            return u"(no answer) "_s + m_sf.transcript();
        const QString status = m_sf.json()[u"result"][u"connectedStatus"].toString();
        return status.isEmpty() ? m_sf.transcript() : status;
    }

    // Access tokens the emulator issued through grant_type=refresh_token.
    int refreshedSessions() { return grantedSessions(u"refresh_token"_s); }
    // Access tokens the emulator issued through `grantType`.
    int grantedSessions(const QString &grantType)
    {
        int count = 0;
        const QJsonArray tokens = m_emulator.admin().get(u"/tokens?type=access_token&limit=1000"_s).jsonArray();
        for (const QJsonValue &token : tokens)
            count += token[u"grantType"].toString() == grantType;
        return count;
    }

    // A client credentials token of the demo app (its Run As user), as any script would get one.
    QString clientCredentialsToken()
    {
        const QJsonObject profile = m_emulator.profile();
        const Answer answer = m_http.postForm(QUrl(instanceUrl() + u"/services/oauth2/token"_s),
                                              {{u"grant_type"_s, u"client_credentials"_s},
                                               {u"client_id"_s, profile[u"clientId"].toString()},
                                               {u"client_secret"_s, profile[u"clientSecret"].toString()}});
        return answer.json()[u"access_token"].toString();
    }

    QTemporaryDir m_config;
    EmulatorProcess m_emulator;
    ChromeDriver m_driver;
    SalesforceCli m_sf;
    Http m_http;
};

QTEST_GUILESS_MAIN(TestE2eSalesforceCli)
#include "tst_e2e_salesforce_cli.moc"
