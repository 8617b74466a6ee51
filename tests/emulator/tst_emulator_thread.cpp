// EmulatorThread: the emulator serving from a thread of its own, as the window runs it, so that
// the caller's thread may be busy (or blocked) while requests are answered.
#include "EmulatorHttp.h"

#include "EmulatorThread.h"

#include <QThread>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
// One GET on a blocking socket: the calling thread's event loop does not run meanwhile.
QByteArray blockingGet(const QUrl &host, const QByteArray &path, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(host.port()));
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (socket.waitForReadyRead(timeoutMs))
        answer += socket.readAll();
    return answer;
}
} // namespace

class TestEmulatorThread : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void answersWhileTheCallerIsBlocked()
    {
        EmulatorThread emulator;
        QString error;
        QVERIFY2(emulator.start(0, &error), qPrintable(error));
        const QByteArray answer = blockingGet(emulator.myDomainUrl(), "/services/data", 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(answer.contains("\"version\":\"62.0\""));
    }

    // The premise of the class: on the caller's own thread, a blocked caller gets no answer.
    void onTheCallersThreadABlockedCallerWaitsInVain()
    {
        Emulator emulator;
        QVERIFY(emulator.start());
        QVERIFY(blockingGet(emulator.myDomainUrl(), "/services/data", 1000).isEmpty());
    }

    void callsRunOnTheEmulatorsThread()
    {
        EmulatorThread emulator;
        QThread *const caller = QThread::currentThread();
        const QThread *served = emulator.call([](Emulator &e) { return e.thread(); });
        QVERIFY(served != caller);
        QCOMPARE(emulator.call([](Emulator &) { return QThread::currentThread(); }), served);
        QCOMPARE(served->objectName(), u"emulator"_s);
    }

    void describesItsDemoOrg()
    {
        EmulatorThread emulator;
        QVERIFY(emulator.start(0, nullptr));
        const QJsonObject profile = emulator.demoProfile();
        QCOMPARE(profile[u"loginUrl"].toString(), emulator.myDomainUrl().toString());
        QVERIFY(!profile[u"clientId"].toString().isEmpty());
        // And the emulator answers a client on this thread's event loop too, as the window's flows are.
        Http http;
        QCOMPARE(http.get(join(emulator.myDomainUrl(), u"/services/data"_s)).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorThread)
#include "tst_emulator_thread.moc"
