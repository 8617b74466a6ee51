#pragma once

#include "AuthorizeRequest.h"
#include "Context.h"
#include "Endpoint.h"

namespace ecalab::emu {

struct LoginSession;

// GET /services/oauth2/authorize (response_type=code) on every host (§3.1–3.2, §12.4): the login
// page, the consent page, then a 302 to the redirect with a code. The forms post back to this
// path with the authorize parameters in hidden inputs, so each POST is validated afresh.
class AuthorizeEndpoint : public Endpoint
{
public:
    explicit AuthorizeEndpoint(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

    // The network id of the emulated Experience Cloud site (sfdc_community_id, §3.2).
    static constexpr char16_t kSiteNetworkId15[] = u"0DB5g00000EcaLb";
    static HttpReply redirect(const QString &redirectUri, const QList<QPair<QString, QString>> &params);
    // Who a code is for, when they logged in, and on which host.
    struct CodeHolder
    {
        QString userId; // 15 characters
        qint64 authTimeMs = 0;
        HostKind host = HostKind::MyDomain;
    };
    static HttpReply redirectWithCode(EmulatorContext &context, const AuthorizeRequest &request,
                                      const CodeHolder &holder);
    static HttpReply errorPage(const AuthorizeError &error);

private:
    HttpReply handleLogin(const HttpRequest &http, const AuthorizeRequest &request, const Params &params);
    HttpReply handleDecision(const HttpRequest &http, const AuthorizeRequest &request, const LoginSession *session,
                             bool allow);
    HttpReply proceed(const HttpRequest &http, const AuthorizeRequest &request, const LoginSession &session);
    HttpReply issueCode(const HttpRequest &http, const AuthorizeRequest &request, const LoginSession &session);
    HttpReply loginPage(const HttpRequest &http, const AuthorizeRequest &request, const QString &username,
                        const QString &error) const;
    HttpReply consentPage(const HttpRequest &http, const AuthorizeRequest &request, const User &user) const;
    HttpReply redirectError(const AuthorizeRequest &request, const AuthorizeError &error) const;

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
