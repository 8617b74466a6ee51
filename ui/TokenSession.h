#pragma once

#include "grants/FlowSession.h"
#include "tokens/TokenStatus.h"
#include "tokens/TokenTools.h"
#include "tokens/TokenVerification.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace ecalab {
class SecretStore;
}

namespace ecalab::ui {

// What one button of the token pane ended with, as the pane shows it: server text already
// redacted by the engine, shown as plain text.
struct TokenOutcome
{
    QString title; // "Introspect", "Refresh", "Verify", …
    bool ok = false;
    QString summary; // one line
    QJsonObject fields;
};

// The tokens the window holds, in memory only, and what is done with them (issue 12): the token
// tools, a refresh through the "refresh" flow, a signature check — one at a time, each recorded in
// the session's traffic log through one HttpClient of its own on that log. A refresh token reaches
// the keychain only through setKept(true).
class TokenSession : public QObject
{
    Q_OBJECT
public:
    enum class Operation { None, Introspect, UserInfo, Identity, RestProbe, Revoke, RevokeRefresh, Refresh, Verify };
    using ProfileSource = std::function<Profile()>;

    // `secrets` may be null: then nothing can be kept (the paste-in inspector).
    TokenSession(FlowServices services, ExchangeLog *log, SecretStore *secrets, ProfileSource profile,
                 QObject *parent = nullptr);
    ~TokenSession() override;

    // The current profile is another: its kept refresh token, if any, is read from the keychain.
    void profileChanged();
    // A run's tokens (or a pasted one). `mergeRefresh`: a refresh's answer, whose missing
    // refresh_token, id and instance_url are the held ones (no rotation).
    void adopt(const TokenSet &tokens, bool mergeRefresh = false);
    // The tokens leave the view; what is remembered for the session (the profile's latest refresh
    // token) stays so the "refresh" flow can still be answered.
    void clear();
    void cancel();

    bool hasTokens() const { return !m_tokens.accessToken.isEmpty(); }
    const TokenSet &tokens() const { return m_tokens; }
    QString refreshToken() const; // held, else remembered for the profile, else kept in the keychain
    bool refreshTokenIsKept() const { return !m_kept.isEmpty() && m_kept == refreshToken(); }
    bool hasKeptRefreshToken() const { return !m_kept.isEmpty(); }
    bool canKeep() const;
    QString keepNote() const; // where a kept token goes (the store's description)
    const TokenStatus &status() const { return m_status; }
    const TokenStatus &refreshStatus() const { return m_refreshStatus; }
    Operation busy() const { return m_busy; }
    const Clock *clock() const { return m_services.clock; }
    HttpClient *http() const { return m_http.get(); }

    bool run(TokenAction action); // on the access token
    bool revokeRefreshToken();
    bool refresh();
    bool verify(); // the access token, against the profile's Login URL (the inspector's Verify)
    void setKept(bool keep);
    // The answer the window gives itself to a flow's prompt: the refresh token for "refreshToken".
    QString answerFor(const UserPrompt &prompt) const;

Q_SIGNALS:
    void changed();
    void finished(const ecalab::ui::TokenOutcome &outcome);
    // After a refresh: the tokens now held, for the Token and Decoded tabs.
    void tokensReplaced(const ecalab::TokenSet &tokens, const QJsonObject &checks);
    void verified(const ecalab::TokenVerdict &verdict);

private:
    void setBusy(Operation operation);
    bool startTool(TokenAction action, const QString &token, TokenKind kind, Operation operation);
    void onToolFinished(const TokenActionResult &result, TokenKind kind);
    void onRefreshed(const TokenSet &tokens, const QJsonObject &checks);
    void onRefreshFailed(const FlowError &error);
    void releaseRefreshFlow();
    void writeKept(const QString &value);
    void forgetKept();
    TokenStatus initialStatus(const QString &accessToken) const;
    TokenStatus statusNow(TokenStatus::State state, const QString &source) const;

    FlowServices m_services;
    SecretStore *m_secrets;
    ProfileSource m_profile;
    std::unique_ptr<HttpClient> m_http;
    TokenSet m_tokens;
    QHash<QString, QString> m_remembered; // profile name → its latest refresh token, this session only
    QString m_kept;                       // the current profile's refresh token in the keychain
    TokenStatus m_status;
    TokenStatus m_refreshStatus;
    Operation m_busy = Operation::None;
    QPointer<TokenTools> m_tools;
    QPointer<TokenVerification> m_verification;
    std::unique_ptr<Flow> m_refreshFlow;
    QString m_refreshUsing;
    QObject *m_readContext = nullptr; // a keychain read for the profile on show, dropped by the next
};

} // namespace ecalab::ui

Q_DECLARE_METATYPE(ecalab::ui::TokenOutcome)
