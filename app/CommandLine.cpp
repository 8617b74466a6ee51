#include "CommandLine.h"

#include "core/Closest.h"
#include "core/ShellWords.h"

#include <cmath>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
const QStringList kPlannedCommands{u"metadata"_s, u"doctor"_s};
const QStringList kKeysActions{u"generate"_s, u"inspect"_s};
constexpr int kMaxCommandTypos = 2; // "rn", "emultor", "profile"
constexpr int kMaxOptionTypos = 2;  // "--jsno", "--hlep", "--no-brwser"

// The options each command takes, for "did you mean" (the parser reads them all anywhere).
QStringList optionsOf(const QString &command)
{
    const QStringList common{u"--help"_s, u"--json"_s};
    if (command == u"run")
        return common + QStringList{u"--profile"_s, u"--set"_s, u"--no-browser"_s, u"--browser"_s, u"--timeout"_s};
    if (command == u"emulator")
        return common + QStringList{u"--port"_s, u"--seed"_s};
    if (command == u"profiles")
        return common;
    if (command == u"keys")
        return common + QStringList{u"--out"_s, u"--cn"_s, u"--days"_s, u"--bits"_s, u"--force"_s};
    if (command == u"token")
        return common + QStringList{u"--profile"_s, u"--set"_s, u"--timeout"_s, u"--refresh"_s, u"--id"_s};
    if (command == u"gui")
        return {u"--help"_s, u"--profile"_s};
    return QStringList{u"--help"_s, u"--version"_s} + optionsOf(u"run"_s) + optionsOf(u"emulator"_s);
}

// "Unknown option --jsno; did you mean --json? (see ecalab run --help)"
QString unknownOptionMessage(const QString &arg, const QString &command)
{
    const QString name = arg.section(u'=', 0, 0);
    QStringList known = optionsOf(command);
    known.removeDuplicates();
    const QString closest = closestMatch(name, known, kMaxOptionTypos);
    const QString help = knownCommands().contains(command) && command != u"help" && command != u"gui"
                             ? u"ecalab %1 --help"_s.arg(command)
                             : u"ecalab --help"_s;
    return closest.isEmpty() ? u"Unknown option %1 (see %2)."_s.arg(name, help)
                             : u"Unknown option %1; did you mean %2? (see %3)"_s.arg(name, closest, help);
}

QString unknownCommandMessage(const QString &verb)
{
    const QString closest = closestMatch(verb, knownCommands(), kMaxCommandTypos);
    return closest.isEmpty() ? u"Unknown command \"%1\" (see ecalab --help)."_s.arg(verb)
                             : u"Unknown command \"%1\"; did you mean \"%2\"? (see ecalab --help)"_s.arg(verb, closest);
}

// Reads the value of an option given as "--name VALUE" or "--name=VALUE".
struct OptionReader
{
    const QStringList &args;
    int &index;
    QString *error;

    std::optional<QString> value(const QString &arg, const QString &name)
    {
        if (arg.startsWith(name + u'='))
            return arg.mid(name.size() + 1);
        if (index + 1 >= args.size()) {
            *error = u"%1 needs a value."_s.arg(name);
            return std::nullopt;
        }
        return args.at(++index);
    }
};

bool optionIs(const QString &arg, const QString &name)
{
    return arg == name || arg.startsWith(name + u'=');
}

bool noEmpty(OptionReader &reader, const QString &name)
{
    *reader.error = u"%1 needs a value."_s.arg(name);
    return false;
}

// --days N, --bits N: whole numbers above 0 (their ranges are the key generator's to judge).
bool positiveNumber(OptionReader &reader, const QString &name, const QString &value, std::optional<int> &target)
{
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number <= 0) {
        *reader.error = u"%1 takes a whole number above 0, got \"%2\"."_s.arg(name, value);
        return false;
    }
    target = number;
    return true;
}

// Options that are a switch, and options that take one text value (the last three never empty).
struct SwitchOption
{
    QStringView name;
    bool CommandLine::*member;
};
constexpr SwitchOption kSwitches[] = {{u"--json", &CommandLine::json},
                                      {u"--no-browser", &CommandLine::noBrowser},
                                      {u"--force", &CommandLine::force},
                                      {u"--refresh", &CommandLine::refreshToken}};
