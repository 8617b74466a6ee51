#pragma once

#include "CommandLine.h"
#include "ProfileResolver.h"
#include "StdinAnswers.h"
#include "TokenReport.h"
#include "UnixSignals.h"

#include "core/Clock.h"
#include "http/ExchangeLog.h"
#include "http/HttpClient.h"
#include "tokens/TokenTools.h"
#include "tokens/TokenVerification.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <memory>

namespace ecalab::app {

// `ecalab token decode|verify|introspect|userinfo|identity|revoke [--profile …] [--set …] [--json]
// TOKEN|-`: what a token is, whether it is genuine (RS256 against the org's JWKS, iss, aud, exp),
// and what the org says about it (introspection, UserInfo, the identity URL, revocation). The
// token itself is never printed: the human report shows its format and length only.
class TokenCommand : public QObject
{
    Q_OBJECT
public:
    explicit TokenCommand(CommandLine commandLine, QObject *parent = nullptr);
    ~TokenCommand() override;

    void start(); // ends with QCoreApplication::exit(code)

private:
    void onTokenRead(const QString &token);
    void decode();
    void onResolved(Expected<ProfileResolver::Resolved, FlowError> resolved);
    QString profileProblem() const;
    bool refusedUnverifiable();
    void verify();
    void runTool();
    void onVerdict(const TokenVerdict &verdict);
    void onToolFinished(const TokenActionResult &result);
    void onTerminationRequested();
    void fail(const FlowError &error);
    void finish(const TokenOutcome &outcome);

    CommandLine m_cl;
    SystemClock m_clock;
    QNetworkAccessManager m_network;
    ExchangeLog m_log;
    HttpClient m_http;
    ProfileResolver m_resolver;
    StdinAnswers m_stdin;
    UnixSignals m_signals; // Ctrl-C / SIGTERM: one JSON object, exit 4
    Profile m_profile;
    QString m_token;
    std::unique_ptr<TokenVerification> m_verification;
    std::unique_ptr<TokenTools> m_tools;
    bool m_finished = false;
};

} // namespace ecalab::app
