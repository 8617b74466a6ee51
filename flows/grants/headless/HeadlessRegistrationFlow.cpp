#include "HeadlessMembers.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"headless-registration"_s;
const QString kTitle = u"Headless registration"_s;
} // namespace

FlowDescriptor headlessRegistrationDescriptor()
{
    return headlessDescriptor(
        kName, kTitle, u"Sign up a new site user: user data posted, one-time code by e-mail or SMS, code for tokens"_s,
        HeadlessMember::Registration,
        {{ProfileField::Username, true, u"the new user's username (an e-mail address)"_s},
         {ProfileField::LastName, true, u"the new user's last name"_s},
         {ProfileField::FirstName, false, u"the new user's first name"_s},
         {ProfileField::Email, false, u"where the code goes by e-mail; defaults to the username"_s},
         {ProfileField::VerificationMethod, false, u"email (default) or sms (customData.mobilePhone)"_s},
         {ProfileField::CustomData, false, u"JSON for the site's registration handler, e.g. {\"mobilePhone\": …}"_s},
         {ProfileField::RecaptchaToken, false, u"when the site requires reCAPTCHA"_s}},
        [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
            return std::make_unique<HeadlessRegistrationFlow>(profile, context);
        });
}

HeadlessRegistrationFlow::HeadlessRegistrationFlow(const Profile &profile, const FlowContext &context, QObject *parent)
    : HeadlessFlow(profile, context, {HeadlessMember::Registration, kName, kTitle, kStages}, parent)
{
}

void HeadlessRegistrationFlow::begin()
{
    askPassword(StartRegistration, QString::fromUtf16(kPasswordPromptId),
                u"A password for the new user %1"_s.arg(config().username), [this](const QString &password) {
                    callSite(StartRegistration, headless::kRegistrationApi,
                             [this, password](const QString &bearer) {
                                 return headless::buildRegistrationInit(config(), password, bearer);
                             },
                             [this](const QJsonObject &fields) { registrationStarted(fields); });
                });
}

void HeadlessRegistrationFlow::registrationStarted(const QJsonObject &fields)
{
    const QString identifier = fields.value(u"identifier").toString();
    if (identifier.isEmpty()) {
        FlowError e;
        e.kind = FlowError::Kind::Protocol;
        e.stage = stageTitle(StartRegistration);
        e.explanation = u"The registration answer has no \"identifier\" (§6.3), so the code cannot be used."_s;
        end(e);
        return;
    }
    const bool sms = config().verificationMethod == u"sms";
    const QString address = sms ? config().customData.value(u"mobilePhone").toString()
                                : fields.value(u"email").toString(config().email);
    const QString sentTo = u"%1 by %2"_s.arg(headless::maskedAddress(address), sms ? u"SMS"_s : u"e-mail"_s);
    finishStage(StartRegistration, StageState::Done, u"Request %1 · code sent to %2"_s.arg(identifier, sentTo));
    askOneTimeCode(EnterCode, sentTo, [this, identifier](const QString &otp) {
        finishStage(EnterCode, StageState::Done, u"Code entered"_s);
        authorize({headless::kUserRegistration, config().verificationMethod, identifier, otp, {}});
    });
}

} // namespace ecalab
