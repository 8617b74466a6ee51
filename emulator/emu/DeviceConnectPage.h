#pragma once

#include "Context.h"
#include "Endpoint.h"

namespace ecalab::emu {

struct DeviceAuthorization;
struct LoginSession;

// /setup/connect, the device flow's verification page (§4.2): enter the user code (input
// `user_code`, submit `save`), log in on the shared login page when there is no `sid` session,
// then Allow (`oaapprove`) or Deny (`oadeny`) on the shared consent page, then a closing page.
// Every step posts back to /setup/connect; hidden `user_code` carries the code through.
// A device code is a new grant to a new device, so consent is always asked, even when the user
// approved the app before (Salesforce's behaviour here is unconfirmed).
class DeviceConnectPage : public Endpoint
{
public:
    // §1.1: the device flow works on login/test and My Domain; on a site it is unconfirmed, so
    // the page (like the grant) is not served there.
    static constexpr bool kServedOnSite = false;

    static constexpr char16_t kUnknownCode[] =
        u"That code isn't valid. Check the code shown on your device and try again.";
    static constexpr char16_t kExpiredCode[] = u"That code has expired. Start again on your device to get a new code.";
    static constexpr char16_t kUsedCode[] = u"That code has already been used. Start again on your device.";

    explicit DeviceConnectPage(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

private:
    HttpReply codePage(const QString &prefill, const QString &error) const;
    HttpReply afterCode(const HttpRequest &request, const Params &params);
    HttpReply afterLogin(const Params &params);
    HttpReply afterConsent(const HttpRequest &request, const Params &params);
    HttpReply loginPage(const QString &userCode, const QString &username, const QString &error) const;
    HttpReply consentPage(const DeviceAuthorization &item, const LoginSession &session) const;
    // The authorization for a typed code if it can still be answered; else the code page with why not.
    DeviceAuthorization *answerable(const QString &typed, HttpReply *refusal);
    static HttpReply donePage(bool approved);

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
