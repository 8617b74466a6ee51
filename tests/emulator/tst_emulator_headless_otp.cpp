// Headless registration (§6.3) and passwordless login (§6.4) over real HTTP: the init APIs, the OTP
// read from the outbox over the admin API, the authorize with identifier:otp in Basic, the user
// created on the successful authorize, and the OTP rules — single use, three tries, expiry on the
// emulator's clock, the verification type of the init.
#include "HeadlessSteps.h"

#include "Emulator.h"

#include <QRegularExpression>

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kLinus = u"linus@ecalab.example"_s;
const QString kLinusPassword = u"Linus-Pass-1234"_s;
const QString kPhone = u"+15555550100"_s;

QJsonObject registrationBody(const QString &method = u"email"_s, bool passwordInUserdata = false)
{
    QJsonObject userdata{
        {u"firstName"_s, u"Linus"_s}, {u"lastName"_s, u"Torvalds"_s}, {u"email"_s, kLinus}, {u"username"_s, kLinus}};
    QJsonObject body{{u"userdata"_s, userdata}, {u"verificationmethod"_s, method}};
    if (passwordInUserdata) // the Mobile SDK's place (§6.3)
        userdata.insert(u"password"_s, kLinusPassword);
    else // the docs' and Postman's place
        body.insert(u"password"_s, kLinusPassword);
    body.insert(u"userdata"_s, userdata);
    if (method == u"sms")
        body.insert(u"customdata"_s, QJsonObject{{u"mobilePhone"_s, kPhone}});
    return body;
}
} // namespace

class TestEmulatorHeadlessOtp : public QObject
{
    Q_OBJECT

    // Starts a registration and answers its identifier (checking the init's answer).
    QString startRegistration(const QJsonObject &body = registrationBody())
    {
        const Answer a = m_steps->postJson(kRegistrationPath, body);
        if (a.status != 200 || topLevelKeys(a.body) != QStringList{u"email"_s, u"identifier"_s})
            qWarning() << a.status << a.body;
        return a.json()[u"identifier"].toString();
    }
    QString startPasswordless(const QString &username = kAda, const QString &method = u"email"_s)
    {
        const Answer a =
            m_steps->postJson(kPasswordlessPath, {{u"username"_s, username}, {u"verificationmethod"_s, method}});
        if (a.status != 200 || topLevelKeys(a.body) != QStringList{u"identifier"_s})
            qWarning() << a.status << a.body;
        return a.json()[u"identifier"].toString();
    }
    void expectCode(const Answer &a)
    {
        QCOMPARE(a.status, 302);
        QVERIFY2(a.header("Location").startsWith(m_steps->echoUrl().toUtf8() + "?code="), a.header("Location"));
    }
    QString codeOf(const Answer &a) { return callbackQuery(a).queryItemValue(u"code"_s, QUrl::FullyDecoded); }

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

    void registrationWithThePasswordAtTheTopLevel()
    {
        const QString identifier = startRegistration();
        QVERIFY(!identifier.isEmpty());
        QCOMPARE(m_admin.get(u"/users/"_s + kLinus).status, 404); // not before the authorize (§6.3)
        const QJsonArray messages = m_admin.outbox();
        QCOMPARE(messages.size(), 1);
        const QJsonObject message = messages.first().toObject();
        QCOMPARE(message[u"channel"].toString(), u"email"_s);
        QCOMPARE(message[u"to"].toString(), kLinus);
        QCOMPARE(message[u"purpose"].toString(), u"registration"_s);
        QCOMPARE(message[u"identifier"].toString(), identifier);
        const QString otp = message[u"otp"].toString();
        QVERIFY(QRegularExpression(u"^[0-9]{6}$"_s).match(otp).hasMatch());
        QCOMPARE(message[u"text"].toString(), u"Your verification code is "_s + otp);
        QCOMPARE(message[u"used"].toBool(), false);
        const QDateTime sent = QDateTime::fromString(message[u"sentAt"].toString(), Qt::ISODateWithMs);
        const QDateTime expires = QDateTime::fromString(message[u"expiresAt"].toString(), Qt::ISODateWithMs);
        QCOMPARE(sent.secsTo(expires), 600);

        const Answer a = m_steps->otpLogin("user-registration", identifier, otp);
        expectCode(a);
        const QJsonObject user = m_admin.get(u"/users/"_s + kLinus).json();
        QCOMPARE(user[u"userType"].toString(), u"CSP_LITE_PORTAL"_s);
        QCOMPARE(user[u"firstName"].toString(), u"Linus"_s);
        QCOMPARE(user[u"lastName"].toString(), u"Torvalds"_s);
        QCOMPARE(user[u"email"].toString(), kLinus);
        QCOMPARE(m_admin.outbox().first()[u"used"].toBool(), true);
        const Answer token = m_steps->exchange(codeOf(a));
        QCOMPARE(token.status, 200);
        QCOMPARE(token.json()[u"id"].toString().section(u'/', -1), user[u"id18"].toString());
        // The password of the registration logs the new user in.
        expectCode(m_steps->namedUser(kLinus, kLinusPassword));
    }

