// Settings validated as the user types (UX.md "Forms validate as you type"): the rules as a table,
// then the same rules flagged at the fields of the window before Run.
#include "GuiHarness.h"

#include "ExchangeText.h"
#include "MessageBanner.h"
#include "ProfileForm.h"
#include "ProfileValidation.h"
#include "profile/LoginUrlAdvice.h"

#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>

using namespace ecalab;
using namespace ecalab::test;
using namespace ecalab::ui;
using namespace Qt::Literals::StringLiterals;

namespace {
Profile validProfile()
{
    Profile p;
    p.name = u"Acme"_s;
    p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
    p.clientId = u"3MVG9acme"_s;
    p.clientSecret = u"secret"_s;
    p.callbackUrl = QUrl(u"http://localhost:1717/OauthRedirect"_s);
    return p;
}

// As the form reads its fields.
void setField(Profile &p, const QString &key, const QString &value)
{
    if (key == u"loginUrl")
        p.loginUrl = urlFromField(value);
    else if (key == u"siteUrl")
        p.siteUrl = urlFromField(value);
    else if (key == u"callbackUrl")
        p.callbackUrl = urlFromField(value);
    else if (key == u"clientSecret")
        p.clientSecret = value;
    else if (key == u"clientId")
        p.clientId = value;
    else if (key == u"name")
        p.name = value.trimmed();
}

QString problemsText(const QList<FieldProblem> &problems, ProfileField field, bool *blocking)
{
    QStringList out;
    *blocking = false;
    for (const FieldProblem &p : problems) {
        if (p.field == field) {
            out << problemText(p);
            *blocking = *blocking || p.blocking;
        }
    }
    return out.join(u'\n');
}
} // namespace

class TestGuiValidation : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> h;

