#pragma once

#include "TokenSession.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace ecalab::ui {

class DecodedPanel;
class TokenActionsPanel;

// Token → Inspect a token…: a token pasted in (memory only, never written anywhere) is decoded at
// once; Verify checks a JWT against the current profile's Login URL, and Introspect, UserInfo,
// Revoke and the rest use the current profile's client settings — no run needed. Its requests
// join the window's traffic.
class TokenInspector : public QDialog
{
    Q_OBJECT
public:
    TokenInspector(FlowServices services, ExchangeLog *log, TokenSession::ProfileSource profile,
                   QWidget *parent = nullptr);

    QPlainTextEdit *field() const { return m_field; }
    TokenSession *session() const { return m_session; }

protected:
    void hideEvent(QHideEvent *event) override;

private:
    void onTextChanged();
    void showVerdict(const TokenVerdict &verdict);

    TokenSession *m_session;
    QPlainTextEdit *m_field;
    QLabel *m_profileNote;
    QWidget *m_verdictHolder;
    DecodedPanel *m_decoded;
    TokenActionsPanel *m_actions;
    TokenSession::ProfileSource m_profile;
};

} // namespace ecalab::ui
