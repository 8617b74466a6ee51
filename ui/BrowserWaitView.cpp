#include "BrowserWaitView.h"

#include "CopyFeedback.h"
#include "CountdownLabel.h"
#include "Icons.h"
#include "Style.h"

#include "browser/BrowserLauncher.h"
#include "WrappingLabel.h"

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

void setProminent(QPushButton *b, bool prominent)
{
    b->setDefault(prominent);
    QFont f = b->font();
    f.setBold(prominent);
    b->setFont(f);
    b->setProperty("prominent", prominent);
}

DemoLoginRow::DemoLoginRow(QWidget *parent)
    : QWidget(parent), m_label(new WrappingLabel(this)),
      m_copyUser(button(this, u"copy"_s, tr("Copy user&name"), u"copyDemoUsernameButton"_s,
                        tr("Copy the demo user's username, to paste on the login page"))),
      m_copyPassword(button(this, u"copy"_s, tr("Copy pass&word"), u"copyDemoPasswordButton"_s,
                            tr("Copy the demo user's password (demo data, as ecalab emulator prints it)")))
{
    setObjectName(u"demoLoginRow"_s);
    m_label->setObjectName(u"demoLoginLabel"_s);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_label, 1);
    row->addWidget(m_copyUser);
    row->addWidget(m_copyPassword);
    connect(m_copyUser, &QPushButton::clicked, this, [this] { copyWithFeedback(m_copyUser, m_user.username); });
    connect(m_copyPassword, &QPushButton::clicked, this, [this] { copyWithFeedback(m_copyPassword, m_user.password); });
    hide();
}

void DemoLoginRow::setUsers(const QList<DemoUser> &users)
{
    m_user = users.value(0);
    setVisible(!m_user.username.isEmpty());
    makeBadge(m_label, Tone::Info, u"info"_s,
              tr("Demo org: log in as <b>%1</b> / <b>%2</b>")
                  .arg(m_user.username.toHtmlEscaped(), m_user.password.toHtmlEscaped()));
    m_label->setAccessibleName(tr("Demo org: log in as %1 / %2").arg(m_user.username, m_user.password));
}

BrowserWaitView::BrowserWaitView(const Clock *clock, QWidget *parent)
    : QWidget(parent), m_browserState(new WrappingLabel(this)), m_demoLogin(new DemoLoginRow(this)),
      m_url(new QLineEdit(this)),
      m_copy(button(this, u"copy"_s, tr("&Copy URL"), u"copyAuthorizeUrlButton"_s,
                    tr("Copy the authorize URL, to open it in another browser or profile"))),
      m_open(button(this, u"open-external"_s, tr("&Open again"), u"openAuthorizeUrlButton"_s,
                    tr("Open the authorize URL in the browser again"))),
      m_listening(new WrappingLabel(this)), m_countdown(new CountdownLabel(clock, this)),
      m_cancel(button(this, u"cancel"_s, tr("Cancel"), u"cancelWaitButton"_s, tr("Stop waiting for the callback")))
{
    setObjectName(u"browserWaitView"_s);
    auto *title = new QLabel(tr("<b>Log in and allow access in your browser</b>"), this);
    title->setObjectName(u"browserWaitTitle"_s);
    m_browserState->setObjectName(u"browserState"_s);
    m_url->setObjectName(u"authorizeUrlField"_s);
    m_url->setAccessibleName(tr("Authorize URL"));
    m_url->setReadOnly(true);
    m_url->setFont(monospaceFont());
    m_listening->setObjectName(u"callbackListening"_s);
    m_listening->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
    layout->addWidget(m_demoLogin);
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
    showBrowserState(prompt.browserOpened, prompt.browserFailed, prompt.browserNote);
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

void BrowserWaitView::setDemoUsers(const QList<DemoUser> &users)
{
    m_demoLogin->setUsers(users);
}

void BrowserWaitView::showBrowserState(bool opened, bool failed, const QString &note)
{
    if (opened) {
        makeBadge(m_browserState, Tone::Positive, u"positive"_s,
                  tr("Opened in your browser. Log in there and press <b>Allow</b>; this window goes on by itself."));
    } else if (failed) {
        makeBadge(
            m_browserState, Tone::Negative, u"error"_s,
            tr("<b>Could not open your browser — copy the URL and open it yourself.</b> %1").arg(note.toHtmlEscaped()));
    } else {
        const QString why = note.isEmpty() ? tr("The browser was not opened.") : note;
        makeBadge(m_browserState, Tone::Warning, u"warning"_s,
                  tr("%1 Copy the URL below into a browser on this machine.").arg(why.toHtmlEscaped()));
    }
    m_browserState->setProperty("opened", opened);
    m_browserState->setProperty("launchFailed", failed);
    m_browserState->setAccessibleName(m_browserState->text());
    setProminent(m_copy, !opened);
    if (!opened && isVisible())
        m_copy->setFocus(Qt::OtherFocusReason);
}

void BrowserWaitView::copyUrl()
{
    copyWithFeedback(m_copy, urlText(m_prompt.url));
}

void BrowserWaitView::openAgain()
{
    if (!m_browser)
        return;
    const BrowserLauncher::Result result = m_browser->open(m_prompt.url);
    showBrowserState(result.opened, result.failed, result.note);
    if (result.watch)
        connect(result.watch, &LaunchWatch::failed, this,
                [this](const QString &note) { showBrowserState(false, true, note); });
}

} // namespace ecalab::ui
