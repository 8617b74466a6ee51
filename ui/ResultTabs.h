#pragma once

#include "oauth/TokenSet.h"

#include <QJsonObject>
#include <QTabWidget>

#include <optional>
#include <utility>

class QTextBrowser;

namespace ecalab {
class Clock;
class ExchangeLog;
class Flow;
struct FlowError;
struct TokenSet;
} // namespace ecalab

namespace ecalab::ui {

class DecodedPanel;
class TokenActionsPanel;
class TokenPanel;
class TokenSession;
class TrafficPanel;
class WaitPanel;

// Token │ Decoded │ Traffic (N) │ Explanation [│ Your turn] — what a run produced, and what it waits
// for: the "Your turn" tab is there, and selected, only while the flow waits on the person.
class ResultTabs : public QTabWidget
{
    Q_OBJECT
public:
    ResultTabs(const Clock *clock, QWidget *parent = nullptr);

    void setLog(ExchangeLog *log);
    // The tokens held for the session: their buttons and state on the Token tab; a refresh's new
    // tokens replace the shown ones on the Token and Decoded tabs.
    void setTokenSession(TokenSession *session);
    void showRunStarted(const Flow &flow);
    void showSucceeded(const Flow &flow, const TokenSet &tokens);
    void showFailed(const Flow &flow, const FlowError &error);
    void showExplanation();
    // Nothing of an earlier run stays on show once the profile or the flow is another.
    void clearResults(const QString &note);

    TokenPanel *tokenPanel() const { return m_token; }
    TokenActionsPanel *tokenActions() const { return m_actions; }
    DecodedPanel *decodedPanel() const { return m_decoded; }
    TrafficPanel *trafficPanel() const { return m_traffic; }
    WaitPanel *waitPanel() const { return m_wait; }
    QTextBrowser *explanationView() const { return m_explanation; }

private:
    void setTrafficCount(int count);
    void setWaiting(bool waiting);
    void showDecodedWhenSeen(const TokenSet &tokens, const QJsonObject &checks);
    void showPendingDecoded();
    void clearDecoded();

    ExchangeLog *m_log = nullptr;
    WaitPanel *m_wait;
    TokenPanel *m_token;
    TokenActionsPanel *m_actions = nullptr;
    DecodedPanel *m_decoded;
    TrafficPanel *m_traffic;
    QTextBrowser *m_explanation;
    std::optional<std::pair<TokenSet, QJsonObject>> m_pendingDecoded; // shown on the Decoded tab soon
};

} // namespace ecalab::ui
