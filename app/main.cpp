// ecalab: the window by default; `ecalab run …`, `ecalab token …`, `ecalab keys …` and `ecalab emulator …`
// run headless. Built twice (app/CMakeLists.txt): as `ecalab`, without the window, which hands
// the window over to the other build, `ecalab-window` (ECALAB_WITH_GUI), which has both.
#include "CommandLine.h"
#include "Console.h"
#include "EmulatorCommand.h"
#include "HelpText.h"
#include "KeysCommand.h"
#include "ProfilesCommand.h"
#include "RunCommand.h"
#include "SecretEnvironment.h"
#include "TokenCommand.h"
#include "TokenReport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimer>

#include <algorithm>

#ifdef ECALAB_WITH_GUI
#include "BrowserChoice.h"
#include "DesktopBrowserLauncher.h"
#include "GuiMain.h"
#elif defined(ECALAB_HAS_WINDOW_PROGRAM)
#include "WindowHandOver.h"
#endif

using namespace Qt::Literals::StringLiterals;
using ecalab::app::CommandLine;

namespace {
// The --json object of a usage error: `ecalab token …`'s own shape, else run's.
QJsonObject usageErrorJson(const ecalab::FlowError &error, const QStringList &arguments)
{
    const auto first = std::find_if(arguments.begin(), arguments.end(), [](const QString &a) { return !a.startsWith(u'-'); });
    if (first == arguments.end() || *first != u"token")
        return {{u"ok"_s, false}, {u"token"_s, QJsonValue::Null}, {u"error"_s, error.toJson()},
                {u"checks"_s, QJsonObject()}, {u"exchanges"_s, QJsonArray()}};
    const QString action = std::next(first) != arguments.end() && ecalab::app::tokenActions().contains(*std::next(first))
                               ? *std::next(first)
                               : QString();
    return {{u"command"_s, (u"token "_s + action).trimmed()}, {u"ok"_s, false}, {u"status"_s, QJsonValue::Null},
            {u"error"_s, error.toJson()}, {u"exchanges"_s, QJsonArray()}};
}

// A usage error still honours --json: one JSON object on stdout, exit code 2.
int usageError(const QString &message, bool json, const QStringList &arguments = {})
{
    if (json) {
        ecalab::FlowError error = ecalab::FlowError::configuration(u"Command line"_s, message, u"Run ecalab --help for the usage."_s);
        ecalab::app::printJson(usageErrorJson(error, arguments));
    }
    ecalab::app::printErr(u"ecalab: %1\n"_s.arg(message));
    return 2;
}

// `ecalab help [COMMAND]`, `ecalab COMMAND --help`, `ecalab run FLOW --help`.
int printHelp(const CommandLine &cl)
{
    using namespace ecalab::app;
    if (cl.helpTopic == u"run" && !cl.flow.isEmpty()) {
        const auto *flow = ecalab::FlowRegistry::instance().find(cl.flow);
        if (!flow)
            return usageError(u"%1 The flows: %2."_s.arg(unknownFlowMessage(cl.flow), ecalab::FlowRegistry::instance().names().join(u", "_s)),
                              cl.json);
        printOut(flowHelpText(*flow));
    } else if (cl.helpTopic == u"run") {
        printOut(runHelpText());
    } else if (cl.helpTopic == u"emulator") {
        printOut(emulatorHelpText());
    } else if (cl.helpTopic == u"profiles") {
        printOut(profilesHelpText());
    } else if (cl.helpTopic == u"keys") {
        printOut(keysHelpText());
    } else if (cl.helpTopic == u"token") {
        printOut(tokenHelpText());
    } else {
        printOut(globalHelpText());
    }
    return 0;
}

int runHeadless(int argc, char **argv, const CommandLine &cl)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ecalab"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(ECALAB_VERSION));
    if (cl.command == CommandLine::Command::Emulator)
        return ecalab::app::runEmulatorCommand(cl);
    if (cl.command == CommandLine::Command::Profiles)
        return ecalab::app::runProfilesCommand(cl);
    if (cl.command == CommandLine::Command::Keys)
        return ecalab::app::runKeysCommand(cl);
    if (cl.command == CommandLine::Command::Token) {
        ecalab::app::TokenCommand token(cl);
        QTimer::singleShot(0, &token, &ecalab::app::TokenCommand::start);
        return QCoreApplication::exec();
    }
    ecalab::app::RunCommand run(cl);
    QTimer::singleShot(0, &run, &ecalab::app::RunCommand::start);
    return QCoreApplication::exec();
}

// The window, in this program or in the window program.
int openWindow([[maybe_unused]] int argc, [[maybe_unused]] char **argv, [[maybe_unused]] const CommandLine &cl)
{
#ifdef ECALAB_WITH_GUI
    ecalab::app::SecretEnvironment::takeFromProcess();
    return ecalab::app::runGui(argc, argv, cl);
#elif defined(ECALAB_HAS_WINDOW_PROGRAM)
    return ecalab::app::handOverToWindow(argc, argv);
#else
    return usageError(u"this build has no window (built with ECALAB_WITH_GUI=OFF); use ecalab run."_s, cl.json);
#endif
}
} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
#ifdef ECALAB_WITH_GUI
    ecalab::app::setDesktopLauncherFactory([]() -> std::unique_ptr<ecalab::BrowserLauncher> {
        return std::make_unique<ecalab::app::DesktopBrowserLauncher>();
    });
#endif
    QString error;
    const auto cl = CommandLine::parse(arguments, &error);
    if (!cl)
        return usageError(error, arguments.contains(u"--json"_s), arguments);
    // Before the secrets are taken from the environment: a hand-over passes it on untouched, and
    // the window program takes them itself.
    if (cl->command == CommandLine::Command::Gui)
        return openWindow(argc, argv, *cl);
    ecalab::app::SecretEnvironment::takeFromProcess();

    switch (cl->command) {
    case CommandLine::Command::Version:
        ecalab::app::printOut(u"ecalab %1\n"_s.arg(QStringLiteral(ECALAB_VERSION)));
        return 0;
    case CommandLine::Command::Help:
        return printHelp(*cl);
    case CommandLine::Command::Planned:
        return usageError(u"\"ecalab %1\" is planned but not built into this version yet."_s.arg(cl->plannedName), cl->json);
    case CommandLine::Command::Run:
    case CommandLine::Command::Emulator:
    case CommandLine::Command::Profiles:
    case CommandLine::Command::Keys:
    case CommandLine::Command::Token:
        return runHeadless(argc, argv, *cl);
    case CommandLine::Command::Gui:
        break; // handled above
    }
    return 2;
}
