#include "HeadlessMembers.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"forgot-password"_s;
const QString kTitle = u"Forgot password"_s;
} // namespace

FlowDescriptor forgotPasswordDescriptor()
{
    return headlessDescriptor(
        kName, kTitle, u"Reset a site user's password with an e-mailed code, then log in with the new one"_s,
        HeadlessMember::ForgotPassword,
        {{ProfileField::Username, true, u"the site user; the new password is asked (or ECALAB_NEW_PASSWORD)"_s},
         {ProfileField::RecaptchaToken, false, u"when the site requires reCAPTCHA"_s}},
        [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
            return std::make_unique<ForgotPasswordFlow>(profile, context);
        });
}

ForgotPasswordFlow::ForgotPasswordFlow(const Profile &profile, const FlowContext &context, QObject *parent)
    : HeadlessFlow(profile, context, {HeadlessMember::ForgotPassword, kName, kTitle, kStages}, parent)
{
}

void ForgotPasswordFlow::begin()
{
    callSite(RequestCode, headless::kForgotPasswordApi,
             [this](const QString &bearer) { return headless::buildForgotPasswordStart(config(), bearer); },
             [this](const QJsonObject &) {
                 // §6.5: 2xx whether or not the site knows the user; only a known one gets the code.
                 const QString sentTo = u"the e-mail address of %1"_s.arg(config().username);
                 finishStage(RequestCode, StageState::Done, u"Code sent to %1 (if the site knows the user)"_s.arg(sentTo));
                 askOneTimeCode(EnterCode, sentTo, [this](const QString &otp) {
                     finishStage(EnterCode, StageState::Done, u"Code entered"_s);
                     resetWith(otp);
                 });
             });
}

void ForgotPasswordFlow::resetWith(const QString &otp)
{
    askPassword(ResetPassword, QString::fromUtf16(kNewPasswordPromptId),
                u"The new password for %1"_s.arg(config().username), [this, otp](const QString &newPassword) {
                    callSite(ResetPassword, headless::kForgotPasswordApi,
                             [this, otp, newPassword](const QString &bearer) {
                                 return headless::buildForgotPasswordReset(config(), otp, newPassword, bearer);
                             },
                             [this, newPassword](const QJsonObject &) {
                                 finishStage(ResetPassword, StageState::Done, u"The site accepted the new password"_s);
                                 authorize({headless::kNamedUser, {}, config().username, newPassword, {}});
                             });
                });
}

} // namespace ecalab
