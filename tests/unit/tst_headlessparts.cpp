// The headless family's pure pieces (§6): the settings checks, the redirect_uri choice, the bytes
// of /authorize and of each init call, and the reading of /authorize's answer.
#include "grants/headless/HeadlessConfig.h"
#include "grants/headless/HeadlessRequests.h"

#include <QJsonDocument>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
Profile siteProfile()
{
    Profile p;
    p.siteUrl = QUrl(u"https://acme.my.site.com/customers"_s);
    p.clientId = u"3MVG9client"_s;
    p.username = u"ada@example.com"_s;
    p.lastName = u"Lovelace"_s;
    p.scopes = {u"openid"_s, u"api"_s};
    return p;
}

HeadlessConfig configOf(const Profile &p, HeadlessMember member = HeadlessMember::Login)
{
    auto config = HeadlessConfig::fromProfile(p, member, u"Check settings"_s);
    if (!config)
        qFatal("profile refused: %s", qPrintable(config.error().explanation));
    return *config;
}

QJsonObject jsonBody(const HttpRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

bool hasProblem(const FieldProblems &problems, ProfileField field)
{
    return std::any_of(problems.begin(), problems.end(),
                       [field](const FieldProblem &p) { return p.field == field && p.blocking; });
}
} // namespace

class TestHeadlessParts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void siteUrlMustBeASite_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("refused");
        QTest::newRow("my.site.com") << u"https://acme.my.site.com/customers"_s << false;
        QTest::newRow("custom domain") << u"https://login.acme.com"_s << false;
        QTest::newRow("emulator site") << u"http://127.0.0.1:4242/demo"_s << false;
        QTest::newRow("My Domain") << u"https://acme.my.salesforce.com"_s << true;
        QTest::newRow("login host") << u"https://login.salesforce.com"_s << true;
        QTest::newRow("lightning page") << u"https://acme.lightning.force.com"_s << true;
        QTest::newRow("plain http") << u"http://acme.my.site.com"_s << true;
        QTest::newRow("empty") << QString() << true;
    }
    void siteUrlMustBeASite()
    {
        QFETCH(QString, url);
        QFETCH(bool, refused);
        Profile p = siteProfile();
        p.siteUrl = QUrl(url);
        QCOMPARE(hasProblem(HeadlessConfig::validate(p, HeadlessMember::Login), ProfileField::SiteUrl), refused);
    }

    void membersNeedTheirFields()
    {
        Profile p = siteProfile();
        p.username.clear();
        QVERIFY(hasProblem(HeadlessConfig::validate(p, HeadlessMember::Passwordless), ProfileField::Username));
        QVERIFY(!hasProblem(HeadlessConfig::validate(p, HeadlessMember::Guest), ProfileField::Username));
        p = siteProfile();
        p.lastName.clear();
        QVERIFY(hasProblem(HeadlessConfig::validate(p, HeadlessMember::Registration), ProfileField::LastName));
        QVERIFY(!hasProblem(HeadlessConfig::validate(p, HeadlessMember::Login), ProfileField::LastName));
        p = siteProfile();
        p.verificationMethod = u"sms"_s;
        QVERIFY(hasProblem(HeadlessConfig::validate(p, HeadlessMember::Registration), ProfileField::CustomData));
        p.customData = {{u"mobilePhone"_s, u"+15555550100"_s}};
        QVERIFY(!hasProblem(HeadlessConfig::validate(p, HeadlessMember::Registration), ProfileField::CustomData));
        p.uvid = u"not-a-uuid"_s;
        QVERIFY(hasProblem(HeadlessConfig::validate(p, HeadlessMember::Guest), ProfileField::Uvid));
    }

    // A loopback callback belongs to the web server flow's receiver: nothing listens for a headless
    // code there, so the family falls back to the site's echo endpoint (§6.8).
    void redirectUriChoice()
    {
        Profile p = siteProfile();
        QCOMPARE(HeadlessConfig::chooseRedirectUri(p), u"https://acme.my.site.com/customers/services/oauth2/echo"_s);
        p.callbackUrl = QUrl(u"http://localhost:1717/OauthRedirect"_s);
        QCOMPARE(HeadlessConfig::chooseRedirectUri(p), u"https://acme.my.site.com/customers/services/oauth2/echo"_s);
        p.callbackUrl = QUrl(u"https://app.acme.com/callback"_s);
        QCOMPARE(HeadlessConfig::chooseRedirectUri(p), u"https://app.acme.com/callback"_s);
    }

    // §6.2: the exact headers and body of a Named-User authorize.
    void namedUserAuthorize()
    {
        const HeadlessConfig config = configOf(siteProfile());
        const HttpRequest r = headless::buildAuthorizeRequest(
            config, {headless::kNamedUser, {}, u"ada@example.com"_s, u"pa:ss word"_s, {}},
            {u"st4te"_s, u"verifier"_s, u"ch4llenge"_s});
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url.toString(), u"https://acme.my.site.com/customers/services/oauth2/authorize"_s);
        QCOMPARE(r.header("Auth-Request-Type"), QByteArray("Named-User"));
        QVERIFY(r.header("Auth-Verification-Type").isEmpty());
        QCOMPARE(r.header("Authorization"), "Basic " + QByteArray("ada@example.com:pa:ss word").toBase64());
        QCOMPARE(r.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(r.body, QByteArray("response_type=code_credentials&client_id=3MVG9client&redirect_uri="
                                    "https%3A%2F%2Facme.my.site.com%2Fcustomers%2Fservices%2Foauth2%2Fecho"
                                    "&code_challenge=ch4llenge&code_challenge_method=S256&state=st4te&scope=openid%20api"));
        QVERIFY(!r.body.contains("verifier"));
    }

    void otpAndGuestAuthorize()
    {
        const HeadlessConfig config = configOf(siteProfile());
        const HttpRequest otp = headless::buildAuthorizeRequest(
            config, {headless::kUserRegistration, u"sms"_s, u"req-1"_s, u"123456"_s, {}}, {u"s"_s, u"v"_s, u"c"_s});
        QCOMPARE(otp.header("Auth-Request-Type"), QByteArray("user-registration"));
        QCOMPARE(otp.header("Auth-Verification-Type"), QByteArray("sms"));
        QCOMPARE(QByteArray::fromBase64(otp.header("Authorization").mid(6)), QByteArray("req-1:123456"));
        const HttpRequest guest = headless::buildAuthorizeRequest(
            config, {headless::kGuest, {}, {}, {}, u"3f2504e0-4f89-11d3-9a0c-0305e82c3301"_s}, {u"s"_s, u"v"_s, u"c"_s});
        QVERIFY(guest.header("Authorization").isEmpty());
        QCOMPARE(guest.header("Uvid-Hint"), QByteArray("UVID 3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
    }

    // §6.3: userdata, customdata, password at the top level, verification method, reCAPTCHA.
    void registrationInit()
    {
        Profile p = siteProfile();
        p.firstName = u"Ada"_s;
        p.customData = {{u"mobilePhone"_s, u"+15555550100"_s}};
        p.recaptchaToken = u"captcha"_s;
        const HttpRequest r = headless::buildRegistrationInit(configOf(p, HeadlessMember::Registration), u"S3cure!"_s,
                                                              u"00Dtoken"_s);
        QCOMPARE(r.url.path(), u"/customers/services/auth/headless/init/registration"_s);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.header("Authorization"), QByteArray("Bearer 00Dtoken"));
        const QJsonObject body = jsonBody(r);
        QCOMPARE(body[u"password"].toString(), u"S3cure!"_s);
        QCOMPARE(body[u"verificationmethod"].toString(), u"email"_s);
        QCOMPARE(body[u"recaptcha"].toString(), u"captcha"_s);
        QCOMPARE(body[u"userdata"][u"email"].toString(), u"ada@example.com"_s); // email defaults to the username
        QCOMPARE(body[u"userdata"][u"firstName"].toString(), u"Ada"_s);
        QCOMPARE(body[u"customdata"][u"mobilePhone"].toString(), u"+15555550100"_s);
        QVERIFY(!headless::buildRegistrationInit(configOf(p, HeadlessMember::Registration), u"x"_s, {})
                     .header("Authorization")
                     .size());
    }

    void forgotPasswordSteps()
    {
        const HeadlessConfig config = configOf(siteProfile(), HeadlessMember::ForgotPassword);
        const QJsonObject start = jsonBody(headless::buildForgotPasswordStart(config, {}));
        QCOMPARE(start.keys(), QStringList{u"username"_s});
        const HttpRequest reset = headless::buildForgotPasswordReset(config, u"654321"_s, u"N3w!pass"_s, {});
        QCOMPARE(reset.url.path(), u"/customers/services/auth/headless/forgot_password"_s);
        QCOMPARE(jsonBody(reset)[u"otp"].toString(), u"654321"_s);
        QCOMPARE(jsonBody(reset)[u"newpassword"].toString(), u"N3w!pass"_s);
    }

    void authorizeAnswers()
    {
        HttpResponse redirect;
        redirect.status = 302;
        redirect.headers = {{"Location", "https://acme.my.site.com/customers/services/oauth2/echo?code=aPrx%2Bc%3D%3D&state=s&"
                                         "sfdc_community_url=https%3A%2F%2Facme.my.site.com%2Fcustomers"}};
        const auto fromRedirect = headless::readAuthorizeAnswer(redirect);
        QVERIFY(fromRedirect);
        QCOMPARE(fromRedirect->code(), u"aPrx+c=="_s); // decoded once (§3.2)
        QCOMPARE(fromRedirect->state(), u"s"_s);
        QVERIFY(headless::isEchoEndpoint(configOf(siteProfile()), fromRedirect->location));

        HttpResponse json;
        json.status = 200;
        json.headers = {{"Content-Type", "application/json;charset=UTF-8"}};
        json.body = R"({"code":"c1","state":"s"})";
        QCOMPARE(headless::readAuthorizeAnswer(json)->code(), u"c1"_s);

        HttpResponse refused;
        refused.status = 401;
        refused.headers = json.headers;
        refused.body = R"({"error":"invalid_grant","error_description":"authentication failure"})";
        QVERIFY(!headless::readAuthorizeAnswer(refused));
        HttpResponse bare;
        bare.status = 302;
        bare.headers = {{"Location", "https://acme.my.site.com/"}};
        QVERIFY(!headless::readAuthorizeAnswer(bare));
    }

    void maskedAddresses()
    {
        QCOMPARE(headless::maskedAddress(u"ada@example.com"_s), u"a•••@example.com"_s);
        QCOMPARE(headless::maskedAddress(u"+15555550100"_s), u"•••0100"_s);
    }
};

QTEST_GUILESS_MAIN(TestHeadlessParts)
#include "tst_headlessparts.moc"
