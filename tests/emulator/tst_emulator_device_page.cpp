// /setup/connect (§4.2) driven like a browser: GET the page, POST its forms by the element ids
// of the HTML contract (user_code/save, username/password/Login, oaapprove/oadeny), carry the
// `sid` cookie by hand, then poll as the device would.
#include "DeviceSteps.h"

#include "Emulator.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kAda = u"ada@ecalab.example"_s;
const QString kAdaPassword = u"Demo-Pass-1234"_s;

bool hasElement(const QString &html, const QString &id)
{
    return html.contains(u"id=\""_s + id + u'"');
}

// The value of the input named `name` (hidden or text), HTML entities for quotes and & undone.
QString inputValue(const QString &html, const QString &name)
{
    const QRegularExpression input(u"<input[^>]*name=\""_s + QRegularExpression::escape(name) +
                                   u"\"[^>]*value=\"([^\"]*)\""_s);
    QString value = input.match(html).captured(1);
    value.replace(u"&quot;"_s, u"\""_s).replace(u"&lt;"_s, u"<"_s).replace(u"&gt;"_s, u">"_s);
    return value.replace(u"&amp;"_s, u"&"_s);
}
} // namespace

class TestEmulatorDevicePage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_clientId = m_emulator->demoProfile()[u"clientId"].toString();
        m_steps.emplace(m_http, m_clientId);
        m_cookie.clear();
    }
    void cleanup()
    {
        m_steps.reset();
        m_emulator.reset();
    }

    void pageIsServedOnLoginAndMyDomain()
    {
        for (const QUrl &base : {m_emulator->loginUrl(), m_emulator->myDomainUrl()}) {
            const Answer a = m_http.get(join(base, u"/setup/connect"_s));
            QCOMPARE(a.status, 200);
            QVERIFY(a.header("Content-Type").startsWith("text/html"));
            const QString html = QString::fromUtf8(a.body);
            QVERIFY(hasElement(html, u"user_code"_s));
            QVERIFY(hasElement(html, u"save"_s));
            QVERIFY(html.contains(u"<form method=\"post\" action=\"/setup/connect\""_s));
            QVERIFY(!html.contains(u"<script"_s));
        }
        QCOMPARE(m_http.get(join(m_emulator->siteUrl(), u"/setup/connect"_s)).status, 404);
    }

    void userCodeInTheQueryIsPrefilledAndEscaped()
    {
        const QString userCode = newCode().first;
        QUrl url = join(m_emulator->loginUrl(), u"/setup/connect"_s);
        url.setQuery(u"user_code="_s + userCode);
        QCOMPARE(inputValue(QString::fromUtf8(m_http.get(url).body), u"user_code"_s), userCode);

        url.setQuery(u"user_code=%22%3E%3Cscript%3Ex%3C/script%3E"_s);
        const QString html = QString::fromUtf8(m_http.get(url).body);
        QVERIFY(!html.contains(u"<script>"_s));
        QCOMPARE(inputValue(html, u"user_code"_s), u"\"><script>x</script>"_s);
    }

    void unknownAndExpiredCodesShowThePageAgain()
    {
        Answer a = submitCode(u"ZZZZ0000"_s);
        QCOMPARE(a.status, 200);
        QString html = QString::fromUtf8(a.body);
        QVERIFY(html.contains(u"That code isn&#39;t valid."_s));
        QVERIFY(hasElement(html, u"user_code"_s) && hasElement(html, u"save"_s));

        const QString userCode = newCode().first;
        m_emulator->advanceClock(600);
        html = QString::fromUtf8(submitCode(userCode).body);
        QVERIFY(html.contains(u"That code has expired."_s));
        QVERIFY(!hasElement(html, u"username"_s)); // no login for a dead code
    }

    void enterCodeLogInAllowThenTheDeviceGetsItsToken()
    {
        const auto [userCode, deviceCode] = newCode(u"api refresh_token"_s);
        // People type codes loosely: lower case, a dash, spaces.
        const QString typed = userCode.left(4).toLower() + u"-"_s + userCode.mid(4).toLower() + u" "_s;
        Answer a = submitCode(typed);
        QString html = QString::fromUtf8(a.body);
        QVERIFY2(hasElement(html, u"username"_s) && hasElement(html, u"password"_s) && hasElement(html, u"Login"_s),
                 qPrintable(html));
        QCOMPARE(inputValue(html, u"user_code"_s), userCode);

        a = post({{u"user_code"_s, userCode},
                  {u"username"_s, kAda},
                  {u"password"_s, u"wrong"_s},
                  {u"Login"_s, u"Log In"_s}});
        html = QString::fromUtf8(a.body);
        QVERIFY(html.contains(u"Please check your username and password."_s));
        QVERIFY(a.header("Set-Cookie").isEmpty());

        a = logIn(userCode);
        html = QString::fromUtf8(a.body);
        QVERIFY(hasElement(html, u"oaapprove"_s) && hasElement(html, u"oadeny"_s));
        QVERIFY(html.contains(u"api"_s));
        QVERIFY(!m_cookie.isEmpty());

        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"authorization_pending"_s);
        a = post({{u"user_code"_s, userCode}, {u"oaapprove"_s, u"Allow"_s}});
        QCOMPARE(a.status, 200);
        html = QString::fromUtf8(a.body);
        QVERIFY(hasElement(html, u"device_connected"_s));
        QVERIFY(html.contains(u"You may close this window"_s));

        m_emulator->advanceClock(5);
        const Answer token = m_steps->poll(m_emulator->loginUrl(), deviceCode);
        QCOMPARE(token.status, 200);
        QCOMPARE(token.json()[u"scope"].toString(), u"api refresh_token"_s);
        QVERIFY(!token.json()[u"refresh_token"].toString().isEmpty());
        const QString adaId = m_admin.get(u"/users/"_s + kAda).json()[u"id18"].toString();
        QVERIFY(!adaId.isEmpty());
        QVERIFY(token.json()[u"id"].toString().endsWith(adaId));

        // The code is spent: entering it again says so.
        QVERIFY(QString::fromUtf8(submitCode(userCode).body).contains(u"That code has already been used."_s));
    }

    void loggedInUserGoesStraightToConsent()
    {
        const QString first = newCode().first;
        submitCode(first);
        logIn(first);
        QVERIFY(!m_cookie.isEmpty());
        const QString second = newCode().first;
        const QString html = QString::fromUtf8(submitCode(second).body);
        QVERIFY(hasElement(html, u"oaapprove"_s));
        QVERIFY(!hasElement(html, u"password"_s));
        QCOMPARE(inputValue(html, u"user_code"_s), second);
    }

    void denyOnTheConsentPage()
    {
        const auto [userCode, deviceCode] = newCode();
        submitCode(userCode);
        logIn(userCode);
        const QString html = QString::fromUtf8(post({{u"user_code"_s, userCode}, {u"oadeny"_s, u"Deny"_s}}).body);
        QVERIFY(hasElement(html, u"device_denied"_s));
        const Answer poll = m_steps->poll(m_emulator->loginUrl(), deviceCode);
        QCOMPARE(oauthError(poll), qMakePair(u"access_denied"_s, u"end-user denied authorization"_s));
    }

    void consentWithoutASessionAsksToLogIn()
    {
        const auto [userCode, deviceCode] = newCode();
        const QString html = QString::fromUtf8(post({{u"user_code"_s, userCode}, {u"oaapprove"_s, u"Allow"_s}}).body);
        QVERIFY(hasElement(html, u"password"_s));
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"authorization_pending"_s);
    }

    void userTheAppDoesNotPermitIsStopped()
    {
        QVERIFY(m_emulator->changeApp(m_clientId, {{u"permittedUsersPolicyType"_s, u"AdminApprovedPreAuthorized"_s}}));
        QVERIFY(m_emulator->changeUser(kAda, {{u"permittedApps"_s, QJsonArray()}}));
        const auto [userCode, deviceCode] = newCode();
        submitCode(userCode);
        const QString html = QString::fromUtf8(logIn(userCode).body);
        QVERIFY2(html.contains(u"user is not admin approved to access this app"_s), qPrintable(html));
        QVERIFY(!hasElement(html, u"oaapprove"_s));
        QCOMPARE(m_admin.approveDevice(userCode, kAda).status, 400); // the admin API applies the same rule
        QCOMPARE(oauthError(m_steps->poll(m_emulator->loginUrl(), deviceCode)).first, u"authorization_pending"_s);
    }

