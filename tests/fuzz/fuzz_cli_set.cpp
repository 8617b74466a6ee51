// `ecalab run FLOW --set KEY=VALUE …`: the command line, and each --set VALUE read into the profile
// (JSON when it parses as JSON, else a string; `scopes` also space-separated). One argument per
// input line.

#include "FuzzSupport.h"

#include "CommandLine.h"
#include "profile/Profile.h"

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {

Profile baseProfile()
{
    Profile profile;
    profile.name = u"Fuzz"_s;
    profile.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
    profile.clientId = u"3MVG9fuzzConsumerKey"_s;
    profile.callbackUrl = QUrl(u"http://localhost:1717/OauthRedirect"_s);
    return profile;
}

// A value that went in is one a saved profile keeps: written and read again, it is the same.
void applyEach(const QList<QPair<QString, QString>> &sets)
{
    Profile profile = baseProfile();
    for (const auto &[key, value] : sets) {
        if (!profile.applyOverride(key, value, {u"otp"_s, u"password"_s}))
            continue;
        const QJsonObject written = profile.toJson(true);
        const auto reread = Profile::fromJson(written);
        fuzz::require(reread && reread->toJson(true) == written, "an overridden profile reads back as written");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    constexpr qsizetype kMaxArguments = 16;
    const QStringList lines = QString::fromUtf8(fuzz::bytes(data, size)).split(u'\n');
    if (lines.size() > kMaxArguments)
        return 0;
    QString error;
    const auto commandLine = app::CommandLine::parse(QStringList{u"run"_s, u"client-credentials"_s} + lines, &error);
    if (!commandLine) {
        fuzz::require(!error.isEmpty(), "a refused command line says why");
        return 0;
    }
    const RunOptions options = app::runOptionsFor(*commandLine);
    fuzz::require(options.waitTimeoutSeconds.has_value() == commandLine->timeoutSeconds.has_value(),
                  "a wait limit only from --timeout");
    if (options.waitTimeoutSeconds)
        fuzz::require(*options.waitTimeoutSeconds >= 1 && *options.waitTimeoutSeconds <= app::kMaxTimeoutSeconds,
                      "the wait is between a second and a day");
    applyEach(commandLine->sets);
    return 0;
}
