#pragma once

#include "http/Exchange.h"
#include "oauth/IdTokenVerifier.h"
#include "oauth/TokenSet.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace ecalab {

class HttpClient;

// What the checks on a token response need besides the tokens.
struct TokenCheckInputs
{
    QString clientSecret; // the §1.5 signature's key; empty: the signature cannot be checked
    // Where the ID token's keys are found (OIDC Discovery §4): the document already read by the
    // flow, else its URL. Neither: the flow does not check ID tokens.
    std::optional<QJsonObject> discovery;
    QUrl discoveryUrl;
    IdTokenExpectations idToken; // aud, nonce, now; at_hash is taken from the tokens
};

// What the checks found, typed; the flow shows each on its stage.
struct TokenCheckResults
{
    std::optional<IdTokenVerdict> idToken; // nullopt: not checked (no id_token, or nowhere to find keys)
    SignatureCheck signature = SignatureCheck::Missing;

    bool idTokenFailed() const { return idToken && !idToken->valid(); }
    bool signatureFailed() const { return signature == SignatureCheck::Invalid; }
    bool passed() const { return !idTokenFailed() && !signatureFailed(); }
};

// The checks every flow makes on the tokens it obtained, in one order: the ID token (OIDC Core
// §3.1.3.7, its keys fetched as exchanges of `idTokenStage`), then the §1.5 signature. Emits
// `finished` exactly once per start() — at once when there is no ID token to fetch keys for —
// unless abort() came first.
class TokenChecks : public QObject
{
    Q_OBJECT
public:
    TokenChecks(HttpClient &http, StageLabel idTokenStage, QObject *parent = nullptr);
    ~TokenChecks() override;

    static bool checksIdToken(const TokenSet &tokens, const TokenCheckInputs &inputs);
    void start(const TokenSet &tokens, const TokenCheckInputs &inputs);
    void abort(); // no `finished` after it

Q_SIGNALS:
    void finished(const ecalab::TokenCheckResults &results);

private:
    void onIdTokenVerdict(const IdTokenVerdict &verdict);
    void finish();

    HttpClient &m_http;
    StageLabel m_idTokenStage;
    TokenSet m_tokens;
    QString m_clientSecret;
    TokenCheckResults m_results;
    std::unique_ptr<IdTokenVerification> m_verification;
};

} // namespace ecalab
