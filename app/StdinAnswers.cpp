#include "StdinAnswers.h"

#include <QMetaObject>
#include <QSocketNotifier>

#include <termios.h>
#include <unistd.h>

namespace ecalab::app {

namespace {
constexpr int kStdin = 0;
} // namespace

StdinAnswers::StdinAnswers(QObject *parent) : QObject(parent) {}

StdinAnswers::~StdinAnswers()
{
    stop();
}

void StdinAnswers::ask(const UserPrompt &prompt)
{
    m_promptId = prompt.id;
    setEcho(prompt.kind != UserPrompt::Kind::AskSecret);
    if (!m_notifier) {
        m_notifier = new QSocketNotifier(kStdin, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &StdinAnswers::readAvailable);
    }
    m_notifier->setEnabled(!m_ended);
    if (m_line.contains('\n')) // a pipe may carry the answers to several prompts at once
        QMetaObject::invokeMethod(this, &StdinAnswers::deliverLine, Qt::QueuedConnection);
}

void StdinAnswers::stop()
{
    if (m_notifier)
        m_notifier->setEnabled(false);
    setEcho(true);
    m_promptId.clear();
}

void StdinAnswers::readAvailable()
{
    char buffer[512];
    const ssize_t n = ::read(kStdin, buffer, sizeof buffer);
    if (n <= 0) { // end of input: a last line without its newline still counts; then nothing more comes
        m_notifier->setEnabled(false);
        m_ended = true;
        if (!m_line.isEmpty() && !m_line.contains('\n') && !m_skipping)
            m_line.append('\n');
        deliverLine();
        if (!m_promptId.isEmpty())
            Q_EMIT inputEnded();
        return;
    }
    m_line.append(buffer, n);
    if (m_skipping) { // the rest of a line that was too long
        const qsizetype newline = m_line.indexOf('\n');
        m_line = newline < 0 ? QByteArray() : m_line.mid(newline + 1);
        m_skipping = newline < 0;
    }
    if (!m_line.contains('\n') && m_line.size() > m_maxLineBytes) {
        m_line.clear();
        m_skipping = true;
        Q_EMIT lineTooLong(m_promptId);
        return;
    }
    deliverLine();
}

void StdinAnswers::deliverLine()
{
    const qsizetype newline = m_line.indexOf('\n');
    if (newline < 0 || m_promptId.isEmpty())
        return;
    const QString value = QString::fromUtf8(m_line.left(newline)).trimmed();
    m_line.remove(0, newline + 1);
    const QString id = m_promptId;
    stop();
    Q_EMIT answered(id, value);
}

void StdinAnswers::setEcho(bool on)
{
    if (!::isatty(kStdin) || on == !m_echoOff)
        return;
    termios mode{};
    if (::tcgetattr(kStdin, &mode) != 0)
        return;
    if (on)
        mode.c_lflag |= ECHO;
    else
        mode.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(kStdin, TCSANOW, &mode);
    m_echoOff = !on;
}

} // namespace ecalab::app
