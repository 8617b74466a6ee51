#include "HelpText.h"

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

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

// One line per flow: its name and summary.
QString flowTable()
{
    QString text;
    for (const FlowDescriptor *flow : FlowRegistry::instance().all())
        text += u"  %1 %2\n"_s.arg(flow->name.leftJustified(22), flow->summary);
    return text;
}

QString runOptions()
{
    return uR"(  --profile NAME|FILE   a saved profile (ecalab profiles list), or a profile JSON file
  --set KEY=VALUE       override one profile field (repeatable); VALUE is read as JSON when it
                        parses as JSON, else as a string; scopes also takes "api web"; otp,
                        password and passphrase answer a flow's question ahead of time. A KEY
                        that is no profile field is a usage error (exit 2)
  --json                print exactly one JSON object on stdout; human text goes to stderr
  --no-browser          print the authorize / verification URL instead of opening a browser
  --browser COMMAND     open URLs with COMMAND (split as sh does; the URL is appended as its last argument)
  --timeout SECONDS     give up waiting (callback, device approval, network)
)"_s;
}

QString secretsAndExitCodes()
{
    return uR"(
Secrets come from the environment (ECALAB_CLIENT_SECRET, ECALAB_PASSWORD, ECALAB_KEY_PASSPHRASE,
ECALAB_REFRESH_TOKEN for run refresh) or the keychain entry of a saved profile. ECALAB_CONFIG_DIR overrides where profiles are kept.

Exit codes: 0 success, 1 the authorization server refused, 2 usage or configuration error,
3 network, TLS or timeout, 4 cancelled, denied or expired while waiting for the user.
)"_s;
}
} // namespace

QString globalHelpText()
{
    return uR"(ECA Lab — run every OAuth flow of a Salesforce External Client App and see what happened.

Usage:
  ecalab [gui] [--profile NAME|FILE]        open the window (the default)
  ecalab run FLOW [options]                 run one flow with no window
      FLOW: %1
  ecalab run FLOW --help                    that flow's fields, options and exit codes
%2  ecalab token decode|verify|introspect|userinfo|identity|revoke [--profile NAME|FILE] [--json] TOKEN|-
                            what a token is, whether it is genuine, what the org says about it;
                            TOKEN - reads it from stdin (ecalab token --help)
  ecalab profiles list [--json]             the saved profiles: name, login URL, client id (no secrets)
  ecalab keys generate --out DIR [--cn NAME] [--days N] [--bits N] [--force] [--json]
                            an RSA key pair for the JWT bearer flow: private.key and certificate.crt
  ecalab keys inspect FILE... [--json]      what a key or certificate file is, and whether they match
  ecalab emulator [--port N] [--seed FILE] [--json]
                            run the built-in org emulator on loopback until interrupted
  ecalab help [COMMAND]                     one command's help (also: ecalab COMMAND --help)
  ecalab --version | --help
)"_s.arg(flowList(), runOptions().replace(u"\n  "_s, u"\n    "_s).prepend(u"  "_s)) +
           secretsAndExitCodes();
}

QString runHelpText()
{
    return u"Usage: ecalab run FLOW [options]\n  Run one flow with no window and print what happened.\n\nFlows:\n"_s +
           flowTable() + u"\nOptions:\n"_s + runOptions() +
           u"  --help                this text; ecalab run FLOW --help: what FLOW needs from the profile\n"_s +
           secretsAndExitCodes();
}

QString flowHelpText(const FlowDescriptor &flow)
{
    return flow.helpText() + u"\nOptions:\n"_s + runOptions() + secretsAndExitCodes();
}

} // namespace ecalab::app
