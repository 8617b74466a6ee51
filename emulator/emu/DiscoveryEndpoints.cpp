#include "DiscoveryEndpoints.h"

#include "DeviceGrants.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// As observed on login.salesforce.com in 2026 (§7.9).
const QStringList kScopesSupported{u"cdp_ingest_api"_s,
                                   u"custom_permissions"_s,
                                   u"cdp_segment_api"_s,
                                   u"content"_s,
                                   u"cdp_api"_s,
                                   u"chatbot_api"_s,
                                   u"cdp_identityresolution_api"_s,
                                   u"interaction_api"_s,
                                   u"wave_api"_s,
                                   u"web"_s,
                                   u"cdp_calculated_insight_api"_s,
                                   u"einstein_gpt_api"_s,
                                   u"offline_access"_s,
                                   u"id"_s,
                                   u"api"_s,
                                   u"data_cloud_user_claims"_s,
                                   u"eclair_api"_s,
                                   u"email"_s,
                                   u"pardot_api"_s,
                                   u"lightning"_s,
                                   u"visualforce"_s,
                                   u"cdp_query_api"_s,
                                   u"sfap_api"_s,
                                   u"address"_s,
                                   u"openid"_s,
                                   u"profile"_s,
                                   u"scrt_api"_s,
                                   u"cdp_profile_api"_s,
                                   u"refresh_token"_s,
                                   u"phone"_s,
                                   u"user_registration_api"_s,
                                   u"pwdless_login_api"_s,
                                   u"chatter_api"_s,
                                   u"mcp_api"_s,
                                   u"full"_s,
                                   u"forgot_password"_s};
// §7.9 marks the exact claim list (and phone_number) as unconfirmed; this is the observed one.
const QStringList kClaimsSupported{u"active"_s,
                                   u"address"_s,
                                   u"email"_s,
                                   u"email_verified"_s,
                                   u"family_name"_s,
                                   u"given_name"_s,
                                   u"is_app_installed"_s,
                                   u"language"_s,
                                   u"locale"_s,
                                   u"name"_s,
                                   u"nickname"_s,
                                   u"organization_id"_s,
                                   u"phone_number"_s,
                                   u"photos"_s,
                                   u"picture"_s,
                                   u"preferred_username"_s,
                                   u"profile"_s,
                                   u"sub"_s,
                                   u"updated_at"_s,
                                   u"urls"_s,
                                   u"user_id"_s,
                                   u"user_type"_s,
                                   u"zoneinfo"_s};
const QStringList kDpopAlgs{u"RS256"_s, u"RS384"_s, u"RS512"_s, u"PS256"_s, u"PS384"_s,
                            u"PS512"_s, u"ES256"_s, u"ES384"_s, u"ES512"_s, u"EdDSA"_s};
} // namespace

bool DiscoveryEndpoints::handles(const HttpRequest &request) const
{
    return request.path == u"/.well-known/openid-configuration" || request.path == u"/id/keys";
}

HttpReply DiscoveryEndpoints::handle(const HttpRequest &request)
{
    if (request.path == u"/id/keys") {
        HttpReply reply = HttpReply::json(200, QJsonDocument(m_context.keys.jwks()));
        reply.setHeader("Access-Control-Allow-Origin", "*"); // §7.8
        return reply;
    }
    return HttpReply::json(200, QJsonDocument(configuration(request.host)));
}

QJsonObject DiscoveryEndpoints::configuration(HostKind host) const
{
    const QString base = m_context.baseUrl(host);
    // Discovery does not advertise device, client credentials, JWT bearer or token exchange (§7.9).
    QJsonObject doc{{u"issuer"_s, base},
                    {u"authorization_endpoint"_s, base + u"/services/oauth2/authorize"_s},
                    {u"token_endpoint"_s, base + u"/services/oauth2/token"_s},
                    {u"revocation_endpoint"_s, base + u"/services/oauth2/revoke"_s},
                    {u"userinfo_endpoint"_s, base + u"/services/oauth2/userinfo"_s},
                    {u"jwks_uri"_s, base + u"/id/keys"_s},
                    {u"registration_endpoint"_s, base + u"/services/oauth2/register"_s},
                    {u"introspection_endpoint"_s, base + u"/services/oauth2/introspect"_s},
                    {u"scopes_supported"_s, QJsonArray::fromStringList(kScopesSupported)},
                    {u"response_types_supported"_s, QJsonArray{u"code"_s, u"token"_s, u"token id_token"_s}},
                    {u"subject_types_supported"_s, QJsonArray{u"public"_s}},
                    {u"id_token_signing_alg_values_supported"_s, QJsonArray{u"RS256"_s}},
                    {u"display_values_supported"_s, QJsonArray{u"page"_s, u"popup"_s, u"touch"_s}},
                    {u"token_endpoint_auth_methods_supported"_s,
                     QJsonArray{u"client_secret_post"_s, u"client_secret_basic"_s, u"private_key_jwt"_s}},
                    {u"dpop_signing_alg_values_supported"_s, QJsonArray::fromStringList(kDpopAlgs)},
                    {u"claims_supported"_s, QJsonArray::fromStringList(kClaimsSupported)}};
    if (m_context.devices.settings.rfc8628) // the emulator's RFC 8628 mode (emulator/README.md)
        doc.insert(u"device_authorization_endpoint"_s, base + QString::fromUtf16(DeviceGrantRules::kAuthorizationPath));
    if (host == HostKind::Site) {
        doc.insert(u"end_session_endpoint"_s, base + u"/services/auth/idp/oidc/logout"_s);
        doc.insert(u"frontchannel_logout_supported"_s, true);
        doc.insert(u"frontchannel_logout_session_supported"_s, false);
        doc.insert(u"code_challenge_methods_supported"_s, QJsonArray{u"S256"_s});
        doc.insert(u"grant_types_supported"_s, QJsonArray{u"authorization_code"_s, u"refresh_token"_s});
    }
    return doc;
}

} // namespace ecalab::emu
