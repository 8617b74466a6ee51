#include "RunCommand.h"

#include "BrowserChoice.h"
#include "Console.h"
#include "DevicePrompt.h"
#include "HumanReport.h"
#include "WebServerPrompt.h"

#include "oauth/ErrorCatalog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <utility>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kSetupStage = ProfileResolver::setupStage();

// The prompt ids --set answers ahead of time: the flows' own, and refresh's refresh token.
QStringList runAnswerIds()
{
    QStringList ids = UserPrompt::answerIds();
    if (!ids.contains(u"refreshToken"_s))
        ids.append(u"refreshToken"_s);
    return ids;
}

} // namespace

RunCommand::RunCommand(CommandLine commandLine, QObject *parent) : QObject(parent), m_cl(std::move(commandLine))
{
    connect(&m_stdinAnswers, &StdinAnswers::answered, this, [this](const QString &id, const QString &value) {
        if (m_session && m_session->current())
            m_session->current()->answer(id, value);
    });
    connect(&m_signals, &UnixSignals::terminationRequested, this, &RunCommand::onTerminationRequested);
}

// The contract's exit 4 for a cancelled run, with its --json object: a CI job that is stopped
// still leaves a readable result. A second signal while that is printed ends the process at once.
void RunCommand::onTerminationRequested()
{
    if (m_finished) {
        QCoreApplication::exit(130);
        return;
    }
    if (m_session && m_session->current() && !m_session->current()->isFinished()) {
        m_session->cancel(); // the flow reports Cancelled through failed() → finish()
        return;
    }
    finishWithError(FlowError::cancelled(kSetupStage)); // still reading the profile or the keychain
}

void RunCommand::start()
{
    const FlowRegistry &flows = FlowRegistry::instance();
    const FlowDescriptor *flow = flows.find(m_cl.flow);
    if (!flow) {
        finishWithError(FlowError::configuration(kSetupStage, unknownFlowMessage(m_cl.flow),
                                                 u"Use one of: %1."_s.arg(flows.names().join(u", "_s))));
        return;
    }
    resolveProfile();
}

void RunCommand::resolveProfile()
{
    ProfileResolver::Request request{
        m_cl.profile, m_cl.sets, runAnswerIds(),
        u"Fix the --set key or value and run again; `ecalab run %1 --help` lists the fields this flow uses."_s.arg(m_cl.flow)};
    m_resolver.resolve(std::move(request), [this](Expected<ProfileResolver::Resolved, FlowError> resolved) {
        if (m_finished) // cancelled while the keychain was read
            return;
        if (!resolved) {
            finishWithError(resolved.error());
            return;
        }
        m_profile = std::move(resolved->profile);
        m_answers = std::move(resolved->answers);
        runFlow();
    });
}

void RunCommand::runFlow()
{
    m_browser = chooseBrowserLauncher(m_cl);
    m_session = std::make_unique<FlowSession>(FlowServices{&m_network, &m_clock, &m_random, m_browser.get()});
    // --timeout bounds each request (Timeout, exit 3) and the wait on the person (Expired, exit 4).
    if (m_cl.timeoutSeconds) {
        HttpClient::Limits limits = m_session->limits();
        limits.timeoutMs = qint64(std::ceil(*m_cl.timeoutSeconds * 1000));
        m_session->setLimits(limits);
    }
    m_session->setRunOptions(runOptionsFor(m_cl));
    connect(m_session.get(), &FlowSession::flowStarted, this, [this](Flow *flow) {
        connect(flow, &Flow::stagesChanged, this, &RunCommand::onStagesChanged);
        connect(flow, &Flow::promptChanged, this, &RunCommand::onPromptChanged);
        connect(flow, &Flow::succeeded, this, &RunCommand::finish);
        connect(flow, &Flow::failed, this, &RunCommand::finish);
    });
    m_session->start(m_cl.flow, m_profile);
}

