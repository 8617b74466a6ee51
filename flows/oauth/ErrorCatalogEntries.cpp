// The catalogue itself: one row per refusal Salesforce is known to give (§2, §3.5, §4.3, §7, §10.2).
#include "ErrorCatalog.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

const QList<ErrorCatalog::Entry> &ErrorCatalog::entries()
{
    static const QList<Entry> list{
        // Client credentials (§2)
        {u"invalid_grant"_s, u"request not supported on this domain"_s, {},
         u"Salesforce accepts the client credentials flow only on the org's My Domain (https://<name>.my.salesforce.com), "
         "never on the generic login hosts login.salesforce.com or test.salesforce.com, which is where this request went."_s,
         u"Set Login URL to the org's My Domain URL (Setup → My Domain shows it), then run again."_s},
        {u"invalid_grant"_s, u"no client credentials user enabled"_s, {},
         u"The app has no Run As user for the client credentials flow, so Salesforce has nobody to issue the token for."_s,
         u"External Client App Manager → your app → Policies → OAuth Policies: tick \"Enable Client Credentials Flow\" and "
         "choose a Run As user (an API-only integration user is recommended)."_s},
        {u"invalid_grant"_s, u"client credentials flow is not enabled for the app"_s, {},
         u"The client credentials flow is switched off for this app."_s,
         u"External Client App Manager → your app → Settings → OAuth Settings → Flow Enablement: tick "
         "\"Enable Client Credentials Flow\", save, and allow a few minutes for the change to apply."_s},
        {u"invalid_client"_s, u"invalid client credentials"_s, {},
         u"Salesforce did not accept the consumer secret: it is wrong, missing where the app requires it, or the "
         "Basic header was malformed."_s,
         u"Copy the secret again from External Client App Manager → your app → Settings → OAuth Settings → "
         "Consumer Key and Secret. If the app requires the secret for this flow, the profile must have it."_s},
        {u"invalid_client_id"_s, u"client identifier invalid"_s, {},
         u"Salesforce does not know this consumer key: it is mistyped, belongs to another org, or the app was "
         "created or changed minutes ago and has not propagated yet (Salesforce says up to 10 minutes)."_s,
         u"Check the consumer key against the app's OAuth Settings in this org, and wait a few minutes after "
         "creating or editing an app."_s},
        {u"inactive_user"_s, u"user is inactive"_s, {},
         u"The user the token would be issued to is deactivated or frozen (for client credentials: the app's Run As user)."_s,
         u"Setup → Users: reactivate or unfreeze the user, or pick another Run As user in the app's OAuth Policies."_s},
        {u"inactive_org"_s, u"organization is locked, closed, or suspended"_s, {},
         u"The org itself cannot be logged in to."_s, u"Check the org's status with its administrator or Salesforce."_s},
        // Token endpoint transport and request shape (§1.3)
        {u"unsupported_grant_type"_s, u"grant type not supported"_s, {},
         u"The token endpoint did not recognise the grant: a typo in grant_type, a body that was not form-encoded, "
         "or a request sent over http:// that a proxy redirected as a GET."_s,
         u"Send a form-encoded POST over https to /services/oauth2/token with a valid grant_type."_s},
        {u"invalid_request"_s, u"must use HTTP POST"_s, {},
         u"The token endpoint only accepts POST requests."_s, u"Send the request as POST."_s},
        {u"invalid_request"_s, u"HTTPS required"_s, {},
         u"Salesforce refuses OAuth requests over plain http."_s, u"Use an https:// Login URL."_s},
        {u"invalid_scope"_s, {}, {},
         u"A requested scope is not among the app's Selected OAuth Scopes."_s,
         u"Remove the scope from the profile, or add it under the app's OAuth Settings → Selected OAuth Scopes."_s},
        {u"rate_limit_exceeded"_s, {}, {},
         u"Too many logins for this user in the last hour."_s, u"Wait, and reuse tokens instead of logging in for every call."_s},
        // Users and approvals (§10.2)
        {u"invalid_grant"_s, u"authentication failure"_s, {},
         u"Salesforce rejected the login: wrong username or password, a locked user, or a flow the org does not allow "
         "(the username-password flow is off by default and is retired in Feb 2027)."_s,
         u"Check the credentials and Setup → Login History for the exact reason."_s},
        {u"invalid_grant"_s, u"IP restricted or invalid login hours"_s, {},
         u"The user's profile restricts login IP ranges or hours, or the app enforces IP restrictions."_s,
         u"Check the profile's Login IP Ranges and Login Hours, or the app's IP Relaxation policy."_s},
        {u"invalid_app_access"_s, {}, {},
         u"The app's Permitted Users policy is \"Admin approved users are pre-authorized\" and this user is not assigned."_s,
         u"Assign the user's profile or a permission set to the app (Policies → Permitted Users), or allow self-authorization."_s},
        {u"invalid_grant"_s, u"user hasn't approved this consumer"_s, {},
         u"The user is not pre-authorized for the app and has never approved it."_s,
         u"Policies → Permitted Users → \"Admin approved users are pre-authorized\", then assign the user's profile or a "
         "permission set to the app."_s},
        // Codes, PKCE, refresh (§3, §7.1)
        {u"invalid_grant"_s, u"expired authorization code"_s, {},
         u"The authorization code was already used, is older than about 15 minutes, or was URL-encoded twice."_s,
         u"Run the flow again; codes are single-use and short-lived."_s},
        {u"invalid_grant"_s, u"invalid code verifier"_s, {},
         u"The PKCE code_verifier does not match the code_challenge sent to authorize."_s,
         u"Send the verifier generated for this very authorization request, unchanged."_s},
        {u"invalid_request"_s, u"missing required code challenge"_s, {},
         u"The app requires PKCE and the authorize request had no code_challenge."_s, u"Turn PKCE on in the profile."_s},
        {u"invalid_grant"_s, u"expired access/refresh token"_s, {},
         u"The refresh token is no longer valid: revoked, expired by the app's refresh-token policy, replaced by "
         "rotation, evicted by a 6th approval, or its user was deactivated."_s,
         u"Authorize again to get a new refresh token; check the app's Refresh Token Policy."_s},
        // JWT bearer (§5.3): the same strings mean other things here than in the code flows.
        {u"invalid_grant"_s, u"audience validation failed"_s, {},
         u"The assertion's aud is not a value Salesforce accepts: it must be the login host of the org's kind, not "
         "the token endpoint that generic tools put there."_s,
         u"Use https://login.salesforce.com for production, https://test.salesforce.com for a sandbox, or the site "
         "URL for site users (leave the profile's audience empty and ECA Lab derives it from the Login URL)."_s},
        {u"invalid_grant"_s, u"invalid assertion"_s, {},
         u"The JWT is malformed or its signature does not verify with the certificate uploaded to the app: the key "
         "is not the one the certificate was made from, another certificate was uploaded since, or the app has no "
         "certificate at all (JWT Bearer Flow not enabled)."_s,
         u"Compare with `ecalab keys inspect KEY CERT`, then upload the key's certificate to the app: Edit Settings → "
         "OAuth Settings → Enable JWT Bearer Flow → upload the certificate (RS256, 2048-bit RSA)."_s},
        {u"invalid_grant"_s, u"user hasn't approved this consumer"_s, u"jwt-bearer"_s,
         u"The JWT bearer flow never shows a consent page, so the user named by sub needs prior approval, and has "
         "none: the app does not pre-authorize them, they never approved it in an interactive flow, or no user of "
         "this org has that username."_s,
         u"Policies → OAuth Policies → Permitted Users: \"Admin approved users are pre-authorized\", then assign the "
         "user's profile or a permission set to the app (Manage Profiles / Manage Permission Sets). Or log in once "
         "as that user with the web server flow and Allow."_s},
        {u"invalid_grant"_s, u"expired authorization code"_s, u"jwt-bearer"_s,
         u"Salesforce found the assertion's exp in the past: this machine's clock is behind Salesforce's (clock "
         "skew), or the assertion was built long before it was sent."_s,
         u"Set the clock right (timedatectl set-ntp true; on Windows w32tm /resync) and run again; exp is built "
         "fresh on every run (assertionLifetimeSeconds, default 180)."_s},
        {u"invalid_client_id"_s, u"client identifier invalid"_s, u"jwt-bearer"_s,
         u"The assertion's iss is not a consumer key Salesforce knows in this org: mistyped, from another org, or an "
         "app created minutes ago that has not propagated yet."_s,
         u"Set clientId to the app's Consumer Key (OAuth Settings → Consumer Key and Secret) and allow up to 10 "
         "minutes after creating or changing the app."_s},
        // Device flow (§4)
        {u"invalid_grant"_s, u"device flow is not enabled for the app"_s, {},
         u"The device flow is switched off for this app, or the app is not installed in the org (blocked since Sept 2025)."_s,
         u"Flow Enablement → \"Enable Device Flow\", and make sure the app is installed in this org."_s},
        {u"invalid_grant"_s, u"token exchange failed"_s, {},
         u"The device code was already exchanged for a token, or another run used it."_s, u"Start a new device flow."_s},
        {u"slow_down"_s, {}, {}, u"Polling faster than the interval Salesforce asked for."_s,
         u"Wait 5 seconds longer between polls."_s},
        {u"authorization_pending"_s, {}, {}, u"The user has not approved the device yet."_s, u"Keep waiting."_s},
        {u"access_denied"_s, {}, u"device"_s,
         u"The person who entered the user code clicked Deny on the approval page, so the device gets no token."_s,
         u"Run again, enter the new code at the verification URL and press Allow."_s},
        {u"expired_token"_s, {}, {},
         u"The device code expired before anyone approved it (RFC 8628 §3.5)."_s,
         u"Run again and approve the new code sooner."_s},
        // Authorize redirects and pages (§3.2, §10.1)
        {u"redirect_uri_mismatch"_s, {}, {},
         u"The redirect_uri is not exactly one of the app's callback URLs."_s,
         u"Compare scheme, host, port, path and trailing slash with the app's Callback URL list."_s},
        {u"redirect_uri_missing"_s, {}, {}, u"The authorize request had no redirect_uri."_s, u"Set the Callback URL."_s},
        {u"access_denied"_s, {}, {}, u"The user clicked Deny on the approval page."_s, u"Run again and Allow."_s},
        {u"access-denied"_s, {}, {}, u"The user clicked Deny on the approval page."_s, u"Run again and Allow."_s},
        {u"immediate_unsuccessful"_s, {}, {}, u"immediate=true was sent but the user had to log in or approve."_s,
         u"Run without immediate=true."_s},
        {u"unsupported_response_type"_s, {}, {}, u"The response_type is not supported."_s, u"Use response_type=code."_s},
        {u"invalid_client"_s, u"app must be installed into org"_s, {},
         u"Since September 2025 an app must be installed in the org (or the user needs \"Approve Uninstalled "
         "Connected Apps\")."_s,
         u"Install the app in this org."_s},
        {u"OAUTH_APP_BLOCKED"_s, {}, {}, u"An admin blocked this app."_s,
         u"Setup → Connected Apps OAuth Usage → Unblock."_s},
        {u"OAUTH_APP_ACCESS_DENIED"_s, {}, {}, u"The user is not permitted by the app's policies."_s,
         u"Assign the user to the app or allow self-authorization."_s},
        {u"OAUTH_EC_APP_NOT_FOUND"_s, {}, {},
         u"No External Client App with this consumer key exists in this org (not installed, another org, or not yet propagated)."_s,
         u"Check the consumer key and that the app is installed in this org."_s},
        {u"OAUTH_APPROVAL_ERROR_GENERIC"_s, {}, {},
         u"Salesforce's catch-all approval error; a common cause is an uninstalled app."_s,
         u"Install the app in the org, then try again."_s},
        // The refresh token flow (§7.1): every refusal past client authentication reads the same.
        {u"invalid_grant"_s, u"expired access/refresh token"_s, u"refresh"_s,
         u"Salesforce no longer accepts this refresh token. With refresh token rotation on, a refresh token works "
         "once: presenting one that was already used (rotated) is treated as reuse, and Salesforce then revokes the "
         "whole family, the newest refresh token and its access tokens included (§7.1). Otherwise it was revoked "
         "(Revoke, or Connected Apps OAuth Usage), expired under the app's Refresh Token Policy, evicted by a sixth "
         "approval (5 per user and app), or its user was deactivated or frozen."_s,
         u"Authorize again (web server or device flow) for a new refresh token. With rotation on, keep the refresh "
         "token of the latest answer and send each one only once; see the app's Policies → OAuth Policies → "
         "Refresh Token Policy."_s},
        {u"invalid_client"_s, u"invalid client credentials"_s, u"refresh"_s,
         u"Salesforce did not accept the client's authentication for the refresh: the consumer secret is wrong, or "
         "none was sent and the app has \"Require secret for refresh token flow\" on (the default)."_s,
         u"Put the app's consumer secret in the profile (or ECALAB_CLIENT_SECRET), copied from Settings → OAuth "
         "Settings → Consumer Key and Secret; or, for a public client, untick \"Require secret for refresh token "
         "flow\" under Settings → OAuth Settings → Flow Enablement and save."_s},
        // Introspection (§7.4): client authentication is always required.
        {u"invalid_client"_s, {}, u"introspect"_s,
         u"Introspection needs the app's own client authentication (consumer key and secret, in the body or as "
         "HTTP Basic), and Salesforce did not accept it: the secret is wrong or missing, or the key is another app's."_s,
         u"Set clientSecret in the profile (or ECALAB_CLIENT_SECRET) to the app's consumer secret from Settings → "
         "OAuth Settings → Consumer Key and Secret."_s},
        // Identity URL and UserInfo (§7.5, §7.6): a token they do not take gets 403 in plain text.
        {u"Bad_OAuth_Token"_s, {}, {},
         u"The identity service did not accept the access token: it expired (Salesforce sends no expires_in; this "
         "is how expiry shows), was revoked, or its refresh token was revoked."_s,
         u"Refresh the token (`ecalab run refresh`) or run the flow again."_s},
        {u"unsupported_token_type"_s, {}, u"revoke"_s,
         u"Salesforce knows no live token by this value: it was already revoked, it expired, it is another org's, "
         "or it was passed incomplete (§7.3)."_s,
         u"Nothing is left to revoke if it was revoked or expired; introspect it to be sure, and check that the "
         "whole token was passed."_s},
        {u"INVALID_SESSION_ID"_s, u"This session is not valid for use with the REST API"_s, {},
         u"The access token is live but lacks the api scope, so the REST API refuses it."_s,
         u"Add \"Manage user data via APIs (api)\" to the app's Selected OAuth Scopes and request it, then "
         "authorize again."_s},
        {u"INVALID_SESSION_ID"_s, u"Session expired or invalid"_s, u"rest-probe"_s,
         u"The REST API did not accept the access token: its session ended. It expired after the session timeout "
         "(Salesforce sends no expires_in, so a 401 is how expiry shows), or it, or the refresh token it came "
         "from, was revoked."_s,
         u"Refresh the token (`ecalab run refresh`) or run the flow again."_s},
        // Headless identity on an Experience Cloud site (§6; bodies unconfirmed, §13)
        {u"unsupported_response_type"_s, u"response type not supported"_s, {},
         u"This host does not take the request's response_type. response_type=code_credentials (the headless "
         "flows) is answered only on an Experience Cloud site, never on My Domain or login.salesforce.com."_s,
         u"For the headless flows set Site URL to the site (https://acme.my.site.com/customers); otherwise use "
         "response_type=code."_s},
        {u"invalid_request"_s, u"code credentials flow is not enabled"_s, {},
         u"The Authorization Code and Credentials flow is off: it must be allowed for the org and enabled on the app."_s,
         u"Setup → OAuth and OpenID Connect Settings: turn on \"Allow Authorization Code and Credentials Flows\"; "
         "then the app's OAuth Settings → Flow Enablement: tick \"Enable Authorization Code and Credentials Flow\"."_s},
        {u"invalid_grant"_s, u"authentication failure"_s, u"headless-login"_s,
         u"The site did not accept the username and password: a wrong password, an unknown or locked user, or a "
         "user who is not a member of this site."_s,
         u"Check the site user's username and password (try them on the site's login page) and Setup → Login History."_s},
        {u"invalid_grant"_s, u"authentication failure"_s, u"forgot-password"_s,
         u"The password was reset, but the login with the new password failed: the user may be locked or not a "
         "member of this site."_s,
         u"Check the user in Setup → Users and Setup → Login History."_s},
        {u"invalid_grant"_s, u"invalid verification code"_s, {},
         u"The site did not accept the one-time code: it is mistyped, was already used, belongs to an older "
         "request, or too many wrong codes were tried for this request."_s,
         u"Run again to get a new code and enter the latest one sent."_s},
        {u"invalid_request"_s, u"invalid verification code"_s, {},
         u"The site did not accept the one-time code: it is mistyped, was already used or belongs to an older request."_s,
         u"Run again to get a new code and enter the latest one sent."_s},
        {u"invalid_grant"_s, u"verification code expired"_s, {},
         u"The one-time code was right but is too old."_s, u"Run again and enter the new code within a few minutes."_s},
        {u"invalid_request"_s, u"verification code expired"_s, {},
         u"The one-time code was right but is too old."_s, u"Run again and enter the new code within a few minutes."_s},
        {u"invalid_request"_s, u"verification type mismatch"_s, {},
         u"Auth-Verification-Type differs from the verification method the code was requested with."_s,
         u"Use the same verificationMethod (email or sms) for both steps."_s},
        {u"invalid_request"_s, u"invalid auth request type"_s, {},
         u"The Auth-Request-Type header is missing or not one the site knows (Named-User, user-registration, "
         "passwordless-login)."_s, u"Send one of those values."_s},
        {u"invalid_request"_s, u"missing or malformed credentials"_s, {},
         u"/authorize found no usable Authorization: Basic header (username:password or identifier:code, base64)."_s,
         u"Send the credentials base64-encoded in the Basic header."_s},
        {u"invalid_request"_s, u"headless registration is not enabled"_s, {},
         u"The site does not allow headless registration."_s,
         u"Setup → Digital Experiences → All Sites → Workspaces → Administration → Login & Registration: enable "
         "Headless Registration (and a registration handler)."_s},
        {u"invalid_request"_s, u"headless passwordless login is not enabled"_s, {},
         u"The site does not allow headless passwordless login."_s,
         u"Site Administration → Login & Registration: enable Headless Passwordless Login."_s},
        {u"invalid_request"_s, u"headless forgot password is not enabled"_s, {},
         u"The site does not allow the headless forgot-password API."_s,
         u"Site Administration → Login & Registration: enable Headless Forgot Password."_s},
        {u"invalid_request"_s, u"guest access is not enabled"_s, {},
         u"The site does not issue headless guest tokens, or the app lacks JWT-based access tokens, which guest "
         "access needs (§6.6)."_s,
         u"Enable guest access on the site and \"Issue JSON Web Token (JWT)-based access tokens\" on the app."_s},
        {u"invalid_request"_s, u"recaptcha is required"_s, {},
         u"The site requires a reCAPTCHA token with this call."_s,
         u"Get a token from the site's reCAPTCHA widget and set recaptchaToken (tokens last about 2 minutes)."_s},
        {u"invalid_request"_s, u"username already exists"_s, {},
         u"A user with this username exists already; registration makes a new user."_s,
         u"Choose another username, or log in with headless-login / reset with forgot-password."_s},
        {u"invalid_request"_s, u"mobilePhone is required for sms"_s, {},
         u"The code was to go by SMS, but the registration data has no mobile phone."_s,
         u"Add customData {\"mobilePhone\": \"+15555550100\"}, or set verificationMethod to email."_s},
        {u"invalid_request"_s, u"newpassword is required"_s, {},
         u"The reset carried no new password."_s, u"Enter a new password when asked."_s},
        {u"invalid_token"_s, u"a valid access token with the user_registration_api scope is required"_s, {},
         u"The site requires authentication for headless registration, and the token given was refused."_s,
         u"Get a token with the user_registration_api scope (e.g. client credentials) and pass it as ECALAB_INIT_TOKEN."_s},
        {u"invalid_token"_s, u"a valid access token with the pwdless_login_api scope is required"_s, {},
         u"The site requires authentication for headless passwordless login, and the token given was refused."_s,
         u"Get a token with the pwdless_login_api scope and pass it as ECALAB_INIT_TOKEN."_s},
        {u"invalid_token"_s, u"a valid access token with the forgot_password scope is required"_s, {},
         u"The site requires authentication for the forgot-password API, and the token given was refused."_s,
         u"Get a token with the forgot_password scope and pass it as ECALAB_INIT_TOKEN."_s},
        // Revocation and APIs (§7.3, §7.2)
        {u"unsupported_token_type"_s, {}, {}, u"The token is unknown, invalid or already revoked."_s,
         u"Nothing to revoke; check that you passed the right token."_s},
        {u"invalid_token"_s, {}, {}, u"The token is unknown, invalid or already revoked."_s,
         u"Check that you passed the right token."_s},
        {u"INVALID_SESSION_ID"_s, {}, {},
         u"The API did not accept the access token: it expired, was revoked, or lacks the api scope."_s,
         u"Get a new token (refresh or run the flow again); make sure the app grants the api scope."_s},
    };
    return list;
}

} // namespace ecalab
