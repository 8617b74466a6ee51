// "Copy as curl" runs as pasted and every copy says "Copied": client credentials on the demo
// profile (client_secret_post, then client_secret_basic), the token request copied from the
// Traffic tab, then run by bash and curl against the same in-process emulator with the consumer
// secret in the child's environment only.
#include "GuiHarness.h"

#include "CopyFeedback.h"
#include "http/ExchangeLog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
struct BashResult
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The emulator answers on this thread, so the event loop keeps turning while curl runs.
BashResult runInBash(const QString &script, const QString &clientSecret)
{
    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"ECALAB_CLIENT_SECRET"_s);
    if (!clientSecret.isNull())
        env.insert(u"ECALAB_CLIENT_SECRET"_s, clientSecret);
    env.remove(u"http_proxy"_s); // loopback, never through a proxy
    env.remove(u"HTTP_PROXY"_s);
    env.remove(u"https_proxy"_s);
    env.remove(u"HTTPS_PROXY"_s);
    env.remove(u"ALL_PROXY"_s);
    bash.setProcessEnvironment(env);
    bash.start(u"bash"_s, {u"-c"_s, script});
    BashResult result;
    result.finished = QTest::qWaitFor([&] { return bash.state() == QProcess::NotRunning; }, 20'000);
    result.exitCode = bash.exitCode();
    result.out = bash.readAllStandardOutput();
    result.err = bash.readAllStandardError();
    return result;
}
} // namespace

class TestGuiCopy : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> h;

    // Client credentials on the current profile, to the end; null unless it succeeded.
    Flow *runClientCredentials()
    {
        if (h->selectFlow(u"client-credentials"_s) != u"client-credentials")
            return nullptr;
        if (!QTest::qWaitFor([&] { return !h->window->profiles()->currentProfile().clientSecret.isEmpty(); }, 5000))
            return nullptr;
        Flow *flow = h->runAndWait();
        if (flow && flow->status() != Flow::Status::Succeeded)
            qWarning("run failed: %s", qPrintable(flow->error() ? flow->error()->summary() : QString()));
        return flow && flow->status() == Flow::Status::Succeeded ? flow : nullptr;
    }

    QString copyTokenRequestAsCurl()
    {
        auto *table = h->find<QTableView>(u"trafficTable"_s);
        if (!table || table->model()->rowCount() < 1)
            return {};
        table->selectRow(0);
        h->find<QAbstractButton>(u"copyCurlButton"_s)->click();
        return QGuiApplication::clipboard()->text();
    }

    // The copied command, run as pasted: a token response with the secret set, none without.
    void curlRunsAsPasted(const QString &curl, const QString &secret)
    {
        QVERIFY2(!curl.contains(secret), qPrintable(curl));
        QVERIFY(!curl.contains(u"[redacted]"_s));
        QCOMPARE(curl.section(u'\n', 0, 0), u"# set ECALAB_CLIENT_SECRET (the consumer secret) before running"_s);
        QVERIFY(curl.section(u'\n', 1).startsWith(u"curl "_s));

        const BashResult ran = runInBash(curl + u" --silent --show-error"_s, secret);
        QVERIFY(ran.finished);
        QCOMPARE(ran.exitCode, 0);
        const QJsonObject token = QJsonDocument::fromJson(ran.out).object();
        QVERIFY2(!token.value(u"access_token"_s).toString().isEmpty(), ran.out + ran.err);

        // Without the variable the org refuses: the secret really comes from the environment.
        const BashResult unset = runInBash(curl + u" --silent --show-error"_s, QString());
        QVERIFY(unset.finished);
        QVERIFY2(!QJsonDocument::fromJson(unset.out).object().contains(u"access_token"_s), unset.out);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"curl"_s).isEmpty() || QStandardPaths::findExecutable(u"bash"_s).isEmpty())
            QSKIP("needs bash and curl on PATH");
    }
    void init() { h = std::make_unique<GuiHarness>(); }
    void cleanup() { h.reset(); }

    void curlWithThePostedSecretRunsAsPasted()
    {
        h->open();
        QVERIFY(QTest::qWaitFor([&] { return h->window->profiles()->current()->demoReady; }, 5000));
        QVERIFY(runClientCredentials());
        const QString secret = h->window->profiles()->currentProfile().clientSecret;
        // Revealed on screen or not, the copy is built from the redacted request.
        h->find<QTabWidget>(u"resultTabs"_s)->setCurrentWidget(h->find<QWidget>(u"trafficPanel"_s));
        auto *reveal = h->find<QAbstractButton>(u"exchangeSecret0Reveal"_s);
        QVERIFY(reveal);
        reveal->click();
        QVERIFY(reveal->isChecked());
        const QString curl = copyTokenRequestAsCurl();
        QVERIFY(curl.contains(u"--data-urlencode 'client_secret='\"$ECALAB_CLIENT_SECRET\""_s));
        curlRunsAsPasted(curl, secret);
    }

    void curlWithBasicClientAuthRunsAsPasted()
    {
        QString error;
        std::optional<Profile> profile = h->demo.start(&error);
        QVERIFY2(profile, qPrintable(error));
        profile->name = u"Demo basic"_s;
        profile->clientAuth = ClientAuthMethod::Basic;
        const QString secret = profile->clientSecret;
        QVERIFY(h->profiles->save(*profile));
        QVERIFY(h->writeSecret(SecretStore::clientSecretKey(profile->name), secret));
        h->initialProfile = profile->name;
        h->open();
        QVERIFY(runClientCredentials());
        const QString curl = copyTokenRequestAsCurl();
        QVERIFY2(curl.contains(u"-u '%1:'\"$ECALAB_CLIENT_SECRET\""_s.arg(profile->clientId)), qPrintable(curl));
        QVERIFY(!curl.contains(u"Authorization"_s));
        QVERIFY(!curl.contains(QString::fromLatin1((profile->clientId + u':' + secret).toUtf8().toBase64())));
        curlRunsAsPasted(curl, secret);
    }

    void copyButtonsSayCopiedThenRevert()
    {
        h->open();
        QVERIFY(QTest::qWaitFor([&] { return h->window->profiles()->current()->demoReady; }, 5000));
        Flow *flow = runClientCredentials();
        QVERIFY(flow);

        // A button with text: the text says it, twice in a row still restores the original.
        auto *curl = h->find<QAbstractButton>(u"copyCurlButton"_s);
        const QString label = curl->text();
        QVERIFY(!copyTokenRequestAsCurl().isEmpty());
        QCOMPARE(curl->text(), u"Copied"_s);
        QCOMPARE(curl->accessibleDescription(), u"Copied"_s);
        curl->click();
        QCOMPARE(curl->text(), u"Copied"_s);
        QCOMPARE(ui::originalCopyButtonText(curl), label);
        QTRY_COMPARE_WITH_TIMEOUT(curl->text(), label, ui::copiedFeedbackMs * 3);
        QVERIFY(curl->accessibleDescription().isEmpty());

        // An icon-only button (the token's copy): the tooltip says it, then comes back.
        auto *copyToken = h->find<QAbstractButton>(u"token_access_tokenCopy"_s);
        QVERIFY(copyToken);
        const QString tip = copyToken->toolTip();
        copyToken->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), flow->result()->accessToken);
        QCOMPARE(copyToken->toolTip(), u"Copied"_s);
        QVERIFY(copyToken->text().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(copyToken->toolTip(), tip, ui::copiedFeedbackMs * 3);
    }
};

QTEST_MAIN(TestGuiCopy)
#include "tst_gui_copy.moc"
