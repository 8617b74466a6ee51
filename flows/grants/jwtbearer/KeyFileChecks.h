#pragma once

#include "crypto/KeyMaterial.h"
#include "profile/FieldProblem.h"
#include "profile/Profile.h"

namespace ecalab {

// The JWT bearer flow's own settings checks (§5): the private key and, when the profile names
// it, the certificate uploaded to the app — read from disk, so a wrong file, an EC or short key
// or a key that does not belong to the certificate shows at the field before Run. Time-free:
// the certificate's validity is checked by the run, on the injected clock.
namespace checks {
void jwtUsername(const Profile &profile, FieldProblems &out);
void jwtKeyFiles(const Profile &profile, FieldProblems &out);
void jwtAudience(const Profile &profile, FieldProblems &out);
void assertionLifetime(const Profile &profile, FieldProblems &out);
} // namespace checks

// A key problem as one sentence with OpenSSL's own words kept at the end, for errors and fields.
QString describeKeyProblem(const crypto::KeyProblem &problem);

} // namespace ecalab
