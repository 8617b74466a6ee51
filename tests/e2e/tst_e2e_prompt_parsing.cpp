// How the e2e tests read what `ecalab run` prints while it waits: the wording belongs to the CLI
// and may change, so the readers look only for URLs and the user code (BrowserSteps.h).
#include "BrowserSteps.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::e2e;

class TestE2ePromptParsing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void authorizeUrlOnItsOwnLineWinsOverTheDisplayForm()
    {
        const QString text =
            u"… Open browser — http://127.0.0.1:5/services/oauth2/authorize?client_id=a&scope=api web&state=s\n"
            "Open this URL:\n\n"
            "  http://127.0.0.1:5/services/oauth2/authorize?client_id=a&scope=api%20web&state=s\n\n"_s;
        const QUrl own = urlOnItsOwnLine(text, u"/services/oauth2/authorize"_s);
        QCOMPARE(own.query(QUrl::FullyEncoded), u"client_id=a&scope=api%20web&state=s"_s);
        QCOMPARE(longestUrlWithPath(text, u"/services/oauth2/authorize"_s), own);
    }

    void lineWithoutItsNewlineIsNotYetComplete()
    {
        QVERIFY(urlOnItsOwnLine(u"  http://127.0.0.1:5/services/oauth2/authorize?client_id=a&sc"_s,
                                u"/services/oauth2/authorize"_s)
                    .isEmpty());
    }

    void trailingPunctuationIsNotPartOfTheUrl()
    {
        const QUrl url = longestUrlWithPath(u"Open http://127.0.0.1:7/setup/connect."_s, u"/setup/connect"_s);
        QCOMPARE(url, QUrl(u"http://127.0.0.1:7/setup/connect"_s));
        QVERIFY(longestUrlWithPath(u"Open http://127.0.0.1:7/other."_s, u"/setup/connect"_s).isEmpty());
    }

    void userCode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("labelled line") << u"To approve, open this URL and enter the user code:\n"
                                          "  URL:        http://127.0.0.1:7/setup/connect\n"
                                          "  User code:  X1D9SEET\n"
                                          "  The code expires at 02:10:33 (in 10 minutes).\n"_s
                                       << u"X1D9SEET"_s;
        QTest::newRow("grouped with a dash") << u"Enter code ABCD-1234 at the URL\n"_s << u"ABCD-1234"_s;
        QTest::newRow("none yet") << u"Requesting a device code…\n  URL: http://127.0.0.1:7/setup/connect\n"_s
                                  << QString();
    }
    void userCode()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QCOMPARE(userCodeIn(text), code);
    }
};

QTEST_GUILESS_MAIN(TestE2ePromptParsing)
#include "tst_e2e_prompt_parsing.moc"
