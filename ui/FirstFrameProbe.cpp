#include "FirstFrameProbe.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <cstdlib>

#ifdef Q_OS_LINUX
#include <ctime>
#include <unistd.h>
#endif

namespace ecalab::ui {

namespace {
// Where /proc cannot say when the process started: static initialisation, before main.
const QElapsedTimer g_sinceStaticInit = [] {
    QElapsedTimer timer;
    timer.start();
    return timer;
}();

// Milliseconds since exec: now (CLOCK_BOOTTIME) minus field 22 of /proc/self/stat (clock ticks
// since boot, so 10 ms resolution at the usual 100 Hz). -1 when it cannot be read.
double msSinceExec()
{
#ifdef Q_OS_LINUX
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    bool ok = false;
    const qulonglong startTicks = fields.value(19).toULongLong(&ok); // field 22 overall
    timespec now{};
    if (!ok || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    const double startMs = double(startTicks) * 1000.0 / double(sysconf(_SC_CLK_TCK));
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6 - startMs;
#else
    return -1;
#endif
}

class FirstFrameProbe final : public QObject
{
public:
    explicit FirstFrameProbe(QWidget *window) : QObject(window) { window->installEventFilter(this); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // The filter sees the paint before the widget does; the queued call runs after it is delivered.
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            QTimer::singleShot(0, this, [] { report(); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    static void report()
    {
        const double sinceExec = msSinceExec();
        if (sinceExec >= 0)
            std::fprintf(stderr, "first frame: %.1f ms since exec\n", sinceExec);
        else
            std::fprintf(stderr, "first frame: %lld ms since static initialisation\n",
                         qint64(g_sinceStaticInit.elapsed()));
        std::fflush(stderr);
        // No teardown: the wall time measured outside should end at the first frame, not include
        // stopping the demo org's thread and destroying the window.
        std::_Exit(0);
    }
    bool m_seen = false;
};
} // namespace

void exitAfterFirstFrameIfAsked(QWidget *window)
{
    if (qEnvironmentVariable("ECALAB_EXIT_AFTER_FIRST_FRAME") == QLatin1String("1"))
        new FirstFrameProbe(window); // owned by the window
}

} // namespace ecalab::ui
