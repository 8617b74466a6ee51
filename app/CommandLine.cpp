#include "CommandLine.h"

#include "core/ShellWords.h"

#include <cmath>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
const QStringList kPlannedCommands{u"token"_s, u"keys"_s, u"metadata"_s, u"doctor"_s};

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

bool parseOption(CommandLine &cl, const QString &arg, OptionReader &reader)
{
    if (arg == u"--json" || arg == u"--no-browser") {
        (arg == u"--json" ? cl.json : cl.noBrowser) = true;
        return true;
    }
    const auto take = [&](const QString &name, auto &&store) {
        const auto value = reader.value(arg, name);
        return value && store(*value);
    };
    if (optionIs(arg, u"--profile"_s))
        return take(u"--profile"_s, [&](const QString &v) { cl.profile = v; return true; });
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
    if (optionIs(arg, u"--seed"_s))
        return take(u"--seed"_s, [&](const QString &v) { cl.seedFile = v; return true; });
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
    *reader.error = u"Unknown option %1 (see ecalab --help)."_s.arg(arg);
    return false;
}
} // namespace

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
            if (!parseOption(cl, arg, reader))
                return std::nullopt;
            continue;
        }
        positional.append(arg);
    }
    const QString verb = positional.value(0);
    if (wantsHelp) { // `ecalab --help`, or `ecalab run FLOW --help` for one flow
        cl.command = Command::Help;
        cl.flow = verb == u"run" ? positional.value(1) : QString();
        return cl;
    }
    if (verb.isEmpty() || verb == u"gui") {
        cl.command = Command::Gui;
    } else if (verb == u"run") {
        cl.command = Command::Run;
        cl.flow = positional.value(1);
        if (cl.flow.isEmpty()) {
            *error = u"ecalab run needs a flow, one of: %1."_s.arg(FlowRegistry::instance().names(true).join(u", "_s));
            return std::nullopt;
        }
    } else if (verb == u"emulator") {
        cl.command = Command::Emulator;
    } else if (kPlannedCommands.contains(verb)) {
        cl.command = Command::Planned;
        cl.plannedName = verb;
        return cl;
    } else {
        *error = u"Unknown command \"%1\" (see ecalab --help)."_s.arg(verb);
        return std::nullopt;
    }
    const int allowed = cl.command == Command::Run ? 2 : 1;
    if (positional.size() > allowed) {
        *error = u"Unexpected argument \"%1\" (see ecalab --help)."_s.arg(positional.at(allowed));
        return std::nullopt;
    }
    return cl;
}

namespace {
// The registry's flows, wrapped to the help text's width.
QString flowList()
{
    constexpr qsizetype kWidth = 84;
    QString text;
    qsizetype lineLength = 12;
    const QStringList names = FlowRegistry::instance().names();
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString item = names.at(i) + (i + 1 < names.size() ? u" |"_s : QString());
        if (lineLength + item.size() + 1 > kWidth) {
            text += u"\n            "_s;
            lineLength = 12;
        } else if (i > 0) {
            text += u' ';
            ++lineLength;
        }
        text += item;
        lineLength += item.size();
    }
    return text;
}
} // namespace

QString CommandLine::helpText()
{
    return uR"(ECA Lab — run every OAuth flow of a Salesforce External Client App and see what happened.

Usage:
  ecalab [gui] [--profile NAME|FILE]        open the window (the default)
  ecalab run FLOW [options]                 run one flow with no window
      FLOW: %1
  ecalab run FLOW --help                    what FLOW needs from the profile
      --profile NAME|FILE   a saved profile, or a profile JSON file
      --set KEY=VALUE       override one profile field (repeatable); VALUE is read as JSON when
                            it parses as JSON, else as a string; scopes also takes "api web"
      --json                print exactly one JSON object on stdout; human text goes to stderr
      --no-browser          print the authorize / verification URL instead of opening a browser
      --browser COMMAND     open URLs with COMMAND (split as sh does; the URL is appended as its last argument)
      --timeout SECONDS     give up waiting (callback, device approval, network)
  ecalab emulator [--port N] [--seed FILE] [--json]
                            run the built-in org emulator on loopback until interrupted
  ecalab --version | --help

Secrets come from the environment (ECALAB_CLIENT_SECRET, ECALAB_PASSWORD, ECALAB_KEY_PASSPHRASE)
or the keychain entry of a saved profile. ECALAB_CONFIG_DIR overrides where profiles are kept.

Exit codes: 0 success, 1 the authorization server refused, 2 usage or configuration error,
3 network, TLS or timeout, 4 cancelled, denied or expired while waiting for the user.
)"_s.arg(flowList());
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
