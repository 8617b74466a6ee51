#include "HeadlessMembers.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"headless-login"_s;
const QString kTitle = u"Headless login"_s;
} // namespace

FlowDescriptor headlessLoginDescriptor()
{
    return headlessDescriptor(
        kName, kTitle, u"Your app's own login form: username and password posted to the site, code traded with PKCE"_s,
        HeadlessMember::Login,
        {{ProfileField::Username, true, u"the site user; the password comes from the keychain, ECALAB_PASSWORD or "
                                        "is asked"_s}},
        [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
            return std::make_unique<HeadlessLoginFlow>(profile, context);
        });
}

HeadlessLoginFlow::HeadlessLoginFlow(const Profile &profile, const FlowContext &context, QObject *parent)
    : HeadlessFlow(profile, context, {HeadlessMember::Login, kName, kTitle, kStages}, parent)
{
}

void HeadlessLoginFlow::begin()
{
    askPassword(Authorize, QString::fromUtf16(kPasswordPromptId), u"The password of %1"_s.arg(config().username),
                [this](const QString &password) {
                    authorize({headless::kNamedUser, {}, config().username, password, {}});
                });
}

} // namespace ecalab
