#pragma once

#include "CommandLine.h"
#include "ProfileResolver.h"
#include "StdinAnswers.h"
#include "UnixSignals.h"

#include "browser/BrowserLauncher.h"
#include "core/Clock.h"
#include "core/RandomSource.h"
#include "grants/FlowSession.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>

#include <memory>

namespace ecalab::app {

// `ecalab run FLOW …`: resolve the profile and its secret, run the flow through a FlowSession
// (the same engine the window drives), print the result, and exit with the contract's code.
class RunCommand : public QObject
{
    Q_OBJECT
public:
    explicit RunCommand(CommandLine commandLine, QObject *parent = nullptr);

    void start(); // ends with QCoreApplication::exit(code)

private:
    void resolveProfile();
    void runFlow();
    void onStagesChanged();
    void onPromptChanged(const UserPrompt &prompt);
    void answerPrompt(const UserPrompt &prompt);
    void finish();
    void finishWithError(const FlowError &error);
    void onTerminationRequested();

    CommandLine m_cl;
    Profile m_profile;
    SystemClock m_clock;
    SystemRandomSource m_random;
    QNetworkAccessManager m_network;
    ProfileResolver m_resolver;
    std::unique_ptr<BrowserLauncher> m_browser; // before the session: flows hold a pointer to it
    std::unique_ptr<FlowSession> m_session;
    QList<Flow::StageState> m_printedStates;
    UserPrompt m_printedPrompt;
    QHash<QString, QString> m_answers; // ask prompts answered ahead: --set ID=VALUE, the environment, the keychain
    StdinAnswers m_stdinAnswers;
    UnixSignals m_signals; // Ctrl-C / SIGTERM cancel the run: one JSON object, exit 4
    bool m_finished = false;
};

} // namespace ecalab::app
