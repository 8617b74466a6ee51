#include "JwtBearerFlow.h"

#include "grants/jwtbearer/KeyFileChecks.h"

#include "core/Clock.h"
#include "oauth/Endpoints.h"
#include "oauth/Jwt.h"
#include "profile/ProfileChecks.h"

#include <openssl/crypto.h>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"jwt-bearer"_s;
const QString kTitle = u"JWT bearer"_s;
const QString kCheckStage = JwtBearerFlow::kStages[JwtBearerFlow::CheckSettings].title.toString();
const QString kKeyStage = JwtBearerFlow::kStages[JwtBearerFlow::LoadKey].title.toString();
// How long the passphrase prompt waits when no --timeout is given: a person typing, not a server.
constexpr int kDefaultPassphraseWaitSeconds = 300;

void wipe(QByteArray &secret)
{
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    secret.clear();
}
} // namespace

FieldProblems JwtBearerConfig::validate(const Profile &profile)
{
    FieldProblems problems;
    checks::loginUrl(profile, checks::LoginHost::Any, problems);
    checks::clientId(profile, problems);
    checks::jwtUsername(profile, problems);
    checks::jwtKeyFiles(profile, problems);
    checks::jwtAudience(profile, problems);
    checks::assertionLifetime(profile, problems);
    return problems;
}

Expected<JwtBearerConfig, FlowError> JwtBearerConfig::fromProfile(const Profile &profile)
{
    if (auto problem = checks::firstBlocking(validate(profile), kCheckStage))
        return unexpected(*problem);
    JwtBearerConfig config;
    config.tokenEndpoint = endpointUrl(profile.loginUrl, endpoints::kToken);
    config.clientId = profile.clientId;
    config.username = profile.username.trimmed();
    config.privateKeyFile = profile.privateKeyFile;
    config.certificateFile = profile.certificateFile;
    config.clientSecret = profile.clientSecret;
    config.audience = chooseAudience(profile);
    if (profile.assertionLifetimeSeconds > 0)
        config.lifetimeSeconds = profile.assertionLifetimeSeconds;
    return config;
}

FlowDescriptor jwtBearerDescriptor()
{
    FlowDescriptor d;
    d.name = kName;
    d.title = kTitle;
    d.summary = u"Server-to-server token for a user, signed with the key of the app's certificate"_s;
    d.fields = {
        {ProfileField::LoginUrl, true, u"My Domain, login.salesforce.com, test.salesforce.com or the site URL"_s},
        {ProfileField::ClientId, true, u"the consumer key: the assertion's iss"_s},
        {ProfileField::Username, true, u"the user the token is for: the assertion's sub"_s},
        {ProfileField::PrivateKeyFile, true, u"PEM, DER or PKCS#12 RSA key (2048 bits or more); passphrase from "
                                             "ECALAB_KEY_PASSPHRASE or asked"_s},
        {ProfileField::CertificateFile, false, u"the certificate uploaded to the app, to check the key against it"_s},
        {ProfileField::Audience, false, u"the assertion's aud; derived from the Login URL when empty"_s},
        {ProfileField::AssertionLifetime, false, u"seconds until the assertion's exp (default 180)"_s},
        {ProfileField::ClientSecret, false, u"only to check the response's signature; never sent"_s}};
    d.waitsForPerson = true; // the passphrase prompt
    d.validate = &JwtBearerConfig::validate;
    d.create = [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
        return std::make_unique<JwtBearerFlow>(profile, context.http, context.clock, context.options);
    };
    return d;
}

JwtBearerFlow::JwtBearerFlow(const Profile &profile, HttpClient &http, const Clock &clock, const RunOptions &options,
                             QObject *parent)
    : Flow(http, parent), m_profile(profile), m_clock(clock),
      m_waitTimeoutSeconds(options.waitTimeoutSeconds.value_or(kDefaultPassphraseWaitSeconds)),
      m_waitLimitName(options.waitLimitName)
{
}

JwtBearerFlow::~JwtBearerFlow() = default;

QString JwtBearerFlow::name() const
{
    return kName;
}

QString JwtBearerFlow::title() const
{
    return kTitle;
}

// §5.2: the body is the grant type and the assertion, nothing else (no client_id, no secret).
HttpRequest JwtBearerFlow::buildTokenRequest(const QUrl &tokenEndpoint, const QString &assertion)
{
    return HttpRequest::formPost(tokenEndpoint,
                                 {{u"grant_type"_s, QString::fromUtf16(kGrantType)}, {u"assertion"_s, assertion}});
}

void JwtBearerFlow::start()
{
    if (m_state == State::RequestingToken || m_state == State::AwaitingPassphrase)
        return;
    resetRun(kStages);
    enterStage(CheckSettings);
    auto config = JwtBearerConfig::fromProfile(m_profile);
    if (!config) {
        end(config.error());
        return;
    }
    m_config = std::move(config.value());
    finishStage(CheckSettings, StageState::Done, u"aud %1"_s.arg(m_config.audience.audience));
    enterStage(LoadKey, StageState::Running, m_config.privateKeyFile);
    loadKey({});
}

void JwtBearerFlow::loadKey(const QByteArray &passphrase)
{
    auto key = crypto::PrivateKey::loadFile(m_config.privateKeyFile, passphrase);
    if (!key && key.error().kind == crypto::KeyProblem::Kind::PassphraseNeeded) {
        askForPassphrase();
        return;
    }
    if (!key) {
        end(FlowError::configuration(kKeyStage, describeKeyProblem(key.error()), key.error().fix));
        return;
    }
    if (auto problem = key->salesforceProblem()) {
        end(FlowError::configuration(kKeyStage, describeKeyProblem(*problem), problem->fix));
        return;
    }
    if (auto problem = certificateProblem(*key)) {
        end(*problem);
        return;
    }
    const crypto::KeyInfo info = key->info();
    finishStage(LoadKey, StageState::Done, u"%1 %2 bits, %3, public key SHA-256 %4"_s.arg(info.type).arg(info.bits)
                                               .arg(info.format, info.publicKeySha256.left(23)));
    signAndSend(*key);
}

