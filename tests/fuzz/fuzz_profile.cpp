// The profile file (ARCHITECTURE.md, "Profile file (contract)"): a file a person edits or is sent.

#include "FuzzSupport.h"

#include "profile/Profile.h"
#include "oauth/FlowError.h"
#include "profile/ProfileChecks.h"

using namespace ecalab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto profile = Profile::fromJsonBytes(fuzz::bytes(data, size));
    if (!profile) {
        fuzz::require(!profile.error().isEmpty(), "a refused profile says why");
        return 0;
    }
    (void)profile->unknownFieldWarnings();
    // The checks every flow runs on a profile before it sends anything.
    FieldProblems problems;
    checks::loginUrl(*profile, checks::LoginHost::Any, problems);
    checks::clientId(*profile, problems);
    checks::clientSecret(*profile, checks::Secret::RequiredForBasic, QStringLiteral("Web server"), problems);
    checks::loopbackCallbackUrl(*profile, problems);
    checks::scopes(*profile, problems);
    checks::authorizeOptions(*profile, problems);
    (void)checks::firstBlocking(problems, QStringLiteral("configuration"));
    // What was read is written back as read: saving an opened profile must not change it.
    const QJsonObject written = profile->toJson(true);
    const auto reread = Profile::fromJson(written);
    fuzz::require(reread.hasValue(), "a profile it wrote is one it reads");
    fuzz::require(reread->toJson(true) == written, "toJson(fromJson(toJson(p))) == toJson(p)");
    return 0;
}
