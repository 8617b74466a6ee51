#include "BrowserWaitView.h"

#include "CountdownLabel.h"
#include "Icons.h"
#include "Style.h"

#include "browser/BrowserLauncher.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

QString urlText(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

namespace {
QPushButton *button(QWidget *parent, const QString &iconName, const QString &text, const QString &name,
                    const QString &tip)
{
    auto *b = new QPushButton(icon(iconName), text, parent);
    b->setObjectName(name);
    QString accessible = text;
    b->setAccessibleName(accessible.remove(u'&'));
    b->setToolTip(tip);
    return b;
}
} // namespace

BrowserWaitView::BrowserWaitView(const Clock *clock, QWidget *parent)
    : QWidget(parent), m_browserState(new QLabel(this)), m_url(new QLineEdit(this)),
      m_copy(button(this, u"copy"_s, tr("&Copy URL"), u"copyAuthorizeUrlButton"_s,
                    tr("Copy the authorize URL, to open it in another browser or profile"))),
      m_open(button(this, u"open-external"_s, tr("&Open again"), u"openAuthorizeUrlButton"_s,
                    tr("Open the authorize URL in the browser again"))),
      m_listening(new QLabel(this)), m_countdown(new CountdownLabel(clock, this)),
      m_cancel(button(this, u"cancel"_s, tr("Cancel"), u"cancelWaitButton"_s, tr("Stop waiting for the callback")))
{
    setObjectName(u"browserWaitView"_s);
    auto *title = new QLabel(tr("<b>Log in and allow access in your browser</b>"), this);
    title->setObjectName(u"browserWaitTitle"_s);
    m_browserState->setObjectName(u"browserState"_s);
    m_browserState->setWordWrap(true);
    m_url->setObjectName(u"authorizeUrlField"_s);
    m_url->setAccessibleName(tr("Authorize URL"));
    m_url->setReadOnly(true);
    m_url->setFont(monospaceFont());
    m_listening->setObjectName(u"callbackListening"_s);
    m_listening->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listening->setWordWrap(true);
    m_countdown->setObjectName(u"browserWaitCountdown"_s);
    QFont big = m_countdown->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_countdown->setFont(big);

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(new QLabel(tr("Authorize URL"), this));
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_copy);
    urlRow->addWidget(m_open);
    auto *waitRow = new QHBoxLayout;
    auto *hourglass = new QLabel(this);
    hourglass->setPixmap(iconPixmap(u"stage-waiting"_s, 18, devicePixelRatioF()));
    waitRow->addWidget(hourglass);
    waitRow->addWidget(m_listening, 1);
    waitRow->addWidget(m_countdown);
    waitRow->addSpacing(12);
    waitRow->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addWidget(title);
    layout->addWidget(m_browserState);
    layout->addLayout(urlRow);
    layout->addLayout(waitRow);
    layout->addStretch(1);

    connect(m_copy, &QPushButton::clicked, this, &BrowserWaitView::copyUrl);
    connect(m_open, &QPushButton::clicked, this, &BrowserWaitView::openAgain);
    connect(m_cancel, &QPushButton::clicked, this, &BrowserWaitView::cancelRequested);
}

void BrowserWaitView::showPrompt(const UserPrompt &prompt)
{
    m_prompt = prompt;
    m_url->setText(urlText(prompt.url));
    m_url->setCursorPosition(0);
    m_url->setToolTip(urlText(prompt.url));
    m_listening->setText(tr("Waiting for the callback on %1").arg(urlText(prompt.listeningOn)));
    m_listening->setAccessibleName(m_listening->text());
    showBrowserState(prompt.browserOpened, prompt.browserNote);
    m_countdown->setDeadline(prompt.deadlineMs);
    m_open->setEnabled(m_browser != nullptr);
    m_copy->setEnabled(true);
    m_cancel->setEnabled(true);
}

void BrowserWaitView::stopWaiting()
{
    m_countdown->stop();
    m_cancel->setEnabled(false);
}

void BrowserWaitView::showBrowserState(bool opened, const QString &note)
{
    if (opened) {
        makeBadge(m_browserState, Tone::Positive, u"positive"_s,
                  tr("Opened in your browser. Log in there and press <b>Allow</b>; this window goes on by itself."));
        m_browserState->setProperty("opened", true);
    } else {
        const QString why = note.isEmpty() ? tr("The browser was not opened.") : note;
        makeBadge(m_browserState, Tone::Warning, u"warning"_s,
                  tr("%1 Copy the URL below into a browser on this machine.").arg(why.toHtmlEscaped()));
        m_browserState->setProperty("opened", false);
    }
    m_browserState->setAccessibleName(m_browserState->text());
}

void BrowserWaitView::copyUrl()
{
    QApplication::clipboard()->setText(urlText(m_prompt.url));
}

void BrowserWaitView::openAgain()
{
    if (!m_browser)
        return;
    const BrowserLauncher::Result result = m_browser->open(m_prompt.url);
    showBrowserState(result.opened, result.note);
}

} // namespace ecalab::ui