void RunCommand::onStagesChanged()
{
    const Flow *flow = m_session->current();
    const auto &stages = flow->stages();
    m_printedStates.resize(stages.size(), Flow::StageState::Pending);
    for (int i = 0; i < stages.size(); ++i) {
        if (stages.at(i).state == m_printedStates.at(i))
            continue;
        m_printedStates[i] = stages.at(i).state;
        printErr(stageLine(stages.at(i)));
    }
}

// What the person must do goes to stderr (with --json too: stdout carries only the result).
void RunCommand::onPromptChanged(const UserPrompt &prompt)
{
    if (prompt.kind == UserPrompt::Kind::EnterDeviceCode) {
        if (m_printedPrompt.kind != prompt.kind || m_printedPrompt.userCode != prompt.userCode)
            printErr(devicePromptText(prompt, m_clock.msecsSinceEpoch()));
        else
            printErr(devicePollLine(m_printedPrompt, prompt));
    } else if (prompt.kind == UserPrompt::Kind::OpenBrowser && m_printedPrompt.url != prompt.url) {
        printErr(webServerPromptText(prompt, m_clock.msecsSinceEpoch()));
    } else if (prompt.asks() && m_printedPrompt.id != prompt.id) {
        answerPrompt(prompt);
    }
    if (!prompt.asks())
        m_stdinAnswers.stop();
    m_printedPrompt = prompt;
}

// An ask prompt is answered from --set ID=VALUE when given, else from a line on stdin.
void RunCommand::answerPrompt(const UserPrompt &prompt)
{
    if (m_answers.contains(prompt.id)) {
        const QString value = m_answers.take(prompt.id); // once: a refused answer is asked again on stdin
        QMetaObject::invokeMethod(this, [this, id = prompt.id, value] { m_session->current()->answer(id, value); },
                                  Qt::QueuedConnection);
        return;
    }
    QString line = prompt.question.isEmpty() ? u"Enter the answer"_s : prompt.question;
    if (!prompt.sentTo.isEmpty())
        line += u" (sent to %1)"_s.arg(prompt.sentTo);
    // A secret is better set in its variable than given with --set (which warns).
    const QString variable = secretVariableFor(prompt.id);
    const QString ahead = variable.isEmpty() ? u"pass --set %1=VALUE"_s.arg(prompt.id) : u"set %1"_s.arg(variable);
    printErr(u"%1 — type it and press Enter (or %2): "_s.arg(line, ahead));
    m_stdinAnswers.ask(prompt);
}

void RunCommand::finish()
{
    m_finished = true;
    m_stdinAnswers.stop(); // the terminal's echo comes back
    const Flow *flow = m_session->current();
    const FlowError error = flow->error().value_or(FlowError{});
    const bool ok = flow->status() == Flow::Status::Succeeded;
    if (m_cl.json) {
        // A token whose checks failed is still shown, for inspection, beside the error.
        const QJsonValue token = flow->result() ? QJsonValue(flow->result()->toJson()) : QJsonValue(QJsonValue::Null);
        const QJsonObject result{{u"flow"_s, m_cl.flow},
                                 {u"ok"_s, ok},
                                 {u"token"_s, token},
                                 {u"error"_s, ok ? QJsonValue(QJsonValue::Null) : QJsonValue(error.toJson())},
                                 {u"checks"_s, flow->checks()},
                                 {u"exchanges"_s, m_session->log()->toJson()}};
        printJson(result);
    } else if (ok) {
        printOut(successReport(*flow));
    } else {
        printErr(failureReport(error));
    }
    exitAfterResult(ok ? 0 : error.exitCode());
}

void RunCommand::finishWithError(const FlowError &error)
{
    m_finished = true;
    FlowError annotated = error;
    ErrorCatalog::annotate(annotated, m_cl.flow);
    if (m_cl.json) {
        const QJsonObject result{{u"flow"_s, m_cl.flow}, {u"ok"_s, false}, {u"token"_s, QJsonValue::Null},
                                 {u"error"_s, annotated.toJson()}, {u"checks"_s, QJsonObject()},
                                 {u"exchanges"_s, QJsonArray()}};
        printJson(result);
    } else {
        printErr(failureReport(annotated));
    }
    exitAfterResult(annotated.exitCode());
}

} // namespace ecalab::app
