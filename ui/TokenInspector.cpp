#include "TokenInspector.h"

#include "DecodedPanel.h"
#include "Style.h"
#include "TokenActionsPanel.h"
#include "Verdicts.h"
#include "WrappingLabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

TokenInspector::TokenInspector(FlowServices services, ExchangeLog *log, TokenSession::ProfileSource profile,
                               QWidget *parent)
    : QDialog(parent), m_session(new TokenSession(services, log, nullptr, profile, this)),
      m_field(new QPlainTextEdit(this)), m_profileNote(new WrappingLabel(this)), m_verdictHolder(new QWidget(this)),
      m_decoded(new DecodedPanel(services.clock, this)), m_actions(new TokenActionsPanel(m_session, this)),
      m_profile(std::move(profile))
{
    setObjectName(u"tokenInspector"_s);
    setWindowTitle(tr("Inspect a token"));
    m_field->setObjectName(u"inspectTokenEdit"_s);
    m_field->setAccessibleName(tr("Token to inspect"));
    m_field->setPlaceholderText(tr("Paste an access token, an ID token or any JWT. It stays in memory only."));
    m_field->setFont(monospaceFont());
    m_field->setUndoRedoEnabled(false); // no copy of the token kept in an undo stack
    m_field->setMaximumHeight(m_field->fontMetrics().lineSpacing() * 5 + 12);
    m_profileNote->setObjectName(u"inspectProfileNote"_s);
    m_profileNote->setTextFormat(Qt::PlainText);
    makeMuted(m_profileNote);
    m_verdictHolder->setObjectName(u"inspectVerdictHolder"_s);
    auto *verdictLayout = new QVBoxLayout(m_verdictHolder);
    verdictLayout->setContentsMargins(9, 0, 9, 0);
    m_actions->setVerifyVisible(true);
    m_decoded->clear(tr("Paste a token above: it is decoded at once."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_field);
    layout->addWidget(m_profileNote);
    layout->addWidget(m_actions);
    layout->addWidget(m_verdictHolder);
    layout->addWidget(m_decoded, 1);
    layout->addWidget(buttons);
    resize(820, 640);

    connect(m_field, &QPlainTextEdit::textChanged, this, &TokenInspector::onTextChanged);
    connect(m_session, &TokenSession::verified, this, &TokenInspector::showVerdict);
    onTextChanged();
}

void TokenInspector::onTextChanged()
{
    // Whitespace from a copy (a trailing newline, a wrapped line) is not part of any token.
    QString token = m_field->toPlainText();
    token.remove(QRegularExpression(u"\\s+"_s));
    m_session->cancel();
    qDeleteAll(m_verdictHolder->findChildren<QLabel *>(Qt::FindDirectChildrenOnly));
    if (token.isEmpty()) {
        m_session->clear();
        m_decoded->clear(tr("Paste a token above: it is decoded at once."));
    } else {
        TokenSet tokens;
        tokens.accessToken = token;
        m_session->adopt(tokens);
        m_decoded->showToken(u"token"_s, token);
    }
    const Profile profile = m_profile();
    m_profileNote->setText(tr("Verify, Introspect, Revoke and the rest use the profile %1: %2, consumer key %3.")
                               .arg(profile.name, profile.loginUrl.toString(),
                                    profile.clientId.isEmpty() ? tr("(none)") : profile.clientId.left(12) + u'…'));
}

void TokenInspector::showVerdict(const TokenVerdict &verdict)
{
    qDeleteAll(m_verdictHolder->findChildren<QLabel *>(Qt::FindDirectChildrenOnly));
    QLabel *badge = verificationBadge(verdict, m_verdictHolder);
    badge->setObjectName(u"inspectVerdict"_s);
    m_verdictHolder->layout()->addWidget(badge);
}

void TokenInspector::hideEvent(QHideEvent *event)
{
    m_field->clear(); // a closed inspector keeps no token
    QDialog::hideEvent(event);
}

} // namespace ecalab::ui
