#include "DeviceCodeView.h"

#include "BrowserWaitView.h"
#include "CopyFeedback.h"
#include "CountdownLabel.h"
#include "Icons.h"
#include "QrCodeWidget.h"
#include "Style.h"

#include "browser/BrowserLauncher.h"
#include "WrappingLabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qreal kCodeScale = 3.2; // the code is read from across the room (UX.md)

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

DeviceCodeView::DeviceCodeView(const Clock *clock, QWidget *parent)
    : QWidget(parent), m_code(new QLabel(this)), m_url(new QLabel(this)), m_openNote(new WrappingLabel(this)),
      m_demoLogin(new DemoLoginRow(this)), m_qr(new QrCodeWidget(this)), m_qrCaption(new QLabel(this)),
      m_countdown(new CountdownLabel(clock, this)), m_polls(new QLabel(this)),
      m_copyCode(button(this, u"copy"_s, tr("Copy &code"), u"copyUserCodeButton"_s, tr("Copy the user code"))),
      m_copyUrl(
          button(this, u"copy"_s, tr("Copy &URL"), u"copyVerificationUrlButton"_s, tr("Copy the verification URL"))),
      m_open(button(this, u"open-external"_s, tr("&Open"), u"openVerificationUrlButton"_s,
                    tr("Open the verification page in the browser on this machine"))),
      m_cancel(button(this, u"cancel"_s, tr("Cancel"), u"cancelWaitButton"_s, tr("Stop polling for approval")))
{
    setObjectName(u"deviceCodeView"_s);
    m_qr->setObjectName(u"deviceQrCode"_s);
    m_qrCaption->setObjectName(u"deviceQrCaption"_s);
    m_qrCaption->setAlignment(Qt::AlignHCenter);
    makeMuted(m_qrCaption);
    auto *qrColumn = new QVBoxLayout;
    qrColumn->addWidget(m_qr);
    qrColumn->addWidget(m_qrCaption);
    qrColumn->addStretch(1);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(24);
    layout->addWidget(buildCodeColumn(), 1);
    layout->addLayout(qrColumn);

    connect(m_copyCode, &QPushButton::clicked, this, [this] { copyWithFeedback(m_copyCode, m_prompt.userCode); });
    connect(m_copyUrl, &QPushButton::clicked, this, [this] { copyWithFeedback(m_copyUrl, urlText(m_prompt.url)); });
    connect(m_open, &QPushButton::clicked, this, &DeviceCodeView::openUrl);
    connect(m_cancel, &QPushButton::clicked, this, &DeviceCodeView::cancelRequested);
}

QWidget *DeviceCodeView::buildCodeColumn()
{
    auto *column = new QWidget(this);
    auto *title = new WrappingLabel(tr("<b>On any device, open the page below, enter this code, then log in and allow "
                                "access</b>"),
                                    column);
    m_code->setObjectName(u"userCodeLabel"_s);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont codeFont = monospaceFont();
    codeFont.setPointSizeF(font().pointSizeF() * kCodeScale);
    codeFont.setBold(true);
    codeFont.setLetterSpacing(QFont::PercentageSpacing, 115);
    m_code->setFont(codeFont);
    m_url->setObjectName(u"verificationUrlLabel"_s);
    m_url->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_url->setOpenExternalLinks(false);
    connect(m_url, &QLabel::linkActivated, this, &DeviceCodeView::openUrl);
    m_openNote->setObjectName(u"verificationOpenNote"_s);
    m_openNote->hide();
    m_countdown->setObjectName(u"deviceCountdown"_s);
    QFont big = m_countdown->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_countdown->setFont(big);
    m_polls->setObjectName(u"devicePolls"_s);
    m_polls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    makeMuted(m_polls);

    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code);
    codeRow->addWidget(m_copyCode);
    codeRow->addStretch(1);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url);
    urlRow->addWidget(m_open);
    urlRow->addWidget(m_copyUrl);
    urlRow->addStretch(1);
    auto *waitRow = new QHBoxLayout;
    waitRow->addWidget(m_countdown);
    waitRow->addSpacing(12);
    waitRow->addWidget(m_polls, 1);
    waitRow->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(title);
    layout->addLayout(codeRow);
    layout->addLayout(urlRow);
    layout->addWidget(m_openNote);
    layout->addWidget(m_demoLogin);
    layout->addLayout(waitRow);
    layout->addStretch(1);
    return column;
}

