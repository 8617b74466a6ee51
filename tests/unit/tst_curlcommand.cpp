#include "http/CurlCommand.h"
#include "http/Exchange.h"

#include <QProcess>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
// Runs script under bash with `curl` replaced by a function that prints each argument on a line
// of its own between < >, so a test sees the words bash really built.
QString wordsBashBuilds(const QString &script, const QStringList &environment = {})
{
    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &assignment : environment)
        env.insert(assignment.section(u'=', 0, 0), assignment.section(u'=', 1));
    bash.setProcessEnvironment(env);
    const QString prelude = u"curl() { for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done; }\n"_s;
    bash.start(u"bash"_s, {u"-c"_s, prelude + script});
    if (!bash.waitForFinished(10000))
        return u"(bash did not finish)"_s;
    return QString::fromUtf8(bash.readAllStandardOutput());
}

Exchange tokenRequest(const FormFields &fields)
{
    Exchange e;
    e.request = HttpRequest::formPost(QUrl(u"https://acme.my.salesforce.com/services/oauth2/token"_s), fields);
    return e;
}
} // namespace

class TestCurlCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quotedWordsStayLiteral_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << u"grant_type=client_credentials"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("single quote") << u"O'Brien"_s;
        QTest::newRow("only quotes") << u"'''"_s;
        QTest::newRow("command substitution") << u"$(touch /tmp/ecalab-pwned)"_s;
        QTest::newRow("backticks") << u"`id`"_s;
        QTest::newRow("variable") << u"$HOME ${PATH}"_s;
        QTest::newRow("newline and a second command") << u"a\n; echo pwned"_s;
        QTest::newRow("quote then substitution") << u"x'$(id)'y"_s;
        QTest::newRow("double quotes and backslash") << u"\"\\\"\\n"_s;
        QTest::newRow("history and glob") << u"!! * ?[a]"_s;
        QTest::newRow("unicode") << u"Ünïcödé ✓"_s;
    }
    void quotedWordsStayLiteral()
    {
        QFETCH(QString, text);
        QProcess bash;
        bash.start(u"bash"_s, {u"-c"_s, u"printf %s "_s + shellQuote(text)});
        QVERIFY(bash.waitForFinished(10000));
        QCOMPARE(QString::fromUtf8(bash.readAllStandardOutput()), text);
        QCOMPARE(bash.exitCode(), 0);
    }

    void variablesHaveClearNames_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("variable");
        QTest::newRow("consumer secret") << u"client_secret"_s << u"ECALAB_CLIENT_SECRET"_s;
        QTest::newRow("code") << u"code"_s << u"ECALAB_CODE"_s;
        QTest::newRow("verifier") << u"code_verifier"_s << u"ECALAB_CODE_VERIFIER"_s;
        QTest::newRow("refresh token") << u"refresh_token"_s << u"ECALAB_REFRESH_TOKEN"_s;
        QTest::newRow("access token") << u"access_token"_s << u"ECALAB_ACCESS_TOKEN"_s;
        QTest::newRow("password") << u"password"_s << u"ECALAB_PASSWORD"_s;
        QTest::newRow("assertion") << u"assertion"_s << u"ECALAB_ASSERTION"_s;
        QTest::newRow("unknown, sanitised") << u"x-api$(key)"_s << u"ECALAB_X_API__KEY_"_s;
    }
    void variablesHaveClearNames()
    {
        QFETCH(QString, field);
        QFETCH(QString, variable);
        QCOMPARE(secretVariableFor(field).name, variable);
    }

    void maskedFieldsBecomeVariables_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expectedWords");
        QTest::addColumn<QString>("comment");
        QTest::newRow("client secret in the body")
            << u"post"_s
            << u"<-X>\n<POST>\n<-H>\n<Content-Type: application/x-www-form-urlencoded>\n<-H>\n"
               "<Accept: application/json>\n<--data-raw>\n<grant_type=client_credentials&client_id=key.1>\n"
               "<--data-urlencode>\n<client_secret=s3cr3t>\n"
               "<https://acme.my.salesforce.com/services/oauth2/token>\n"_s
            << u"# set ECALAB_CLIENT_SECRET (the consumer secret) before running"_s;
        QTest::newRow("basic client auth")
            << u"basic"_s
            << u"<-X>\n<POST>\n<-H>\n<Content-Type: application/x-www-form-urlencoded>\n<-H>\n"
               "<Accept: application/json>\n<-u>\n<key.1:s3cr3t>\n<--data-raw>\n<grant_type=client_credentials>\n"
               "<https://acme.my.salesforce.com/services/oauth2/token>\n"_s
            << u"# set ECALAB_CLIENT_SECRET (the consumer secret) before running"_s;
        QTest::newRow("code and verifier")
            << u"code"_s
            << u"<-X>\n<POST>\n<-H>\n<Content-Type: application/x-www-form-urlencoded>\n<-H>\n"
               "<Accept: application/json>\n<--data-raw>\n<grant_type=authorization_code>\n"
               "<--data-urlencode>\n<code=c0de==>\n<--data-urlencode>\n<code_verifier=v3r1f13r>\n"
               "<https://acme.my.salesforce.com/services/oauth2/token>\n"_s
            << u"# set ECALAB_CODE (the authorization code), ECALAB_CODE_VERIFIER (the PKCE code verifier) "
               "before running"_s;
        QTest::newRow("bearer and a hostile header")
            << u"bearer"_s
            << u"<-H>\n<Accept: application/json>\n<-H>\n<Authorization: Bearer 00D!tok>\n<-H>\n"
               "<X-Note: it's $(touch /tmp/ecalab-pwned) `id`\nline two>\n"
               "<https://acme.my.salesforce.com/services/oauth2/userinfo>\n"_s
            << u"# set ECALAB_ACCESS_TOKEN (the access token) before running"_s;
    }
    void maskedFieldsBecomeVariables()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expectedWords);
        QFETCH(QString, comment);
        Exchange e;
        if (kind == u"post") {
            e = tokenRequest({{u"grant_type"_s, u"client_credentials"_s},
                              {u"client_id"_s, u"key.1"_s},
                              {u"client_secret"_s, u"[redacted]"_s}});
        } else if (kind == u"basic") {
            e = tokenRequest({{u"grant_type"_s, u"client_credentials"_s}});
            e.request.setHeader("Authorization", "Basic [redacted]");
            e.basicAuthUser = u"key.1"_s;
        } else if (kind == u"code") {
            e = tokenRequest({{u"grant_type"_s, u"authorization_code"_s},
                              {u"code"_s, u"[redacted]"_s},
                              {u"code_verifier"_s, u"[redacted]"_s}});
        } else {
            e.request = HttpRequest::get(QUrl(u"https://acme.my.salesforce.com/services/oauth2/userinfo"_s));
            e.request.setHeader("Authorization", "Bearer [redacted]");
            e.request.setHeader("X-Note", "it's $(touch /tmp/ecalab-pwned) `id`\nline two");
        }
        const QString curl = curlCommand(e);
        QCOMPARE(curl.section(u'\n', 0, 0), comment);
        QVERIFY2(!curl.contains(u"[redacted]"_s), qPrintable(curl));
        const QString words =
            wordsBashBuilds(curl, {u"ECALAB_CLIENT_SECRET=s3cr3t"_s, u"ECALAB_CODE=c0de=="_s,
                                   u"ECALAB_CODE_VERIFIER=v3r1f13r"_s, u"ECALAB_ACCESS_TOKEN=00D!tok"_s});
        QCOMPARE(words, expectedWords);
    }

    void noSecretsNoComment()
    {
        Exchange e;
        e.request = HttpRequest::get(QUrl(u"https://acme.my.salesforce.com/.well-known/openid-configuration"_s));
        const QString curl = curlCommand(e);
        QVERIFY2(curl.startsWith(u"curl -H 'Accept: application/json' "_s), qPrintable(curl));
        QVERIFY(!curl.contains(u'#'));
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
