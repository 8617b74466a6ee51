#pragma once

#include "TokenSession.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace ecalab {
class ClockTimer;
}

namespace ecalab::ui {

// The token pane's buttons (issue 12): the token's state badge with when it was last checked,
// Introspect, UserInfo, Identity, Try it, Refresh, Revoke and Revoke refresh token, a busy
// indicator while one waits, the last result (summary and fields, plain text), and "Keep refresh
// token in the keychain". Drives a TokenSession; shows nothing while it holds no token.
class TokenActionsPanel : public QWidget
{
    Q_OBJECT
public:
    TokenActionsPanel(TokenSession *session, QWidget *parent = nullptr);
    ~TokenActionsPanel() override;

    TokenSession *session() const { return m_session; }
    void setVerifyVisible(bool visible); // the inspector checks signatures; a run did already

private:
    void buildButtons();
    void buildResult();
    QPushButton *addButton(const QString &name, const QString &text, const QString &tip);
    void refreshView();
    void refreshState();
    void showOutcome(const TokenOutcome &outcome);
    void revoke(bool refreshToken);
    QString busyText() const;

    TokenSession *m_session;
    QLabel *m_state;
    QLabel *m_refreshState;
    QProgressBar *m_busy;
    QLabel *m_busyLabel;
    QWidget *m_buttonRow;
    QPushButton *m_introspect = nullptr;
    QPushButton *m_userInfo = nullptr;
    QPushButton *m_identity = nullptr;
    QPushButton *m_tryIt = nullptr;
    QPushButton *m_verify = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_revoke = nullptr;
    QPushButton *m_revokeRefresh = nullptr;
    QCheckBox *m_keep;
    QLabel *m_keptNote;
    QWidget *m_result;
    QLabel *m_resultSummary;
    QTableWidget *m_resultFields;
    std::unique_ptr<ClockTimer> m_tick; // "2 min ago" stays true, on the injected clock
    bool m_verifyVisible = false;
};

} // namespace ecalab::ui
