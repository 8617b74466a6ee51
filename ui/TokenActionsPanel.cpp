#include "TokenActionsPanel.h"

#include "Prompts.h"
#include "Style.h"
#include "TokenText.h"
#include "Verdicts.h"

#include "core/Clock.h"
#include "WrappingLabel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
// Nested answers (REST limits, identity urls) read as dotted names, one row each.
void flatten(const QString &prefix, const QJsonObject &object, QList<std::pair<QString, QString>> *rows)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString name = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        if (it.value().isObject() && rows->size() < 200)
            flatten(name, it.value().toObject(), rows);
        else
            rows->append({name, jsonValueText(it.value())});
    }
}
} // namespace

TokenActionsPanel::TokenActionsPanel(TokenSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_state(new WrappingLabel(this)), m_refreshState(new QLabel(this)),
      m_busy(new QProgressBar(this)), m_busyLabel(new QLabel(this)), m_buttonRow(new QWidget(this)),
      m_keep(new QCheckBox(tr("&Keep refresh token in the keychain"), this)), m_keptNote(new WrappingLabel(this)),
      m_result(new QWidget(this)), m_resultSummary(new WrappingLabel(m_result)), m_resultFields(new QTableWidget(m_result))
{
    setObjectName(u"tokenActions"_s);
    m_state->setObjectName(u"tokenStateBadge"_s);
    m_refreshState->setObjectName(u"refreshTokenState"_s);
    m_refreshState->setTextFormat(Qt::PlainText);
    makeMuted(m_refreshState);
    m_busy->setObjectName(u"tokenBusy"_s);
    m_busy->setRange(0, 0); // waiting on the server: no way to tell how long
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(12);
    m_busy->setAccessibleName(tr("Waiting for the server"));
    m_busyLabel->setObjectName(u"tokenBusyLabel"_s);
    m_busyLabel->setTextFormat(Qt::PlainText);

    buildButtons();

    m_keep->setObjectName(u"keepRefreshTokenCheck"_s);
    m_keptNote->setObjectName(u"keptRefreshTokenNote"_s);
    m_keptNote->setTextFormat(Qt::PlainText);
    makeMuted(m_keptNote);
    connect(m_keep, &QCheckBox::clicked, this, [this](bool keep) { m_session->setKept(keep); });

    buildResult();

    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(m_state, 1);
    stateRow->addWidget(m_busyLabel);
    stateRow->addWidget(m_busy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(9, 6, 9, 0);
    layout->setSpacing(4);
    layout->addLayout(stateRow);
    layout->addWidget(m_refreshState);
    layout->addWidget(m_buttonRow);
    layout->addWidget(m_keep);
    layout->addWidget(m_keptNote);
    layout->addWidget(m_result);

    connect(m_session, &TokenSession::changed, this, &TokenActionsPanel::refreshView);
    connect(m_session, &TokenSession::finished, this, &TokenActionsPanel::showOutcome);
    m_tick = m_session->clock()->createTimer();
    connect(m_tick.get(), &ClockTimer::timeout, this, &TokenActionsPanel::refreshState);
    refreshView();
}

TokenActionsPanel::~TokenActionsPanel() = default;

void TokenActionsPanel::buildButtons()
{
    auto *buttons = new QHBoxLayout(m_buttonRow);
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->setSpacing(4);
    m_introspect =
        addButton(u"introspectButton"_s, tr("&Introspect"),
                  tr("Ask Salesforce whether the token is active, until when, for whom and with which scopes"));
    m_userInfo = addButton(u"userInfoButton"_s, tr("&UserInfo"), tr("The OpenID Connect UserInfo of the token's user"));
    m_identity = addButton(u"identityButton"_s, tr("I&dentity"), tr("GET the identity URL (the response's id)"));
    m_tryIt = addButton(u"tryItButton"_s, tr("&Try it"),
                        tr("Call the REST API with the token: the API version and today's API request allowance"));
    m_verify = addButton(u"verifyButton"_s, tr("&Verify"),
                         tr("Check the JWT's signature against the org's keys (discovery → JWKS), iss, aud and exp"));
    m_refresh = addButton(u"refreshButton"_s, tr("Re&fresh"), tr("Get a new access token with the refresh token"));
    m_revoke = addButton(u"revokeButton"_s, tr("Re&voke…"), tr("Revoke the access token (its session ends)"));
    m_revokeRefresh = addButton(u"revokeRefreshButton"_s, tr("Revoke refresh token…"),
                                tr("Revoke the refresh token: its whole approval ends, access tokens included"));
    buttons->addStretch(1);
    connect(m_introspect, &QPushButton::clicked, this, [this] { m_session->run(TokenAction::Introspect); });
    connect(m_userInfo, &QPushButton::clicked, this, [this] { m_session->run(TokenAction::UserInfo); });
    connect(m_identity, &QPushButton::clicked, this, [this] { m_session->run(TokenAction::Identity); });
    connect(m_tryIt, &QPushButton::clicked, this, [this] { m_session->run(TokenAction::RestProbe); });
    connect(m_verify, &QPushButton::clicked, this, [this] { m_session->verify(); });
    connect(m_refresh, &QPushButton::clicked, this, [this] { m_session->refresh(); });
    connect(m_revoke, &QPushButton::clicked, this, [this] { revoke(false); });
    connect(m_revokeRefresh, &QPushButton::clicked, this, [this] { revoke(true); });
}

void TokenActionsPanel::buildResult()
{
    m_resultSummary->setObjectName(u"tokenActionSummary"_s);
    m_resultSummary->setTextFormat(Qt::PlainText); // server text: never markup
    m_resultSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resultFields->setObjectName(u"tokenActionFields"_s);
    m_resultFields->setAccessibleName(tr("Result fields"));
    m_resultFields->setColumnCount(2);
    m_resultFields->setHorizontalHeaderLabels({tr("Field"), tr("Value")});
    m_resultFields->verticalHeader()->hide();
    m_resultFields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_resultFields->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_resultFields->verticalHeader()->setDefaultSectionSize(m_resultFields->fontMetrics().height() + 6);
    auto *resultLayout = new QVBoxLayout(m_result);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_resultSummary);
    resultLayout->addWidget(m_resultFields);
    m_result->hide();
}

QPushButton *TokenActionsPanel::addButton(const QString &name, const QString &text, const QString &tip)
{
    auto *button = new QPushButton(text, m_buttonRow);
    button->setObjectName(name);
    button->setToolTip(tip);
    button->setAccessibleName(QString(text).remove(u'&').remove(u'…'));
    m_buttonRow->layout()->addWidget(button);
    return button;
}

void TokenActionsPanel::setVerifyVisible(bool visible)
{
    m_verifyVisible = visible;
    refreshView();
}

QString TokenActionsPanel::busyText() const
{
    switch (m_session->busy()) {
    case TokenSession::Operation::None:
        return {};
    case TokenSession::Operation::Introspect:
        return tr("Introspecting…");
    case TokenSession::Operation::UserInfo:
        return tr("Asking UserInfo…");
    case TokenSession::Operation::Identity:
        return tr("Reading the identity URL…");
    case TokenSession::Operation::RestProbe:
        return tr("Calling the REST API…");
    case TokenSession::Operation::Revoke:
    case TokenSession::Operation::RevokeRefresh:
        return tr("Revoking…");
    case TokenSession::Operation::Refresh:
        return tr("Refreshing…");
    case TokenSession::Operation::Verify:
        return tr("Verifying…");
    }
    return {};
}

void TokenActionsPanel::refreshView()
{
    const bool tokens = m_session->hasTokens();
    const bool refresh = !m_session->refreshToken().isEmpty();
    setVisible(tokens || refresh);
    const bool idle = m_session->busy() == TokenSession::Operation::None;
    m_busy->setVisible(!idle);
    m_busyLabel->setVisible(!idle);
    m_busyLabel->setText(busyText());
    const bool refreshRevoked = m_session->refreshStatus().state == TokenStatus::State::Revoked;
    for (QPushButton *button : {m_introspect, m_userInfo, m_tryIt, m_revoke}) {
        button->setVisible(tokens);
        button->setEnabled(idle);
    }
    m_identity->setVisible(tokens);
    m_identity->setEnabled(idle && !m_session->tokens().id.isEmpty());
    m_verify->setVisible(tokens && m_verifyVisible);
    m_verify->setEnabled(idle);
    m_refresh->setVisible(refresh);
    m_revokeRefresh->setVisible(refresh);
    m_refresh->setEnabled(idle && !refreshRevoked);
    m_revokeRefresh->setEnabled(idle && !refreshRevoked);
    m_state->setVisible(tokens);
    m_keep->setVisible(refresh && m_session->canKeep());
    m_keep->setEnabled(idle && !refreshRevoked);
    m_keep->setChecked(m_session->refreshTokenIsKept());
    m_keep->setToolTip(tr("Kept under the profile's name in %1; never in a file.").arg(m_session->keepNote()));
    m_keptNote->setVisible(m_session->hasKeptRefreshToken());
    m_keptNote->setText(m_session->refreshTokenIsKept()
                            ? tr("A refresh token is kept in the keychain for this profile: Refresh uses it, also "
                                 "after a restart.")
                            : tr("Another refresh token of this profile is in the keychain; check the box to keep "
                                 "this one instead."));
    refreshState();
}

void TokenActionsPanel::refreshState()
{
    const QDateTime now = m_session->clock()->now();
    showTokenState(m_state, m_session->status(), now);
    // Ticks only while a time is on show: an idle pane leaves no timer running.
    const TokenStatus &refresh = m_session->refreshStatus();
    if (m_session->status().checkedAt.isValid() || refresh.checkedAt.isValid())
        m_tick->start(30'000);
    else
        m_tick->stop();
    m_refreshState->setVisible(refresh.state != TokenStatus::State::Unknown);
    if (refresh.state != TokenStatus::State::Unknown)
        m_refreshState->setText(tr("Refresh token: %1 · checked %2 (%3)")
                                    .arg(refresh.label(), refresh.checkedAt.toLocalTime().toString(u"HH:mm"_s),
                                         relativeTimeText(refresh.checkedAt, now)));
}

void TokenActionsPanel::showOutcome(const TokenOutcome &outcome)
{
    m_result->show();
    m_resultSummary->setProperty("ok", outcome.ok);
    m_resultSummary->setText(u"%1 %2: %3"_s.arg(outcome.ok ? u"✔"_s : u"✖"_s, outcome.title, outcome.summary));
    QList<std::pair<QString, QString>> rows;
    flatten({}, outcome.fields, &rows);
    m_resultFields->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        m_resultFields->setItem(i, 0, new QTableWidgetItem(rows.at(i).first));
        m_resultFields->setItem(i, 1, new QTableWidgetItem(rows.at(i).second)); // items are plain text
    }
    m_resultFields->setVisible(!rows.isEmpty());
    m_resultFields->resizeColumnToContents(0);
    // As tall as its rows up to five, so the token's own fields keep their room below.
    int height = m_resultFields->horizontalHeader()->sizeHint().height() + 2 * m_resultFields->frameWidth();
    height += std::min(5, m_resultFields->rowCount()) * m_resultFields->verticalHeader()->defaultSectionSize();
    m_resultFields->setFixedHeight(height);
}

void TokenActionsPanel::revoke(bool refreshToken)
{
    const QString text =
        refreshToken ? tr("Revoke the refresh token? Salesforce ends its whole approval: the refresh token and every "
                          "access token issued with it stop working. A new run is needed to get them back.")
                     : tr("Revoke the access token? Its session ends at once; anything using it gets 401.");
    if (!Prompts::confirm(this, refreshToken ? tr("Revoke refresh token") : tr("Revoke access token"), text,
                          tr("Revoke")))
        return;
    if (refreshToken)
        m_session->revokeRefreshToken();
    else
        m_session->run(TokenAction::Revoke);
}

} // namespace ecalab::ui