    void registrationWithThePasswordInsideUserdata()
    {
        const QString identifier = startRegistration(registrationBody(u"email"_s, true));
        expectCode(m_steps->otpLogin("user-registration", identifier, m_admin.lastOtpSentTo(kLinus)));
        expectCode(m_steps->namedUser(kLinus, kLinusPassword));
    }

    void registrationBySms()
    {
        const QString identifier = startRegistration(registrationBody(u"sms"_s));
        const QJsonObject message = m_admin.outbox(kPhone).first().toObject();
        QCOMPARE(message[u"channel"].toString(), u"sms"_s);
        QCOMPARE(message[u"to"].toString(), kPhone);
        const QString otp = m_emulator->lastOtpSentTo(kPhone); // the C++ accessor reads the same outbox
        QCOMPARE(otp, message[u"otp"].toString());
        // Auth-Verification-Type must be the init's verificationmethod.
        EXPECT_HEADLESS_ERROR(m_steps->otpLogin("user-registration", identifier, otp, "email"), 400, "invalid_request",
                              "verification type mismatch");
        EXPECT_HEADLESS_ERROR(m_steps->authorize("user-registration", basicStandard(identifier, otp)), 400,
                              "invalid_request", "verification type mismatch");
        expectCode(m_steps->otpLogin("user-registration", identifier, otp, "SMS"));
        QCOMPARE(m_admin.get(u"/users/"_s + kLinus).json()[u"mobilePhone"].toString(), kPhone);
    }