struct TextOption
{
    QStringView name;
    QString CommandLine::*member;
    bool mayBeEmpty;
};
constexpr TextOption kTextOptions[] = {{u"--profile", &CommandLine::profile, true},
                                       {u"--seed", &CommandLine::seedFile, true},
                                       {u"--out", &CommandLine::outDir, false},
                                       {u"--id", &CommandLine::identityUrl, false},
                                       {u"--cn", &CommandLine::commonName, false}};

bool parseOption(CommandLine &cl, const QString &arg, OptionReader &reader, const QString &command)
{
    for (const SwitchOption &option : kSwitches) {
        if (arg == option.name) {
            cl.*option.member = true;
            return true;
        }
    }
    const auto take = [&](const QString &name, auto &&store) {
        const auto value = reader.value(arg, name);
        return value && store(*value);
    };
    for (const TextOption &option : kTextOptions) {
        const QString name = option.name.toString();
        if (optionIs(arg, name))
            return take(name, [&](const QString &v) {
                cl.*option.member = v;
                return option.mayBeEmpty || !v.isEmpty() || noEmpty(reader, name);
            });
    }
    if (optionIs(arg, u"--browser"_s)) {
        return take(u"--browser"_s, [&](const QString &v) {
            if (const auto words = splitShellWords(v); !words) {
                *reader.error = u"--browser: %1"_s.arg(words.error());
                return false;
            }
            cl.browserCommand = v;
            return true;
        });
    }
    for (const auto &option : {std::pair{u"--days"_s, &cl.days}, std::pair{u"--bits"_s, &cl.bits}}) {
        if (optionIs(arg, option.first))
            return take(option.first, [&](const QString &v) { return positiveNumber(reader, option.first, v, *option.second); });
    }
    if (optionIs(arg, u"--set"_s)) {
        return take(u"--set"_s, [&](const QString &v) {
            const qsizetype eq = v.indexOf(u'=');
            if (eq <= 0) {
                *reader.error = u"--set takes KEY=VALUE, got \"%1\"."_s.arg(v);
                return false;
            }
            cl.sets.append({v.left(eq).trimmed(), v.mid(eq + 1)});
            return true;
        });
    }
    if (optionIs(arg, u"--timeout"_s)) {
        return take(u"--timeout"_s, [&](const QString &v) {
            bool ok = false;
            const double seconds = v.toDouble(&ok);
            if (!ok || !(seconds > 0 && seconds <= kMaxTimeoutSeconds)) { // written so that NaN fails too
                *reader.error = u"--timeout takes a number of seconds above 0 and at most %1 (one day), got \"%2\"."_s
                                    .arg(kMaxTimeoutSeconds)
                                    .arg(v);
                return false;
            }
            cl.timeoutSeconds = seconds;
            return true;
        });
    }
    if (optionIs(arg, u"--port"_s)) {
        return take(u"--port"_s, [&](const QString &v) {
            bool ok = false;
            const int port = v.toInt(&ok);
            if (!ok || port < 0 || port > 65533) {
                *reader.error = u"--port takes a port number (0 for any free port), got \"%1\"."_s.arg(v);
                return false;
            }
            cl.port = port;
            return true;
        });
    }
    *reader.error = unknownOptionMessage(arg, command);
    return false;
}

// `ecalab help [COMMAND [FLOW]]`, `ecalab COMMAND --help`, `ecalab run FLOW --help`.
bool parseHelp(CommandLine &cl, const QStringList &positional, QString *error)
{
    const bool helpVerb = positional.value(0) == u"help";
    const QString topic = helpVerb ? positional.value(1) : positional.value(0);
    if (kPlannedCommands.contains(topic)) {
        cl.command = CommandLine::Command::Planned;
        cl.plannedName = topic;
        return true;
    }
    if (!topic.isEmpty() && !knownCommands().contains(topic)) {
        *error = unknownCommandMessage(topic);
        return false;
    }
    cl.command = CommandLine::Command::Help;
    cl.helpTopic = topic == u"help" || topic == u"gui" ? QString() : topic;
    cl.flow = topic == u"run" ? positional.value(helpVerb ? 2 : 1) : QString();
    return true;
}

