#include "HeadlessAuthorize.h"

#include "AuthorizeEndpoint.h"
#include "Crypto.h"
#include "HeadlessErrors.h"
#include "OrgEditor.h"
#include "SalesforceId.h"
#include "TokenEndpoint.h"

#include <QRegularExpression>
#include <QUuid>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;
namespace E = HeadlessErrors;

namespace {
bool isType(const QString &value, const char16_t *type)
{
    return value.compare(QStringView(type), Qt::CaseInsensitive) == 0;
}

std::optional<QByteArray> decodeBase64(QByteArray text, QByteArray::Base64Options alphabet)
{
    while (text.size() % 4 != 0) // the Mobile SDK leaves the padding out (§6.2)
        text += '=';
    const auto decoded = QByteArray::fromBase64Encoding(text, alphabet | QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? std::optional<QByteArray>(decoded.decoded) : std::nullopt;
}
} // namespace

bool HeadlessAuthorize::handles(const HttpRequest &request) const
{
    return request.path == u"/services/oauth2/authorize" && request.method == "POST" &&
           TokenEndpoint::bodyParameters(request).value(u"response_type") == QStringView(kResponseType);
}

std::optional<HeadlessAuthorize::Credentials> HeadlessAuthorize::basicCredentials(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.size() < 7 || authorization.left(6).compare("basic ", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QByteArray encoded = authorization.mid(6).trimmed();
    auto decoded = decodeBase64(encoded, QByteArray::Base64Encoding);
    if (!decoded)
        decoded = decodeBase64(encoded, QByteArray::Base64UrlEncoding);
    const qsizetype colon = decoded ? decoded->indexOf(':') : -1;
    if (colon <= 0)
        return std::nullopt;
    return Credentials{QString::fromUtf8(decoded->left(colon)), QString::fromUtf8(decoded->mid(colon + 1))};
}

QString HeadlessAuthorize::uvidHint(const HttpRequest &request, const Params &params)
{
    QString uvid = params.value(u"uvid_hint");
    const QString header = QString::fromUtf8(request.header("uvid-hint")).trimmed();
    if (header.startsWith(u"UVID ", Qt::CaseInsensitive))
        uvid = header.mid(5).trimmed();
    return QUuid::fromString(uvid).isNull() ? QString() : uvid;
}

HttpReply HeadlessAuthorize::handle(const HttpRequest &http)
{
    if (http.host != HostKind::Site) // §6, §12.1: headless calls go to a site, never login or My Domain
        return E::reply(E::kNotOnThisHost);
    const Params params = TokenEndpoint::bodyParameters(http);
    AuthorizeRequest request;
    if (const auto error = checkRequest(params, request))
        return E::reply(*error);

    const QString requestType = QString::fromUtf8(http.header("auth-request-type")).trimmed();
    Login login;
    if (isType(requestType, kGuest))
        login = guestUser(http, params, *request.app);
    else if (isType(requestType, kNamedUser))
        login = namedUser(http);
    else if (isType(requestType, kUserRegistration) || isType(requestType, kPasswordlessLogin))
        login = otpUser(http, requestType);
    else
        return E::reply(E::kInvalidRequestType);
    if (login.error)
        return E::reply(*login.error);
    // Registration and the first guest code add a user, and an org edit replaces the whole model
    // (OrgEditor::commit): the app is looked up again, not read through a pointer into the old one.
    request.app = m_context.org.appByClientId(params.value(u"client_id"));
    if (!request.app)
        return E::reply(E::kUnknownClient);
    if (!request.app->permits(*login.user)) // §3.4: the Permitted Users policy holds here too
        return E::reply(kNotAdminApprovedError);
    return issueCode(request, *login.user);
}

// Checks 1–4 of the contract: the client, its callback, the switches, PKCE (§6.1, §6.2, §3.5),
// then the scope as at GET /authorize.
std::optional<OAuthError> HeadlessAuthorize::checkRequest(const Params &params, AuthorizeRequest &out) const
{
    out.app = m_context.org.appByClientId(params.value(u"client_id"));
    if (!out.app || !out.app->isEnabled)
        return E::kUnknownClient;
    out.redirectUri = params.value(u"redirect_uri");
    if (out.redirectUri.isEmpty())
        return E::kRedirectMissing;
    if (!AuthorizeRequestReader::redirectMatches(out.redirectUri, *out.app, m_context.callbackPlaceholders()))
        return E::kRedirectMismatch;
    // §6.1: the org-wide toggle and the app's switch; an app not installed here cannot use it either.
    if (!m_context.org.org.allowCodeCredentialsFlows || !out.app->isCodeCredFlowEnabled || !out.app->isInstalled)
        return E::kFlowNotEnabled;
    out.state = params.value(u"state");
    out.nonce = params.value(u"nonce");
    std::optional<AuthorizeError> error = AuthorizeRequestReader::checkChallenge(params, *out.app, out);
    if (!error)
        error = AuthorizeRequestReader::checkScopes(params, *out.app, out);
    if (error)
        return OAuthError{error->error, error->description, 400};
    return std::nullopt;
}

HeadlessAuthorize::Login HeadlessAuthorize::namedUser(const HttpRequest &http) const
{
    const auto credentials = basicCredentials(http);
    if (!credentials)
        return {nullptr, E::kMalformedCredentials};
    const User *user = m_context.org.userByUsername(credentials->name.trimmed());
    if (!user || !Crypto::constantTimeEquals(credentials->secret.toUtf8(), user->password.toUtf8()))
        return {nullptr, E::kAuthenticationFailure};
    if (!user->active)
        return {nullptr, E::kInactiveUser};
    return {user, std::nullopt};
}

// §6.3 step 2 and §6.4 step 2: Basic identifier:otp, Auth-Verification-Type as at init.
HeadlessAuthorize::Login HeadlessAuthorize::otpUser(const HttpRequest &http, const QString &requestType)
{
    const auto credentials = basicCredentials(http);
    if (!credentials)
        return {nullptr, E::kMalformedCredentials};
    const bool registration = isType(requestType, kUserRegistration);
    const QString purpose = registration ? OtpPurpose::kRegistration : OtpPurpose::kPasswordlessLogin;
    const QString method = QString::fromUtf8(http.header("auth-verification-type")).trimmed();
    OtpChallenge challenge;
    switch (m_context.otps.redeem(purpose, credentials->name, credentials->secret, method, m_context.clock.nowMs(),
                                  &challenge)) {
    case OtpStore::Verdict::Invalid:
        return {nullptr, E::kInvalidCode};
    case OtpStore::Verdict::Expired:
        return {nullptr, E::kExpiredCode};
    case OtpStore::Verdict::MethodMismatch:
        return {nullptr, E::kVerificationTypeMismatch};
    case OtpStore::Verdict::Accepted:
        break;
    }
    if (registration)
        return registerUser(challenge);
    const User *user = m_context.org.userById(challenge.userId);
    if (!user)
        return {nullptr, E::kInvalidCode};
    if (!user->active)
        return {nullptr, E::kInactiveUser};
    return {user, std::nullopt};
}

// §6.3: Salesforce runs the HeadlessSelfRegistrationHandler, which creates the user, now.
HeadlessAuthorize::Login HeadlessAuthorize::registerUser(const OtpChallenge &challenge)
{
    const QString username = challenge.registration.value(u"username"_s).toString();
    if (m_context.org.userByUsername(username))
        return {nullptr, E::kUsernameExists};
    const OrgEditor::Result created = OrgEditor(m_context).createUser(challenge.registration);
    if (!created)
        return {nullptr, OAuthError{u"invalid_request"_s, created.error, 400}};
    return {m_context.org.userByUsername(username), std::nullopt};
}

// §6.6 (unconfirmed): a guest code for the site's guest user, bound to a visitor id; the app must
// issue JWT-based access tokens.
HeadlessAuthorize::Login HeadlessAuthorize::guestUser(const HttpRequest &http, const Params &params, const App &app)
{
    if (!m_context.org.site.guestAccess || !app.isNamedUserJwtEnabled)
        return {nullptr, E::kGuestNotEnabled};
    const User *guest = siteGuestUser();
    if (!guest || !guest->active)
        return {nullptr, E::kGuestNotEnabled};
    if (uvidHint(http, params).isEmpty())
        return {nullptr, E::kMalformedCredentials};
    return {guest, std::nullopt};
}

// Every site has a guest user: the seed's first user of type GUEST, else one the emulator adds
// the first time a guest code is asked for (kGuestUserLastName).
const User *HeadlessAuthorize::siteGuestUser()
{
    for (const User &user : m_context.org.users) {
        if (user.userType == u"GUEST")
            return &user;
    }
    const OrgSettings &org = m_context.org.org;
    const QString username = u"guest@%1.%2.site.example"_s.arg(org.sitePrefix.toLower(), org.myDomainName);
    const QJsonObject guest{
        {u"username"_s, username},
        {u"password"_s, Crypto::randomString(32, u"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")},
        {u"firstName"_s, org.sitePrefix},
        {u"lastName"_s, QString::fromUtf16(kGuestUserLastName)},
        {u"userType"_s, u"GUEST"_s}};
    if (!OrgEditor(m_context).createUser(guest))
        return nullptr;
    return m_context.org.userByUsername(username);
}

HttpReply HeadlessAuthorize::issueCode(const AuthorizeRequest &request, const User &user)
{
    // §6.2: the same code as a browser login's, for the site: the site's token endpoint trades it.
    return AuthorizeEndpoint::redirectWithCode(m_context, request, {user.id15, m_context.clock.nowMs(), HostKind::Site});
}

} // namespace ecalab::emu
