// The headless family (§6) against the in-process emulator's site: each member's success with the
// code read from the outbox as a person would read their e-mail, and each refusal explained.
#include "EmulatorFixture.h"
#include "FlowRunner.h"

#include "grants/headless/HeadlessMembers.h"
#include "http/CurlCommand.h"
#include "http/Har.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kDemoPassword = u"Demo-Pass-1234"_s;
const QString kNewUser = u"newcomer@ecalab.example"_s;

// Answers prompts as a person would, on the event loop: the prompt's id → a function giving the
// answer when it is asked (a code is only known once the site has sent it).
struct Answerer
{
    QHash<QString, std::function<QString()>> answers;
    QStringList asked;

    void attach(Flow *flow)
    {
        QObject::connect(flow, &Flow::promptChanged, flow, [this, flow](const UserPrompt &prompt) {
            if (!prompt.asks() || !answers.contains(prompt.id))
                return;
            asked.append(prompt.id);
            const QString value = answers.value(prompt.id)();
            QMetaObject::invokeMethod(flow, [flow, id = prompt.id, value] { flow->answer(id, value); },
                                      Qt::QueuedConnection);
        });
    }
};

QString stageState(const Flow &flow, const QString &id)
{
    for (const Flow::Stage &stage : flow.stages()) {
        if (stage.id == id)
            return QVariant::fromValue(stage.state).toString();
    }
    return u"(no stage %1)"_s.arg(id);
}

// Every byte the exchange log keeps, as views and exports read it: the exchanges themselves, the
// `exchanges` of --json, the HAR export and each "Copy as curl".
QByteArray allTraffic(FlowSession &session)
{
    QByteArray text = QJsonDocument(session.log()->toJson()).toJson();
    text += QJsonDocument(harDocument(session.log()->exchanges())).toJson();
    for (const Exchange &exchange : session.log()->exchanges()) {
        text += exchange.request.url.toEncoded() + '\n' + exchange.request.body + '\n' + exchange.response.body + '\n';
        for (const auto &[name, value] : exchange.request.headers + exchange.response.headers)
            text += name + ": " + value + '\n';
        text += curlCommand(exchange).toUtf8() + '\n';
    }
    return text;
}
} // namespace

class TestHeadlessFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_emulator.emplace(); }
    void cleanup() { m_emulator.reset(); }

    void headlessLoginWithTheDemoProfile()
    {
        FlowRunner runner;
        Answerer person;
        person.answers.insert(u"password"_s, [] { return kDemoPassword; });
        Flow *flow = startWith(runner, person, u"headless-login"_s, m_emulator->demoProfile());
        FlowRunner::waitForEnd(flow);
        QCOMPARE(flow->status(), Flow::Status::Succeeded);
        QCOMPARE(person.asked, QStringList{u"password"_s});
        QVERIFY(!flow->result()->accessToken.isEmpty());
        QCOMPARE(stageState(*flow, u"read-code"_s), u"Done"_s); // the redirect went to the echo endpoint
        QCOMPARE(stageState(*flow, u"verify-id-token"_s), u"Done"_s);
        QCOMPARE(flow->result()->sfdcCommunityUrl,
                 m_emulator->emulator().siteUrl().toString());
        const QByteArray traffic = allTraffic(runner.session);
        QVERIFY(traffic.contains("Auth-Request-Type: Named-User"));
        QVERIFY(traffic.contains("response_type=code_credentials"));
        QVERIFY2(!traffic.contains(kDemoPassword.toUtf8()), traffic.constData());
        QVERIFY(!traffic.contains(QByteArray("ada@ecalab.example:" + kDemoPassword.toUtf8()).toBase64()));
    }

    void wrongPasswordIsExplained()
    {
        FlowRunner runner;
        Answerer person;
        person.answers.insert(u"password"_s, [] { return u"not-the-password"_s; });
        Flow *flow = startWith(runner, person, u"headless-login"_s, m_emulator->demoProfile());
        FlowRunner::waitForEnd(flow);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(flow->error()->kind, FlowError::Kind::ServerRejected);
        QCOMPARE(flow->error()->error, u"invalid_grant"_s);
        QCOMPARE(flow->error()->errorDescription, u"authentication failure"_s);
        QCOMPARE(flow->error()->stageId, u"authorize"_s);
        QVERIFY2(flow->error()->explanation.contains(u"member of this site"_s), qPrintable(flow->error()->explanation));
    }

    void disabledFlowIsExplained()
    {
        QVERIFY(m_emulator->emulator().changeApp(u"ECA_Lab_Demo"_s, {{u"isCodeCredFlowEnabled"_s, false}}));
        FlowRunner runner;
        Answerer person;
        person.answers.insert(u"password"_s, [] { return kDemoPassword; });
        Flow *flow = startWith(runner, person, u"headless-login"_s, m_emulator->demoProfile());
        FlowRunner::waitForEnd(flow);
        QCOMPARE(flow->error()->errorDescription, u"code credentials flow is not enabled"_s);
        QVERIFY(flow->error()->fix.contains(u"Enable Authorization Code and Credentials Flow"_s));
    }

    void myDomainAsSiteIsRefusedBeforeSending()
    {
        Profile profile = m_emulator->demoProfile();
        profile.siteUrl = QUrl(u"https://acme.my.salesforce.com"_s);
        FlowRunner runner;
        Flow *flow = runner.run(u"headless-login"_s, profile);
        QCOMPARE(flow->error()->kind, FlowError::Kind::Configuration);
        QVERIFY(flow->error()->explanation.contains(u"not an Experience Cloud site"_s));
        QVERIFY(runner.session.log()->exchanges().isEmpty());
    }

    void registrationCreatesTheUser()
    {
        FlowRunner runner;
        Answerer person;
        person.answers.insert(u"password"_s, [] { return u"Fresh-Pass-5678"_s; });
        person.answers.insert(u"otp"_s, [this] { return m_emulator->emulator().lastOtpSentTo(kNewUser); });
        Flow *flow = startWith(runner, person, u"headless-registration"_s, registrationProfile());
        FlowRunner::waitForEnd(flow);
        QVERIFY2(flow->status() == Flow::Status::Succeeded, qPrintable(flow->error() ? flow->error()->summary() : QString()));
        QCOMPARE(person.asked, (QStringList{u"password"_s, u"otp"_s}));
        QCOMPARE(flow->prompt().kind, UserPrompt::Kind::None);
        QVERIFY(!flow->result()->accessToken.isEmpty());
        const QString otp = m_emulator->emulator().outbox().last().toObject().value(u"otp").toString();
        const QByteArray traffic = allTraffic(runner.session);
        QVERIFY(traffic.contains("Auth-Request-Type: user-registration"));
        QVERIFY(traffic.contains("Auth-Verification-Type: email"));
        QVERIFY(!traffic.contains("Fresh-Pass-5678"));
        QVERIFY2(!traffic.contains(otp.toUtf8()), qPrintable(otp));
        const QJsonArray users = m_emulator->emulator().state().value(u"users").toArray();
        QVERIFY(std::any_of(users.begin(), users.end(),
                            [](const QJsonValue &u) { return u[u"username"].toString() == kNewUser; }));
    }

    void registrationOtpPromptSaysWhereTheCodeWent()
    {
        FlowRunner runner;
        Answerer person;
        person.answers.insert(u"password"_s, [] { return u"Fresh-Pass-5678"_s; });
        Flow *flow = startWith(runner, person, u"headless-registration"_s, registrationProfile());
        QTRY_COMPARE(flow->prompt().kind, UserPrompt::Kind::AskOneTimeCode);
        QCOMPARE(flow->prompt().id, u"otp"_s);
        QCOMPARE(flow->prompt().sentTo, u"n•••@ecalab.example by e-mail"_s);
        QVERIFY(flow->prompt().deadlineMs > 0);
        QCOMPARE(stageState(*flow, u"enter-code"_s), u"WaitingForUser"_s);
        flow->cancel();
        QCOMPARE(flow->status(), Flow::Status::Cancelled);
    }

    void wrongAndExpiredCodes_data()
    {
        QTest::addColumn<bool>("expire");
        QTest::addColumn<QString>("description");
        QTest::newRow("wrong") << false << u"invalid verification code"_s;
        QTest::newRow("expired") << true << u"verification code expired"_s;
    }
    void wrongAndExpiredCodes()
    {
        QFETCH(bool, expire);
        QFETCH(QString, description);
        FlowRunner runner;
        Answerer person;
        person.answers.insert(u"password"_s, [] { return u"Fresh-Pass-5678"_s; });
        person.answers.insert(u"otp"_s, [this, expire] {
            const QString sent = m_emulator->emulator().lastOtpSentTo(kNewUser);
            if (expire)
                m_emulator->emulator().advanceClock(3600);
            return expire ? sent : (sent == u"000000" ? u"111111"_s : u"000000"_s);
        });
        Flow *flow = startWith(runner, person, u"headless-registration"_s, registrationProfile());
        FlowRunner::waitForEnd(flow);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(flow->error()->errorDescription, description);
        QVERIFY(!flow->error()->fix.isEmpty());
    }

    void noCodeInTimeIsExpired()
    {
        FlowRunner runner;
        runner.session.setRunOptions({.waitTimeoutSeconds = 1, .waitLimitName = u"--timeout SECONDS"_s});
        Answerer person;
        person.answers.insert(u"password"_s, [] { return u"Fresh-Pass-5678"_s; });
        Flow *flow = startWith(runner, person, u"headless-registration"_s, registrationProfile());
        FlowRunner::waitForEnd(flow, 5'000);
        QCOMPARE(flow->error()->kind, FlowError::Kind::Expired);
        QCOMPARE(flow->error()->stageId, u"enter-code"_s);
        QCOMPARE(flow->error()->exitCode(), 4);
    }

    void passwordlessLogin()
    {
        FlowRunner runner;
        Answerer person;
        person.answers.insert(u"otp"_s, [this] { return m_emulator->emulator().lastOtpSentTo(u"ada@ecalab.example"_s); });
        Flow *flow = startWith(runner, person, u"passwordless-login"_s, m_emulator->demoProfile());
        FlowRunner::waitForEnd(flow);
        QVERIFY2(flow->status() == Flow::Status::Succeeded, qPrintable(flow->error() ? flow->error()->summary() : QString()));
        QCOMPARE(person.asked, QStringList{u"otp"_s});
        QVERIFY(allTraffic(runner.session).contains("Auth-Request-Type: passwordless-login"));
    }

    void passwordlessSwitchedOffIsExplained()
    {
        QVERIFY(m_emulator->emulator().changeSite({{u"headlessPasswordlessLogin"_s, false}}));
        FlowRunner runner;
        Flow *flow = runner.run(u"passwordless-login"_s, m_emulator->demoProfile());
        QCOMPARE(flow->error()->errorDescription, u"headless passwordless login is not enabled"_s);
        QCOMPARE(flow->error()->stageId, u"init-passwordless"_s);
        QVERIFY(flow->error()->fix.contains(u"Login & Registration"_s));
    }

    void forgotPasswordThenLogInWithTheNewOne()
    {
        FlowRunner runner;
        Answerer person;
        person.answers.insert(u"otp"_s, [this] { return m_emulator->emulator().lastOtpSentTo(u"ada@ecalab.example"_s); });
        person.answers.insert(u"newPassword"_s, [] { return u"Brand-New-Pass-9"_s; });
        Flow *flow = startWith(runner, person, u"forgot-password"_s, m_emulator->demoProfile());
        FlowRunner::waitForEnd(flow);
        QVERIFY2(flow->status() == Flow::Status::Succeeded, qPrintable(flow->error() ? flow->error()->summary() : QString()));
        QCOMPARE(stageState(*flow, u"reset-password"_s), u"Done"_s);
        QVERIFY(!allTraffic(runner.session).contains("Brand-New-Pass-9"));

        // the old password no longer works; the new one does
        Answerer again;
        again.answers.insert(u"password"_s, [] { return kDemoPassword; });
        Flow *login = startWith(runner, again, u"headless-login"_s, m_emulator->demoProfile());
        FlowRunner::waitForEnd(login);
        QCOMPARE(login->error()->errorDescription, u"authentication failure"_s);
    }

    void guestNeedsTheSiteAndJwtTokens()
    {
        FlowRunner runner;
        Flow *flow = runner.run(u"headless-guest"_s, m_emulator->demoProfile());
        QCOMPARE(flow->error()->errorDescription, u"guest access is not enabled"_s);

        QVERIFY(m_emulator->emulator().changeSite({{u"guestAccess"_s, true}}));
        QVERIFY(m_emulator->emulator().changeApp(u"ECA_Lab_Demo"_s, {{u"isNamedUserJwtEnabled"_s, true}}));
        Profile profile = m_emulator->demoProfile();
        profile.uvid = u"3f2504e0-4f89-41d3-9a0c-0305e82c3301"_s;
        flow = runner.run(u"headless-guest"_s, profile);
        QVERIFY2(flow->status() == Flow::Status::Succeeded, qPrintable(flow->error() ? flow->error()->summary() : QString()));
        QCOMPARE(flow->checks().value(u"uvid").toString(), profile.uvid);
        QVERIFY(allTraffic(runner.session).contains("Uvid-Hint: UVID 3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
    }

    void siteThatRequiresAuthenticationAsksForAToken()
    {
        QVERIFY(m_emulator->emulator().changeSite({{u"registrationRequiresAuth"_s, true}}));
        FlowRunner runner;
        Answerer person;
        person.answers.insert(u"password"_s, [] { return u"Fresh-Pass-5678"_s; });
        person.answers.insert(u"initToken"_s, [] { return u"00Dnot!AValidToken"_s; });
        Flow *flow = startWith(runner, person, u"headless-registration"_s, registrationProfile());
        FlowRunner::waitForEnd(flow);
        QCOMPARE(person.asked, (QStringList{u"password"_s, u"initToken"_s}));
        QCOMPARE(flow->error()->error, u"invalid_token"_s);
        QVERIFY(flow->error()->fix.contains(u"ECALAB_INIT_TOKEN"_s));
        QCOMPARE(runner.session.log()->exchanges().size(), 2); // without, then with the Bearer token
        QVERIFY(!allTraffic(runner.session).contains("00Dnot!AValidToken"));
    }

private:
    Flow *startWith(FlowRunner &runner, Answerer &person, const QString &name, const Profile &profile)
    {
        QObject::connect(&runner.session, &FlowSession::flowStarted, &runner.session,
                         [&person](Flow *flow) { person.attach(flow); }, Qt::SingleShotConnection);
        return runner.start(name, profile);
    }

    Profile registrationProfile() const
    {
        Profile profile = m_emulator->demoProfile();
        profile.username = kNewUser;
        profile.firstName = u"New"_s;
        profile.lastName = u"Comer"_s;
        return profile;
    }

    std::optional<EmulatorFixture> m_emulator;
};

QTEST_GUILESS_MAIN(TestHeadlessFlow)
#include "tst_headless_flow.moc"
