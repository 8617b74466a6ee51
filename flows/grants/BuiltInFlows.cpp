// The flows this version knows of but does not build yet: listed (picker, `ecalab run --help`)
// so a script or a person learns they are coming, refused with a clear message when asked for.
#include "grants/FlowRegistry.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

QList<FlowDescriptor> plannedFlowDescriptors()
{
    const auto planned = [](QString name, QString title, QString summary) {
        FlowDescriptor d;
        d.name = std::move(name);
        d.title = std::move(title);
        d.summary = std::move(summary);
        return d;
    };
    return {planned(u"jwt-bearer"_s, u"JWT bearer"_s, u"Signed assertion, no user interaction"_s),
            planned(u"headless-login"_s, u"Headless login"_s, u"Code and credentials on an Experience Cloud site"_s),
            planned(u"headless-registration"_s, u"Headless registration"_s, u"Register a site user with a one-time code"_s),
            planned(u"passwordless-login"_s, u"Passwordless login"_s, u"One-time code by e-mail or SMS"_s),
            planned(u"forgot-password"_s, u"Forgot password"_s, u"Headless password reset"_s),
            planned(u"refresh"_s, u"Refresh token"_s, u"New access token from a refresh token"_s),
            planned(u"token-exchange"_s, u"Token exchange"_s, u"RFC 8693 exchange"_s),
            planned(u"username-password"_s, u"Username-password (legacy)"_s, u"Retired Feb 2027; off by default"_s)};
}

} // namespace ecalab
