// Benchmark (not a test): how late the caller's event loop runs while the emulator answers a
// burst of token requests (wrk, 16 connections) — with the emulator on the caller's thread, as
// the window ran it before, and on a thread of its own (EmulatorThread), as it runs it now.
// A 5 ms timer stands for the window's work; its lateness is what a person would feel.
//
//   bench_event_loop_lag [--main|--thread] [--seconds N]     (both, 10 s each, by default)
#include "Emulator.h"
#include "EmulatorThread.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <variant>

namespace {
constexpr int kTickMs = 5;

struct Lag
{
    QList<qint64> lateUs;
    double percentile(double p) const
    {
        if (lateUs.isEmpty())
            return 0;
        QList<qint64> sorted = lateUs;
        std::sort(sorted.begin(), sorted.end());
        return double(sorted.at(qsizetype(p * double(sorted.size() - 1)))) / 1000.0;
    }
};

// Runs wrk against `tokenUrl` for `seconds` while measuring the lateness of a kTickMs timer.
Lag measure(const QUrl &tokenUrl, const QJsonObject &profile, int seconds, QString *wrkSummary)
{
    QProcess wrk;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BENCH_CLIENT_ID"), profile[QStringLiteral("clientId")].toString());
    env.insert(QStringLiteral("BENCH_CLIENT_SECRET"), profile[QStringLiteral("clientSecret")].toString());
    wrk.setProcessEnvironment(env);
    wrk.start(QStringLiteral("wrk"),
              {QStringLiteral("-t1"), QStringLiteral("-c16"), QStringLiteral("-d%1s").arg(seconds),
               QStringLiteral("-s"), QStringLiteral(ECALAB_SOURCE_DIR "/tests/bench/client-credentials.lua"),
               tokenUrl.toString()});
    Lag lag;
    QElapsedTimer clock;
    clock.start();
    qint64 due = kTickMs * 1000;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        lag.lateUs.append(std::max<qint64>(0, now - due));
        due = now + kTickMs * 1000;
    });
    tick.start(kTickMs);
    QEventLoop loop;
    QObject::connect(&wrk, &QProcess::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QString out = QString::fromUtf8(wrk.readAllStandardOutput());
    const qsizetype at = out.indexOf(QStringLiteral("Requests/sec:"));
    *wrkSummary = at < 0 ? out : out.mid(at).section(QLatin1Char('\n'), 0, 0).simplified();
    return lag;
}

void report(const char *mode, const Lag &lag, const QString &wrk)
{
    std::printf("%-28s ticks %6lld  late p50 %7.2f ms  p99 %8.2f ms  max %8.2f ms  (%s)\n", mode,
                qint64(lag.lateUs.size()), lag.percentile(0.5), lag.percentile(0.99), lag.percentile(1.0),
                qPrintable(wrk));
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int seconds = args.contains(QStringLiteral("--seconds"))
                            ? args.value(args.indexOf(QStringLiteral("--seconds")) + 1).toInt()
                            : 10;
    const bool onlyMain = args.contains(QStringLiteral("--main")),
               onlyThread = args.contains(QStringLiteral("--thread"));
    QString wrk;
    if (!onlyThread) {
        ecalab::emu::Emulator emulator;
        emulator.start();
        const Lag lag = measure(QUrl(emulator.myDomainUrl().toString() + QStringLiteral("/services/oauth2/token")),
                                emulator.demoProfile(), seconds, &wrk);
        report("emulator on the caller's thread", lag, wrk);
    }
    if (!onlyMain) {
        ecalab::emu::EmulatorThread emulator;
        emulator.start(0, nullptr);
        const Lag lag = measure(QUrl(emulator.myDomainUrl().toString() + QStringLiteral("/services/oauth2/token")),
                                emulator.demoProfile(), seconds, &wrk);
        report("emulator on its own thread", lag, wrk);
    }
    return 0;
}
