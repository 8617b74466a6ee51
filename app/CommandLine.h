#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include "grants/FlowSession.h"

#include <optional>

namespace ecalab::app {

// --timeout's upper bound: a day is longer than any wait on a person (a device code lives 10 min)
// and keeps every timer's milliseconds far inside what QTimer takes (2147484 s overflowed).
constexpr int kMaxTimeoutSeconds = 86'400;

// The command line of ARCHITECTURE.md ("Command line (contract)"), parsed into one value.
struct CommandLine
{
    enum class Command { Gui, Run, Emulator, Profiles, Keys, Token, Version, Help, Planned };

    Command command = Command::Gui;
    QString flow;                          // run FLOW (also `run FLOW --help`)
    QString helpTopic;                     // Help: the command asked about ("run", "emulator"…), empty for all
    QString profilesAction;                // profiles ACTION: "list"
    QString keysAction;                    // keys ACTION: "generate" or "inspect"
    QStringList keyFiles;                  // keys inspect FILE…
    QString outDir;                        // keys generate --out DIR
    QString commonName;                    // keys generate --cn NAME (empty: the default)
    std::optional<int> days;               // keys generate --days N
    std::optional<int> bits;               // keys generate --bits N
    bool force = false;                    // keys generate --force
    QString tokenAction;                   // token ACTION: decode, verify, introspect, userinfo, identity, revoke
    QString tokenArgument;                 // token ACTION TOKEN: the token, or "-" for one line of stdin
    QString identityUrl;                   // token identity --id URL
    bool refreshToken = false;             // token introspect|revoke --refresh: TOKEN is a refresh token
    QString plannedName;                   // metadata / doctor: not built yet
    QString profile;                       // --profile NAME|FILE
    QList<QPair<QString, QString>> sets;   // --set KEY=VALUE, in order
    bool json = false;                     // --json
    bool noBrowser = false;                // --no-browser
    QString browserCommand;                // --browser COMMAND
    std::optional<double> timeoutSeconds;  // --timeout SECONDS
    std::optional<int> port;               // emulator --port N
    QString seedFile;                      // emulator --seed FILE

    // Parses argv (without the program name). On a usage error returns nullopt and sets *error.
    static std::optional<CommandLine> parse(const QStringList &arguments, QString *error);
};

// The commands a person can type, for help and "did you mean".
QStringList knownCommands();
// The actions of `ecalab token`, in the help's order.
const QStringList &tokenActions();

// What --timeout means for the wait on the person (rounded up to whole seconds, at least 1); the
// same for `ecalab run` and the window.
RunOptions runOptionsFor(const CommandLine &commandLine);

// "Unknown flow "web-sever"; did you mean web-server?"
QString unknownFlowMessage(const QString &flow);

} // namespace ecalab::app
