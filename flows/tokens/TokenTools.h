#pragma once

#include "http/Exchange.h"
#include "http/HttpMessage.h"
#include "oauth/FlowError.h"
#include "oauth/TokenSet.h"
#include "profile/Profile.h"
#include "tokens/TokenStatus.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

namespace ecalab {

class Clock;
class HttpCall;
class HttpClient;
struct HttpOutcome;
namespace tokenanswers {
struct AnswerContext;
}

// Where the token tools send their requests and how the client authenticates (§7.3–§7.6).
struct TokenToolsConfig
{
    QUrl loginUrl;     // introspect, revoke, userinfo live here (the profile's Login URL)
    QUrl instanceUrl;  // REST (the token response's instance_url); empty: the Login URL
    QUrl identityUrl;  // the token response's `id`; empty: Identity is not possible
    QString clientId;
    QString clientSecret;
    ClientAuthMethod clientAuth = ClientAuthMethod::Post;

    static TokenToolsConfig from(const Profile &profile, const TokenSet &tokens);
};

enum class TokenAction { Introspect, UserInfo, Identity, Revoke, RestProbe };
QString tokenActionName(TokenAction action); // "introspect", "userinfo", "identity", "revoke", "rest-probe"

enum class TokenKind { AccessToken, RefreshToken }; // introspect and revoke take either

struct TokenActionResult
{
    TokenAction action = TokenAction::Introspect;
    std::optional<FlowError> error;     // refused or failed (ServerRejected, Transport, …), explained
    QJsonObject fields;                 // what the answer said (redacted): introspection fields,
                                        // userinfo, identity, {"versions", "latest", "limits"}
    QString summary;                    // one line: "active · expires 18:03 (in 2 h) · scope api web"
    std::optional<TokenStatus> status;  // what it says about the token's state, when it says anything

    bool ok() const { return !error.has_value(); }
};

// The buttons of the token pane and the `ecalab token …` commands, one request at a time, each
// an exchange in the HttpClient's log (so the traffic pane and --json show it, redacted):
// introspection with client authentication (§7.4), UserInfo (§7.5), the identity URL (§7.6),
// revocation of an access or refresh token (§7.3, errors form-encoded), and a REST probe — GET
// /services/data/ then …/vNN.0/limits with the token — that shows the API version and the daily
// API request allowance.
class TokenTools : public QObject
{
    Q_OBJECT
public:
    TokenTools(HttpClient &http, const Clock &clock, TokenToolsConfig config, QObject *parent = nullptr);
    ~TokenTools() override;

    // False (and nothing is sent) while another action runs.
    bool run(TokenAction action, const QString &token, TokenKind kind = TokenKind::AccessToken);
    bool isBusy() const;
    void abort(); // the running action ends with a Cancelled error

    // The request an action sends first (the REST probe's is GET /services/data/); pure, for tests.
    static HttpRequest buildRequest(TokenAction action, const TokenToolsConfig &config, const QString &token,
                                    TokenKind kind = TokenKind::AccessToken);
    // The stage each action's exchanges are recorded under: {"introspect", "Introspect"}, ….
    static StageLabel stageLabel(TokenAction action);

Q_SIGNALS:
    void finished(const ecalab::TokenActionResult &result);

private:
    enum class State { Idle, Sending, ReportingProblem };
    using Reader = std::function<void(const HttpOutcome &)>;

    std::optional<FlowError> configurationProblem(TokenAction action, const QString &token) const;
    void send(const HttpRequest &request, Reader reader);
    void onVersions(const HttpOutcome &outcome);
    void reportSoon(FlowError problem);
    void finish(TokenActionResult result);
    tokenanswers::AnswerContext context() const;

    HttpClient &m_http;
    const Clock &m_clock;
    TokenToolsConfig m_config;
    State m_state = State::Idle;
    TokenAction m_action = TokenAction::Introspect;
    TokenKind m_kind = TokenKind::AccessToken;
    QString m_token;
    QJsonArray m_versions; // the REST probe's first answer, for its second
    QString m_latestVersion;
    QPointer<HttpCall> m_call;
    std::optional<FlowError> m_problem; // ReportingProblem: what finish() reports on the next turn
};

} // namespace ecalab