private:
    QPair<QString, QString> newCode(const QString &scope = {})
    {
        const Answer a = m_steps->requestCode(m_emulator->loginUrl(), scope);
        return {a.json()[u"user_code"].toString(), a.json()[u"device_code"].toString()};
    }
    // A form POST to /setup/connect as the browser would send it, with the cookie it holds.
    Answer post(const QList<QPair<QString, QString>> &fields)
    {
        Headers headers;
        if (!m_cookie.isEmpty())
            headers.append({"Cookie", m_cookie});
        const Answer a = m_http.postForm(join(m_emulator->loginUrl(), u"/setup/connect"_s), fields, headers);
        const QByteArray setCookie = a.header("Set-Cookie");
        if (!setCookie.isEmpty())
            m_cookie = setCookie.left(setCookie.indexOf(';'));
        return a;
    }
    Answer submitCode(const QString &typed) { return post({{u"user_code"_s, typed}, {u"save"_s, u"Connect"_s}}); }
    Answer logIn(const QString &userCode)
    {
        return post({{u"user_code"_s, userCode},
                     {u"username"_s, kAda},
                     {u"password"_s, kAdaPassword},
                     {u"Login"_s, u"Log In"_s}});
    }

    std::optional<Emulator> m_emulator;
    Http m_http;
    std::optional<DeviceSteps> m_steps;
    EmulatorAdmin m_admin;
    QString m_clientId;
    QByteArray m_cookie;
};

QTEST_GUILESS_MAIN(TestEmulatorDevicePage)
#include "tst_emulator_device_page.moc"
