#include "WebServerPrompt.h"

#include <QDateTime>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

QString webServerPromptText(const UserPrompt &prompt, qint64 nowMs)
{
    QString text = prompt.browserOpened  ? u"\nOpened the browser at the authorize URL:\n"_s
                   : prompt.browserFailed ? u"\nCould not open your browser — copy the URL and open it yourself:\n"_s
                                          : u"\nOpen this URL in a browser on this machine to log in and approve:\n"_s;
    text += u"\n  %1\n\n"_s.arg(prompt.url.toString(QUrl::FullyEncoded));
    if (!prompt.browserOpened && !prompt.browserNote.isEmpty())
        text += prompt.browserNote + u'\n';
    text += u"Waiting for the callback on %1"_s.arg(prompt.listeningOn.toString());
    if (prompt.deadlineMs >= 0) {
        const qint64 seconds = prompt.secondsLeft(nowMs);
        const QString at = QDateTime::fromMSecsSinceEpoch(prompt.deadlineMs).toLocalTime().toString(u"HH:mm:ss"_s);
        text += u" until %1 (%2 s; --timeout changes it)"_s.arg(at).arg(seconds);
    }
    return text + u"…\n"_s;
}

} // namespace ecalab::app
