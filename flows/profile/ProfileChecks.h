#pragma once

#include "profile/FieldProblem.h"
#include "profile/Profile.h"

#include <optional>

namespace ecalab {

struct FlowError;

// The checks flows compose into their FlowDescriptor::validate: each appends what it finds for
// its field. They are the only profile validation there is; the window shows their results at
// the field and a run turns the first blocking one into its Configuration error.
namespace checks {

enum class LoginHost { Any, MyDomainOnly };
enum class Secret { Optional, Required, RequiredForBasic };

void loginUrl(const Profile &profile, LoginHost host, FieldProblems &out);
void clientId(const Profile &profile, FieldProblems &out);
void clientSecret(const Profile &profile, Secret rule, const QString &flowTitle, FieldProblems &out);
void loopbackCallbackUrl(const Profile &profile, FieldProblems &out); // the flow listens on it (RFC 8252 §7.3)
void scopes(const Profile &profile, FieldProblems &out);
void authorizeOptions(const Profile &profile, FieldProblems &out); // prompt, login hint (§3.1)

// The first blocking problem as the run's Configuration error at `stage`, if there is one.
std::optional<FlowError> firstBlocking(const FieldProblems &problems, const QString &stage);

} // namespace checks
} // namespace ecalab