private Q_SLOTS:
    void cleanup() { h.reset(); }

    void rules_data()
    {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("expected"); // empty: no problem at that field
        QTest::addColumn<bool>("blocking");
        const QString cc = u"client-credentials"_s;
        const QString ws = u"web-server"_s;
        const int login = int(ProfileField::LoginUrl);
        QTest::newRow("valid My Domain") << cc << u"loginUrl"_s << u"https://acme.my.salesforce.com"_s << login
                                         << QString() << false;
        QTest::newRow("empty login URL") << cc << u"loginUrl"_s << QString() << login << u"empty"_s << true;
        QTest::newRow("no scheme") << cc << u"loginUrl"_s << u"acme.my.salesforce.com"_s << login << u"https://"_s
                                   << true;
        QTest::newRow("http off loopback")
            << cc << u"loginUrl"_s << u"http://acme.my.salesforce.com"_s << login << u"https://"_s << true;
        QTest::newRow("http on loopback")
            << cc << u"loginUrl"_s << u"http://127.0.0.1:8080"_s << login << QString() << false;
        QTest::newRow("cc on login.salesforce.com") << cc << u"loginUrl"_s << u"https://login.salesforce.com"_s << login
                                                    << u"needs your My Domain"_s << false;
        QTest::newRow("cc on test.salesforce.com")
            << cc << u"loginUrl"_s << u"https://test.salesforce.com"_s << login << u"My Domain"_s << false;
        QTest::newRow("Lightning Setup page") // the address bar pasted: refused before anything is sent
            << ws << u"loginUrl"_s << u"https://acme.lightning.force.com/lightning/setup/SetupOneHome/home"_s << login
            << u"Use https://acme.my.salesforce.com."_s << true;
        QTest::newRow("web server on login host")
            << ws << u"loginUrl"_s << u"https://login.salesforce.com"_s << login << QString() << false;
        const int callback = int(ProfileField::CallbackUrl);
        QTest::newRow("callback not loopback") << ws << u"callbackUrl"_s << u"https://app.example.com/cb"_s << callback
                                               << u"loopback address"_s << true; // the web server flow cannot receive it
        QTest::newRow("callback without host")
            << ws << u"callbackUrl"_s << u"localhost"_s << callback << u"not a valid URL"_s << true;
        QTest::newRow("callback loopback")
            << ws << u"callbackUrl"_s << u"http://127.0.0.1:1717/cb"_s << callback << QString() << false;
        const int secret = int(ProfileField::ClientSecret);
        QTest::newRow("cc without secret")
            << cc << u"clientSecret"_s << QString() << secret << u"consumer secret"_s << true;
        QTest::newRow("web server without secret")
            << ws << u"clientSecret"_s << QString() << secret << QString() << false;
        QTest::newRow("empty consumer key")
            << cc << u"clientId"_s << QString() << int(ProfileField::ClientId) << u"consumer key (clientId) is empty"_s << true;
        QTest::newRow("empty name") << cc << u"name"_s << u" "_s << int(ProfileField::Name) << u"needs a name"_s
                                    << true;
        // Each flow checks the fields it uses, no others: the web server flow has no use for a site URL.
        QTest::newRow("site URL the flow does not use")
            << ws << u"siteUrl"_s << u"ftp://site.example.com"_s << int(ProfileField::SiteUrl) << QString() << false;
    }
    void rules()
    {
        QFETCH(QString, flow);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(int, field);
        QFETCH(QString, expected);
        QFETCH(bool, blocking);
        Profile p = validProfile();
        setField(p, key, value);
        bool isBlocking = false;
        const QString text = problemsText(validateProfile(p, flow), ProfileField(field), &isBlocking);
        if (expected.isEmpty()) {
            QVERIFY2(text.isEmpty(), qPrintable(text));
        } else {
            QVERIFY2(text.contains(expected, Qt::CaseInsensitive), qPrintable(text));
            QCOMPARE(isBlocking, blocking);
        }
    }

    void loginHostNotes()
    {
        QCOMPARE(adviseLoginUrl(u"https://acme.my.salesforce.com"_s).note, u"My Domain ✓"_s);
        QCOMPARE(adviseLoginUrl(u"https://login.salesforce.com"_s).note, u"Generic login host"_s);
        QCOMPARE(adviseLoginUrl(u"http://127.0.0.1:9"_s).note, u"This machine (emulator)"_s);
    }

    void prettyBodies()
    {
        QCOMPARE(prettyBody("a=1&client_secret=%5Bredacted%5D", "application/x-www-form-urlencoded"),
                 u"a             = 1\nclient_secret = [redacted]\n"_s);
        const SecretValue revealed{u"client_secret"_s, "s3"};
        QVERIFY(prettyBody("a=1&client_secret=[redacted]", "application/x-www-form-urlencoded", &revealed)
                    .contains(u"client_secret = s3"_s));
        QCOMPARE(prettyBody("{\"a\":1}", "application/json"), u"{\n    \"a\": 1\n}\n"_s);
        QVERIFY(prettyBody(QByteArray("\x01\x02", 2), "application/octet-stream").contains(u"binary"_s));
    }

    void flaggedAtTheFieldAsYouType()
    {
        h = std::make_unique<GuiHarness>();
        h->open();
        QCOMPARE(h->selectFlow(u"client-credentials"_s), u"client-credentials"_s);
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        auto *login = h->find<QLineEdit>(u"loginUrlEdit"_s);
        auto *loginProblem = h->find<QLabel>(u"loginUrlProblem"_s);
        QVERIFY(!loginProblem->isVisible());

        login->setText(u"http://acme.example.com"_s);
        QVERIFY(loginProblem->isVisible());
        QVERIFY(loginProblem->text().contains(u"https://"_s));
        login->setText(u"https://login.salesforce.com"_s);
        QVERIFY(loginProblem->isVisible());
        QVERIFY(loginProblem->text().contains(u"My Domain"_s));
        QCOMPARE(h->find<QLabel>(u"loginUrlNote"_s)->text(), u"Generic login host"_s);
        login->setText(u"https://acme.my.salesforce.com"_s);
        QVERIFY(!loginProblem->isVisible());
        QCOMPARE(h->find<QLabel>(u"loginUrlNote"_s)->text(), u"My Domain ✓"_s);

        // Each flow checks the fields it uses: the callback matters to the web server flow only.
        h->find<QLineEdit>(u"callbackUrlEdit"_s)->setText(u"https://app.example.com/callback"_s);
        QVERIFY(h->find<QLabel>(u"callbackUrlProblem"_s)->isHidden());
        QCOMPARE(h->selectFlow(u"web-server"_s), u"web-server"_s);
        // On the Flow tab, which carries the problem's icon while App settings is in front.
        auto *tabs = h->find<QTabWidget>(u"settingsTabs"_s);
        QVERIFY(!tabs->tabIcon(int(ProfileForm::Page::Flow)).isNull());
        QVERIFY(tabs->tabIcon(int(ProfileForm::Page::App)).isNull());
        QVERIFY(!h->find<QLabel>(u"callbackUrlProblem"_s)->isHidden());
        QVERIFY(h->find<QLabel>(u"callbackUrlProblem"_s)->text().contains(u"loopback"_s));
        QCOMPARE(h->selectFlow(u"client-credentials"_s), u"client-credentials"_s);

        h->find<QLineEdit>(u"clientSecretEdit"_s)->clear();
        QVERIFY(h->find<QLabel>(u"clientSecretProblem"_s)->isVisible());
        // A blocking problem stops Run before anything is sent, and says why.
        h->find<QAction>(u"runAction"_s)->trigger();
        QVERIFY(h->window->runner()->currentFlow() == nullptr);
        auto *banner = h->find<MessageBanner>(u"messageBanner"_s);
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QVERIFY(banner->plainText().contains(u"consumer secret"_s));
        QCOMPARE(h->window->focusWidget() ? h->window->focusWidget()->objectName() : QString(), u"clientSecretEdit"_s);
    }
};

QTEST_MAIN(TestGuiValidation)
#include "tst_gui_validation.moc"