QUrl DeviceCodeView::scanUrl(const UserPrompt &prompt)
{
    return prompt.completeUrl.isEmpty() ? prompt.url : prompt.completeUrl;
}

void DeviceCodeView::showPrompt(const UserPrompt &prompt)
{
    const bool newCode = prompt.userCode != m_prompt.userCode || scanUrl(prompt) != scanUrl(m_prompt);
    m_prompt = prompt;
    m_code->setText(prompt.userCode);
    m_code->setAccessibleName(tr("User code %1").arg(prompt.userCode));
    const QString url = urlText(prompt.url);
    m_url->setText(u"<a href=\"%1\">%2</a>"_s.arg(url.toHtmlEscaped(), url.toHtmlEscaped()));
    m_url->setAccessibleName(tr("Verification URL %1").arg(url));
    if (newCode) { // polls update the prompt every few seconds; the QR only changes with the code
        const QString why = m_qr->setText(urlText(scanUrl(prompt)));
        m_qrCaption->setText(!why.isEmpty()                 ? tr("No QR code: %1").arg(why)
                             : prompt.completeUrl.isEmpty() ? tr("Scan to open the page")
                                                            : tr("Scan to open the page with the code filled in"));
    }
    m_countdown->setDeadline(prompt.deadlineMs);
    QString polls = tr("%1 so far").arg(countText(prompt.pollCount, tr("poll"), tr("polls")));
    if (prompt.intervalSeconds > 0)
        polls += tr(" · every %1 s").arg(prompt.intervalSeconds);
    if (!prompt.lastAnswer.isEmpty())
        polls += tr(" · last answer: %1").arg(prompt.lastAnswer);
    m_polls->setText(polls);
    m_polls->setAccessibleName(polls);
    m_open->setEnabled(m_browser != nullptr);
    m_cancel->setEnabled(true);
    if (prompt.browserFailed)
        showOpenFailed(prompt.browserNote);
    else if (newCode)
        m_openNote->hide();
    if (newCode)
        setProminent(m_copyUrl, prompt.browserFailed);
}

void DeviceCodeView::setDemoUsers(const QList<DemoUser> &users)
{
    m_demoLogin->setUsers(users);
}

void DeviceCodeView::showOpenFailed(const QString &note)
{
    makeBadge(
        m_openNote, Tone::Negative, u"error"_s,
        tr("<b>Could not open your browser — copy the URL and open it yourself.</b> %1").arg(note.toHtmlEscaped()));
    m_openNote->setAccessibleName(m_openNote->text());
    m_openNote->show();
    setProminent(m_copyUrl, true);
}

void DeviceCodeView::stopWaiting()
{
    m_countdown->stop();
    m_cancel->setEnabled(false);
}

void DeviceCodeView::openUrl()
{
    if (!m_browser)
        return;
    const BrowserLauncher::Result result = m_browser->open(scanUrl(m_prompt));
    if (result.watch)
        connect(result.watch, &LaunchWatch::failed, this, &DeviceCodeView::showOpenFailed);
    if (result.opened) {
        m_openNote->hide();
        setProminent(m_copyUrl, false);
        return;
    }
    if (result.failed) {
        showOpenFailed(result.note);
        return;
    }
    makeBadge(m_openNote, Tone::Warning, u"warning"_s, result.note.toHtmlEscaped());
    m_openNote->show();
}

} // namespace ecalab::ui