QString profilesActionProblem(const QString &action)
{
    if (action.isEmpty())
        return u"ecalab profiles needs an action: list (see ecalab profiles --help)."_s;
    const QString closest = closestMatch(action, {u"list"_s}, kMaxCommandTypos);
    return u"Unknown action \"%1\" of ecalab profiles; %2"_s.arg(
        action, closest.isEmpty() ? u"it has: list."_s : u"did you mean \"%1\"?"_s.arg(closest));
}

// `keys generate --out DIR …` | `keys inspect FILE…`: what each needs, checked before anything runs.
bool parseKeys(CommandLine &cl, const QStringList &positional, QString *error)
{
    cl.command = CommandLine::Command::Keys;
    cl.keysAction = positional.value(1);
    if (!kKeysActions.contains(cl.keysAction)) {
        const QString closest = closestMatch(cl.keysAction, kKeysActions, kMaxCommandTypos);
        *error = cl.keysAction.isEmpty()
                     ? u"ecalab keys needs an action: generate or inspect (see ecalab keys --help)."_s
                     : u"Unknown action \"%1\" of ecalab keys; %2"_s.arg(
                           cl.keysAction, closest.isEmpty() ? u"it has: generate, inspect."_s
                                                            : u"did you mean \"%1\"?"_s.arg(closest));
        return false;
    }
    cl.keyFiles = positional.mid(2);
    if (cl.keysAction == u"inspect" && cl.keyFiles.isEmpty()) {
        *error = u"ecalab keys inspect needs one or more files (a private key, a certificate, a .p12)."_s;
        return false;
    }
    if (cl.keysAction == u"generate" && !cl.keyFiles.isEmpty()) {
        *error = u"Unexpected argument \"%1\"; ecalab keys generate writes to --out DIR."_s.arg(cl.keyFiles.first());
        return false;
    }
    if (cl.keysAction == u"generate" && cl.outDir.isEmpty()) {
        *error = u"ecalab keys generate needs --out DIR, the directory to write private.key and certificate.crt to."_s;
        return false;
    }
    return true;
}

QString unknownActionMessage(const QString &command, const QString &action, const QStringList &actions)
{
    const QString list = actions.join(u", "_s);
    if (action.isEmpty())
        return u"ecalab %1 needs an action: %2 (see ecalab %1 --help)."_s.arg(command, list);
    const QString closest = closestMatch(action, actions, kMaxCommandTypos);
    return u"Unknown action \"%1\" of ecalab %2; %3"_s.arg(
        action, command, closest.isEmpty() ? u"it has: %1."_s.arg(list) : u"did you mean \"%1\"?"_s.arg(closest));
}

// What an action's options need besides the token, checked before anything is read or sent.
QString tokenOptionProblem(const CommandLine &cl)
{
    const QString &action = cl.tokenAction;
    if (cl.refreshToken && action != u"introspect" && action != u"revoke")
        return u"--refresh (the token is a refresh token) applies to token introspect and token revoke only."_s;
    if (!cl.identityUrl.isEmpty() && action != u"identity")
        return u"--id URL applies to token identity only."_s;
    if (action == u"identity" && cl.identityUrl.isEmpty())
        return u"ecalab token identity needs --id URL: the identity URL, the `id` field of the token response "
               "(https://…/id/<org id>/<user id>); a token alone does not say which user it belongs to."_s;
    return {};
}

