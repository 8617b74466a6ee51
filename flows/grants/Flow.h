#pragma once

#include "http/HttpClient.h"
#include "oauth/FlowError.h"
#include "oauth/TokenChecks.h"
#include "oauth/TokenSet.h"
#include "grants/UserPrompt.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <span>

namespace ecalab {

class Clock;
class ClockTimer;

// One row of a flow's stage table: its place (the flow's StageIndex enum), a stable id for
// scripts and tests (`stageId` in --json), and the title people read, which may change.
struct StageSpec
{
    int index;
    QStringView id;
    QStringView title;
};

namespace stagetable {
constexpr bool isIdCharacter(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
}
// Lower-case words joined by single dashes: "verify-id-token".
constexpr bool isStageId(QStringView id)
{
    if (id.isEmpty() || id.front() == u'-' || id.back() == u'-')
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        if (!isIdCharacter(id.utf16()[i]) || (id.utf16()[i] == u'-' && id.utf16()[i + 1] == u'-'))
            return false;
    }
    return true;
}
constexpr bool same(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.utf16()[i] != b.utf16()[i])
            return false;
    }
    return true;
}
} // namespace stagetable

// What every stage table keeps: entry i has index i (so the StageIndex enum and the table cannot
// drift), and ids well-formed and unique, titles present. Flows static_assert it on their table.
constexpr bool isStageTable(std::span<const StageSpec> table)
{
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table[i].index != int(i) || !stagetable::isStageId(table[i].id) || table[i].title.isEmpty())
            return false;
        for (std::size_t j = 0; j < i; ++j) {
            if (stagetable::same(table[i].id, table[j].id))
                return false;
        }
    }
    return !table.empty();
}

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
        QString id;    // stable: "token-request" (StageSpec)
        QString title; // display text: "Token request"
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
    // Checks made on the run, by name: {"signature": "valid"}, and what a flow showed before
    // sending (JWT bearer: "assertion", its decoded header and claims); part of --json output.
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
    // A new run over the flow's stage table (checked with isStageTable), all stages Pending.
    void resetRun(std::span<const StageSpec> table);
    // The stage as HttpClient::send and FlowErrors name it; valid after resetRun().
    StageLabel stageLabel(int index) const;
    void enterStage(int index, StageState state = StageState::Running, const QString &detail = {});
    void finishStage(int index, StageState state, const QString &detail = {});
    void setCheck(const QString &name, const QJsonValue &value) { m_checks.insert(name, value); }
    void setPrompt(const UserPrompt &prompt);
    // An ask prompt with a deadline on the injected clock (the two-way prompt): `stage` waits with
    // `detail`, the prompt shows the deadline, and no answer within `waitSeconds` calls `expired`,
    // where the flow ends its run (Expired, exit 4). An answer or the end of the run stops the clock.
    void askWithDeadline(const Clock &clock, int stage, const QString &detail, UserPrompt prompt, int waitSeconds,
                         std::function<void()> expired);
    void stopAskDeadline();
    // Called by answer() for the prompt being asked, which is cleared first; flows that ask override it.
    virtual void handleAnswer(const QString &promptId, const QString &value);
    // Keeps the token; a check that failed on it (signature, ID token) makes the run fail instead,
    // with the token still in result() for inspection (a CI script must see the failure).
    void succeed(const TokenSet &tokens);
    void fail(FlowError error); // annotates from the ErrorCatalog, marks the current stage failed
    QString currentStageTitle() const;

    // The stages TokenChecks reports on; -1: the flow has no such stage (client credentials
    // returns no ID token).
    struct TokenCheckStages
    {
        int idToken = -1;
        int signature = -1;
    };
    // The checks on the tokens a flow obtained, as stages: the ID token (OIDC Core §3.1.3.7;
    // Skipped without an id_token), then the §1.5 signature (Skipped without a secret or a
    // signature). A failed check fails its stage and the run, never silence — the token stays in
    // result(). Sets checks().id_token and checks().signature, then calls `then` with the results,
    // unless abortTokenChecks() came first or the run ended meanwhile.
    void checkTokens(TokenCheckStages stages, const TokenSet &tokens, const TokenCheckInputs &inputs,
                     std::function<void(const TokenCheckResults &)> then);
    void abortTokenChecks();
    // The tail of a one-request flow: `outcome` read as the token response of `stage` (a refusal
    // or an unusable answer fails the run), the stage done, checkTokens, then succeed().
    void finishTokenRequest(int stage, const HttpOutcome &outcome, TokenCheckStages checkStages,
                            const TokenCheckInputs &inputs);

private:
    void setStatus(Status status);
    void beginRun(QList<Stage> stages);
    void showIdTokenResult(int stage, const std::optional<IdTokenVerdict> &verdict);
    void showSignatureResult(int stage, SignatureCheck check);
    void failCheck(int stage, const QString &check, const QString &problem);
    void fillStageId(FlowError &error) const;
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
    std::unique_ptr<TokenChecks> m_tokenChecks;
    std::unique_ptr<ClockTimer> m_askDeadline;
};

} // namespace ecalab
