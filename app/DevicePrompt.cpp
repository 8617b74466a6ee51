#include "DevicePrompt.h"

#include "qr/QrCode.h"

#include <QDateTime>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
// Most terminals draw light text on a dark background: painting the light modules (and the
// quiet zone) as blocks gives a dark-on-light code that every phone camera reads.
constexpr bool kQrForDarkTerminals = true;

QString indented(const QString &block, int spaces)
{
    QString out;
    const QString pad(spaces, u' ');
    for (const QString &line : block.split(u'\n', Qt::SkipEmptyParts))
        out += pad + line + u'\n';
    return out;
}

QString timeLeft(const UserPrompt &prompt, qint64 nowMs)
{
    if (prompt.deadlineMs < 0)
        return {};
    const qint64 seconds = prompt.secondsLeft(nowMs);
    const QString at = QDateTime::fromMSecsSinceEpoch(prompt.deadlineMs).toLocalTime().toString(u"HH:mm:ss"_s);
    if (seconds >= 120)
        return u"The code expires at %1 (in %2 minutes)."_s.arg(at).arg(seconds / 60);
    return u"The code expires at %1 (in %2 s)."_s.arg(at).arg(seconds);
}
} // namespace

QString devicePromptText(const UserPrompt &prompt, qint64 nowMs)
{
    const QUrl qrTarget = prompt.completeUrl.isEmpty() ? prompt.url : prompt.completeUrl;
    QString text = u"\nTo approve, open this URL on any device and enter the user code:\n"_s;
    text += u"  URL:        %1\n"_s.arg(prompt.url.toString());
    if (!prompt.completeUrl.isEmpty())
        text += u"  or, with the code filled in:\n              %1\n"_s.arg(prompt.completeUrl.toString());
    text += u"  User code:  %1\n"_s.arg(prompt.userCode);
    if (const auto qr = QrCode::encode(qrTarget.toString(QUrl::FullyEncoded).toUtf8())) {
        text += prompt.completeUrl.isEmpty() ? u"  Or scan (the URL):\n"_s : u"  Or scan (the URL with the code):\n"_s;
        text += indented(qr->toUnicodeBlocks(kQrForDarkTerminals), 2);
    }
    if (prompt.browserOpened)
        text += u"  (opened in your browser)\n"_s;
    else if (prompt.browserFailed)
        text += u"  Could not open your browser — open the URL yourself. %1\n"_s.arg(prompt.browserNote);
    else if (!prompt.browserNote.isEmpty())
        text += u"  %1\n"_s.arg(prompt.browserNote);
    text += u"  %1 Waiting for approval, polling every %2 s…\n\n"_s.arg(timeLeft(prompt, nowMs))
                .arg(prompt.intervalSeconds);
    return text;
}

QString devicePollLine(const UserPrompt &previous, const UserPrompt &current)
{
    if (current.browserFailed && !previous.browserFailed) // the opener failed after the prompt was printed
        return u"  Could not open your browser — open the URL yourself. %1\n"_s.arg(current.browserNote);
    if (current.pollCount == previous.pollCount || current.lastAnswer.isEmpty())
        return {};
    if (current.intervalSeconds != previous.intervalSeconds)
        return u"  poll %1: %2 — polling every %3 s from now on\n"_s.arg(current.pollCount)
            .arg(current.lastAnswer)
            .arg(current.intervalSeconds);
    if (current.lastAnswer != previous.lastAnswer)
        return u"  poll %1: %2\n"_s.arg(current.pollCount).arg(current.lastAnswer);
    return {};
}

} // namespace ecalab::app