// `token ACTION TOKEN|-`: the action, exactly one token argument, and the options it takes.
bool parseToken(CommandLine &cl, const QStringList &positional, QString *error)
{
    cl.command = CommandLine::Command::Token;
    cl.tokenAction = positional.value(1);
    if (!tokenActions().contains(cl.tokenAction)) {
        *error = unknownActionMessage(u"token"_s, cl.tokenAction, tokenActions());
        return false;
    }
    if (positional.size() < 3) {
        *error = u"ecalab token %1 needs a token: TOKEN, or - to read it from stdin (which keeps it out of the "
                 "process list and the shell history)."_s.arg(cl.tokenAction);
        return false;
    }
    if (positional.size() > 3) {
        *error = u"Unexpected argument \"%1\"; ecalab token %2 takes one token."_s.arg(positional.at(3), cl.tokenAction);
        return false;
    }
    cl.tokenArgument = positional.at(2);
    *error = tokenOptionProblem(cl);
    return error->isEmpty();
}

bool parseCommand(CommandLine &cl, const QStringList &positional, QString *error)
{
    const QString verb = positional.value(0);
    if (verb.isEmpty() || verb == u"gui") {
        cl.command = CommandLine::Command::Gui;
    } else if (verb == u"run") {
        cl.command = CommandLine::Command::Run;
        cl.flow = positional.value(1);
        if (cl.flow.isEmpty()) {
            *error = u"ecalab run needs a flow, one of: %1."_s.arg(FlowRegistry::instance().names().join(u", "_s));
            return false;
        }
    } else if (verb == u"emulator") {
        cl.command = CommandLine::Command::Emulator;
    } else if (verb == u"keys") {
        return parseKeys(cl, positional, error);
    } else if (verb == u"token") {
        return parseToken(cl, positional, error);
    } else if (verb == u"profiles") {
        cl.command = CommandLine::Command::Profiles;
        cl.profilesAction = positional.value(1);
        if (cl.profilesAction != u"list") {
            *error = profilesActionProblem(cl.profilesAction);
            return false;
        }
    } else {
        *error = unknownCommandMessage(verb);
        return false;
    }
    const qsizetype allowed = cl.command == CommandLine::Command::Run || cl.command == CommandLine::Command::Profiles ? 2 : 1;
    if (positional.size() > allowed) {
        *error = u"Unexpected argument \"%1\" (see ecalab --help)."_s.arg(positional.at(allowed));
        return false;
    }
    return true;
}
} // namespace

QStringList knownCommands()
{
    return {u"gui"_s, u"run"_s, u"token"_s, u"emulator"_s, u"profiles"_s, u"keys"_s, u"help"_s};
}

const QStringList &tokenActions()
{
    static const QStringList actions{u"decode"_s, u"verify"_s, u"introspect"_s, u"userinfo"_s, u"identity"_s, u"revoke"_s};
    return actions;
}

std::optional<CommandLine> CommandLine::parse(const QStringList &arguments, QString *error)
{
    CommandLine cl;
    QStringList positional;
    bool wantsHelp = false;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == u"--version" || arg == u"-v") {
            cl.command = Command::Version;
            return cl;
        }
        if (arg == u"--help" || arg == u"-h") {
            wantsHelp = true;
            continue;
        }
        if (arg.startsWith(u"--")) {
            OptionReader reader{arguments, i, error};
            if (!parseOption(cl, arg, reader, positional.value(0)))
                return std::nullopt;
            continue;
        }
        positional.append(arg);
    }
    const QString verb = positional.value(0);
    if (kPlannedCommands.contains(verb)) {
        cl.command = Command::Planned;
        cl.plannedName = verb;
        return cl;
    }
    const bool ok = wantsHelp || verb == u"help" ? parseHelp(cl, positional, error) : parseCommand(cl, positional, error);
    return ok ? std::optional<CommandLine>(std::move(cl)) : std::nullopt;
}

QString unknownFlowMessage(const QString &flow)
{
    const QString closest = FlowRegistry::instance().closestName(flow);
    return closest.isEmpty() ? u"Unknown flow \"%1\"."_s.arg(flow)
                             : u"Unknown flow \"%1\"; did you mean %2?"_s.arg(flow, closest);
}

RunOptions runOptionsFor(const CommandLine &commandLine)
{
    RunOptions options;
    if (commandLine.timeoutSeconds)
        options.waitTimeoutSeconds = std::max(1, int(std::ceil(*commandLine.timeoutSeconds)));
    return options;
}

} // namespace ecalab::app
