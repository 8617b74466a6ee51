// Headless forgot password (§6.5) in its two steps over real HTTP, and what guards every init API
// (§6.1, NetworkAuthApiSettings): a Bearer token with the API's scope when the site requires one,
// reCAPTCHA when the site asks for it, POST only.
#include "HeadlessSteps.h"

#include "Emulator.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kNewPassword = u"New-Pass-5678"_s;
} // namespace

class TestEmulatorHeadlessForgot : public QObject
{
    Q_OBJECT

    Answer forgot(const QJsonObject &body, const QString &bearer = {})
    {
        return m_steps->postJson(kForgotPasswordPath, body, bearer);
    }
    Answer reset(const QString &otp, const QString &newPassword = kNewPassword)
    {
        return forgot({{u"username"_s, kAda}, {u"otp"_s, otp}, {u"newpassword"_s, newPassword}});
    }
    static void expectEmptyOk(const Answer &a)
    {
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));
        QCOMPARE(a.body, QByteArray("{}"));
    }
    // A client-credentials token of the demo app carrying `scopeToken`'s scope (or none of the three).
    QString tokenWithScopes(const QString &scopeTokens)
    {
        const QString scopes = u"Api, RefreshToken, OpenID, Basic, Web"_s + scopeTokens;
        if (m_admin.changeApp(m_steps->clientId, {{u"commaSeparatedOauthScopes"_s, scopes}}).status != 200)
            return {};
        const Answer a = m_http.postForm(join(m_emulator->myDomainUrl(), u"/services/oauth2/token"_s),
                                         {{u"grant_type"_s, u"client_credentials"_s},
                                          {u"client_id"_s, m_steps->clientId},
                                          {u"client_secret"_s, m_steps->clientSecret}});
        return a.json()[u"access_token"].toString();
    }

