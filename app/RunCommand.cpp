#include "RunCommand.h"

#include "BrowserChoice.h"
#include "Console.h"
#include "DevicePrompt.h"
#include "HumanReport.h"
#include "SecretEnvironment.h"
#include "WebServerPrompt.h"

#include "oauth/ErrorCatalog.h"
#include "profile/KeychainSecretStore.h"
#include "profile/ProfileStore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <utility>


namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kSetupStage = u"Set-up"_s;

// The environment variable that carries the secret a --set KEY would put in the process list.
QString secretVariableFor(const QString &key)
{
    if (key == u"clientSecret")
        return u"ECALAB_CLIENT_SECRET"_s;
    if (key == u"password")
        return u"ECALAB_PASSWORD"_s;
    if (key == u"passphrase")
        return u"ECALAB_KEY_PASSPHRASE"_s;
    return {};
}

constexpr int kTeardownSeconds = 2; // after the result is printed (sanitizer builds need a moment)

// The result is printed: exit with `code`, within kTeardownSeconds even if teardown blocks.
// Deferred: a run can end before the event loop starts (a configuration error found at once),
// and QCoreApplication::exit() before exec() would be lost.
void exitLater(int code)
{
    exitNoLaterThan(kTeardownSeconds, code);
    QMetaObject::invokeMethod(qApp, [code] { QCoreApplication::exit(code); }, Qt::QueuedConnection);
}

bool looksLikeFile(const QString &value)
{
    return value.contains(u'/') || value.contains(u'\\') || value.endsWith(u".json", Qt::CaseInsensitive);
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
    if (m_cl.profile.isEmpty()) {
        applyOverridesAndRun(); // everything from --set and the environment
        return;
    }
    if (QFileInfo(m_cl.profile).isFile() || looksLikeFile(m_cl.profile)) {
        auto loaded = ProfileStore::loadFile(m_cl.profile);
        if (!loaded) {
            finishWithError(FlowError::configuration(kSetupStage, loaded.error(), u"Pass a profile JSON file or the name of a saved profile."_s));
            return;
        }
        m_profile = std::move(loaded.value());
        applyOverridesAndRun();
        return;
    }
    auto saved = ProfileStore(ProfileStore::defaultConfigDirectory()).load(m_cl.profile);
    if (!saved) {
        finishWithError(FlowError::configuration(kSetupStage, saved.error(), u"Check the name (the window lists saved profiles) or pass a file."_s));
        return;
    }
    m_profile = std::move(saved.value());
    readSavedSecret(m_profile.name);
}

void RunCommand::readSavedSecret(const QString &profileName)
{
    if (!SecretEnvironment::value(u"ECALAB_CLIENT_SECRET"_s).isEmpty()) {
        applyOverridesAndRun();
        return;
    }
    chooseSecretStore(this, [this, profileName](std::unique_ptr<SecretStore> chosen) {
        m_secrets = std::move(chosen);
        m_secrets->read(SecretStore::clientSecretKey(profileName), this,
                        [this, profileName](const SecretStore::Result &result) {
                            if (result.ok)
                                m_profile.clientSecret = result.value;
                            else if (!result.notFound)
                                printErr(u"warning: could not read the saved secret: %1\n"_s.arg(result.error));
                            readSavedPassphrase(profileName);
                        });
    });
}

// A saved key passphrase answers the passphrase prompt when neither --set nor the environment does.
void RunCommand::readSavedPassphrase(const QString &profileName)
{
    m_secrets->read(SecretStore::keyPassphraseKey(profileName), this, [this](const SecretStore::Result &result) {
        if (result.ok)
            m_savedPassphrase = result.value;
        applyOverridesAndRun();
    });
}

void RunCommand::applyOverridesAndRun()
{
    for (const auto &[key, value] : m_cl.sets) {
        if (const QString variable = secretVariableFor(key); !variable.isEmpty())
            printErr(u"warning: a secret given with --set is visible to other users of this machine in the process list "
                     "and can end up in your shell history; set %1 instead.\n"_s.arg(variable));
        if (UserPrompt::answerIds().contains(key)) {
            m_answers.insert(key, value);
            continue;
        }
        // An unknown KEY is refused before anything is sent: a typo must not run against the
        // profile's own value with exit 0.
        const auto applied = m_profile.applyOverride(key, value, UserPrompt::answerIds());
        if (!applied) {
            finishWithError(FlowError::configuration(
                kSetupStage, applied.error(),
                u"Fix the --set key or value and run again; `ecalab run %1 --help` lists the fields this flow uses."_s.arg(m_cl.flow)));
            return;
        }
    }
    if (const QString secret = SecretEnvironment::value(u"ECALAB_CLIENT_SECRET"_s); !secret.isEmpty())
        m_profile.clientSecret = secret;
    // The key's passphrase answers the flow's passphrase prompt, unless --set gave one.
    QString passphrase = SecretEnvironment::value(u"ECALAB_KEY_PASSPHRASE"_s);
    if (passphrase.isEmpty())
        passphrase = std::exchange(m_savedPassphrase, {});
    if (!passphrase.isEmpty() && !m_answers.contains(u"passphrase"_s))
        m_answers.insert(u"passphrase"_s, passphrase);
    for (const QString &warning : m_profile.unknownFieldWarnings())
        printErr(u"warning: %1\n"_s.arg(warning));
    runFlow();
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
    printErr(u"%1 — type it and press Enter (or pass --set %2=VALUE): "_s.arg(line, prompt.id));
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
    exitLater(ok ? 0 : error.exitCode());
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
    exitLater(annotated.exitCode());
}

} // namespace ecalab::app
