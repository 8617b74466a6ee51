#pragma once

#include "http/HttpClient.h"
#include "oauth/FlowError.h"
#include "oauth/IdTokenVerifier.h"
#include "oauth/TokenSet.h"
#include "grants/UserPrompt.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace ecalab {

// What every grant shares (ARCHITECTURE.md "Rules of the house"): start(), cancel(), a visible row
// of stages, and exactly one of succeeded(TokenSet) or failed(FlowError) per run.
class Flow : public QObject
{
    Q_OBJECT
public:
    enum class Status { Idle, Running, WaitingForUser, Succeeded, Failed, Cancelled };
    Q_ENUM(Status)
    enum class StageState { Pending, Running, WaitingForUser, Done, Warning, Failed, Skipped };
    Q_ENUM(StageState)

    struct Stage
    {
        QString title;
        StageState state = StageState::Pending;
        QString detail;
        qint64 elapsedMs = -1;
    };

    ~Flow() override;

    virtual QString name() const = 0;  // as on the command line: "client-credentials"
    virtual QString title() const = 0; // as in the window: "Client credentials"
    virtual void start() = 0;
    virtual void cancel() = 0;
    // The person's answer to the prompt `promptId` (an ask kind). False, and nothing happens, when
    // the flow is not asking that right now: another id, already answered, cancelled or timed out.
    bool answer(const QString &promptId, const QString &value);

    Status status() const { return m_status; }
    bool isFinished() const;
    const QList<Stage> &stages() const { return m_stages; }
    const std::optional<TokenSet> &result() const { return m_result; }
    const std::optional<FlowError> &error() const { return m_error; }
    // Checks made on the result, by name: {"signature": "valid"}; part of --json output.
    const QJsonObject &checks() const { return m_checks; }
    // What the flow waits on the person for; kind None when it waits on nobody.
    const UserPrompt &prompt() const { return m_prompt; }

Q_SIGNALS:
    void statusChanged(ecalab::Flow::Status status);
    void stagesChanged();
    void succeeded(const ecalab::TokenSet &tokens);
    void failed(const ecalab::FlowError &error);
    void promptChanged(const ecalab::UserPrompt &prompt);

protected:
    Flow(HttpClient &http, QObject *parent);

    HttpClient &http() { return m_http; }
    void resetRun(const QStringList &stageTitles);
    void enterStage(int index, StageState state = StageState::Running, const QString &detail = {});
    void finishStage(int index, StageState state, const QString &detail = {});
    void setCheck(const QString &name, const QString &value) { m_checks.insert(name, value); }
    void setPrompt(const UserPrompt &prompt);
    // Called by answer() for the prompt being asked, which is cleared first; flows that ask override it.
    virtual void handleAnswer(const QString &promptId, const QString &value);
    // Keeps the token; a check that failed on it (signature, ID token) makes the run fail instead,
    // with the token still in result() for inspection (a CI script must see the failure).
    void succeed(const TokenSet &tokens);
    void fail(FlowError error); // annotates from the ErrorCatalog, marks the current stage failed
    QString currentStageTitle() const;

    // The §1.5 check as a stage: Done when valid, Failed (and the run with it) when the signature
    // does not match, Skipped without a secret or a signature; sets checks().signature.
    void verifySignatureStage(int stage, const TokenSet &tokens, const QString &clientSecret);
    // The ID-token stage (OIDC Core §3.1.3.7): Skipped without an id_token, otherwise verified
    // against the JWKS named by the discovery document (fetched from `discoveryUrl` unless
    // `knownDiscovery` is given); a failed check fails the stage and the run, never silence. Sets
    // checks().id_token and then calls `then`, unless abortIdTokenStage() came first.
    void verifyIdTokenStage(int stage, const TokenSet &tokens, const QUrl &discoveryUrl, IdTokenExpectations expected,
                            std::function<void()> then, const std::optional<QJsonObject> &knownDiscovery = {});
    void abortIdTokenStage();

    // The common reading of a token-endpoint answer (§1.3, §10.1): a TokenSet on 200, otherwise
    // a FlowError of the right kind carrying Salesforce's error and description.
    Expected<TokenSet, FlowError> interpretTokenResponse(const HttpOutcome &outcome, const QString &stage) const;
    // The same reading for any OAuth endpoint answering JSON (or form/XML) fields on 200 and an
    // OAuth error otherwise; `endpoint` names it in explanations ("the device request").
    Expected<QJsonObject, FlowError> interpretOAuthAnswer(const HttpOutcome &outcome, const QString &stage,
                                                          const QString &endpoint) const;
    FlowError errorFromFailedOutcome(const HttpOutcome &outcome, const QString &stage) const;

private:
    void setStatus(Status status);
    void failCheck(int stage, const QString &check, const QString &problem);
    // Text that came from a server leaves a flow only through here: masked with every secret the
    // exchange log knows, so views, exports and output never see more than the exchanges do.
    QString redacted(const QString &text) const;
    FlowError redacted(FlowError error) const;
    TokenSet redacted(TokenSet tokens) const;
    UserPrompt redacted(UserPrompt prompt) const;

    HttpClient &m_http;
    Status m_status = Status::Idle;
    QList<Stage> m_stages;
    int m_currentStage = -1;
    QElapsedTimer m_stageTimer;
    std::optional<TokenSet> m_result;
    std::optional<FlowError> m_error;
    std::optional<FlowError> m_failedCheck;
    QJsonObject m_checks;
    UserPrompt m_prompt;
    std::unique_ptr<IdTokenVerification> m_idTokenCheck;
};

} // namespace ecalab