// The certificate the profile names (the one uploaded to the app): Salesforce verifies with it,
// so a key of another pair or a certificate out of its validity is found here, not as a refusal.
std::optional<FlowError> JwtBearerFlow::certificateProblem(const crypto::PrivateKey &key) const
{
    std::optional<crypto::Certificate> certificate = key.certificate(); // a PKCS#12 bundle's own
    if (!m_config.certificateFile.isEmpty()) {
        auto loaded = crypto::Certificate::loadFile(m_config.certificateFile);
        if (!loaded)
            return FlowError::configuration(kKeyStage, describeKeyProblem(loaded.error()), loaded.error().fix);
        if (!crypto::belongTogether(key, *loaded))
            return FlowError::configuration(
                kKeyStage, u"The private key does not belong to the certificate %1."_s.arg(m_config.certificateFile),
                u"Choose the key made together with this certificate, or upload this key's certificate to the app."_s);
        certificate = std::move(*loaded);
    }
    if (!certificate)
        return std::nullopt;
    if (auto problem = certificate->validityProblem(m_clock.now()))
        return FlowError::configuration(kKeyStage, describeKeyProblem(*problem), problem->fix);
    return std::nullopt;
}

void JwtBearerFlow::askForPassphrase()
{
    m_state = State::AwaitingPassphrase;
    UserPrompt ask;
    ask.kind = UserPrompt::Kind::AskSecret;
    ask.id = QString::fromUtf16(kPassphrasePromptId);
    ask.question = u"The passphrase of %1"_s.arg(m_config.privateKeyFile);
    askWithDeadline(m_clock, LoadKey, u"The key is encrypted: waiting for its passphrase"_s, ask, m_waitTimeoutSeconds,
                    [this] { passphraseWaitEnded(); });
}

void JwtBearerFlow::handleAnswer(const QString &promptId, const QString &value)
{
    if (m_state != State::AwaitingPassphrase || promptId != QStringView(kPassphrasePromptId))
        return;
    stopAskDeadline();
    m_state = State::Idle;
    enterStage(LoadKey, StageState::Running, m_config.privateKeyFile);
    QByteArray passphrase = value.toUtf8();
    loadKey(passphrase);
    wipe(passphrase);
}

void JwtBearerFlow::passphraseWaitEnded()
{
    FlowError e;
    e.kind = FlowError::Kind::Expired;
    e.stage = kKeyStage;
    e.explanation = u"No passphrase for %1 was entered within %2 s."_s.arg(m_config.privateKeyFile).arg(m_waitTimeoutSeconds);
    e.fix = u"Set ECALAB_KEY_PASSPHRASE, answer sooner, or allow longer (%1)."_s.arg(m_waitLimitName);
    end(e);
}

void JwtBearerFlow::signAndSend(const crypto::PrivateKey &key)
{
    enterStage(BuildAssertion);
    const QDateTime now = m_clock.now();
    AssertionPreview preview;
    preview.header = assertionHeader();
    preview.claims = {m_config.clientId, m_config.username, m_config.audience.audience,
                      now.addSecs(m_config.lifetimeSeconds)};
    preview.audienceReason = m_config.audience.reason;
    const auto assertion = signCompactRs256(preview.header, preview.claims.toJson(), key.pkey());
    if (!assertion) {
        end(FlowError::configuration(kStages[BuildAssertion].title.toString(),
                                     u"The assertion could not be signed: %1"_s.arg(assertion.error()),
                                     u"Check the private key with `ecalab keys inspect FILE`."_s));
        return;
    }
    setCheck(u"assertion"_s, preview.toJson(now));
    finishStage(BuildAssertion, StageState::Done, preview.summary(now));

    m_state = State::RequestingToken;
    http().redactor().addKnownSecret({u"assertion"_s, assertion->toUtf8()}); // a credential until exp
    if (!m_config.clientSecret.isEmpty())
        http().redactor().addKnownSecret({u"client_secret"_s, m_config.clientSecret.toUtf8()});
    enterStage(TokenRequest, StageState::Running, m_config.tokenEndpoint.toString());
    m_call = http().send(buildTokenRequest(m_config.tokenEndpoint, *assertion), stageLabel(TokenRequest));
    connect(m_call, &HttpCall::finished, this, &JwtBearerFlow::handleTokenResponse);
}

void JwtBearerFlow::cancel()
{
    if (m_state == State::AwaitingPassphrase) {
        end(FlowError::cancelled(kKeyStage));
        return;
    }
    if (m_state == State::RequestingToken && m_call)
        m_call->abort(); // answers through handleTokenResponse with Failure::Aborted
}

void JwtBearerFlow::handleTokenResponse(const HttpOutcome &outcome)
{
    if (m_state != State::RequestingToken)
        return; // a late answer after the run ended
    m_state = State::Finished;
    TokenCheckInputs inputs;
    inputs.clientSecret = m_config.clientSecret;
    // §5.2: no refresh token, and samples carry no id_token; the §1.5 signature is checked when
    // the profile has the secret and the answer a signature.
    finishTokenRequest(TokenRequest, outcome, {-1, VerifySignature}, inputs);
}

void JwtBearerFlow::end(FlowError error)
{
    stopAskDeadline();
    m_state = State::Finished;
    fail(std::move(error));
}

} // namespace ecalab
