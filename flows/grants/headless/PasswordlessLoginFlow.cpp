#include "HeadlessMembers.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"passwordless-login"_s;
const QString kTitle = u"Passwordless login"_s;
} // namespace

FlowDescriptor passwordlessLoginDescriptor()
{
    return headlessDescriptor(
        kName, kTitle, u"Log a site user in with a one-time code sent by e-mail or SMS, no password"_s,
        HeadlessMember::Passwordless,
        {{ProfileField::Username, true, u"the site user (or any identifier the site's discovery handler maps)"_s},
         {ProfileField::VerificationMethod, false, u"email (default) or sms"_s},
         {ProfileField::RecaptchaToken, false, u"when the site requires reCAPTCHA"_s}},
        [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
            return std::make_unique<PasswordlessLoginFlow>(profile, context);
        });
}

PasswordlessLoginFlow::PasswordlessLoginFlow(const Profile &profile, const FlowContext &context, QObject *parent)
    : HeadlessFlow(profile, context, {HeadlessMember::Passwordless, kName, kTitle, kStages}, parent)
{
}

void PasswordlessLoginFlow::begin()
{
    callSite(StartLogin, headless::kPasswordlessApi,
             [this](const QString &bearer) { return headless::buildPasswordlessInit(config(), bearer); },
             [this](const QJsonObject &fields) {
                 const QString identifier = fields.value(u"identifier").toString();
                 if (identifier.isEmpty()) {
                     FlowError e;
                     e.kind = FlowError::Kind::Protocol;
                     e.stage = stageTitle(StartLogin);
                     e.explanation = u"The answer has no \"identifier\" (§6.4), so the code cannot be used."_s;
                     end(e);
                     return;
                 }
                 // §6.4: the site answers the same for a username it does not know, and sends nothing.
                 const QString sentTo = u"the %1 of %2"_s.arg(
                     config().verificationMethod == u"sms" ? u"mobile phone"_s : u"e-mail address"_s, config().username);
                 finishStage(StartLogin, StageState::Done, u"Request %1 · code sent to %2 (if the site knows the user)"_s
                                                               .arg(identifier, sentTo));
                 askOneTimeCode(EnterCode, sentTo, [this, identifier](const QString &otp) {
                     finishStage(EnterCode, StageState::Done, u"Code entered"_s);
                     authorize({headless::kPasswordlessLogin, config().verificationMethod, identifier, otp, {}});
                 });
             });
}

} // namespace ecalab