private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_steps.emplace(*m_emulator);
    }
    void cleanup()
    {
        m_steps.reset();
        m_emulator.reset();
    }

    void forgotPasswordInTwoSteps()
    {
        expectEmptyOk(forgot({{u"username"_s, kAda}}));
        const QJsonObject message = m_admin.outbox(kAda).first().toObject();
        QCOMPARE(message[u"purpose"].toString(), u"forgot-password"_s);
        QCOMPARE(message[u"identifier"].toString(), kAda);
        QCOMPARE(message[u"channel"].toString(), u"email"_s);
        expectEmptyOk(reset(message[u"otp"].toString()));
        EXPECT_HEADLESS_ERROR(m_steps->namedUser(kAda, kAdaPassword), 401, "invalid_grant", "authentication failure");
        QCOMPARE(m_steps->namedUser(kAda, kNewPassword).status, 302);
        QCOMPARE(m_admin.get(u"/users/"_s + kAda).json()[u"password"].toString(), kNewPassword);
        // Single use.
        EXPECT_HEADLESS_ERROR(reset(message[u"otp"].toString(), u"Other-Pass-1"_s), 400, "invalid_request",
                              "invalid verification code");
    }

    void anUnknownUserGetsTheSameAnswerAndNoMessage()
    {
        expectEmptyOk(forgot({{u"username"_s, u"nobody@ecalab.example"_s}}));
        QCOMPARE(m_admin.outbox().size(), 0);
        EXPECT_HEADLESS_ERROR(forgot({{u"username"_s, u"nobody@ecalab.example"_s},
                                      {u"otp"_s, u"123456"_s},
                                      {u"newpassword"_s, kNewPassword}}),
                              400, "invalid_request", "invalid verification code");
    }

    void theSecondStepsRefusals()
    {
        expectEmptyOk(forgot({{u"username"_s, kAda}}));
        const QString otp = m_admin.lastOtpSentTo(kAda);
        EXPECT_HEADLESS_ERROR(reset(otp, u""_s), 400, "invalid_request", "newpassword is required");
        EXPECT_HEADLESS_ERROR(forgot({{u"otp"_s, otp}, {u"newpassword"_s, kNewPassword}}), 400, "invalid_request",
                              "username is required");
        const QString wrong = otp == u"000000" ? u"111111"_s : u"000000"_s;
        EXPECT_HEADLESS_ERROR(reset(wrong), 400, "invalid_request", "invalid verification code");
        expectEmptyOk(reset(otp)); // neither the missing password nor one wrong try spent it
    }

    void aNewRequestReplacesTheEarlierCode()
    {
        expectEmptyOk(forgot({{u"username"_s, kAda}}));
        const QString first = m_admin.lastOtpSentTo(kAda);
        expectEmptyOk(forgot({{u"username"_s, kAda}}));
        const QString second = m_admin.lastOtpSentTo(kAda);
        if (first != second)
            EXPECT_HEADLESS_ERROR(reset(first), 400, "invalid_request", "invalid verification code");
        expectEmptyOk(reset(second));
    }

    void theResetCodeExpires()
    {
        expectEmptyOk(forgot({{u"username"_s, kAda}}));
        QCOMPARE(m_admin.advanceClock(600).status, 200); // otpLifetimeSeconds of the demo site
        EXPECT_HEADLESS_ERROR(reset(m_admin.lastOtpSentTo(kAda)), 400, "invalid_request", "verification code expired");
    }

    void forgotPasswordHasItsSwitch()
    {
        QCOMPARE(m_admin.changeSite({{u"headlessForgotPassword"_s, false}}).status, 200);
        EXPECT_HEADLESS_ERROR(forgot({{u"username"_s, kAda}}), 400, "invalid_request",
                              "headless forgot password is not enabled");
    }

    void theInitApisAnswerPostOnly()
    {
        const Answer a = m_steps->send("GET", m_steps->site(QString::fromLatin1(kForgotPasswordPath)));
        EXPECT_HEADLESS_ERROR(a, 400, "invalid_request", "must use HTTP POST");
    }

    void requiringAuthWantsABearerWithTheApisScope_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("scopeToken");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QJsonObject>("body");
        const QJsonObject registration{{u"userdata"_s, QJsonObject{{u"lastName"_s, u"T"_s},
                                                                   {u"email"_s, u"t@ecalab.example"_s},
                                                                   {u"username"_s, u"t@ecalab.example"_s}}},
                                       {u"password"_s, u"T-Pass-1234"_s},
                                       {u"verificationmethod"_s, u"email"_s}};
        QTest::newRow("registration") << u"registrationRequiresAuth"_s << QByteArray(kRegistrationPath)
                                      << u"UserRegistration"_s << u"user_registration_api"_s << registration;
        QTest::newRow("passwordless") << u"passwordlessLoginRequiresAuth"_s << QByteArray(kPasswordlessPath)
                                      << u"PwdlessLogin"_s << u"pwdless_login_api"_s
                                      << QJsonObject{{u"username"_s, kAda}, {u"verificationmethod"_s, u"email"_s}};
        QTest::newRow("forgot password") << u"forgotPasswordRequiresAuth"_s << QByteArray(kForgotPasswordPath)
                                         << u"ForgotPassword"_s << u"forgot_password"_s
                                         << QJsonObject{{u"username"_s, kAda}};
    }
    void requiringAuthWantsABearerWithTheApisScope()
    {
        QFETCH(QString, setting);
        QFETCH(QByteArray, path);
        QFETCH(QString, scopeToken);
        QFETCH(QString, scope);
        QFETCH(QJsonObject, body);
        QCOMPARE(m_admin.changeSite({{setting, true}}).status, 200);
        const QByteArray refusal =
            errorJson(u"invalid_token"_s, u"a valid access token with the "_s + scope + u" scope is required"_s);
        const Answer none = m_steps->postJson(path.constData(), body);
        QCOMPARE(none.status, 401);
        QCOMPARE(none.body, refusal);
        const Answer bogus = m_steps->postJson(path.constData(), body, u"00D5g00000EcaLb!bogus"_s);
        QCOMPARE(bogus.status, 401);
        const QString weak = tokenWithScopes({});
        QVERIFY(!weak.isEmpty());
        QCOMPARE(m_steps->postJson(path.constData(), body, weak).body, refusal);
        const QString strong = tokenWithScopes(u", "_s + scopeToken);
        QVERIFY(!strong.isEmpty());
        QCOMPARE(m_steps->postJson(path.constData(), body, strong).status, 200);
    }

    void recaptchaWhenTheSiteAsksForIt()
    {
        QCOMPARE(m_admin.changeSite({{u"recaptchaRequired"_s, true}}).status, 200);
        const QJsonObject passwordless{{u"username"_s, kAda}, {u"verificationmethod"_s, u"email"_s}};
        EXPECT_HEADLESS_ERROR(m_steps->postJson(kPasswordlessPath, passwordless), 400, "invalid_request",
                              "recaptcha is required");
        QJsonObject withToken = passwordless;
        withToken.insert(u"recaptcha"_s, u""_s);
        EXPECT_HEADLESS_ERROR(m_steps->postJson(kPasswordlessPath, withToken), 400, "invalid_request",
                              "recaptcha is required");
        withToken.insert(u"recaptcha"_s, u"03AFcWeA-any-token"_s);
        QCOMPARE(m_steps->postJson(kPasswordlessPath, withToken).status, 200);
        QJsonObject enterprise = passwordless; // reCAPTCHA Enterprise (§6.3)
        enterprise.insert(
            u"recaptchaevent"_s,
            QJsonObject{{u"token"_s, u"tok"_s}, {u"siteKey"_s, u"k"_s}, {u"expectedAction"_s, u"login"_s}});
        QCOMPARE(m_steps->postJson(kPasswordlessPath, enterprise).status, 200);
        EXPECT_HEADLESS_ERROR(forgot({{u"username"_s, kAda}}), 400, "invalid_request", "recaptcha is required");
        expectEmptyOk(forgot({{u"username"_s, kAda}, {u"recaptcha"_s, u"tok"_s}}));
        expectEmptyOk(reset(m_admin.lastOtpSentTo(kAda))); // the second step carries no reCAPTCHA
    }

private:
    std::optional<Emulator> m_emulator;
    std::optional<HeadlessSteps> m_steps;
    EmulatorAdmin m_admin;
    Http m_http;
};

QTEST_GUILESS_MAIN(TestEmulatorHeadlessForgot)
#include "tst_emulator_headless_forgot.moc"
