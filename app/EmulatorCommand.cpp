#include "EmulatorCommand.h"

#include "Console.h"
#include "UnixSignals.h"

#include "Emulator.h"
#include "core/SmallFile.h"
#include "grants/FlowRegistry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kMaxSeedBytes = 16 << 20; // a seed of thousands of users and apps is well under this

bool loadSeed(emu::Emulator &emulator, const QString &path, QString *error)
{
    const auto bytes = readSmallFile(path, kMaxSeedBytes, u"Seed file"_s);
    if (!bytes) {
        *error = bytes.error();
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = u"The seed file %1 is not a JSON object (%2 at byte %3)."_s.arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    return emulator.loadSeed(doc.object(), error);
}

QString humanDescription(const QJsonObject &d)
{
    const QJsonObject profile = d.value(u"profile").toObject();
    QString text = u"ECA Lab org emulator — a local Salesforce org on loopback; nothing leaves this machine.\n"_s
                   u"  Login host (generic): %1\n  My Domain:            %2\n  Site:                 %3\n"
                   u"  Admin API:            %4\n  Consumer key:         %5\n  Consumer secret:      %6 (demo data)\n"_s
                       .arg(d.value(u"login").toString(), d.value(u"myDomain").toString(), d.value(u"site").toString(),
                            d.value(u"admin").toString(), profile.value(u"clientId").toString(),
                            profile.value(u"clientSecret").toString());
    for (const QJsonValue &user : d.value(u"users").toArray())
        text += u"  User:                 %1 / %2\n"_s.arg(user[u"username"].toString(), user[u"password"].toString());
    // The headless flows send one-time codes by "e-mail" or "SMS": here is where they arrive.
    text += u"  Outbox (codes sent):  curl %1/outbox\n"_s.arg(d.value(u"admin").toString());
    return text + u"Try: ecalab run %1 --set loginUrl=%2 …  (or ecalab emulator --json for a ready profile)\n"
                  u"Press Ctrl+C to stop.\n"_s.arg(FlowRegistry::instance().names().value(0), d.value(u"myDomain").toString());
}
} // namespace

QString emulatorHelpText()
{
    return uR"(Usage: ecalab emulator [--port N] [--seed FILE] [--json]
  Run a local Salesforce org on loopback until interrupted (Ctrl+C): a generic login host, the
  org's My Domain and an Experience Cloud site, each on its own port, plus an admin API.
  Nothing leaves this machine; its users, passwords and consumer secret are demo data.

Options:
  --port N      listen on ports N, N+1 and N+2 (0, the default: any free ports)
  --seed FILE   describe the org (users, apps) with a JSON seed file instead of the demo org
  --json        print {"login", "myDomain", "site", "admin", "profile", "users"} as one JSON
                object: "profile" is a ready demo profile every flow runs from
  --help        this text

Exit codes: 0 stopped by a signal, 2 a bad seed file or option, 3 a port could not be opened.
)"_s;
}

int runEmulatorCommand(const CommandLine &commandLine)
{
    emu::Emulator emulator;
    QString error;
    if (!commandLine.seedFile.isEmpty() && !loadSeed(emulator, commandLine.seedFile, &error)) {
        printErr(u"ecalab emulator: %1\n"_s.arg(error));
        return 2;
    }
    if (!emulator.start(quint16(commandLine.port.value_or(0)), &error)) {
        printErr(u"ecalab emulator: %1\n"_s.arg(error));
        return 3;
    }
    const QJsonObject description = emulator.describe();
    if (commandLine.json)
        printJson(description, true);
    else
        printOut(humanDescription(description));

    UnixSignals signals_;
    QObject::connect(&signals_, &UnixSignals::terminationRequested, qApp, [] { QCoreApplication::quit(); });
    const int code = QCoreApplication::exec();
    emulator.stop();
    return code;
}

} // namespace ecalab::app
