#pragma once

#include <QObject>

class QSocketNotifier;

namespace ecalab::app {

// SIGINT/SIGTERM turned into a Qt signal through a self-pipe, so a long-running command
// (`ecalab emulator`) stops cleanly: the handler itself only writes one byte.
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void terminationRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

// Once the result is printed the process ends within `seconds` with `code`, even if tearing
// down blocks (QNetworkAccessManager waits up to 5 s for an HTTP thread busy with an endless
// header stream): a --timeout covers the whole run.
void exitNoLaterThan(int seconds, int code);
// The result is printed: QCoreApplication::exit(code) from the event loop (a command can end
// before exec() starts, when exit() would be lost), and the process ends within a couple of
// seconds even if teardown blocks (sanitizer builds need a moment).
void exitAfterResult(int code);

} // namespace ecalab::app