    void registrationRefusals_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("description");
        QJsonObject noEmail = registrationBody(), noLastName = registrationBody(), noPassword = registrationBody();
        QJsonObject userdata = noEmail[u"userdata"].toObject();
        userdata.remove(u"email"_s);
        noEmail[u"userdata"] = userdata;
        userdata = noLastName[u"userdata"].toObject();
        userdata.remove(u"lastName"_s);
        noLastName[u"userdata"] = userdata;
        noPassword.remove(u"password"_s);
        QJsonObject noPhone = registrationBody(u"sms"_s);
        noPhone.remove(u"customdata"_s);
        QJsonObject taken = registrationBody();
        taken[u"userdata"] = QJsonObject{{u"lastName"_s, u"L"_s}, {u"email"_s, kAda}, {u"username"_s, kAda.toUpper()}};
        QJsonObject noMethod = registrationBody();
        noMethod.remove(u"verificationmethod"_s);
        QTest::newRow("no email") << noEmail << u"email is required"_s;
        QTest::newRow("no lastName") << noLastName << u"lastName is required"_s;
        QTest::newRow("no password") << noPassword << u"password is required"_s;
        QTest::newRow("no verificationmethod") << noMethod << u"verificationmethod is required"_s;
        QTest::newRow("bad verificationmethod") << registrationBody(u"voice"_s) << u"invalid verificationmethod"_s;
        QTest::newRow("username taken") << taken << u"username already exists"_s;
        QTest::newRow("sms without a phone") << noPhone << u"mobilePhone is required for sms"_s;
        QTest::newRow("not a JSON object") << QJsonObject() << u"email is required"_s;
    }
    void registrationRefusals()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, description);
        const Answer a = m_steps->postJson(kRegistrationPath, body);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));
        QCOMPARE(a.body, errorJson(u"invalid_request"_s, description));
        QCOMPARE(m_admin.outbox().size(), 0);
    }

    void registrationAndPasswordlessHaveTheirSwitches()
    {
        QCOMPARE(
            m_admin.changeSite({{u"headlessRegistration"_s, false}, {u"headlessPasswordlessLogin"_s, false}}).status,
            200);
        EXPECT_HEADLESS_ERROR(m_steps->postJson(kRegistrationPath, registrationBody()), 400, "invalid_request",
                              "headless registration is not enabled");
        EXPECT_HEADLESS_ERROR(m_steps->postJson(kPasswordlessPath, {{u"username"_s, kAda}}), 400, "invalid_request",
                              "headless passwordless login is not enabled");
    }

    void theUsernameTakenMeanwhileFailsTheAuthorize()
    {
        const QString identifier = startRegistration();
        QCOMPARE(m_admin.call("POST", u"/users"_s, {{u"username"_s, kLinus}, {u"password"_s, u"x-Pass-1"_s}}).status,
                 200);
        EXPECT_HEADLESS_ERROR(m_steps->otpLogin("user-registration", identifier, m_admin.lastOtpSentTo(kLinus)), 400,
                              "invalid_request", "username already exists");
    }

    void anOtpIsSingleUse()
    {
        const QString identifier = startRegistration();
        const QString otp = m_admin.lastOtpSentTo(kLinus);
        expectCode(m_steps->otpLogin("user-registration", identifier, otp));
        EXPECT_HEADLESS_ERROR(m_steps->otpLogin("user-registration", identifier, otp), 401, "invalid_grant",
                              "invalid verification code");
    }

    void threeWrongTriesSpendTheIdentifier()
    {
        const QString identifier = startPasswordless();
        const QString otp = m_admin.lastOtpSentTo(kAda);
        const QString wrong = otp == u"000000" ? u"111111"_s : u"000000"_s;
        for (int i = 0; i < 3; ++i)
            EXPECT_HEADLESS_ERROR(m_steps->otpLogin("passwordless-login", identifier, wrong), 401, "invalid_grant",
                                  "invalid verification code");
        EXPECT_HEADLESS_ERROR(m_steps->otpLogin("passwordless-login", identifier, otp), 401, "invalid_grant",
                              "invalid verification code");
    }

    void twoWrongTriesLeaveTheRightOneWorking()
    {
        const QString identifier = startPasswordless();
        const QString otp = m_admin.lastOtpSentTo(kAda);
        const QString wrong = otp == u"000000" ? u"111111"_s : u"000000"_s;
        for (int i = 0; i < 2; ++i)
            QCOMPARE(m_steps->otpLogin("passwordless-login", identifier, wrong).status, 401);
        expectCode(m_steps->otpLogin("passwordless-login", identifier, otp));
    }

    void anOtpExpiresOnTheEmulatorsClock()
    {
        QCOMPARE(m_admin.changeSite({{u"otpLifetimeSeconds"_s, 120}}).status, 200);
        const QString first = startPasswordless();
        QCOMPARE(m_admin.advanceClock(119).status, 200);
        expectCode(m_steps->otpLogin("passwordless-login", first, m_admin.lastOtpSentTo(kAda)));
        const QString second = startPasswordless();
        QCOMPARE(m_admin.advanceClock(120).status, 200);
        EXPECT_HEADLESS_ERROR(m_steps->otpLogin("passwordless-login", second, m_admin.lastOtpSentTo(kAda)), 401,
                              "invalid_grant", "verification code expired");
    }

    void passwordlessLoginGetsTheUsersCode()
    {
        const QString identifier = startPasswordless(kAda.toUpper());
        const QJsonObject message = m_admin.outbox(kAda, u"passwordless-login"_s).first().toObject();
        QCOMPARE(message[u"identifier"].toString(), identifier);
        const Answer a = m_steps->authorize("Passwordless-Login", basicUrlSafe(identifier, message[u"otp"].toString()),
                                            {{"Auth-Verification-Type", "email"}});
        expectCode(a);
        const Answer token = m_steps->exchange(codeOf(a));
        QCOMPARE(token.status, 200);
        QCOMPARE(token.json()[u"id"].toString().section(u'/', -1),
                 m_admin.get(u"/users/"_s + kAda).json()[u"id18"].toString());
        // A registration identifier is no passwordless one, and the other way round.
        const QString registration = startRegistration();
        EXPECT_HEADLESS_ERROR(m_steps->otpLogin("passwordless-login", registration, m_admin.lastOtpSentTo(kLinus)), 401,
                              "invalid_grant", "invalid verification code");
    }

    void passwordlessNeverTellsWhoExists()
    {
        QCOMPARE(m_admin.changeUser(u"grace@ecalab.example"_s, {{u"active"_s, false}}).status, 200);
        const QString unknown = startPasswordless(u"nobody@ecalab.example"_s);
        const QString inactive = startPasswordless(u"grace@ecalab.example"_s);
        const QString noPhone = startPasswordless(kAda, u"sms"_s);
        QVERIFY(!unknown.isEmpty() && !inactive.isEmpty() && !noPhone.isEmpty());
        QCOMPARE(unknown.size(), startPasswordless().size()); // the same shape as a real one
        QCOMPARE(m_admin.outbox().size(), 1);                 // only ada's e-mail went out
        EXPECT_HEADLESS_ERROR(m_steps->otpLogin("passwordless-login", unknown, u"123456"_s), 401, "invalid_grant",
                              "invalid verification code");
        QCOMPARE(m_admin.changeUser(kAda, {{u"mobilePhone"_s, kPhone}}).status, 200);
        const QString bySms = startPasswordless(kAda, u"sms"_s);
        QCOMPARE(m_admin.outbox(kPhone).first()[u"channel"].toString(), u"sms"_s);
        expectCode(m_steps->otpLogin("passwordless-login", bySms, m_admin.lastOtpSentTo(kPhone), "sms"));
    }

    void passwordlessRefusals()
    {
        EXPECT_HEADLESS_ERROR(m_steps->postJson(kPasswordlessPath, {{u"verificationmethod"_s, u"email"_s}}), 400,
                              "invalid_request", "username is required");
        EXPECT_HEADLESS_ERROR(
            m_steps->postJson(kPasswordlessPath, {{u"username"_s, kAda}, {u"verificationmethod"_s, u"fax"_s}}), 400,
            "invalid_request", "invalid verificationmethod");
        QCOMPARE(m_admin.changeUser(kAda, {{u"active"_s, false}}).status, 200);
        EXPECT_HEADLESS_ERROR(m_steps->otpLogin("passwordless-login", u"unknown-identifier"_s, u"123456"_s), 401,
                              "invalid_grant", "invalid verification code");
    }

    void theOutboxIsReadFilteredAndCleared()
    {
        startRegistration();
        startPasswordless();
        QCOMPARE(m_admin.outbox().size(), 2);
        QCOMPARE(m_admin.outbox().last()[u"to"].toString(), kAda); // newest last
        QCOMPARE(m_admin.outbox().last()[u"id"].toInt(), 2);
        QCOMPARE(m_admin.outbox(kAda.toUpper()).size(), 1);
        QCOMPARE(m_admin.outbox({}, u"registration"_s).size(), 1);
        QCOMPARE(m_admin.outbox(kAda, u"registration"_s).size(), 0);
        QCOMPARE(m_emulator->outbox().size(), 2);
        QVERIFY(m_emulator->lastOtpSentTo(u"nobody@ecalab.example"_s).isEmpty());
        const Answer cleared = m_admin.clearOutbox();
        QCOMPARE(cleared.status, 200);
        QCOMPARE(cleared.json(), (QJsonObject{{u"cleared"_s, 2}}));
        QCOMPARE(m_admin.outbox().size(), 0);
        startPasswordless();
        QCOMPARE(m_admin.reset().status, 200); // a reset forgets the messages and their OTPs
        QCOMPARE(m_admin.outbox().size(), 0);
    }

private:
    std::optional<Emulator> m_emulator;
    std::optional<HeadlessSteps> m_steps;
    EmulatorAdmin m_admin;
};

QTEST_GUILESS_MAIN(TestEmulatorHeadlessOtp)
#include "tst_emulator_headless_otp.moc"
