#include "KeyFileChecks.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kGenerateHint = u"`ecalab keys generate --out DIR` (or Generate… on the Keys tab) makes a key and its certificate."_s;

void keyProblem(ProfileField field, const crypto::KeyProblem &problem, FieldProblems &out)
{
    out.append({field, true, describeKeyProblem(problem), problem.fix});
}
} // namespace

QString describeKeyProblem(const crypto::KeyProblem &problem)
{
    if (problem.openSslError.isEmpty())
        return problem.message;
    return u"%1 (OpenSSL: %2)"_s.arg(problem.message, problem.openSslError);
}

namespace checks {

void jwtUsername(const Profile &p, FieldProblems &out)
{
    if (p.username.trimmed().isEmpty())
        out.append({ProfileField::Username, true,
                    u"The JWT bearer flow logs in as a user, and username (the assertion's sub) is empty."_s,
                    u"Enter the Salesforce username the integration runs as, e.g. integration@acme.com."_s});
}

void jwtKeyFiles(const Profile &p, FieldProblems &out)
{
    if (p.privateKeyFile.isEmpty()) {
        out.append({ProfileField::PrivateKeyFile, true,
                    u"The JWT bearer flow signs its assertion with the private key of the certificate uploaded to the "
                    "app, and no private key file is set."_s,
                    u"Choose the key file; "_s + kGenerateHint});
        return;
    }
    auto key = crypto::PrivateKey::loadFile(p.privateKeyFile);
    const bool encrypted = !key && (key.error().kind == crypto::KeyProblem::Kind::PassphraseNeeded);
    if (encrypted)
        out.append({ProfileField::PrivateKeyFile, false,
                    u"The key is encrypted: its passphrase is asked when you run (or read from ECALAB_KEY_PASSPHRASE)."_s, {}});
    else if (!key)
        keyProblem(ProfileField::PrivateKeyFile, key.error(), out);
    else if (auto problem = key->salesforceProblem())
        keyProblem(ProfileField::PrivateKeyFile, *problem, out);
    if (p.certificateFile.isEmpty())
        return;
    auto certificate = crypto::Certificate::loadFile(p.certificateFile);
    if (!certificate) {
        keyProblem(ProfileField::CertificateFile, certificate.error(), out);
        return;
    }
    if (key && !crypto::belongTogether(*key, *certificate))
        out.append({ProfileField::CertificateFile, true,
                    u"The private key does not belong to this certificate: Salesforce checks the signature with the "
                    "certificate uploaded to the app and would refuse the assertion."_s,
                    u"Choose the key made together with this certificate, or upload this key's certificate to the app "
                    "(Edit Settings → OAuth Settings → Enable JWT Bearer Flow)."_s});
}

void jwtAudience(const Profile &p, FieldProblems &out)
{
    if (p.audience.contains(u"/services/oauth2"))
        out.append({ProfileField::Audience, false,
                    u"The audience is an OAuth endpoint; Salesforce expects the login host, not the token URL "
                    "(\"audience validation failed\")."_s,
                    u"Leave it empty to derive it, or use https://login.salesforce.com, https://test.salesforce.com "
                    "or the site URL."_s});
}

void assertionLifetime(const Profile &p, FieldProblems &out)
{
    if (p.assertionLifetimeSeconds > 180)
        out.append({ProfileField::AssertionLifetime, false,
                    u"Salesforce's documentation asks for an exp within 3 minutes of now; %1 s is longer."_s
                        .arg(p.assertionLifetimeSeconds),
                    u"Leave it at 0 (3 minutes) unless you are testing the limit."_s});
}

} // namespace checks

} // namespace ecalab
